/**
 * The examples in docs/rules/<id>.md run as tests, so a rule's docs cannot drift from what the rule does
 * (ESLint checks its `::: incorrect` / `::: correct` examples; remark-lint runs each readme's `In` against its `Out`).
 *
 * How a doc marks its examples, by the info string of a fenced block:
 *
 * - ```` ```markdown invalid ````: a note that breaks the rule, linted exactly as written: there is no hidden note
 *   around it, so `line:column` count within the block as the reader sees it. It may be just the part of a note
 *   the rule reads (a section without a title); only this rule's problems count, other rules' are not shown.
 * - ```` ```text output ````, right after an invalid example: exactly this rule's problems of it, one
 *   `line:column: message` a line, as the tables in test/rules/*.test.ts write them.
 * - ```` ```markdown valid ````: a note that gives no problem of this rule.
 * - ```` ```yaml config ````, right before an example: the weekly.config.yaml it is linted with (that example
 *   only); without one, the default config.
 * - `<!-- file: zhang/2023/第12周.md -->` lines split an example into several notes, linted together (for
 *   the rules across notes); each note is the lines up to the next marker, trailing blank lines dropped, and
 *   each output line then starts with the note's path: `zhang/2023/第12周.md 1:1: message`. The notes folder
 *   is `.`. An example without markers is one note named `note.md` (a name that names no week or author).
 *
 * The labels say valid/invalid, not ESLint's correct/incorrect: the docs' `## Valid` / `## Invalid` headings and
 * the `valid` / `invalid` of the rule tables say so. A `markdown` or `text` block without a label is a problem
 * (an example no test would run); other unlabelled blocks (the `yaml` of an option) are prose.
 * `docs/rules/parser.md` holds the parser's own problems (rule id `parser`).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import type { Code, Nodes } from 'mdast';
import { parse as parseYaml } from 'yaml';
import { validateConfig, type Config } from '../src/core/config.js';
import { lintReports, ruleConfigProblems } from '../src/core/lint/index.js';
import { harmonizeWeeks, parseNote } from '../src/core/parse/index.js';
import { parseOptionsOf } from '../src/core/parse/options.js';
import { RULES } from '../src/rules/index.js';

const DOCS = new URL('../docs/rules/', import.meta.url);
const DEFAULT_FILE = 'note.md';
const LABELS = { invalid: 'markdown', valid: 'markdown', output: 'text', config: 'yaml' } as const;
type Label = keyof typeof LABELS;
const FILE_MARKER = /^<!-- file: (\S+) -->$/;

/** One example of a rule doc, ready to lint. */
interface Example {
  kind: 'invalid' | 'valid';
  /** Line of its opening fence in the doc. */
  line: number;
  /** Notes by path, in the order written. */
  files: [string, string][];
  /** Whether the example names its notes with file markers (its output lines then start with the path). */
  named: boolean;
  config: Config;
  /** The documented output of an invalid example. */
  output: string[];
}

function codeBlocks(doc: string): Code[] {
  const out: Code[] = [];
  const walk = (node: Nodes) => {
    if (node.type === 'code') out.push(node);
    if ('children' in node) for (const child of node.children) walk(child as Nodes);
  };
  walk(unified().use(remarkParse).parse(doc));
  return out;
}

function splitFiles(text: string, at: number, problems: string[]): Pick<Example, 'files' | 'named'> {
  const lines = text.split('\n');
  if (!lines.some((l) => FILE_MARKER.test(l))) return { files: [[DEFAULT_FILE, text]], named: false };
  if (!FILE_MARKER.test(lines[0])) problems.push(`${at}: text before the first \`<!-- file: … -->\` marker`);
  const files: [string, string[]][] = [];
  for (const l of lines) {
    const m = FILE_MARKER.exec(l);
    if (m) {
      if (files.some(([p]) => p === m[1])) problems.push(`${at}: file \`${m[1]}\` twice`);
      files.push([m[1], []]);
    } else files[files.length - 1]?.[1].push(l);
  }
  return { files: files.map(([p, t]) => [p, t.join('\n').replace(/\n+$/, '')]), named: true };
}

/**
 * The examples of a rule doc, and what is wrong with their shape: a label that is not one of ours, a block
 * of the wrong language, an invalid example without its output (or an empty one), an output or a config
 * that belongs to no example, a config the config loader refuses, a doc without an invalid and a valid example.
 */
function readExamples(doc: string): { examples: Example[]; problems: string[] } {
  const examples: Example[] = [];
  const problems: string[] = [];
  let config: { config: Config; line: number } | null = null;
  let awaitingOutput: Example | null = null;
  for (const block of codeBlocks(doc)) {
    const label = block.meta?.trim();
    const line = block.position!.start.line;
    if (!label) {
      if (block.lang === 'markdown' || block.lang === 'text') problems.push(`${line}: \`${block.lang}\` block without a label, expected \`${block.lang} ${block.lang === 'text' ? 'output' : 'valid'}\` or the like`);
      continue;
    }
    if (!(label in LABELS)) {
      problems.push(`${line}: unknown label \`${label}\`, expected one of ${Object.keys(LABELS).join(', ')}`);
      continue;
    }
    if (block.lang !== LABELS[label as Label]) problems.push(`${line}: \`${label}\` block in \`${block.lang}\`, expected \`${LABELS[label as Label]}\``);
    if (awaitingOutput && label !== 'output') {
      problems.push(`${awaitingOutput.line}: invalid example without an output block after it`);
      awaitingOutput = null;
    }
    if (label === 'config') {
      if (config) problems.push(`${config.line}: config block followed by no example`);
      let data: unknown;
      try {
        data = parseYaml(block.value, { schema: 'core' });
      } catch (err) {
        problems.push(`${line}: not valid YAML: ${(err as Error).message.split('\n')[0]}`);
      }
      const v = validateConfig(data);
      // what the config loader and lint would refuse: `weekly lint` would exit 2 on it
      for (const p of v.ok ? ruleConfigProblems(v.config) : v.problems) problems.push(`${line}: ${p}`);
      config = { config: v.ok ? v.config : {}, line };
    } else if (label === 'output') {
      if (!awaitingOutput) problems.push(`${line}: output block after no invalid example`);
      else if (!block.value.trim()) problems.push(`${line}: empty output: an invalid example gives at least one problem`);
      else awaitingOutput.output = block.value.split('\n');
      awaitingOutput = null;
    } else {
      const example: Example = { kind: label as Example['kind'], line, ...splitFiles(block.value, line, problems), config: config?.config ?? {}, output: [] };
      examples.push(example);
      config = null;
      if (example.kind === 'invalid') awaitingOutput = example;
    }
  }
  if (awaitingOutput) problems.push(`${awaitingOutput.line}: invalid example without an output block after it`);
  if (config) problems.push(`${config.line}: config block followed by no example`);
  for (const kind of ['invalid', 'valid'] as const) {
    if (!examples.some((e) => e.kind === kind)) problems.push(`no \`markdown ${kind}\` example`);
  }
  return { examples, problems };
}

/** Lint an example as `weekly lint` does (parse with the config's options, settle week numbering, lint together). */
function lintExample(example: Example, ruleId: string): string[] {
  const options = parseOptionsOf(example.config);
  const reports = example.files.map(([file, text]) => parseNote(text, file, options));
  if (options.weekNumbering === 'auto') harmonizeWeeks(reports);
  return lintReports(reports, example.config, { root: '.' }).flatMap((r) =>
    r.messages.filter((m) => m.ruleId === ruleId).map((m) => `${example.named ? `${r.filePath} ` : ''}${m.line}:${m.column}: ${m.message}`),
  );
}

const docs = readdirSync(DOCS).filter((f) => f.endsWith('.md')).sort();

describe('docs/rules', () => {
  it('has one doc per registered rule, and the parser\'s', () => {
    expect(docs).toEqual([...RULES.map((r) => `${r.id}.md`), 'parser.md'].sort());
  });

  it.each(RULES)('$id: the doc states the registry\'s default severity and fix', (rule) => {
    const doc = readFileSync(new URL(`${rule.id}.md`, DOCS), 'utf8');
    expect(doc).toContain(`Default severity: **${rule.severity}**. Fixable with \`--fix\`: **${rule.fixable ? 'yes' : 'no'}**.`);
  });
});

for (const file of docs) {
  const ruleId = file.replace(/\.md$/, '');
  const doc = readFileSync(new URL(file, DOCS), 'utf8');
  const { examples, problems } = readExamples(doc);
  describe(`docs/rules/${file}`, () => {
    it('has an invalid example with its output and a valid example, in the shape the test reads', () => {
      expect(problems).toEqual([]);
    });
    for (const example of examples) {
      it(`${example.kind} example at line ${example.line}`, () => {
        expect(lintExample(example, ruleId)).toEqual(example.kind === 'invalid' ? example.output : []);
      });
    }
  });
}

describe('reading the examples of a doc', () => {
  const fence = (info: string, body: string) => `\`\`\`${info}\n${body}\n\`\`\`\n`;
  const one = (body: string) => `# \`x\`\n\n${body}`;

  it('reads an invalid example with its output, a config for the next example only, and a valid one', () => {
    const doc = one(
      [
        fence('markdown invalid', '## 【系统运行数据】\n\n- 入金有效成功率：100.4%'),
        fence('text output', '3:11: a\n4:1: b'),
        fence('yaml config', 'rules:\n  metric-range: warn'),
        fence('markdown valid', '# 第51周'),
        fence('markdown valid', '# 第52周'),
        fence('yaml', 'not: an example'),
      ].join('\n'),
    );
    const { examples, problems } = readExamples(doc);
    expect(problems).toEqual([]);
    expect(examples).toEqual([
      { kind: 'invalid', line: 3, files: [['note.md', '## 【系统运行数据】\n\n- 入金有效成功率：100.4%']], named: false, config: {}, output: ['3:11: a', '4:1: b'] },
      { kind: 'valid', line: 19, files: [['note.md', '# 第51周']], named: false, config: { rules: { 'metric-range': 'warn' } }, output: [] },
      { kind: 'valid', line: 23, files: [['note.md', '# 第52周']], named: false, config: {}, output: [] },
    ]);
  });

  it('splits an example at its file markers, dropping the blank lines between notes', () => {
    const body = '<!-- file: a/2023/第1周.md -->\n# 第1周\n\n<!-- file: a/2023/第3周.md -->\n# 第3周\n\nCreated: 2023-01-16';
    const { examples } = readExamples(one(fence('markdown invalid', body) + '\n' + fence('text output', 'x') + '\n' + fence('markdown valid', '# 第1周')));
    expect(examples[0].files).toEqual([
      ['a/2023/第1周.md', '# 第1周'],
      ['a/2023/第3周.md', '# 第3周\n\nCreated: 2023-01-16'],
    ]);
    expect(examples[0].named).toBe(true);
  });

  it('names what is wrong with the shape of the examples', () => {
    expect(readExamples('# `x`\n\nNo examples.\n').problems).toEqual(['no `markdown invalid` example', 'no `markdown valid` example']);
    const doc = one(
      [
        fence('markdown invalid', '# 第1周'),
        fence('markdown valid', '# 第1周'),
        fence('text output', '1:1: x'),
        fence('markdown incorect', '# 第1周'),
        fence('text invalid', '# 第1周'),
        fence('text output', ''),
        fence('yaml config', 'rules:\n  metric-rang: off'),
        fence('markdown valid', 'intro\n<!-- file: a.md -->\n# 第1周\n<!-- file: a.md -->'),
        fence('yaml config', 'weekNumbering: sometimes'),
        fence('markdown', '# 第1周'),
        fence('yaml config', 'rules: [off'),
        fence('markdown valid', '# 第1周'),
      ].join('\n'),
    );
    expect(readExamples(doc).problems).toEqual([
      '3: invalid example without an output block after it',
      '11: output block after no invalid example',
      '15: unknown label `incorect`, expected one of invalid, valid, output, config',
      '19: `invalid` block in `text`, expected `markdown`',
      '23: empty output: an invalid example gives at least one problem',
      `27: unknown rule \`rules.metric-rang\`, expected one of ${RULES.map((r) => `\`${r.id}\``).join(', ')}`,
      '32: text before the first `<!-- file: … -->` marker',
      '32: file `a.md` twice',
      '39: `weekNumbering`: Invalid option: expected one of "auto"|"iso"|"jan1"',
      '43: `markdown` block without a label, expected `markdown valid` or the like',
      '39: config block followed by no example',
      '47: not valid YAML: Flow sequence in block collection must be sufficiently indented and end with a ] at line 1, column 12:',
    ]);
  });

  it('lints an example as weekly lint does, with the paths of its notes when it names them', () => {
    const example = readExamples(
      one(
        fence('markdown invalid', '<!-- file: zhang/2023/第12周.md -->\n# 第12周\n\n<!-- file: zhang/2023/第14周.md -->\n# 第14周') +
          '\n' +
          fence('text output', 'x') +
          '\n' +
          fence('markdown valid', '# 周报'),
      ),
    ).examples;
    expect(lintExample(example[0], 'missing-week')).toEqual([
      'zhang/2023/第14周.md 1:1: Unexpected gap before week 14 of 2023 of `zhang`: no note for week 13 of 2023, expected one note per week',
    ]);
    expect(lintExample(example[1], 'title-week')).toEqual([
      '1:1: Unexpected title `周报` that names no week, expected a title such as `# 第51周` or frontmatter `week: 2024-W10`',
    ]);
  });
});
