import { parse as parseYaml } from 'yaml';
import type {
  Diagnostic,
  Highlight,
  Incident,
  Item,
  Metric,
  Report,
  Section,
  WeekNumbering,
  WorkItem,
} from '../model.js';
import { parseIsoDate, resolveWeekYear, weekOf } from '../dates.js';
import { scanBlocks } from './blocks.js';
import { sectionRecogniser, DEFAULT_SECTION_NAMES, type NamedSectionId } from './sections.js';
import { readCellValue, readLineMetrics, readProgress } from './metrics.js';
import { findDates, findStatus, isNoIncident, parseCreated, parseWeekName, readIncident } from './fields.js';

/** Options of the parser. */
export interface ParseOptions {
  /** Week numbering: a convention, or `auto` to take the one the note's own date agrees with. */
  weekNumbering?: WeekNumbering | 'auto';
  /** Section names and aliases in force. */
  sectionNames?: Record<NamedSectionId, string[]>;
}


const LIST_PREFIX = /^(\s*(?:>\s*)*)((?:[-*+]|\d{1,9}[.)])\s+)?/;

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
  const lines = text.split(/\r\n|\r|\n/);
  const report = emptyReport(file, lines.length);
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
  for (const h of blocks.html) {
    const value = lines.slice(h.line - 1, h.endLine).join('\n');
    if (value.includes('<!--')) (report.comments ??= []).push({ text: value, line: h.line, endLine: h.endLine });
  }
  let frontmatter: Record<string, unknown> | null = null;
  let fmEnd = 0;
  if (blocks.frontmatter) {
    fmEnd = blocks.frontmatter.endLine;
    frontmatter = readFrontmatter(lines.slice(1, fmEnd - 1).join('\n'), file, report.diagnostics);
  }
  headings.sort((a, b) => a.line - b.line);
  if (lines[0]?.trim() === '---' && fmEnd === 0) {
    report.diagnostics.push(diag(file, 1, 1, 4, 'Unexpected frontmatter fence `---` that is never closed, expected a closing `---` line'));
  }

  // title: the first heading that is not a section, preferring one that names a week
  const candidates = headings.filter((h) => !recognise(h.title));
  const titleHeading = candidates.find((h) => parseWeekName(h.title) && h.line <= (headings.find((x) => recognise(x.title))?.line ?? Infinity)) ??
    candidates.find((h) => h.level === 1 && h.line <= (headings.find((x) => recognise(x.title))?.line ?? Infinity)) ?? null;
  report.title = titleHeading?.title ?? null;
  report.titleLine = titleHeading?.line ?? null;

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
  }

  // created
  const createdKeys = ['created', 'created time', '创建时间', '创建日期', 'date', '日期'];
  for (const key of Object.keys(report.properties)) {
    if (!createdKeys.includes(key.toLowerCase())) continue;
    const raw = report.properties[key];
    const value = raw instanceof Date ? raw.toISOString() : typeof raw === 'string' ? raw : null;
    const line = propLines.get(key.toLowerCase()) ?? findFrontmatterLine(lines, fmEnd, key);
    if (value === null) continue;
    const created = parseCreated(value);
    if (created) {
      report.created = created;
      report.createdLine = line;
      break;
    }
    if (line) {
      report.diagnostics.push(diag(file, line, 1, (lines[line - 1]?.length ?? 0) + 1, `Unexpected date \`${value}\`, expected a date such as \`2023年12月16日 08:02\` or \`2023-12-16 08:02\``));
    }
  }
  if (frontmatter && typeof frontmatter.author === 'string') report.author = frontmatter.author;
  else if (frontmatter && frontmatter.author != null) report.author = String(frontmatter.author);

  // week: frontmatter `week: 2024-W10` first, then the title, then the file name
  const createdDate = report.created ? parseIsoDate(report.created) : null;
  let named: { year: number | null; number: number } | null = null;
  if (frontmatter && frontmatter.week != null) {
    named = parseWeekName(String(frontmatter.week));
    if (named) report.weekSource = 'frontmatter';
  }
  if (!named && report.title) {
    named = parseWeekName(report.title);
    if (named) report.weekSource = 'title';
  }
  if (!named) {
    named = parseWeekName(fileTitle(file));
    if (named) report.weekSource = 'title';
  }
  if (named && named.number >= 1 && named.number <= 53) {
    const mode = options.weekNumbering ?? 'auto';
    let numbering: WeekNumbering;
    if (mode !== 'auto') numbering = mode;
    else if (report.weekSource === 'frontmatter' && named.year !== null) numbering = 'iso';
    else numbering = inferNumbering(named.number, createdDate);
    report.weekNumbering = numbering;
    let year = named.year;
    if (year === null && createdDate) year = resolveWeekYear(named.number, createdDate, numbering);
    if (year === null) {
      const y = /(?:^|[\\/])((?:19|20)\d{2})[\\/]/.exec(file);
      if (y) year = Number(y[1]);
    }
    if (year !== null) report.week = { year, number: named.number };
  } else if (named) {
    report.weekSource = null;
  }

  buildSections(report, lines, headings, titleHeading, skip, blocks.tables, recognise, createdDate);
}

/** Notion numbering is either convention: take the one under which the note's own date lies in its week. */
export function inferNumbering(number: number, created: Date | null): WeekNumbering {
  if (!created) return 'jan1';
  if (weekOf(created, 'jan1').number === number) return 'jan1';
  if (weekOf(created, 'iso').number === number) return 'iso';
  return 'jan1';
}

function findFrontmatterLine(lines: string[], fmEnd: number, key: string): number | null {
  for (let l = 2; l < fmEnd; l++) if (lines[l - 1].startsWith(`${key}:`)) return l;
  return null;
}

function readFrontmatter(value: string, file: string, diagnostics: Diagnostic[]): Record<string, unknown> | null {
  try {
    // core schema: `2023-12-16` stays a string, and alias expansion is bounded against YAML bombs
    // logLevel error: an unknown tag (`!!js/function`) gives a string, and no warning of the yaml package's own on stderr
    const data = parseYaml(value, { schema: 'core', maxAliasCount: 50, prettyErrors: false, uniqueKeys: false, logLevel: 'error' });
    if (data && typeof data === 'object' && !Array.isArray(data)) return data as Record<string, unknown>;
    if (data != null) diagnostics.push(diag(file, 1, 1, 4, 'Unexpected frontmatter that is not a mapping, expected `key: value` lines'));
    return null;
  } catch (err) {
    const e = err as { linePos?: { line: number; col: number }[]; message: string };
    const line = (e.linePos?.[0]?.line ?? 0) + 1;
    const firstLine = String(e.message).split('\n')[0];
    diagnostics.push(diag(file, Math.max(1, line), Math.max(1, e.linePos?.[0]?.col ?? 1), Math.max(2, (e.linePos?.[0]?.col ?? 1) + 1), `Unexpected invalid frontmatter YAML: ${firstLine}`));
    return null;
  }
}

function headingText(lines: string[], start: number, end: number): string {
  const first = lines[start - 1] ?? '';
  if (/^\s{0,3}#{1,6}(\s|$)/.test(first)) return first.replace(/^\s{0,3}#{1,6}\s*/, '').replace(/\s+#+\s*$/, '').trim();
  // setext heading: the text lines above the underline
  return lines.slice(start - 1, end - 1).join(' ').trim();
}

/** Text of a line with list and quote markers removed, and the 1-based column where it starts. */
function lineContent(line: string): { text: string; column: number; listItem: boolean } {
  const m = LIST_PREFIX.exec(line)!;
  const prefix = m[0];
  return { text: line.slice(prefix.length).replace(/\s+$/, ''), column: prefix.length + 1, listItem: Boolean(m[2]) };
}

function buildSections(
  report: Report,
  lines: string[],
  headings: Heading[],
  titleHeading: Heading | null,
  skip: Set<number>,
  tables: { line: number; endLine: number }[],
  recognise: ReturnType<typeof sectionRecogniser>,
  near: Date | null,
): void {
  const sections: Section[] = [];
  for (const h of headings) {
    if (h === titleHeading) continue;
    const rec = recognise(h.title);
    const current = sections[sections.length - 1];
    if (!rec && current && h.level > current.level) continue; // a sub-heading inside the current section
    const s: Section = { id: rec?.id ?? 'unknown', title: h.title, level: h.level, line: h.line, endLine: h.line, empty: true };
    const at = lines[h.line - 1].indexOf(h.title);
    if (h.title && at >= 0) s.column = at + 1;
    if (rec?.objective) {
      s.objective = rec.objective;
      s.name = rec.name ?? '';
    }
    sections.push(s);
  }
  for (let i = 0; i < sections.length; i++) {
    const next = sections[i + 1]?.line ?? lines.length + 1;
    let end = next - 1;
    while (end > sections[i].line && lines[end - 1].trim() === '') end--;
    sections[i].endLine = end;
    let body = '';
    for (let l = sections[i].line + 1; l <= end; l++) body += lines[l - 1].trim();
    sections[i].empty = body === '';
    if (sections[i].id === 'unknown') sections[i].text = bodyText(lines, sections[i].line + 1, end);
  }
  report.sections = sections;

  const tableLines = new Map<number, { line: number; endLine: number }>();
  for (const t of tables) tableLines.set(t.line, t);

  for (const s of sections) {
    const from = s.line + 1;
    const to = s.endLine;
    const objective = s.objective ?? null;
    if (s.id === 'metrics' || s.id === 'objective') readSectionMetrics(report, lines, s, from, to, skip, tableLines);
    if (s.id !== 'reflection' && s.id !== 'unknown') {
      for (let l = from; l <= to; l++) {
        if (skip.has(l)) continue;
        const c = lineContent(lines[l - 1]);
        report.dates.push(...findDates(c.text, l, c.column, s.id, near));
      }
    }
    switch (s.id) {
      case 'objective':
        report.workItems.push(...readWorkItems(lines, from, to, skip, objective, near));
        break;
      case 'incidents':
        report.incidents.push(...readIncidents(lines, from, to, skip, near));
        break;
      case 'highlights':
        report.highlights.push(...readHighlights(lines, from, to, skip));
        break;
      case 'other':
        report.other.push(...readItems(lines, from, to, skip));
        break;
      case 'next-week':
        report.nextWeek.push(...readItems(lines, from, to, skip));
        break;
      case 'reflection': {
        const t = bodyText(lines, from, to);
        report.reflection = report.reflection ? `${report.reflection}\n\n${t}` : t || null;
        break;
      }
      default:
        break;
    }
  }
}

function bodyText(lines: string[], from: number, to: number): string {
  const out: string[] = [];
  for (let l = from; l <= to; l++) {
    const t = lines[l - 1].trim();
    if (t === '' && (out.length === 0 || out[out.length - 1] === '')) continue;
    out.push(t);
  }
  while (out.length && out[out.length - 1] === '') out.pop();
  return out.join('\n');
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

/** Split a table row into cells with the column where each cell's text starts. */
function splitRow(line: string): { text: string; column: number }[] {
  const cells: { text: string; column: number }[] = [];
  let i = line.indexOf('|') === line.search(/\S/) ? line.indexOf('|') + 1 : 0;
  let start = i;
  for (; i <= line.length; i++) {
    if (i === line.length || (line[i] === '|' && line[i - 1] !== '\\')) {
      const raw = line.slice(start, i);
      if (i < line.length || raw.trim() !== '') {
        const lead = raw.length - raw.trimStart().length;
        cells.push({ text: raw.trim(), column: start + lead + 1 });
      }
      start = i + 1;
    }
  }
  return cells;
}

function readTableMetrics(lines: string[], table: { line: number; endLine: number }, s: Section): Metric[] {
  const header = splitRow(lines[table.line - 1]);
  let col = header.findIndex((h, i) => i > 0 && /本周|this\s*week|本期|当前|current|value|数值/i.test(h.text));
  if (col < 0) col = 1;
  const out: Metric[] = [];
  for (let l = table.line + 2; l <= table.endLine; l++) {
    const cells = splitRow(lines[l - 1]);
    const name = cells[0]?.text.replace(/[*_`]/g, '').trim();
    const cell = cells[col];
    if (!name || !cell) continue;
    const v = readCellValue(cell.text);
    if (!v) continue;
    const m: Metric = {
      name,
      value: v.value,
      unit: v.unit,
      line: l,
      column: cell.column + v.offset,
      endColumn: cell.column + v.offset + v.text.length,
      nameColumn: cells[0].column,
      section: s.id,
      objective: s.objective ?? null,
      group: null,
      text: v.text,
      decimals: v.decimals,
    };
    const r = /[（(]\s*(\d+)\s*[/／]\s*(\d+)\s*[)）]/.exec(v.text);
    if (r && v.unit === '%') {
      m.numerator = Number(r[1]);
      m.denominator = Number(r[2]);
      m.ratio = 'explicit';
      m.ratioColumn = m.column + r.index;
      m.ratioEndColumn = m.column + r.index + r[0].length;
    }
    out.push(m);
  }
  return out;
}

/** Indentation width of a line's list marker (tabs count 4). */
function indentOf(line: string): number {
  const m = /^[ \t]*/.exec(line)![0];
  return m.replace(/\t/g, '    ').length;
}

const BULLET = /^([ \t]*)([-*+]|\d{1,9}[.)])\s+(.*)$/;

interface RawItem {
  line: number;
  indent: number;
  ordered: boolean;
  text: string;
  column: number;
}

function rawItems(lines: string[], from: number, to: number, skip: Set<number>): RawItem[] {
  const out: RawItem[] = [];
  for (let l = from; l <= to; l++) {
    if (skip.has(l)) continue;
    const m = BULLET.exec(lines[l - 1]);
    if (!m) continue;
    out.push({
      line: l,
      indent: indentOf(m[1]),
      ordered: /\d/.test(m[2]),
      text: m[3].replace(/\s+$/, ''),
      column: m[1].length + m[2].length + (lines[l - 1].length - m[1].length - m[2].length - m[3].length) + 1,
    });
  }
  return out;
}

/** The name of a work item: the text before the first `，` (or `。`, `：`). */
export function workItemName(text: string): string {
  const i = text.search(/[，,。；;：:]/);
  return (i < 0 ? text : text.slice(0, i)).trim();
}

function readWorkItems(lines: string[], from: number, to: number, skip: Set<number>, objective: string | null, near: Date | null): WorkItem[] {
  const items = rawItems(lines, from, to, skip);
  if (!items.length) return [];
  const top = Math.min(...items.map((i) => i.indent));
  const out: WorkItem[] = [];
  let parent: string | null = null;
  for (const it of items) {
    const isTop = it.indent === top;
    if (!isTop && !it.ordered) continue;
    if (!isTop && it.indent > top + 8) continue;
    const name = workItemName(it.text);
    if (!name) continue;
    const st = findStatus(it.text);
    const dates = findDates(it.text, it.line, it.column, 'objective', near).map((d) => d.date).filter((d): d is string => d !== null);
    out.push({
      objective,
      name,
      parent: isTop ? null : parent,
      status: st?.status ?? null,
      stage: st?.stage ?? null,
      progress: readProgress(it.text),
      dates,
      line: it.line,
      column: it.column,
      text: it.text,
    });
    if (isTop) parent = name;
  }
  return out;
}

function readIncidents(lines: string[], from: number, to: number, skip: Set<number>, near: Date | null): Incident[] {
  const items = rawItems(lines, from, to, skip);
  const out: Incident[] = [];
  const top = items.length ? Math.min(...items.map((i) => i.indent)) : 0;
  for (const it of items) {
    if (it.indent !== top || !it.text || isNoIncident(it.text)) continue;
    out.push(readIncident(it.text, it.line, it.column, near));
  }
  if (!items.length) {
    // incidents written as plain lines
    for (let l = from; l <= to; l++) {
      if (skip.has(l)) continue;
      const c = lineContent(lines[l - 1]);
      if (!c.text || isNoIncident(c.text) || !/^\d{1,4}[/.\-月]/.test(c.text)) continue;
      out.push(readIncident(c.text, l, c.column, near));
    }
  }
  return out;
}

function readHighlights(lines: string[], from: number, to: number, skip: Set<number>): Highlight[] {
  const items = rawItems(lines, from, to, skip);
  const out: Highlight[] = [];
  if (!items.length) {
    const t = bodyText(lines, from, to);
    if (t) out.push({ title: t.split('\n')[0].slice(0, 40), text: t, line: from });
    return out;
  }
  const top = Math.min(...items.map((i) => i.indent));
  const tops = items.filter((i) => i.indent === top);
  tops.forEach((it, idx) => {
    const end = (tops[idx + 1]?.line ?? to + 1) - 1;
    const m = /^【(.+?)】\s*(.*)$/.exec(it.text) ?? /^\*\*(.+?)\*\*\s*[:：]?\s*(.*)$/.exec(it.text);
    const title = m ? m[1].trim() : it.text;
    const first = m ? m[2].trim() : '';
    const more = bodyText(lines, it.line + 1, end);
    out.push({ title, text: [first, more].filter(Boolean).join('\n'), line: it.line });
  });
  return out;
}

function readItems(lines: string[], from: number, to: number, skip: Set<number>): Item[] {
  const items = rawItems(lines, from, to, skip);
  if (!items.length) {
    const out: Item[] = [];
    for (let l = from; l <= to; l++) {
      if (skip.has(l)) continue;
      const t = lines[l - 1].trim();
      if (t) out.push({ text: t, line: l });
    }
    return out;
  }
  const top = Math.min(...items.map((i) => i.indent));
  return items.filter((i) => i.indent === top && i.text).map((i) => ({ text: i.text, line: i.line }));
}

export { DEFAULT_SECTION_NAMES } from './sections.js';
export type { NamedSectionId } from './sections.js';

function dirOf(file: string): string {
  const i = Math.max(file.lastIndexOf('/'), file.lastIndexOf('\\'));
  return i < 0 ? '.' : file.slice(0, i);
}

/** The fields `harmonizeWeeks` reads and settles: lint passes just these, not whole models. */
export type WeekFields = Pick<Report, 'file' | 'title' | 'week' | 'weekSource' | 'weekNumbering' | 'created'>;

/**
 * Settle the week numbering per folder under `auto`: a folder keeps one convention, the one most of its
 * notes' own dates agree with, so that a date weeks away from its title is still caught. Notes whose week
 * carries its own year in ISO form (`2024-W10`) keep ISO. Reports are updated in place.
 */
export function harmonizeWeeks<T extends WeekFields>(reports: T[]): void {
  const byDir = new Map<string, T[]>();
  for (const r of reports) {
    const d = dirOf(r.file);
    if (!byDir.has(d)) byDir.set(d, []);
    byDir.get(d)!.push(r);
  }
  for (const group of byDir.values()) {
    let iso = 0;
    let jan1 = 0;
    for (const r of group) {
      if (!r.week || !r.created) continue;
      const d = parseIsoDate(r.created)!;
      const fitsJan1 = weekOf(d, 'jan1').number === r.week.number;
      const fitsIso = weekOf(d, 'iso').number === r.week.number;
      if (fitsJan1 && !fitsIso) jan1++;
      if (fitsIso && !fitsJan1) iso++;
    }
    if (iso === 0 && jan1 === 0) continue;
    const numbering: WeekNumbering = iso > jan1 ? 'iso' : 'jan1';
    for (const r of group) applyNumbering(r, numbering);
  }
}

/** Read a note's week under `numbering`, as `harmonizeWeeks` settles it (frontmatter weeks keep theirs). In place. */
export function applyNumbering(r: WeekFields, numbering: WeekNumbering): void {
  if (!r.week || r.weekNumbering === numbering) return;
  if (r.weekSource === 'frontmatter') return;
  r.weekNumbering = numbering;
  const d = r.created ? parseIsoDate(r.created) : null;
  if (d && !/\d{4}/.test(r.title ?? '')) r.week = { year: resolveWeekYear(r.week.number, d, numbering), number: r.week.number };
}
