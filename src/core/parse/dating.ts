import type { Confidence, DatingSource, Diagnostic, Report, WeekNumbering, WeekRef, WhenSource } from '../model.js';
import { daysOutsideWeek, parseIsoDate, resolveWeekYear, weekOf, weekStart } from '../dates.js';
import { CREATED_KEYS, WEEK_KEYS } from '../vocabulary.js';
import { parseCreated, parseWeekName } from './fields.js';
import { placed, rangeDay, readDateValue, readWhen, withYear, type DateOrder } from './when.js';

/** What `dateNote` reads besides the report. */
export interface DatingContext {
  lines: string[];
  frontmatter: Record<string, unknown> | null;
  fmEnd: number;
  /** Property lines by lower-case key. */
  propLines: Map<string, number>;
  file: string;
  options: { weekNumbering?: WeekNumbering | 'auto'; dateOrder?: DateOrder | 'auto' };
  language: 'zh' | 'en';
  findLine: (key: string) => number | null;
}

/**
 * The language of a note: `en` when under a tenth of its letters are Han characters (headings, text and all), else
 * `zh`. Messages and inserted headings follow it.
 */
export function noteLanguage(text: string): 'zh' | 'en' {
  let han = 0;
  let latin = 0;
  const n = Math.min(text.length, 20000);
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if ((c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a)) latin++;
    else if ((c >= 0x4e00 && c <= 0x9fff) || (c >= 0x3400 && c <= 0x4dbf) || (c >= 0xf900 && c <= 0xfaff)) han++;
  }
  return latin > 0 && han * 10 < han + latin ? 'en' : 'zh';
}

/** The file name a note's title falls back to: Notion's 32-hex suffix and the extension removed. */
function baseTitle(file: string): string {
  const base = file.split(/[\\/]/).pop() ?? file;
  return base.replace(/\.(md|markdown|txt)$/i, '').replace(/\s+[0-9a-f]{32}$/i, '').trim();
}

// a folder named for a week (`week7/`, `W12/`, `第12周/`): the week of the notes in it
const WEEK_FOLDER = /^(?:week|wk|w)[-_ ]?\d{1,2}$|^第.{1,3}周$/i;
const CHINESE_WEEK = /第\s*[^\d\s]{1,3}\s*周/;

function diag(file: string, line: number, message: string, endColumn: number): Diagnostic {
  return { ruleId: 'parser', severity: 'error', message, file, line, column: 1, endLine: line, endColumn };
}

/** The day a source stands for: its date, or a range's middle day. */
export function sourceDay(s: WhenSource): string | null {
  if (!s.date) return null;
  return s.end ? rangeDay(s.date, s.end) : s.date;
}

/** Monday (`YYYY-MM-DD`) of the week holding a date. */
function mondayOfDate(iso: string): string {
  const d = parseIsoDate(iso)!;
  const back = (d.getDay() + 6) % 7;
  const m = new Date(d.getFullYear(), d.getMonth(), d.getDate() - back, 12);
  return `${m.getFullYear()}-${String(m.getMonth() + 1).padStart(2, '0')}-${String(m.getDate()).padStart(2, '0')}`;
}

/** Monday of a week under a numbering, or null when the year has no such week. */
export function weekMonday(week: WeekRef, numbering: WeekNumbering): string | null {
  const s = weekStart(week, numbering);
  return s ? mondayOfDate(`${s.getFullYear()}-${String(s.getMonth() + 1).padStart(2, '0')}-${String(s.getDate()).padStart(2, '0')}`) : null;
}

/** Whether a source names the week `week` (a week number alone: its number under either numbering). */
export function sourceAgrees(s: WhenSource, week: WeekRef, numbering: WeekNumbering): boolean {
  if (s.week) {
    if (s.week.year === null) {
      if (s.week.number === week.number) return true;
      // `第51周` and `week: 2023-W50` name one week when the title counts from 1 January and the frontmatter by ISO
      const start = weekStart(week, numbering);
      if (!start) return false;
      const mid = new Date(start.getFullYear(), start.getMonth(), start.getDate() + 3, 12);
      return weekOf(mid, 'iso').number === s.week.number || weekOf(mid, 'jan1').number === s.week.number;
    }
    const iso = /W\d/i.test(s.text) ? 'iso' : numbering;
    const a = weekMonday(s.week as WeekRef, iso);
    return a !== null && a === weekMonday(week, numbering);
  }
  const day = sourceDay(s);
  if (!day) return true;
  if (s.yearless) return true;
  return mondayOfDate(day) === weekMonday(week, numbering);
}

/**
 * Find a note's week and date wherever it keeps them, in this order: frontmatter (`week:`, `date:`), date property
 * lines (`Created`, `Date`, `日期`), the title (dates, ranges, `第N周` in Arabic or Chinese numerals, `Week N`), the
 * file name (dates, YYMMDD, `2024-W12`, `week12`), the folder (`2024/`, `week7/`). A week number names the week,
 * its year from the note's own date; without a number the note's date does. Fills the report's week, date and
 * their sources; `when` lists every source when the note is not dated the reference way alone. Git dates and what
 * a series settles come later (`settleSeries`).
 */
export function dateNote(report: Report, ctx: DatingContext): void {
  const { frontmatter, file, options, language } = ctx;
  const order: DateOrder = options.dateOrder && options.dateOrder !== 'auto' ? options.dateOrder : language === 'en' ? 'mdy' : 'ymd';
  const orderStated = Boolean(options.dateOrder && options.dateOrder !== 'auto');
  const sources: WhenSource[] = [];

  // frontmatter `week:`; one that names no week is the note's error, even when the title names one
  let fmWeek: WhenSource | null = null;
  const weekKey = WEEK_KEYS.find((k) => frontmatter?.[k] != null);
  if (weekKey) {
    const raw = frontmatter![weekKey];
    const text = typeof raw === 'string' || typeof raw === 'number' ? String(raw) : JSON.stringify(raw) ?? '';
    const named = typeof raw === 'string' || typeof raw === 'number' ? parseWeekName(text) : null;
    const line = ctx.findLine(weekKey) ?? 1;
    if (named && named.number >= 1 && named.number <= 53) {
      fmWeek = { source: 'frontmatter', text, line, week: named, date: null };
      sources.push(fmWeek);
    } else {
      report.diagnostics.push(diag(file, line, `Unexpected week \`${text.slice(0, 40)}\` in frontmatter \`${weekKey}\`, expected a week such as \`2024-W10\` (week 1 to 53); it was not read`, (ctx.lines[line - 1]?.length ?? 0) + 1));
    }
  }

  // the note's date: frontmatter and property lines, in note order
  let createdSource: WhenSource | null = null;
  for (const key of Object.keys(report.properties)) {
    if (!CREATED_KEYS.includes(key.toLowerCase())) continue;
    const raw = report.properties[key];
    const value = raw instanceof Date ? raw.toISOString() : typeof raw === 'string' ? raw : null;
    const inFrontmatter = frontmatter !== null && Object.prototype.hasOwnProperty.call(frontmatter, key) && !ctx.propLines.has(key.toLowerCase());
    const line = ctx.propLines.get(key.toLowerCase()) ?? ctx.findLine(key);
    if (value === null) continue;
    const plain = parseCreated(value);
    const read = plain ? { created: plain } : readDateValue(value, order);
    if (read) {
      report.created = read.created;
      report.createdLine = line;
      createdSource = { source: inFrontmatter ? 'frontmatter' : 'property', text: value, line, week: null, date: read.created.slice(0, 10) };
      if ('order' in read && read.order) createdSource.order = read.order;
      if ('alternative' in read && read.alternative) createdSource.alternative = read.alternative;
      sources.push(createdSource);
      break;
    }
    if (line) {
      report.diagnostics.push(diag(file, line, `Unexpected date \`${value}\`, expected a date such as \`2023年12月16日 08:02\` or \`2023-12-16 08:02\``, (ctx.lines[line - 1]?.length ?? 0) + 1));
    }
  }

  if (report.title) sources.push(...placed(readWhen(report.title, { order }), 'title', report.titleLine));
  sources.push(...placed(readWhen(baseTitle(file), { order, sixDigits: true }), 'file', null));
  const dirs = file.split(/[\\/]/).slice(0, -1);
  for (const d of dirs.slice().reverse()) if (WEEK_FOLDER.test(d)) sources.push(...placed(readWhen(d, { order }), 'folder', null));
  const folderYear = /(?:^|[\\/])((?:19|20)\d{2})[\\/]/.exec(file);

  // an ambiguous date that another source of the note settles (`Date: 03/08/2024` beside `status-240308.md`)
  const settled = new Set<WhenSource>();
  for (const s of sources) {
    if (!s.alternative || !s.date) continue;
    const others = sources.filter((o) => o !== s && o.date && !o.alternative && !o.yearless);
    if (others.some((o) => o.date === s.date)) settled.add(s);
    else if (others.some((o) => o.date === s.alternative)) {
      [s.date, s.alternative] = [s.alternative, s.date];
      s.order = s.order === 'mdy' ? 'dmy' : s.order === 'dmy' ? (s.alternative.slice(0, 4) === s.date.slice(0, 4) ? 'mdy' : 'ymd') : 'dmy';
      if (s === createdSource) report.created = s.date + (report.created!.length > 10 ? report.created!.slice(10) : '');
      settled.add(s);
    }
  }
  const doubt = (s: WhenSource | null): Confidence | undefined => {
    if (!s) return undefined;
    if (s.alternative && !orderStated && !settled.has(s)) return 'guessed';
    if (s.yearless) return 'inferred';
    return undefined;
  };

  // the first full date of the title or file name; a range's year completed from the note
  const full = sources.find((s) => (s.source === 'title' || s.source === 'file') && s.date && !s.end && !s.yearless) ?? null;
  const nearDate = report.created ?? full?.date ?? null;
  const fullRange = sources.find((s) => s.end && !s.yearless) ?? null;
  const resolved = new Set<WhenSource>();
  for (const s of sources) {
    if (!s.yearless || !s.date) continue;
    const year = nearDate ? nearestYearOf(s.date, nearDate) : fullRange ? Number(fullRange.date!.slice(0, 4)) : folderYear ? Number(folderYear[1]) : null;
    if (year === null) continue;
    const start = withYear(s.date, year);
    const end = s.end ? withYear(s.end, s.end < s.date ? year + 1 : year) : undefined;
    if (!start) continue;
    s.date = start;
    if (end) s.end = end;
    resolved.add(s);
  }
  const usable = (s: WhenSource) => s.date !== null && s.source !== 'folder' && (!s.yearless || resolved.has(s));
  // the date the week is read from when no number names it, and the year of a number that comes without one
  const anchor = createdSource ?? full ?? sources.find((s) => s.end && usable(s)) ?? sources.find(usable) ?? null;
  const anchorDay = anchor ? (anchor === createdSource ? report.created!.slice(0, 10) : sourceDay(anchor)) : null;
  const anchorDate = anchorDay ? parseIsoDate(anchorDay) : null;
  const createdDate = report.created ? parseIsoDate(report.created) : null;

  const mode = options.weekNumbering ?? 'auto';
  const named = fmWeek ?? sources.find((s) => s.week && s.source !== 'frontmatter') ?? null;
  let weekConfidence: Confidence | undefined;
  if (named) {
    const number = named.week!.number;
    report.weekSource = named.source;
    let numbering: WeekNumbering;
    if (mode !== 'auto') numbering = mode;
    else if (named.source === 'frontmatter' && named.week!.year !== null) numbering = 'iso';
    else numbering = inferNumbering(number, createdDate ?? anchorDate);
    report.weekNumbering = numbering;
    let year = named.week!.year;
    let relative = Boolean(named.relative);
    const dateForYear = createdDate ?? anchorDate;
    if (year === null && dateForYear && !relative) {
      const candidate = resolveWeekYear(number, dateForYear, numbering);
      const off = daysOutsideWeek(dateForYear, { year: candidate, number }, numbering);
      // `第六周` with a date weeks away is a week of a term or a project, not of the year
      if (CHINESE_WEEK.test(named.text) && (off === null || Math.abs(off) > 7)) relative = true;
      else {
        year = candidate;
        weekConfidence = doubt(createdSource ?? anchor);
      }
    }
    if (year === null && !relative && folderYear) {
      year = Number(folderYear[1]);
      weekConfidence = 'inferred';
    }
    if (relative) {
      report.relativeWeek = number;
      if (dateForYear) {
        const from = createdSource ?? anchor!;
        report.week = weekOf(dateForYear, mode === 'auto' ? 'iso' : mode);
        report.weekNumbering = mode === 'auto' ? 'iso' : mode;
        report.weekSource = from.source;
        weekConfidence = doubt(from);
      }
    } else if (year !== null) {
      const week = { year, number };
      if (weekStart(week, numbering) === null && dateForYear) {
        // the week does not exist that year (`第53周` under ISO numbering in 2024): the date's week, and lint says so
        report.week = weekOf(dateForYear, numbering);
        report.weekSource = (createdSource ?? anchor!).source;
        weekConfidence = 'inferred';
      } else report.week = week;
    }
  } else if (anchor && anchorDate) {
    const numbering: WeekNumbering = mode === 'auto' ? 'iso' : mode;
    report.week = weekOf(anchorDate, numbering);
    report.weekNumbering = numbering;
    report.weekSource = anchor.source;
    weekConfidence = doubt(anchor);
  }

  // a date written in the title or file name is the note's date when no date line gives one
  let dateConfidence: Confidence | undefined = doubt(createdSource);
  if (!report.created && full) {
    report.created = full.date;
    report.dateSource = full.source;
    dateConfidence = doubt(full);
  }
  if (weekConfidence) report.weekConfidence = weekConfidence;
  if (dateConfidence) report.dateConfidence = dateConfidence;

  // the reference way (a week in the title or frontmatter, a date line, nothing else saying otherwise) needs no list
  const plain =
    named !== null &&
    !report.relativeWeek &&
    report.weekSource === named.source &&
    !report.dateSource &&
    !weekConfidence &&
    !dateConfidence &&
    report.week !== null &&
    sources.every((s) => !s.alternative && !s.yearless && !s.relative && (s === createdSource || sourceAgrees(s, report.week!, report.weekNumbering!)));
  if (!plain && sources.length) report.when = sources;
}

function nearestYearOf(date: string, near: string): number {
  const n = parseIsoDate(near)!;
  let best = n.getFullYear();
  let bestDist = Infinity;
  for (const y of [best - 1, best, best + 1]) {
    const d = withYear(date, y);
    if (!d) continue;
    const dist = Math.abs(parseIsoDate(d)!.getTime() - n.getTime());
    if (dist < bestDist) {
      bestDist = dist;
      best = y;
    }
  }
  return best;
}

/** Notion numbering is either convention: take the one under which the note's own date lies in its week. */
export function inferNumbering(number: number, created: Date | null): WeekNumbering {
  if (!created) return 'jan1';
  if (weekOf(created, 'jan1').number === number) return 'jan1';
  if (weekOf(created, 'iso').number === number) return 'iso';
  return 'jan1';
}

/** Where a dated week came from, for lint: the source named `weekSource`, when the week was read from a date. */
export function datedFrom(r: Pick<Report, 'when' | 'weekSource'>): WhenSource | null {
  if (!r.when || !r.weekSource) return null;
  if (r.when.some((s) => s.source === r.weekSource && s.week)) return null;
  return r.when.find((s) => s.source === r.weekSource && s.date) ?? null;
}

export type { DatingSource };
