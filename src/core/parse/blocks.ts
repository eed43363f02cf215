import { parse, preprocess } from 'micromark';
import { frontmatter } from 'micromark-extension-frontmatter';
import { gfmTable } from 'micromark-extension-gfm-table';
import type { Event, TokenizeContext } from 'micromark-util-types';

/** A heading found in the note. */
export interface BlockHeading {
  level: number;
  line: number;
  endLine: number;
}

/** The block structure `weekly` needs from Markdown: headings, and lines that are code, HTML, frontmatter or tables. */
export interface Blocks {
  headings: BlockHeading[];
  /** Code, HTML and frontmatter lines: never report text. */
  skip: Set<number>;
  tables: { line: number; endLine: number }[];
  /** HTML blocks, where lint control comments live. */
  html: { line: number; endLine: number }[];
  frontmatter: { line: number; endLine: number } | null;
}

// one parser for every note: building it merges all the construct tables again (3% of a parse); between
// notes only its per-document state, the definitions and lazy lines seen, is reset (micromark is pinned to 4.0.x)
const parser = parse({ extensions: [frontmatter(['yaml']), gfmTable()] });

// a line's containers (indentation, quote and list markers), kept as written
const CONTAINER_PREFIX = /^[ \t]*(?:(?:>|[-*+]|\d{1,9}[.)])(?:[ \t]+|$))*/;
// lines with these are kept whole: table rows and delimiters (`|`), HTML starts and ends (`<`, `>`)
const KEEP_LINE = /[|<>]/;

/**
 * The text with every line that can only be paragraph text cut to its containers and one letter. Block
 * structure is decided by how a line starts (and whether it is blank), except for tables, HTML and link
 * definitions, whose lines are kept; micromark's time grows with the characters it reads, and weekly notes
 * are mostly long lines of prose. Line numbers are unchanged. Checked against the uncut text in
 * test/parse-shrink.test.ts.
 */
export function shrinkForBlocks(text: string): string {
  // a definition's title can run over lines and hold anything: leave such notes as they are
  if (text.includes(']:')) return text;
  const lines = text.split(/\r\n|\r|\n/);
  let changed = false;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (line.length < 8) continue;
    const p = CONTAINER_PREFIX.exec(line)![0].length;
    const c = line.charCodeAt(p);
    // only a letter or a non-ASCII character (CJK) surely starts paragraph text, whatever follows it
    if (!(c >= 0x80 || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a)) || p + 1 >= line.length || KEEP_LINE.test(line)) continue;
    lines[i] = `${line.slice(0, p)}x`;
    changed = true;
  }
  return changed ? lines.join('\n') : text;
}

/**
 * Scan the block structure with micromark (the tokenizer under remark-parse), stopping at the flow level: the
 * inline pass and the syntax tree, which `weekly` never reads, are most of remark's time. The result equals
 * what the remark syntax tree gives (checked in test/parse-blocks.test.ts). `shrink: false` scans the text as
 * it is, without `shrinkForBlocks`.
 */
export function scanBlocks(input: string, opts: { shrink?: boolean } = {}): Blocks {
  // offsets below are into the text micromark read
  const text = opts.shrink === false ? input : shrinkForBlocks(input);
  parser.defined = [];
  parser.lazy = {};
  const events = parser.document().write(preprocess()(text, undefined, true));
  const out: Blocks = { headings: [], skip: new Set(), tables: [], html: [], frontmatter: null };
  const seen = new Set<TokenizeContext>();
  for (const [kind, token] of events) {
    const flow = token._tokenizer;
    if (kind !== 'enter' || token.type !== 'chunkFlow' || !flow || seen.has(flow)) continue;
    seen.add(flow);
    readFlow(flow.events, text, out);
  }
  out.headings.sort((a, b) => a.line - b.line);
  out.tables.sort((a, b) => a.line - b.line);
  out.html.sort((a, b) => a.line - b.line);
  return out;
}

function readFlow(fe: Event[], text: string, out: Blocks): void {
  for (let i = 0; i < fe.length; i++) {
    const [k, t] = fe[i];
    if (k !== 'enter') continue;
    switch (t.type as string) {
      case 'atxHeading':
      case 'setextHeading': {
        let level = t.type === 'atxHeading' ? 1 : 2;
        for (let j = i + 1; j < fe.length && fe[j][1] !== t; j++) {
          const s = fe[j][1];
          if (fe[j][0] !== 'enter') continue;
          if (s.type === 'atxHeadingSequence') {
            level = s.end.offset - s.start.offset;
            break;
          }
          if (s.type === 'setextHeadingLineSequence') {
            level = text[s.start.offset] === '=' ? 1 : 2;
            break;
          }
        }
        out.headings.push({ level, line: t.start.line, endLine: t.end.line });
        break;
      }
      case 'codeFenced':
      case 'codeIndented':
      case 'htmlFlow':
      case 'yaml':
        for (let l = t.start.line; l <= t.end.line; l++) out.skip.add(l);
        if (t.type === 'htmlFlow') out.html.push({ line: t.start.line, endLine: t.end.line });
        if ((t.type as string) === 'yaml' && t.start.line === 1) out.frontmatter = { line: t.start.line, endLine: t.end.line };
        break;
      case 'table':
        out.tables.push({ line: t.start.line, endLine: t.end.line });
        break;
      default:
        break;
    }
  }
}
