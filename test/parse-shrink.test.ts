import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { scanBlocks, shrinkForBlocks } from '../src/core/parse/blocks.js';
import { genNotes, REPO, tempDir } from './build-helpers.js';

// scanBlocks reads a text whose prose lines are cut short (shrinkForBlocks); the block structure must be
// exactly that of the whole text, which test/parse-blocks.test.ts ties to remark's syntax tree.
const same = (text: string) => expect(scanBlocks(text)).toEqual(scanBlocks(text, { shrink: false }));

const long = '这是一段很长的中文段落，用来确认被截短之后块结构不变。';

const EDGE: Record<string, string> = {
  'setext heading under prose': `${long}\n===\n\n${long}\n---\n`,
  'thematic break after prose': `${long}\n\n---\n\n- - -\n${long}\n`,
  'lazy continuation of a quote and a list': `> ${long}\n${long}\n# 标题\n\n- ${long}\n${long}\n    ${long}\n`,
  'table with a head row without pipes': `${long}\n| --- |\n| a |\n\n标题行很长很长很长\n:--\n`,
  'table body rows without pipes': `| a | b |\n| - | - |\n${long}\n${long}\n\n${long}\n`,
  'html block with prose inside': `<div>\n${long}\n${long} -->\n</div>\n\n<!--\n${long}\n${long} -->\n# after\n`,
  'unclosed html comment': `<!-- ${long}\n${long}\n# 不是标题\n`,
  'fenced code with prose inside': `\`\`\`\n${long}\n# not a heading\n\`\`\`\n\n~~~md\n${long}\n~~~\n`,
  'indented code and list continuation': `    ${long}\n\n- ${long}\n\n      ${long}\n    ## 列表中的标题\n`,
  'nested lists and ordered items': `1. ${long}\n   2) ${long}\n      - ${long}\n        ${long}\n10. ${long}\n`,
  'frontmatter with long values': `---\ntitle: ${long}\nweek: 2024-W10\n---\n# 第10周\n`,
  'link definitions over lines': `[a]: /url '${long}\n${long}'\n===\n\n[b\n${long}]: /x\n`,
  'tabs and odd spaces': `-\t${long}\n\t${long}\n\u00a0${long}\n\u3000\u3000${long}\n`,
  'CRLF and CR line endings': `# 标题\r\n\r\n${long}\r\n===\r${long}\r\n`,
  'letters and digits at the start': `Some English prose that runs on\nand on\n2023年12月16日 ${long}\n1.5% ${long}\n`,
  'headings in quotes and lists': `> ## ${long}\n> ${long}\n\n- # ${long}\n  ${long}\n`,
};

describe('shrinkForBlocks keeps the block structure', () => {
  it.each(Object.entries(EDGE))('%s', (_name, text) => same(text));

  it('cuts prose lines and keeps the line count', () => {
    const text = `# 第1周\n\n- ${long}\n    ${long}\n| a |\n<b>${long}</b>\n`;
    const cut = shrinkForBlocks(text);
    expect(cut.split('\n')).toEqual(['# 第1周', '', '- x', '    x', '| a |', `<b>${long}</b>`, '']);
  });

  it('examples and fixtures', () => {
    const files = [
      ...readdirSync(path.join(REPO, 'examples/notes'), { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.md')).map((f) => path.join(REPO, 'examples/notes', f)),
      ...readdirSync(path.join(REPO, 'test/fixtures')).filter((f) => f.endsWith('.md')).map((f) => path.join(REPO, 'test/fixtures', f)),
    ];
    expect(files.length).toBeGreaterThan(5);
    for (const f of files) same(readFileSync(f, 'utf8'));
  });

  it('a generated corpus with planted defects', async () => {
    const out = await tempDir('weekly-shrink-');
    genNotes(out, 3, 30, 11, 0.5);
    const files = readdirSync(out, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.md'));
    // 90 weeks, with three left out and three written twice (planted missing and duplicate weeks)
    expect(files.length).toBe(90);
    for (const f of files) same(readFileSync(path.join(out, f), 'utf8'));
  });
});
