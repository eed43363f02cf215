import type { Report, WeekNumbering, WhenSource } from '../model.js';
import { parseIsoDate, resolveWeekYear, weekOf } from '../dates.js';
import { datedFrom, sourceDay, weekMonday } from './dating.js';
import type { DateOrder } from './when.js';

/** The fields of a note a series settles (and lint passes between threads): not whole models. */
export const SETTLED_FIELDS = ['week', 'weekSource', 'weekNumbering', 'weekConfidence', 'relativeWeek', 'created', 'dateSource', 'dateConfidence', 'when'] as const;

/** What settling a series reads of each note and may change. */
export type WeekFields = Pick<Report, 'file' | 'title' | 'week' | 'weekSource' | 'weekNumbering' | 'created'> &
  Partial<Pick<Report, 'createdLine' | 'weekConfidence' | 'relativeWeek' | 'dateSource' | 'dateConfidence' | 'when' | 'language'>>;

/** A note's settled fields, as `settlementOf` takes them and `applySettlement` puts them back. */
export type Settlement = Partial<Pick<Report, (typeof SETTLED_FIELDS)[number]>>;

/** Options of `harmonizeWeeks`. */
export interface SeriesOptions {
  /** The config's numbering: `auto` settles it per folder; a convention is left as the parser read it. */
  weekNumbering?: WeekNumbering | 'auto';
  /** The config's date order: given, the parser has read every date in it and the series changes none. */
  dateOrder?: DateOrder | 'auto';
  /** The day of week 1 of relative weeks (a term, a project): relative week N is then the week N − 1 weeks after it. */
  weekOne?: string;
  /** Each note's first-commit date (`YYYY-MM-DD`), the lowest of the date sources: for notes that have no other. */
  gitDates?: ReadonlyMap<string, string>;
}

function dirOf(file: string): string {
  const i = Math.max(file.lastIndexOf('/'), file.lastIndexOf('\\'));
  return i < 0 ? '.' : file.slice(0, i);
}

// a folder named for a week belongs to the series of the folder above it (`alice/week7/周报.md` is alice's)
const WEEK_FOLDER = /^(?:week|wk|w)[-_ ]?\d{1,2}$|^第.{1,3}周$/i;

/** The series a note belongs to: its folder, less folders named for weeks. */
export function seriesKey(file: string): string {
  const parts = dirOf(file).split(/[\\/]/);
  while (parts.length > 1 && WEEK_FOLDER.test(parts[parts.length - 1])) parts.pop();
  return parts.join('/');
}

function groupBy<T>(items: T[], key: (t: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const t of items) {
    const k = key(t);
    if (!out.has(k)) out.set(k, []);
    out.get(k)!.push(t);
  }
  return out;
}

const byFile = <T extends { file: string }>(a: T, b: T) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0);
const days = (a: string, b: string) => Math.round((parseIsoDate(b)!.getTime() - parseIsoDate(a)!.getTime()) / 86400000);

/**
 * Settle what one note cannot know alone, per folder and series, in place:
 * - the week numbering under `auto`: a folder keeps one convention, the one most of its notes' own dates agree
 *   with (a date weeks away from its title is still caught); ISO weeks with their year (`2024-W10`) keep ISO;
 * - the order of dates like `05/11/2018`: the one the series' unambiguous dates use (`19/11/2018`), else the one
 *   under which the series runs forward, else the note's language (a guess);
 * - the year of a week number written without one: from the dated notes of the series;
 * - relative weeks: a series of week numbers with no year anywhere (`week6.md` … `week9.md`), or whose dates are
 *   all the same number of weeks away, is one of a term or project; `weekOne` maps it to dates;
 * - git first-commit dates, for notes with no week and no date from anywhere else.
 */
export function harmonizeWeeks<T extends WeekFields>(reports: T[], opts: SeriesOptions = {}): void {
  const mode = opts.weekNumbering ?? 'auto';
  if (!opts.dateOrder || opts.dateOrder === 'auto') for (const group of groupBy(reports, (r) => seriesKey(r.file)).values()) settleDateOrder(group, mode);
  if (mode === 'auto') settleNumbering(reports);
  for (const group of groupBy(reports, (r) => seriesKey(r.file)).values()) {
    settleYears(group, opts);
    settleOffsets(group, mode);
  }
  if (opts.gitDates) for (const r of reports) gitDate(r, opts.gitDates.get(r.file), mode);
}

function settleNumbering<T extends WeekFields>(reports: T[]): void {
  for (const group of groupBy(reports, (r) => dirOf(r.file)).values()) {
    let iso = 0;
    let jan1 = 0;
    for (const r of group) {
      // a week read from a date fits either numbering: only numbers written in a note vote
      if (!r.week || !r.created || datedFrom(r)) continue;
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
  const dated = datedFrom(r);
  if (dated) {
    const day = dated.source === 'property' || dated.source === 'frontmatter' ? r.created?.slice(0, 10) : sourceDay(dated);
    const d = day ? parseIsoDate(day) : null;
    if (d) {
      r.week = weekOf(d, numbering);
      r.weekNumbering = numbering;
    }
    return;
  }
  if (r.weekSource === 'frontmatter') return;
  r.weekNumbering = numbering;
  const d = r.created ? parseIsoDate(r.created) : null;
  if (d && !/\d{4}/.test(r.title ?? '')) r.week = { year: resolveWeekYear(r.week.number, d, numbering), number: r.week.number };
}

/** The ambiguous source a note's date or week was read from, with the order it was read in. */
function ambiguous(r: WeekFields): WhenSource[] {
  return (r.when ?? []).filter((s) => s.alternative && s.order && (r.dateConfidence === 'guessed' || r.weekConfidence === 'guessed'));
}

function settleDateOrder<T extends WeekFields>(group: T[], mode: WeekNumbering | 'auto'): void {
  const open = group.filter((r) => ambiguous(r).length);
  if (!open.length) return;
  // the orders the series writes unambiguously (`19/11/2018` is day first)
  const votes = { mdy: 0, dmy: 0, ymd: 0 };
  for (const r of group) for (const s of r.when ?? []) if (s.order && !s.alternative && /^\d{1,2}[/.\-_]\d{1,2}[/.\-_]\d{2,4}/.test(s.text.trim())) votes[s.order]++;
  let order: DateOrder | null = null;
  const ranked = (Object.entries(votes) as [DateOrder, number][]).filter(([, n]) => n > 0).sort((a, b) => b[1] - a[1]);
  if (ranked.length && (ranked.length === 1 || ranked[0][1] > ranked[1][1])) order = ranked[0][0];
  if (!order) {
    // no evidence: the order under which the notes, in file order, run forward week by week
    const sorted = group.slice().sort(byFile);
    const score = (swap: boolean) => {
      const seq = sorted.map((r) => {
        const s = ambiguous(r)[0];
        return s ? (swap ? s.alternative! : s.date!) : r.created?.slice(0, 10);
      }).filter((d): d is string => Boolean(d));
      let forward = 0;
      for (let i = 1; i < seq.length; i++) if (days(seq[i - 1], seq[i]) > 0 && days(seq[i - 1], seq[i]) <= 31) forward++;
      return forward;
    };
    const keep = score(false);
    const swap = score(true);
    if (keep === swap) return;
    for (const r of open) for (const s of ambiguous(r)) if (swap > keep) swapOrder(r, s, mode);
    for (const r of open) settleConfidence(r);
    return;
  }
  for (const r of open) {
    for (const s of ambiguous(r)) if (s.order !== order) swapOrder(r, s, mode);
    settleConfidence(r);
  }
}

function settleConfidence(r: WeekFields): void {
  if (r.dateConfidence === 'guessed') r.dateConfidence = 'inferred';
  if (r.weekConfidence === 'guessed') r.weekConfidence = 'inferred';
}

/** Read an ambiguous source in its other order, and the note's date and week with it. */
function swapOrder(r: WeekFields, s: WhenSource, mode: WeekNumbering | 'auto'): void {
  const was = s.date!;
  const other = s.alternative!;
  s.date = other;
  s.alternative = was;
  s.order = s.order === 'mdy' ? 'dmy' : 'mdy';
  if (r.created && r.created.slice(0, 10) === was) r.created = other + r.created.slice(10);
  if (datedFrom(r) === s || (r.weekSource === s.source && r.week && !r.when?.some((x) => x.week && x.source === s.source))) {
    const numbering: WeekNumbering = r.weekNumbering ?? (mode === 'auto' ? 'iso' : mode);
    r.week = weekOf(parseIsoDate(other)!, numbering);
  }
}

/** A yearless week number takes its year from the dated notes of its series; a series with none is relative. */
function settleYears<T extends WeekFields>(group: T[], opts: SeriesOptions): void {
  const open = group.filter((r) => !r.week && r.weekSource && !r.relativeWeek && r.when?.some((s) => s.week && s.week.year === null));
  if (!open.length) return;
  const known = group.filter((r) => r.week && r.weekNumbering && !r.relativeWeek).sort(byFile);
  const sorted = group.slice().sort(byFile);
  for (const r of open) {
    const number = r.when!.find((s) => s.week && s.source === r.weekSource)?.week?.number ?? r.when!.find((s) => s.week)!.week!.number;
    if (known.length) {
      // the dated note nearest in the series, and the year that puts week N nearest it
      const at = sorted.indexOf(r);
      const near = known.reduce((a, b) => (Math.abs(sorted.indexOf(b) - at) < Math.abs(sorted.indexOf(a) - at) ? b : a));
      const numbering = near.weekNumbering!;
      const monday = weekMonday(near.week!, numbering)!;
      const year = resolveWeekYear(number, parseIsoDate(monday)!, numbering);
      r.week = { year, number };
      r.weekNumbering = numbering;
      r.weekConfidence = 'inferred';
      continue;
    }
    r.relativeWeek = number;
    if (opts.weekOne) {
      const one = parseIsoDate(opts.weekOne);
      if (!one) continue;
      const d = new Date(one.getFullYear(), one.getMonth(), one.getDate() + 7 * (number - 1), 12);
      const numbering: WeekNumbering = opts.weekNumbering && opts.weekNumbering !== 'auto' ? opts.weekNumbering : 'iso';
      r.week = weekOf(d, numbering);
      r.weekNumbering = numbering;
      r.weekSource = 'config';
      r.weekConfidence = 'inferred';
    }
  }
}

/**
 * Week numbers that all sit the same number of weeks (two or more) from the notes' own dates, over three notes or
 * more, count weeks of a term or project: each note's week is its date's, and its number is kept as relative.
 */
function settleOffsets<T extends WeekFields>(group: T[], mode: WeekNumbering | 'auto'): void {
  const dated = group.filter((r) => r.week && r.created && !r.relativeWeek && !datedFrom(r) && r.weekNumbering);
  if (dated.length < 3) return;
  const offsetOf = (r: T) => {
    const monday = weekMonday(r.week!, r.weekNumbering!);
    return monday ? Math.round(days(monday, mondayOf(r.created!.slice(0, 10))) / 7) : null;
  };
  // most series are dated as numbered: the first note settles it, without reckoning every other
  const first = offsetOf(dated[0]);
  if (first === null || Math.abs(first) < 2) return;
  for (let i = 1; i < dated.length; i++) if (offsetOf(dated[i]) !== first) return;
  for (const r of dated) {
    r.relativeWeek = r.week!.number;
    const numbering: WeekNumbering = mode === 'auto' ? 'iso' : mode;
    r.week = weekOf(parseIsoDate(r.created!)!, numbering);
    r.weekNumbering = numbering;
    const from = r.when?.find((s) => s.date && (s.source === 'property' || s.source === 'frontmatter'));
    r.weekSource = from?.source ?? r.dateSource ?? 'property';
  }
}

function mondayOf(iso: string): string {
  const d = parseIsoDate(iso)!;
  const m = new Date(d.getFullYear(), d.getMonth(), d.getDate() - ((d.getDay() + 6) % 7), 12);
  return `${m.getFullYear()}-${String(m.getMonth() + 1).padStart(2, '0')}-${String(m.getDate()).padStart(2, '0')}`;
}

/** A git first-commit date for a note with no week, no relative week and no date of its own. */
function gitDate(r: WeekFields, date: string | undefined, mode: WeekNumbering | 'auto'): void {
  if (!date || r.week || r.relativeWeek || r.created || r.weekSource) return;
  const d = parseIsoDate(date);
  if (!d) return;
  const numbering: WeekNumbering = mode === 'auto' ? 'iso' : mode;
  r.created = date;
  r.dateSource = 'git';
  r.dateConfidence = 'guessed';
  r.week = weekOf(d, numbering);
  r.weekNumbering = numbering;
  r.weekSource = 'git';
  r.weekConfidence = 'guessed';
  r.when = [...(r.when ?? []), { source: 'git', text: date, line: null, week: null, date }];
}

/** A string that differs when a note's settled fields differ: what settling changed, without copying them. */
export function settledKey(r: Settlement): string {
  let out = '';
  for (const k of SETTLED_FIELDS) out += r[k] === undefined ? '\u0001' : `${JSON.stringify(r[k])}\u0002`;
  return out;
}

/** The settled fields of a note, to hand to `applySettlement` elsewhere (a worker thread linting it again). */
export function settlementOf(r: Settlement): Settlement {
  const out: Settlement = {};
  for (const k of SETTLED_FIELDS) if (r[k] !== undefined) (out as Record<string, unknown>)[k] = structuredClone(r[k]);
  return out;
}

/** Put a note's settled fields in place (a field the settlement does not have is removed). */
export function applySettlement(r: Settlement, s: Settlement): void {
  for (const k of SETTLED_FIELDS) {
    if (s[k] === undefined) delete (r as Record<string, unknown>)[k];
    else (r as Record<string, unknown>)[k] = structuredClone(s[k]);
  }
}
