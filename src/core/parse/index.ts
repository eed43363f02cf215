import { parse as parseYaml } from 'yaml';
import type { Diagnostic, Metric, Report, Section, WeekNumbering } from '../model.js';
import { parseIsoDate, resolveWeekYear, weekOf } from '../dates.js';
import { sectionKind, type NamedSectionId } from '../sections.js';
import { anyOf, AUTHOR_KEYS, CREATED_KEYS, CURRENT_COLUMN_WORDS, WEEK_KEYS } from '../vocabulary.js';
import { scanBlocks } from './blocks.js';
import { sectionRecogniser, DEFAULT_SECTION_NAMES } from './sections.js';
import { readCellValue, readLineMetrics } from './metrics.js';
import { findDates, parseCreated, parseWeekName } from './fields.js';
import { bodyText, lineContent, type SectionBody } from './readers.js';

/** Options of the parser. */
export interface ParseOptions {
  /** Week numbering: a convention, or `auto` to take the one the note's own date agrees with. */
  weekNumbering?: WeekNumbering | 'auto';
  /** Section names and aliases in force. */
  sectionNames?: Record<NamedSectionId, string[]>;
}


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
  for (const key of Object.keys(report.properties)) {
    if (!CREATED_KEYS.includes(key.toLowerCase())) continue;
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
  const author = frontmatterValue(frontmatter, AUTHOR_KEYS);
  if (typeof author === 'string') report.author = author;
  else if (author != null) report.author = String(author);

  // week: frontmatter `week: 2024-W10` first, then the title, then the file name
  const createdDate = report.created ? parseIsoDate(report.created) : null;
  let named: { year: number | null; number: number } | null = null;
  const fmWeek = frontmatterValue(frontmatter, WEEK_KEYS);
  if (fmWeek != null) {
    named = parseWeekName(String(fmWeek));
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

/** The value of the first of `keys` the frontmatter holds (not null), else undefined. */
function frontmatterValue(frontmatter: Record<string, unknown> | null, keys: readonly string[]): unknown {
  if (!frontmatter) return undefined;
  for (const k of keys) if (frontmatter[k] != null) return frontmatter[k];
  return undefined;
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

  // each kind says what is read in it: metrics, dates, and its body by its reader
  for (const s of sections) {
    const kind = sectionKind(s.id);
    if (!kind) continue;
    const body: SectionBody = { lines, from: s.line + 1, to: s.endLine, skip, objective: s.objective ?? null, near };
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

// a space in a header word stands for any spacing (`this week`, `thisweek`)
const CURRENT_COLUMN = new RegExp(anyOf(CURRENT_COLUMN_WORDS).replace(/ /g, '\\s*'), 'i');

function readTableMetrics(lines: string[], table: { line: number; endLine: number }, s: Section): Metric[] {
  const header = splitRow(lines[table.line - 1]);
  let col = header.findIndex((h, i) => i > 0 && CURRENT_COLUMN.test(h.text));
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

export { DEFAULT_SECTION_NAMES } from './sections.js';
export type { NamedSectionId } from '../sections.js';
export { workItemName } from './readers.js';

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
