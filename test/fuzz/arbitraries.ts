import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import type { Report } from '../../src/core/model.js';
import type { LintMessage } from '../../src/core/lint/index.js';

export const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Cases per property under `npm run test:fuzz` (WEEKLY_FUZZ_RUNS=10000), or null in `npm test`. */
export const FUZZ_RUNS = Number(process.env.WEEKLY_FUZZ_RUNS) || null;

/** Cases for one property: WEEKLY_FUZZ_RUNS when fuzzing, else its share of `npm test`'s budget (a few seconds in all). */
export function runs(quick: number): number {
  return FUZZ_RUNS ?? quick;
}

/** Test time-out: generous when fuzzing, where a property runs for minutes. */
export const TIMEOUT = FUZZ_RUNS ? 60 * 60_000 : 120_000;

/** fast-check settings: a seed from the environment reproduces a failure (`WEEKLY_FUZZ_SEED=… npm run test:fuzz`). */
export function params(numRuns: number): fc.Parameters<unknown> {
  const seed = process.env.WEEKLY_FUZZ_SEED;
  return { numRuns, ...(seed ? { seed: Number(seed) } : {}) };
}

function mdFiles(dir: string): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir).sort()) {
    const p = path.join(dir, e);
    if (statSync(p).isDirectory()) out.push(...mdFiles(p));
    else if (e.endsWith('.md')) out.push(p);
  }
  return out;
}

/** Real notes to mutate: the reference note, the example team's notes and the parser fixtures. */
export const REAL_NOTES: { file: string; text: string }[] = [
  ...mdFiles(path.join(REPO, 'test', 'fixtures')),
  ...mdFiles(path.join(REPO, 'examples', 'notes')),
].map((f) => ({ file: path.relative(REPO, f).split(path.sep).join('/'), text: readFileSync(f, 'utf8') }));

/** Pieces of weekly notes and of Markdown that parsers trip over. */
export const TOKENS = [
  '#', '# ', '## ', '### ', '###### ', '# 第51周\n', '# 第53周\n', '# 2024-W10\n', '- ', '* ', '+ ', '1. ', '12) ', '    ', '\t', '> ', '>',
  '【', '】', '：', ':', '%', '％', '（', '）', '(', ')', '|', '| 指标 | 本周 |\n| --- | --- |\n', '| a | 9% |\n', '---\n', '---', '===\n',
  '```', '~~~', '<!--', '-->', '<div>', '</div>', '<script>alert(1)</script>', '\0', '\uFEFF', '\r\n', '\r', '\n', '\n\n', '\u2028', '\u0085',
  '99.966%', '99,966%', '99。966%', '9.9.6%', '100.5%', '-3%', '0%', '1e308', '1e999', '9'.repeat(400), '0.' + '0'.repeat(300) + '1', '-0',
  '12/26', '2/30', '13/45', '0/0', '12月16日', '2月30日', '2023年12月16日 08:02', '9999年99月99日', 'Created: ', '创建时间：', 'week: 2024-W10\n',
  'week: 2024-W99\n', 'author: ../../etc\n', 'author: &a [*a]\n', '入金有效成功率：', '事故数AB级0次', '（16/24）', '(0/0)', '（99999999999999999999/1）',
  '上线完成', '测试中', '进度80%', '进度999%', '持续60mins', '持续99999999999小时', '15:36', '25:99', '\uD800', '\uDC00', '\uDBFF\uDFFF', '第', '周',
  '## 【系统运行数据】\n', '## 【重点工作】\n', '### 【生产事件】\n', '## 【O1 服务业务】\n', '## 【O99999999999999999999 x】\n', '## 收获与反思\n',
  '# 下周工作及目标\n', '## 【其他】\n', '<!-- weekly-disable-next-line metric-range -->', '<!-- weekly-disable -->', '<!-- weekly-enable nope -->',
  '[', ']', '`', '**', '_', '\\', '&', '*a', '&a', 'NaN', 'Infinity', '０１２', '９９．９％', '𠀀', '👩‍💻', '\u200b', '\u202e', 'é', 'e\u0301',
];

const token = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...TOKENS) },
  { weight: 2, arbitrary: fc.string({ maxLength: 6 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 4 }) },
);

/** UTF-16 code units one by one: lone surrogate halves included. */
const codeUnit = fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c));

/** Arbitrary strings: any code points, any code units, and Markdown-shaped soup. */
export const anyText = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 400 }),
  fc.string({ unit: codeUnit, maxLength: 400 }),
  fc.array(token, { maxLength: 120 }).map((a) => a.join('')),
);

type Mutation =
  | { kind: 'delete'; at: number; len: number }
  | { kind: 'insert'; at: number; text: string }
  | { kind: 'duplicate'; at: number; len: number }
  | { kind: 'eol'; eol: string; every: number }
  | { kind: 'swapLines'; a: number; b: number }
  | { kind: 'truncate'; at: number };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), len: fc.nat({ max: 400 }) }),
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), text: fc.array(token, { minLength: 1, maxLength: 6 }).map((a) => a.join('')) }),
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), text: fc.constantFrom('\n---\n', '---\n', '\n```\n', '\uFEFF', '\0', '\r', '\r\n\r', '\uD83D', '\uDE00') }),
  fc.record({ kind: fc.constant('duplicate' as const), at: fc.nat(), len: fc.nat({ max: 600 }) }),
  fc.record({ kind: fc.constant('eol' as const), eol: fc.constantFrom('\r\n', '\r', '\n\r', '\u2028'), every: fc.integer({ min: 1, max: 4 }) }),
  fc.record({ kind: fc.constant('swapLines' as const), a: fc.nat(), b: fc.nat() }),
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
);

function applyMutation(text: string, m: Mutation): string {
  const n = text.length;
  switch (m.kind) {
    case 'delete': {
      const at = n ? m.at % n : 0;
      return text.slice(0, at) + text.slice(at + m.len);
    }
    case 'insert': {
      const at = m.at % (n + 1);
      return text.slice(0, at) + m.text + text.slice(at);
    }
    case 'duplicate': {
      const at = n ? m.at % n : 0;
      return text.slice(0, at + m.len) + text.slice(at, at + m.len) + text.slice(at + m.len);
    }
    case 'eol': {
      let i = 0;
      return text.replace(/\r\n|\r|\n/g, (e) => (i++ % m.every === 0 ? m.eol : e));
    }
    case 'swapLines': {
      const lines = text.split('\n');
      const a = m.a % lines.length;
      const b = m.b % lines.length;
      [lines[a], lines[b]] = [lines[b], lines[a]];
      return lines.join('\n');
    }
    case 'truncate':
      return text.slice(0, n ? m.at % n : 0);
  }
}

/** A real note, whole or a run of its lines (short texts parse fast, so more mutations get tried). */
export const realText = fc.oneof(
  { weight: 1, arbitrary: fc.constantFrom(...REAL_NOTES) },
  { weight: 3, arbitrary: fc.record({ note: fc.constantFrom(...REAL_NOTES), from: fc.nat(), count: fc.integer({ min: 1, max: 40 }) }).map(({ note, from, count }) => {
    const lines = note.text.split('\n');
    const start = from % lines.length;
    return { file: note.file, text: lines.slice(start, start + count).join('\n') };
  }) },
);

/** A real note with a few mutations applied. */
export const mutatedNote = fc
  .record({ base: realText, mutations: fc.array(mutation, { minLength: 1, maxLength: 8 }) })
  .map(({ base, mutations }) => ({ file: base.file, text: mutations.reduce(applyMutation, base.text) }));

/** The lines positions count in: as the parser splits them, after a leading BOM. */
export function linesOf(text: string): string[] {
  return (text.charCodeAt(0) === 0xfeff ? text.slice(1) : text).split(/\r\n|\r|\n/);
}

/** Every position in a report or in lint messages that does not lie inside the file, as readable lines. */
export function positionProblems(text: string, report: Report, messages: LintMessage[] = []): string[] {
  const lines = linesOf(text);
  const problems: string[] = [];
  const lineOk = (what: string, line: number | null | undefined) => {
    if (line == null) return true;
    if (!Number.isInteger(line) || line < 1 || line > lines.length) {
      problems.push(`${what}: line ${line} outside 1..${lines.length}`);
      return false;
    }
    return true;
  };
  const colOk = (what: string, line: number, col: number | undefined) => {
    if (col === undefined) return;
    const max = lines[line - 1].length + 1;
    if (!Number.isInteger(col) || col < 1 || col > max) problems.push(`${what}: column ${col} outside 1..${max} on line ${line}`);
  };
  const span = (what: string, p: { line: number; column?: number; endLine?: number; endColumn?: number }) => {
    if (!lineOk(what, p.line)) return;
    colOk(what, p.line, p.column);
    const endLine = p.endLine ?? p.line;
    if (!lineOk(`${what} end`, endLine)) return;
    if (endLine < p.line) problems.push(`${what}: ends at line ${endLine} before it starts at ${p.line}`);
    colOk(`${what} end`, endLine, p.endColumn);
    if (endLine === p.line && p.column !== undefined && p.endColumn !== undefined && p.endColumn < p.column) {
      problems.push(`${what}: endColumn ${p.endColumn} before column ${p.column} on line ${p.line}`);
    }
  };
  if (report.lineCount !== lines.length) problems.push(`lineCount ${report.lineCount}, expected ${lines.length}`);
  lineOk('titleLine', report.titleLine);
  lineOk('createdLine', report.createdLine);
  report.sections.forEach((s, i) => span(`sections[${i}]`, { line: s.line, column: s.column, endLine: s.endLine }));
  report.metrics.forEach((m, i) => {
    span(`metrics[${i}]`, m);
    if (lineOk(`metrics[${i}]`, m.line)) {
      colOk(`metrics[${i}].nameColumn`, m.line, m.nameColumn);
      colOk(`metrics[${i}].ratioColumn`, m.line, m.ratioColumn);
      colOk(`metrics[${i}].ratioEndColumn`, m.line, m.ratioEndColumn);
    }
  });
  report.malformedNumbers.forEach((m, i) => span(`malformedNumbers[${i}]`, m));
  report.workItems.forEach((w, i) => span(`workItems[${i}]`, w));
  report.incidents.forEach((x, i) => span(`incidents[${i}]`, x));
  report.dates.forEach((d, i) => span(`dates[${i}]`, d));
  report.highlights.forEach((h, i) => lineOk(`highlights[${i}]`, h.line));
  report.other.forEach((h, i) => lineOk(`other[${i}]`, h.line));
  report.nextWeek.forEach((h, i) => lineOk(`nextWeek[${i}]`, h.line));
  (report.comments ?? []).forEach((c, i) => span(`comments[${i}]`, c));
  report.diagnostics.forEach((d, i) => span(`diagnostics[${i}] (${d.message})`, d));
  messages.forEach((m, i) => {
    span(`lint[${i}] ${m.ruleId} (${m.message})`, m);
    if (m.fix) {
      // a fix may append at one past the last line
      const f = m.fix;
      const inFile = (l: number, c: number) => (l === lines.length + 1 ? c === 1 : l >= 1 && l <= lines.length && c >= 1 && c <= lines[l - 1].length + 1);
      if (!inFile(f.line, f.column) || !inFile(f.endLine, f.endColumn)) problems.push(`lint[${i}] ${m.ruleId}: fix ${f.line}:${f.column}-${f.endLine}:${f.endColumn} outside the file`);
    }
  });
  return problems;
}
