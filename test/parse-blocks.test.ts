import { describe, expect, it } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkFrontmatter from 'remark-frontmatter';
import remarkGfm from 'remark-gfm';
import type { Nodes, Root } from 'mdast';
import { scanBlocks } from '../src/core/parse/blocks.js';

const remark = unified().use(remarkParse).use(remarkFrontmatter, ['yaml']).use(remarkGfm);

/** The same structure, read off remark's syntax tree: the oracle scanBlocks must agree with. */
function fromRemark(text: string) {
  const root = remark.parse(text) as Root;
  const headings: { level: number; line: number; endLine: number }[] = [];
  const skip = new Set<number>();
  const tables: { line: number; endLine: number }[] = [];
  const html: { line: number; endLine: number }[] = [];
  let frontmatter: { line: number; endLine: number } | null = null;
  const stack: Nodes[] = [root];
  while (stack.length) {
    const n = stack.pop()!;
    const p = n.position!;
    if (n.type === 'heading') headings.push({ level: n.depth, line: p.start.line, endLine: p.end.line });
    if (n.type === 'code' || n.type === 'html' || n.type === 'yaml') for (let l = p.start.line; l <= p.end.line; l++) skip.add(l);
    if (n.type === 'html') html.push({ line: p.start.line, endLine: p.end.line });
    if (n.type === 'yaml') frontmatter = { line: p.start.line, endLine: p.end.line };
    if (n.type === 'table') tables.push({ line: p.start.line, endLine: p.end.line });
    // inline HTML lives in paragraphs and headings; scanBlocks reads flow-level HTML only
    if ('children' in n && n.type !== 'paragraph' && n.type !== 'heading' && n.type !== 'tableCell') stack.push(...(n.children as Nodes[]));
  }
  const by = (a: { line: number }, b: { line: number }) => a.line - b.line;
  return { headings: headings.sort(by), skip, tables: tables.sort(by), html: html.sort(by), frontmatter };
}

const root = fileURLToPath(new URL('..', import.meta.url));
const notes = [
  ...readdirSync(path.join(root, 'examples/notes'), { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.md')).map((f) => path.join('examples/notes', f)),
  ...readdirSync(path.join(root, 'test/fixtures')).filter((f) => f.endsWith('.md')).map((f) => path.join('test/fixtures', f)),
];

const SNIPPETS: Record<string, string> = {
  'fenced and indented code': '# a\n\n```md\n# not a heading\n```\n\n    indented code\n\n~~~\n## nor this\n~~~\n',
  'html blocks and comments': '<div>\n# x\n</div>\n\n<!-- weekly-disable metric-range -->\n\n## 其他\n',
  'setext headings': 'Title\n=====\n\nSub\n---\n\ntext\n',
  'headings in lists and quotes': '- item\n  ## in a list\n\n> ### in a quote\n',
  'code inside a list item': '- item\n\n      code in list\n',
  'tables': '| 指标 | 本周 |\n| --- | --- |\n| a | 1 |\n\n- | x | y |\n  | - | - |\n',
  frontmatter: '---\nweek: 2024-W10\n---\n# 第10周\n',
  'unclosed frontmatter and fences': '---\nweek: 1\n# x\n\n```\nnever closed\n',
  'CRLF': '# 第1周\r\n\r\n## 其他\r\n\r\n```\r\n# no\r\n```\r\n',
  'lazy continuation': '> # q\nlazy\n\n- a\nlazy\n# h\n',
};

describe('scanBlocks agrees with remark\'s syntax tree', () => {
  it.each(notes)('%s', (file) => {
    const text = readFileSync(path.join(root, file), 'utf8');
    expect(scanBlocks(text)).toEqual(fromRemark(text));
  });

  it.each(Object.entries(SNIPPETS))('%s', (_name, text) => {
    expect(scanBlocks(text)).toEqual(fromRemark(text));
  });
});
