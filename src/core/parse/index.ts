import { parse as parseYaml } from 'yaml';
import type { Diagnostic, Report, Section, WeekNumbering } from '../model.js';
import { parseIsoDate } from '../dates.js';
import { sectionKind, type NamedSectionId } from '../sections.js';
import { AUTHOR_KEYS } from '../vocabulary.js';
import { scanBlocks } from './blocks.js';
import { sectionRecogniser, DEFAULT_SECTION_NAMES, headingCore, type Recognised } from './sections.js';
import { readLineMetrics } from './metrics.js';
import { findDates, isNoIncident, parseWeekName } from './fields.js';
import { bodyText, isNoUpdate, lineContent, type SectionBody } from './readers.js';
import { readTableMetrics } from './tables.js';
import { dateNote, noteLanguage } from './dating.js';
import { readWhen, type DateOrder } from './when.js';

/** Options of the parser. */
export interface ParseOptions {
  /** Week numbering: a convention, or `auto` to take the one the note's own date agrees with. */
  weekNumbering?: WeekNumbering | 'auto';
  /** Section names and aliases in force. */
  sectionNames?: Record<NamedSectionId, string[]>;
  /** How to read a date of three numbers whose order the text does not settle (`05/11/2018`); default: by the note's language, then its series. */
  dateOrder?: DateOrder | 'auto';
}

/** Lines read of one note: a longer note is read up to here and reported (a million list items exhaust the heap). */
export const MAX_LINES = 20000;


function diag(file: string, line: number, column: number, endColumn: number, message: string, severity: 'error' | 'warn' = 'error'): Diagnostic {
  return { ruleId: 'parser', severity, message, file, line, column, endLine: line, endColumn };
}

function emptyReport(file: string, lineCount: number): Report {
  return {
    file,
    title: null,
    titleLine: null,
    week: null,
    weekSource: null,
    weekNumbering: null,
    created: null,
    createdLine: null,
    author: null,
    properties: {},
    sections: [],
    metrics: [],
    malformedNumbers: [],
    workItems: [],
    incidents: [],
    dates: [],
    highlights: [],
    other: [],
    reflection: null,
    nextWeek: [],
    lineCount,
    diagnostics: [],
  };
}

/** The title a file name gives: Notion's 32-hex suffix and the extension removed. */
export function fileTitle(file: string): string {
  const base = file.split(/[\\/]/).pop() ?? file;
  return base.replace(/\.(md|markdown|txt)$/i, '').replace(/\s+[0-9a-f]{32}$/i, '').trim();
}

/**
 * Parse one weekly note into its report model. Never throws on note content: what cannot be read
 * becomes a positioned diagnostic in `diagnostics`.
 */
export function parseNote(text: string, file: string, options: ParseOptions = {}): Report {
  // a BOM that reached here (a caller that decoded by hand) would hide the title heading
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  let lines = text.split(/\r\n|\r|\n/);
  const report = emptyReport(file, lines.length);
  if (lines.length > MAX_LINES) {
    report.diagnostics.push(diag(file, MAX_LINES + 1, 1, 1, `Unexpected note of ${lines.length} lines, expected at most ${MAX_LINES}; lines ${MAX_LINES + 1} to ${lines.length} were not read`));
    lines = lines.slice(0, MAX_LINES);
    text = lines.join('\n');
  }
  try {
    fillReport(report, text, lines, options);
  } catch (err) {
    // Markdown this deep or odd can exhaust the stack of the Markdown parser; the note still gets a model.
    const reason = err instanceof RangeError ? 'the Markdown structure is too deeply nested to read' : `could not read the Markdown structure (${(err as Error).message})`;
    report.diagnostics.push(diag(file, 1, 1, 1, `Unexpected failure: ${reason}`));
  }
  return report;
}

interface Heading {
  level: number;
  line: number;
  endLine: number;
  title: string;
  /** A heading that is not Markdown: a bold line, or a plain line in a note without Markdown headings. */
  style?: 'bold' | 'plain';
}

/** Containers (lists, quotes) deeper than this on one line are not handed to the Markdown parser. */
export const MAX_LINE_NESTING = 64;
const CONTAINERS = /^(?:[ \t]*(?:>|(?:[-*+]|\d{1,9}[.)])(?=[ \t]|$))[ \t]*)+/;

/**
 * The Markdown parser's time grows with the square of container depth (5,000 nested lists take minutes);
 * such lines carry no report content, so they are blanked for parsing and reported.
 */
function guardNesting(text: string, lines: string[], file: string, diagnostics: Diagnostic[]): string {
  let changed = false;
  let guarded = 0;
  const out = lines.slice();
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (line.length < MAX_LINE_NESTING) continue;
    const m = CONTAINERS.exec(line);
    const depth = m ? (m[0].match(/[-*+>]|\d{1,9}[.)]/g) ?? []).length : 0;
    const indent = /^[ \t]*/.exec(line)![0].length;
    if (depth <= MAX_LINE_NESTING && indent <= MAX_LINE_NESTING * 4) continue;
    out[i] = '';
    changed = true;
    if (guarded++ > 0) continue;
    diagnostics.push(diag(file, i + 1, 1, Math.min(line.length, 200) + 1, depth > MAX_LINE_NESTING
      ? `Unexpected ${depth} nested lists or quotes on one line, expected at most ${MAX_LINE_NESTING}; the line was not read`
      : `Unexpected indentation of ${indent} characters, expected at most ${MAX_LINE_NESTING * 4}; the line was not read`, 'warn'));
  }
  if (guarded > 1) diagnostics[diagnostics.length - 1].message += ` (nor were ${guarded - 1} more such lines)`;
  return changed ? out.join('\n') : text;
}

// a line that is only bold text (`**本周工作**`, `__Progress:__`): a heading in notes that do not use `#`
const BOLD_LINE = /^\s{0,3}(\*\*|__)(?!\s)(.{1,40}?)\1\s*[:：]?\s*$/;
// a plain line that may be a heading: short, not a sentence, not a table row
const PLAIN_LINE = /^\s{0,3}(?:(?:[-*+]|\d{1,2}[.)])\s+)?([^|]{1,30}?)\s*$/;

/**
 * Headings that are not Markdown: bold lines naming a section, and in a note without Markdown section headings,
 * plain lines naming one (`1.本周完成的工作`, `下周计划：`). Only names the recogniser knows make such a heading, not
 * a head word alone: a bold phrase or a numbered line of another text is body text.
 */
function plainHeadings(lines: string[], skip: Set<number>, tableLines: Set<number>, markdown: Heading[], recognise: (t: string, opts?: { heads?: boolean }) => { id: string } | null): Heading[] {
  const out: Heading[] = [];
  const plainMode = markdown.length <= 1;
  for (let i = 0; i < lines.length; i++) {
    const l = i + 1;
    if (skip.has(l) || tableLines.has(l)) continue;
    const line = lines[i];
    if (!line.trim() || line.length > 60) continue;
    const bold = BOLD_LINE.exec(line);
    if (bold) {
      const title = line.trim();
      if (recognise(title, { heads: false })) out.push({ level: 2, line: l, endLine: l, title, style: 'bold' });
      continue;
    }
    if (!plainMode) continue;
    const m = PLAIN_LINE.exec(line);
    if (!m || /[，。；,;!?！？]/.test(headingCore(m[1]).core)) continue;
    // the line as written, less a list marker: `1.本周完成的工作`, `一、本周工作`, `本周工作：`
    const title = line.trim().replace(/^[-*+]\s+/, '');
    if (recognise(title, { heads: false })) out.push({ level: 2, line: l, endLine: l, title, style: 'plain' });
  }
  return out;
}

function fillReport(report: Report, text: string, lines: string[], options: ParseOptions): void {
  const file = report.file;
  const recognise = sectionRecogniser(options.sectionNames ?? DEFAULT_SECTION_NAMES);
  const blocks = scanBlocks(guardNesting(text, lines, file, report.diagnostics));
  // lines that hold code, HTML or frontmatter are never read as report text
  const skip = blocks.skip;
  const headings: Heading[] = [];
  for (const h of blocks.headings) {
    headings.push({ level: h.level, line: h.line, endLine: h.endLine, title: headingText(lines, h.line, h.endLine) });
    for (let l = h.line; l <= h.endLine; l++) skip.add(l);
  }
  const tableLines = new Set<number>();
  for (const t of blocks.tables) for (let l = t.line; l <= t.endLine; l++) tableLines.add(l);
  for (const h of plainHeadings(lines, skip, tableLines, headings, recognise)) {
    headings.push(h);
    skip.add(h.line);
  }
  for (const h of blocks.html) {
    const value = lines.slice(h.line - 1, h.endLine).join('\n');
    if (value.includes('<!--')) (report.comments ??= []).push({ text: value, line: h.line, endLine: h.endLine });
  }
  let frontmatter: Record<string, unknown> | null = null;
  let fmEnd = 0;
  if (blocks.frontmatter) {
    fmEnd = blocks.frontmatter.endLine;
    frontmatter = readFrontmatter(lines, fmEnd, file, report.diagnostics);
  }
  headings.sort((a, b) => a.line - b.line);
  if (lines[0]?.trim() === '---' && fmEnd === 0) {
    report.diagnostics.push(diag(file, 1, 1, 4, 'Unexpected frontmatter fence `---` that is never closed, expected a closing `---` line'));
  }

  // title: the first heading that is not a section, preferring one that names a week
  const candidates = headings.filter((h) => !h.style && !recognise(h.title));
  const firstSectionLine = headings.find((x) => recognise(x.title))?.line ?? Infinity;
  let titleHeading: Heading | null =
    candidates.find((h) => parseWeekName(h.title) && h.line <= firstSectionLine) ??
    candidates.find((h) => h.level === 1 && h.line <= firstSectionLine) ??
    // a first heading that names a date or a range (`## 2024-03-15`, `## 第12周（2024.3.18-2024.3.24）`)
    candidates.find((h) => h === headings[0] && namesWhen(h.title)) ??
    // a first `#` heading that names a date or week above `##` sections, when nothing else is the title, is the
    // title even if its words name a kind (`# Notes 24/03/15`: a notes section, empty, otherwise)
    headings.find((h, i) => i === 0 && !h.style && h.level === 1 && (parseWeekName(h.title) || namesWhen(h.title)) && headings.some((x) => x.level > 1)) ??
    null;
  if (!titleHeading && !headings.some((h) => !h.style)) titleHeading = plainTitle(lines, fmEnd, skip, tableLines, firstSectionLine);
  report.title = titleHeading?.title ?? null;
  report.titleLine = titleHeading?.line ?? null;
  if (titleHeading && titleHeading.style) skip.add(titleHeading.line);

  // properties: frontmatter, then Notion property lines between the title and the first section
  // defined, not assigned: a `__proto__:` key is a property like any other, never the object's prototype
  for (const [k, v] of Object.entries(frontmatter ?? {})) Object.defineProperty(report.properties, k, { value: v, enumerable: true, writable: true, configurable: true });
  const firstSection = headings.find((h) => h !== titleHeading && h.line > (titleHeading?.line ?? 0));
  const propEnd = Math.min(firstSection ? firstSection.line - 1 : lines.length, (titleHeading?.line ?? fmEnd) + 12);
  const propLines = new Map<string, number>();
  for (let l = Math.max(fmEnd, titleHeading?.endLine ?? 0) + 1; l <= propEnd; l++) {
    if (skip.has(l)) continue;
    const m = /^([A-Za-z][A-Za-z ]{0,29}|[\p{Script=Han}]{1,8})\s*[:：]\s*(.*?)\s*$/u.exec(lines[l - 1]);
    if (!m) continue;
    report.properties[m[1].trim()] = m[2];
    propLines.set(m[1].trim().toLowerCase(), l);
    // a property line is no report text (a plain note's `日期：…` under its title)
    skip.add(l);
  }

  const author = frontmatterValue(frontmatter, AUTHOR_KEYS);
  if (typeof author === 'string') report.author = author;
  else if (author != null) {
    const line = findFrontmatterLine(lines, fmEnd, AUTHOR_KEYS.find((k) => frontmatter?.[k] != null) ?? AUTHOR_KEYS[0]) ?? 1;
    report.diagnostics.push(diag(file, line, 1, (lines[line - 1]?.length ?? 0) + 1, `Unexpected ${Array.isArray(author) ? 'list' : typeof author} as frontmatter \`author\`, expected a name such as \`author: 张三\`; the note has no author`));
  }

  const language = noteLanguage(text);
  if (language === 'en') report.language = 'en';
  dateNote(report, { lines, frontmatter, fmEnd, propLines, file, options, language, findLine: (key) => findFrontmatterLine(lines, fmEnd, key) });

  buildSections(report, lines, headings, titleHeading, skip, blocks.tables, recognise, report.created ? parseIsoDate(report.created) : null);
}

/** Whether a title names a week or a date (in any shape `readWhen` reads). */
function namesWhen(title: string): boolean {
  return readWhen(title, { order: 'ymd' }).length > 0;
}

/**
 * The title of a note without Markdown headings: its first line, when it is short and no section heading, property
 * line or list item (`第三周周报告`).
 */
function plainTitle(lines: string[], fmEnd: number, skip: Set<number>, tableLines: Set<number>, before: number): Heading | null {
  for (let l = fmEnd + 1; l <= lines.length && l < before; l++) {
    const t = lines[l - 1].trim();
    if (!t) continue;
    if (skip.has(l) || tableLines.has(l) || t.length > 60 || /^(?:[-*+>]|\d{1,9}[.)])\s/.test(t) || /^[^:：]{1,30}[:：]/.test(t)) return null;
    return { level: 1, line: l, endLine: l, title: t, style: 'plain' };
  }
  return null;
}

export { inferNumbering } from './dating.js';

/** The value of the first of `keys` the frontmatter holds (not null), else undefined. */
function frontmatterValue(frontmatter: Record<string, unknown> | null, keys: readonly string[]): unknown {
  if (!frontmatter) return undefined;
  for (const k of keys) if (frontmatter[k] != null) return frontmatter[k];
  return undefined;
}

export function findFrontmatterLine(lines: string[], fmEnd: number, key: string): number | null {
  for (let l = 2; l < fmEnd; l++) if (lines[l - 1].startsWith(`${key}:`)) return l;
  return null;
}

function readFrontmatter(lines: string[], fmEnd: number, file: string, diagnostics: Diagnostic[]): Record<string, unknown> | null {
  const value = lines.slice(1, fmEnd - 1).join('\n');
  let data: unknown;
  try {
    // core schema: `2023-12-16` stays a string, and alias expansion is bounded against YAML bombs
    // logLevel error: an unknown tag (`!!js/function`) gives a string, and no warning of the yaml package's own on stderr
    data = parseYaml(value, { schema: 'core', maxAliasCount: 50, prettyErrors: false, uniqueKeys: false, logLevel: 'error' });
  } catch (err) {
    const e = err as { linePos?: { line: number; col: number }[]; message: string };
    const line = (e.linePos?.[0]?.line ?? 0) + 1;
    const firstLine = String(e.message).split('\n')[0];
    diagnostics.push(diag(file, Math.max(1, line), Math.max(1, e.linePos?.[0]?.col ?? 1), Math.max(2, (e.linePos?.[0]?.col ?? 1) + 1), `Unexpected invalid frontmatter YAML: ${firstLine}`));
    return null;
  }
  if (!data || typeof data !== 'object' || Array.isArray(data)) {
    if (data != null) diagnostics.push(diag(file, 1, 1, 4, 'Unexpected frontmatter that is not a mapping, expected `key: value` lines'));
    return null;
  }
  // an alias inside its own anchor (`x: &a [*a]`) makes a value that contains itself: the model must stay a tree
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(data)) {
    if (isTree(v, new Set())) {
      Object.defineProperty(out, k, { value: v, enumerable: true, writable: true, configurable: true });
      continue;
    }
    const line = findFrontmatterLine(lines, fmEnd, k) ?? 1;
    diagnostics.push(diag(file, line, 1, (lines[line - 1]?.length ?? 0) + 1, `Unexpected frontmatter \`${k}\` whose value contains itself (a YAML alias inside its own anchor), expected a value without such an alias; the key was not read`));
  }
  return out;
}

/** Whether a parsed YAML value is a tree: no object or array inside itself. */
function isTree(v: unknown, path: Set<object>): boolean {
  if (!v || typeof v !== 'object') return true;
  if (path.has(v)) return false;
  path.add(v);
  const ok = Object.values(v).every((c) => isTree(c, path));
  path.delete(v);
  return ok;
}

function headingText(lines: string[], start: number, end: number): string {
  const first = lines[start - 1] ?? '';
  if (/^\s{0,3}#{1,6}(\s|$)/.test(first)) return first.replace(/^\s{0,3}#{1,6}\s*/, '').replace(/\s+#+\s*$/, '').trim();
  // setext heading: the text lines above the underline
  return lines.slice(start - 1, end - 1).join(' ').trim();
}

function buildSections(
  report: Report,
  lines: string[],
  headings: Heading[],
  titleHeading: Heading | null,
  skip: Set<number>,
  tables: { line: number; endLine: number }[],
  recognise: (title: string, opts?: { heads?: boolean }) => Recognised | null,
  near: Date | null,
): void {
  const sections: Section[] = [];
  const subheadings = new Map<Section, { line: number; level: number; title: string }[]>();
  for (const h of headings) {
    if (h === titleHeading) continue;
    const current = sections[sections.length - 1];
    // under a section, a heading is read by name only: `### 监控数据` under this week's work is a project
    const rec = current && h.level > current.level ? recognise(h.title, { heads: false }) : recognise(h.title);
    if (!rec && current && h.level > current.level) {
      // a sub-heading inside the current section: a project of this week's work (`### 网关改造`)
      if (!subheadings.has(current)) subheadings.set(current, []);
      subheadings.get(current)!.push({ line: h.line, level: h.level, title: h.title });
      continue;
    }
    const s: Section = { id: rec?.id ?? 'unknown', title: h.title, level: h.level, line: h.line, endLine: h.line, empty: true };
    const at = lines[h.line - 1].indexOf(h.title);
    if (h.title && at >= 0) s.column = at + 1;
    if (rec?.objective) {
      s.objective = rec.objective;
      s.name = rec.name ?? '';
    }
    if (rec?.near) s.near = rec.near;
    if (h.style) s.style = h.style;
    sections.push(s);
  }
  for (let i = 0; i < sections.length; i++) {
    const next = sections[i + 1]?.line ?? lines.length + 1;
    let end = next - 1;
    while (end > sections[i].line && lines[end - 1].trim() === '') end--;
    sections[i].endLine = end;
    let body = '';
    let said = 0;
    let noUpdate = 0;
    for (let l = sections[i].line + 1; l <= end; l++) {
      const t = lines[l - 1].trim();
      body += t;
      if (!t || /^#{1,6}\s/.test(t)) continue;
      said++;
      const c = lineContent(t).text;
      if (isNoUpdate(c) || isNoIncident(c)) noUpdate++;
    }
    sections[i].empty = body === '';
    const kind = sectionKind(sections[i].id);
    // the kinds kept as written say when there is nothing this time; the reference kinds' readers do (`- 无`)
    if (!kind || kind.keepText) {
      sections[i].text = bodyText(lines, sections[i].line + 1, end);
      if (said > 0 && noUpdate === said) sections[i].noUpdate = true;
    }
  }
  report.sections = sections;

  const tableLines = new Map<number, { line: number; endLine: number }>();
  for (const t of tables) tableLines.set(t.line, t);

  // each kind says what is read in it: metrics, dates, and its body by its reader
  for (const s of sections) {
    const kind = sectionKind(s.id);
    if (!kind) continue;
    const body: SectionBody = { lines, from: s.line + 1, to: s.endLine, skip, objective: s.objective ?? null, near };
    const subs = subheadings.get(s);
    if (subs) body.subheadings = subs;
    if (kind.metrics) readSectionMetrics(report, lines, s, body.from, body.to, skip, tableLines);
    if (kind.dates) {
      for (let l = body.from; l <= body.to; l++) {
        if (skip.has(l)) continue;
        const c = lineContent(lines[l - 1]);
        report.dates.push(...findDates(c.text, l, c.column, s.id, near));
      }
    }
    kind.read?.(body, report);
  }
  reportRepeatedMetrics(report);
}

/** A metric named twice in one note (`| 告警数 |` in two rows): both are kept, and the second is reported. */
function reportRepeatedMetrics(report: Report): void {
  const first = new Map<string, number>();
  for (const m of report.metrics) {
    const key = `${m.objective ?? ''}\u0000${m.group ?? ''}\u0000${m.name}`;
    const at = first.get(key);
    if (at === undefined) {
      first.set(key, m.line);
      continue;
    }
    if (at === m.line) continue;
    // from the name as written to the end of the value (a family member's name is longer than what the line holds: `CD级`)
    report.diagnostics.push(diag(report.file, m.line, m.nameColumn, Math.max(m.nameColumn, m.endColumn), `Unexpected second value of \`${m.name}\` in one note (first at line ${at}), expected each metric once; both are kept`, 'warn'));
  }
}

function readSectionMetrics(report: Report, lines: string[], s: Section, from: number, to: number, skip: Set<number>, tableLines: Map<number, { line: number; endLine: number }>): void {
  let group: string | null = null;
  for (let l = from; l <= to; l++) {
    const table = tableLines.get(l);
    if (table) {
      report.metrics.push(...readTableMetrics(lines, table, s));
      l = table.endLine;
      continue;
    }
    if (skip.has(l)) continue;
    const c = lineContent(lines[l - 1]);
    if (!c.text) continue;
    if (!c.listItem && /[:：]$/.test(c.text) && !/\d/.test(c.text)) {
      group = c.text.replace(/[:：]$/, '').trim();
      continue;
    }
    const found = readLineMetrics(c.text, { line: l, column: c.column, section: s.id, objective: s.objective ?? null, group: s.id === 'metrics' ? group : null });
    report.metrics.push(...found.metrics);
    report.malformedNumbers.push(...found.malformed);
  }
}

export { DEFAULT_SECTION_NAMES } from './sections.js';
export type { NamedSectionId } from '../sections.js';
export { workItemName } from './readers.js';

export { notNoteReason, unknownHeadings, unknownHeadingsLine, type KindFields, type UnknownHeading } from './kind.js';
export { applyNumbering, applySettlement, harmonizeWeeks, seriesKey, settledKey, settlementOf, SETTLED_FIELDS, type SeriesOptions, type Settlement, type WeekFields } from './series.js';
