import type { Config } from '../config.js';
import type { Report, WeekNumbering } from '../model.js';
import type {
  Aggregate,
  AggregateSettings,
  HighlightEntry,
  IncidentEntry,
  IncidentStats,
  MetricSeries,
  NoteRef,
  NoteUnread,
  PeriodAgg,
  PeriodItem,
  Scope,
  Submission,
  TextEntry,
  ExtraEntry,
  ExtraKind,
  WorkItemTrack,
} from './types.js';
import { buildSeries, metricStat } from './metrics.js';
import { matchPlans } from './plans.js';
import { buildTracks, completionAsOf, isMetricLine, type PlacedReport } from './work-items.js';
import { boundsOf, cmp, indexesIn, writtenLine } from './text.js';
import { AUTHOR_GROUPS } from '../memo.js';
import { daysOutsideWeek, parseIsoDate } from '../dates.js';
import { noteWeekKey, periodsOfWeek, previousPeriodKey, slotOf, weekRange, weeksOfPeriod, type MonthDay, type PeriodKind } from './weeks.js';

export type * from './types.js';
export { periodsOfWeek, weeksOfPeriod, slotOf, addWeeks, weeksBetween, type PeriodKind, type MonthDay } from './weeks.js';
export { tokens, overlap, isFollowUp, workItemKey, FOLLOW_SCORE } from './text.js';

/** Default number of a person's notes without mention after which an open work item counts as gone silent. */
export const DEFAULT_SILENT_WEEKS = 3;

/** Options of `aggregate`. */
export interface AggregateOptions {
  /** A note's author; default: its frontmatter `author`. */
  authorOf?: (r: Report) => string | null;
  /** With several authors, also build each author's scope (default true; `build` aggregates each author on its own). */
  authorScopes?: boolean;
  /** First and last week keys to treat as the span of the notes (default: the notes' own). */
  span?: { first: string; last: string };
}

const authorCmp = (a: string | null, b: string | null) => (a === b ? 0 : a === null ? 1 : b === null ? -1 : cmp(a, b));

/** Settings of the aggregation implied by a config. */
export function settingsOf(config: Config, numbering: WeekNumbering): AggregateSettings {
  return {
    monthDay: (config.build?.monthDay ?? 'thursday') as MonthDay,
    fiscalYearStart: config.build?.fiscalYearStart ?? 1,
    silentWeeks: config.build?.silentWeeks ?? DEFAULT_SILENT_WEEKS,
    numbering,
  };
}

/**
 * Aggregate parsed notes into per-person (and, with several people, team) figures per month, quarter and
 * year. Pure: the same reports and config give the same result, whatever order the reports come in.
 */
export function aggregate(reports: Report[], config: Config, opts: AggregateOptions = {}): Aggregate {
  const authorOf = opts.authorOf ?? ((r: Report) => r.author);
  const placed: PlacedReport[] = [];
  const unplaced: string[] = [];
  for (const report of [...reports].sort((a, b) => cmp(a.file, b.file))) {
    const week = noteWeekKey(report);
    if (!week) unplaced.push(report.file);
    else placed.push({ report, week, author: authorOf(report) });
  }
  placed.sort((a, b) => authorCmp(a.author, b.author) || cmp(a.week, b.week) || cmp(a.report.file, b.report.file));

  const counts = { iso: 0, jan1: 0 };
  for (const p of placed) if (p.report.weekNumbering) counts[p.report.weekNumbering]++;
  const numbering: WeekNumbering = counts.iso > counts.jan1 ? 'iso' : 'jan1';
  const settings = settingsOf(config, numbering);

  const notes: NoteRef[] = placed.map((p) => {
    const own = p.report.week && p.report.weekNumbering ? { year: p.report.week.year, number: p.report.week.number, numbering: p.report.weekNumbering } : null;
    const slot = slotOf(p.week, own?.numbering ?? numbering);
    return {
      week: p.week,
      author: p.author,
      file: p.report.file,
      line: p.report.titleLine ?? 1,
      year: own?.year ?? slot.year,
      number: own?.number ?? slot.number,
      numbering: own?.numbering ?? numbering,
      start: slot.start,
      end: slot.end,
      title: p.report.title,
      unread: unreadOf(p.report),
      size: sizeOf(p.report),
    };
  });

  const workItems = buildTracks(placed, config.workItems?.aliases ?? {});
  const metrics = buildSeries(placed, config);
  linkMetrics(workItems, metrics, placed);
  const plans = matchPlans(placed);
  const incidents: IncidentEntry[] = [];
  const highlights: HighlightEntry[] = [];
  const reflections: TextEntry[] = [];
  const other: TextEntry[] = [];
  const extra: ExtraEntry[] = [];
  for (const p of placed) {
    // the same three fields first in each entry, written out: object spread is slow over 10,000 notes
    const { week, author } = p;
    const file = p.report.file;
    for (const i of p.report.incidents) {
      incidents.push({ week, author, file, line: i.line, date: i.date, time: i.time, durationMinutes: i.durationMinutes, summary: i.summary, impact: i.impact, level: i.level });
    }
    for (const h of p.report.highlights) highlights.push({ week, author, file, line: h.line, title: h.title, text: h.text });
    if (p.report.reflection) {
      const s = p.report.sections.find((x) => x.id === 'reflection');
      reflections.push({ week, author, file, line: s ? s.line : 1, text: p.report.reflection });
    }
    for (const o of p.report.other) other.push({ week, author, file, line: o.line, text: o.text });
    extra.push(...extraOf(p));
  }

  const weeks = placed.map((p) => p.week).sort(cmp);
  const span = opts.span ?? (weeks.length ? { first: weeks[0], last: weeks[weeks.length - 1] } : null);
  const authors = [...new Set(placed.map((p) => p.author))].sort(authorCmp);

  const objectives = new Map<string, string>();
  for (const p of [...placed].sort((a, b) => cmp(a.week, b.week) || cmp(a.report.file, b.report.file))) {
    for (const sec of p.report.sections) if (sec.id === 'objective' && sec.objective) objectives.set(sec.objective, sec.name ?? '');
  }
  const agg: Aggregate = {
    settings,
    span,
    authors,
    objectives: [...objectives].map(([id, name]) => ({ id, name })).sort((a, b) => cmp(a.id, b.id)),
    notes, unplaced, workItems, metrics, incidents, plans, highlights, reflections, other, extra, scopes: [] };
  if (!span || !placed.length) return agg;
  if (authors.length > 1) agg.scopes.push(buildScope(agg, 'team', null));
  if (authors.length === 1 || opts.authorScopes !== false) {
    for (const a of authors) if (a !== null || authors.length === 1) agg.scopes.push(buildScope(agg, 'author', a));
  }
  return agg;
}

/**
 * One author's aggregation cut from a team's: the same as `aggregate(theirNotes, config, { authorOf: () => author,
 * span: team.span })` (tracks, series and plan matches never cross authors), without matching and tracking every
 * note a second time. `reports` are the author's notes. Falls back to aggregating them when the author's notes
 * settle on another week numbering than the team's, which changes the weeks of notes that name none.
 */
export function authorAggregate(team: Aggregate, author: string, reports: Report[], config: Config): Aggregate {
  const parts = byAuthor(team).get(author);
  const mine = <K extends AuthorPart>(k: K): Aggregate[K] => (parts?.[k] ?? []) as Aggregate[K];
  const notes = mine('notes');
  const counts = { iso: 0, jan1: 0 };
  for (const r of reports) if (r.weekNumbering && noteWeekKey(r)) counts[r.weekNumbering]++;
  const numbering: WeekNumbering = counts.iso > counts.jan1 ? 'iso' : 'jan1';
  if (numbering !== team.settings.numbering || !team.span) return aggregate(reports, config, { authorOf: () => author, span: team.span ?? undefined });
  const sorted = [...reports].sort((a, b) => cmp(a.file, b.file));
  const objectives = new Map<string, string>();
  for (const r of [...sorted].sort((a, b) => cmp(noteWeekKey(a) ?? '', noteWeekKey(b) ?? '') || cmp(a.file, b.file))) {
    if (!noteWeekKey(r)) continue;
    for (const sec of r.sections) if (sec.id === 'objective' && sec.objective) objectives.set(sec.objective, sec.name ?? '');
  }
  const agg: Aggregate = {
    settings: team.settings,
    span: team.span,
    authors: notes.length ? [author] : [],
    objectives: [...objectives].map(([id, name]) => ({ id, name })).sort((a, b) => cmp(a.id, b.id)),
    notes,
    unplaced: sorted.filter((r) => !noteWeekKey(r)).map((r) => r.file),
    workItems: mine('workItems'),
    metrics: mine('metrics'),
    incidents: mine('incidents'),
    plans: mine('plans'),
    highlights: mine('highlights'),
    reflections: mine('reflections'),
    other: mine('other'),
    extra: mine('extra'),
    scopes: [],
  };
  if (notes.length) agg.scopes.push(buildScope(agg, 'author', author));
  return agg;
}

type AuthorPart = 'notes' | 'workItems' | 'metrics' | 'incidents' | 'plans' | 'highlights' | 'reflections' | 'other' | 'extra';
const PARTS: AuthorPart[] = ['notes', 'workItems', 'metrics', 'incidents', 'plans', 'highlights', 'reflections', 'other', 'extra'];
/** A team aggregation's entries grouped by author, in their order; made once per aggregation (memo.ts). */
function byAuthor(team: Aggregate): Map<string | null, Partial<Record<AuthorPart, unknown[]>>> {
  const hit = AUTHOR_GROUPS.get(team);
  if (hit) return hit;
  const m = new Map<string | null, Partial<Record<AuthorPart, unknown[]>>>();
  for (const k of PARTS) {
    for (const x of team[k] as { author: string | null }[]) {
      let g = m.get(x.author);
      if (!g) m.set(x.author, (g = {}));
      (g[k] ??= []).push(x);
    }
  }
  return AUTHOR_GROUPS.set(team, m);
}

/**
 * Each item's metric series, in the series' order: those read on the lines of its mentions, and in an objective
 * section those read under it before the next item (`0级报警跟进率` in a bullet under `系统稳定性度量与提升`).
 */
function linkMetrics(tracks: WorkItemTrack[], series: MetricSeries[], placed: PlacedReport[]): void {
  const owner = new Map<string, string>();
  for (const p of placed) {
    const items = p.report.workItems.filter((x) => !isMetricLine(x, p.report.metrics)).sort((a, b) => a.line - b.line);
    for (const m of p.report.metrics) {
      if (m.section !== 'objective') continue;
      let it = null;
      for (const x of items) if (x.line <= m.line && x.objective === m.objective) it = x;
      if (it) owner.set(`${p.report.file}\u0000${m.line}`, `${p.report.file}\u0000${it.line}`);
    }
  }
  const at = new Map<string, string[]>();
  for (const s of series) {
    for (const p of s.points) {
      const k = owner.get(`${p.file}\u0000${p.line}`) ?? `${p.file}\u0000${p.line}`;
      const list = at.get(k);
      if (!list) at.set(k, [s.id]);
      else if (!list.includes(s.id)) list.push(s.id);
    }
  }
  const rank = new Map(series.map((s, i) => [s.id, i]));
  for (const t of tracks) t.metrics = [...new Set(t.mentions.flatMap((m) => at.get(`${m.file}\u0000${m.line}`) ?? []))].sort((a, b) => rank.get(a)! - rank.get(b)!);
}

/**
 * About how many characters of text a note holds, from what was read of it (its metrics as the numbers written):
 * what a summary's length is measured against.
 */
function sizeOf(r: Report): number {
  const len = (t: string | null | undefined) => (t ? [...t].length : 0);
  let n = len(r.title) + len(r.reflection);
  for (const h of r.highlights) n += len(h.title) + len(h.text);
  for (const w of r.workItems) n += len(w.text);
  for (const x of [...r.other, ...r.nextWeek]) n += len(x.text);
  for (const i of r.incidents) n += len(i.text);
  for (const m of r.metrics) if (m.section === 'metrics') n += len(m.name) + len(m.text);
  for (const sec of r.sections) n += len(sec.title) + (sec.id === 'unknown' ? len(sec.text) : 0);
  return n;
}

// the sections whose text the summaries show as written (the parser keeps it), beside unknown ones
const SHOWN_KINDS = new Set<string>(['progress', 'problems', 'help', 'notes', 'unknown']);

/**
 * The lines of a note's sections shown as written: each non-empty line, list marker and task box aside, cited at
 * the section's heading. A section that says only that there is nothing this time is left out.
 */
function extraOf(p: PlacedReport): ExtraEntry[] {
  const out: ExtraEntry[] = [];
  for (const sec of p.report.sections) {
    if (!SHOWN_KINDS.has(sec.id) || !sec.text || (sec as { noUpdate?: boolean }).noUpdate) continue;
    for (const raw of sec.text.split('\n')) {
      const text = writtenLine(raw);
      if (text) out.push({ week: p.week, author: p.author, file: p.report.file, line: sec.line, kind: sec.id as ExtraKind, title: sec.title, text });
    }
  }
  return out;
}

/**
 * One line per thing a note holds that the summaries could not use, `file:line: what`, in file and line order:
 * what `build` and `metrics` print on stderr beside lint's problems, so that no figure changes without a word.
 */
export function unreadNotices(agg: Aggregate): string[] {
  const out: { file: string; line: number; text: string }[] = [];
  for (const n of agg.notes) {
    for (const u of n.unread) {
      const what =
        u.kind === 'value'
          ? `${u.name ?? 'a metric'}: value \`${u.text}\` could not be read, left out of the summaries`
          : u.kind === 'section'
            ? `section \`${u.text}\` not recognised: what it holds is left out of the summaries`
            : `Created date ${u.text} lies outside the week the note names: the note counts in the week it names`;
      out.push({ file: n.file, line: u.line, text: what });
    }
  }
  return out.sort((a, b) => cmp(a.file, b.file) || a.line - b.line).map((x) => `${x.file}:${x.line}: ${x.text}`);
}

/** What a note holds that the summaries cannot use: malformed values, unrecognised sections, a date outside its week. */
function unreadOf(r: Report): NoteUnread[] {
  const out: NoteUnread[] = [];
  for (const m of r.malformedNumbers) out.push({ kind: 'value', line: m.line, text: m.text, name: m.name });
  for (const sec of r.sections) if (sec.id === 'unknown' && !sec.empty) out.push({ kind: 'section', line: sec.line, text: sec.title, name: null });
  if (r.week && r.weekNumbering && r.created && r.createdLine !== null) {
    const d = parseIsoDate(r.created);
    if (d && daysOutsideWeek(d, r.week, r.weekNumbering)) out.push({ kind: 'created', line: r.createdLine, text: r.created.slice(0, 10), name: null });
  }
  return out.sort((a, b) => a.line - b.line);
}

function incidentStats(list: IncidentEntry[]): IncidentStats {
  const timed = list.filter((i) => i.durationMinutes !== null);
  const total = timed.reduce((a, i) => a + (i.durationMinutes ?? 0), 0);
  return { count: list.length, withDuration: timed.length, totalMinutes: Math.round(total * 100) / 100, meanMinutes: timed.length ? Math.round((total / timed.length) * 100) / 100 : null };
}

/** Weeks with a note, per author, over the whole span. */
function submissions(agg: Aggregate, authors: (string | null)[], weeksInSpan: string[], noteIdx: number[]): Submission[] {
  return authors.map((a) => {
    const have = new Set(noteIdx.filter((i) => agg.notes[i].author === a).map((i) => agg.notes[i].week));
    return { author: a, weeks: weeksInSpan.filter((w) => have.has(w)), missing: weeksInSpan.filter((w) => !have.has(w)) };
  });
}

function buildScope(agg: Aggregate, kind: 'team' | 'author', author: string | null): Scope {
  const span = agg.span!;
  const s = agg.settings;
  const inScope = <T extends { author: string | null }>(x: T) => kind === 'team' || x.author === author;
  const noteIdx = agg.notes.map((n, i) => (inScope(n) ? i : -1)).filter((i) => i >= 0);
  const authors = kind === 'team' ? agg.authors : [author];
  const tracks = agg.workItems.filter(inScope);
  const series = agg.metrics.filter(inScope);
  const allSpanWeeks = weekRange(span.first, span.last);

  // each author's weeks with a note, to count silence in notes rather than calendar weeks
  const authorWeeks = new Map<string | null, string[]>();
  for (const a of authors) authorWeeks.set(a, [...new Set(noteIdx.filter((i) => agg.notes[i].author === a).map((i) => agg.notes[i].week))].sort(cmp));
  const silences = tracks.flatMap((t) => silencesOf(t, authorWeeks.get(t.author) ?? [], s.silentWeeks));

  // the scope's entries by week, so that each period reads only its own weeks
  const byWeek = {
    incidents: indexByWeek(agg.incidents, inScope),
    plans: indexByWeek(agg.plans, inScope),
    highlights: indexByWeek(agg.highlights, inScope),
    reflections: indexByWeek(agg.reflections, inScope),
    other: indexByWeek(agg.other, inScope),
    extra: indexByWeek(agg.extra, inScope),
  };
  const periods: Scope['periods'] = { month: [], quarter: [], year: [] };
  for (const pk of ['month', 'quarter', 'year'] as PeriodKind[]) {
    const keys = [...new Set(noteIdx.map((i) => periodsOfWeek(agg.notes[i].week, s)[pk]))].sort(cmp);
    for (const key of keys) periods[pk].push(buildPeriod(agg, pk, key, { noteIdx, authors, tracks, series, silences, inScope, byWeek }));
  }
  const open: Scope['open'] = [];
  for (const t of tracks) {
    if (t.completedWeek) continue;
    const after = (authorWeeks.get(t.author) ?? []).filter((w) => w > t.lastWeek).length;
    open.push({ item: t.id, lastWeek: t.lastWeek, silentWeeks: after });
  }
  return { kind, author, notes: noteIdx, submissions: submissions(agg, authors, allSpanWeeks, noteIdx), periods, open };
}

type WeekIndex = Map<string, number[]>;

function indexByWeek<T extends { author: string | null; week: string }>(list: T[], inScope: (x: T) => boolean): WeekIndex {
  const m: WeekIndex = new Map();
  list.forEach((x, i) => {
    if (!inScope(x)) return;
    if (!m.has(x.week)) m.set(x.week, []);
    m.get(x.week)!.push(i);
  });
  return m;
}

/** Indexes of the entries of some weeks, in the order of the list. */
function inWeeks(index: WeekIndex, weeks: string[]): number[] {
  return weeks.flatMap((w) => index.get(w) ?? []).sort((a, b) => a - b);
}

interface Silence {
  item: string;
  lastWeek: string;
  /** The note week that made it `silentWeeks` notes without mention. */
  mark: string;
  /** The author's note weeks without mention after `lastWeek`, until it was mentioned again. */
  quiet: string[];
}

/** Each stretch of `n` or more of the author's notes that do not mention an item left open. */
function silencesOf(t: WorkItemTrack, authorWeeks: string[], n: number): Silence[] {
  const out: Silence[] = [];
  const weeks = [...new Set(t.mentions.map((m) => m.week))];
  weeks.forEach((w, i) => {
    if (completionAsOf(t.mentions, w)) return;
    const next = weeks[i + 1] ?? '\uffff';
    const quiet = authorWeeks.filter((x) => x > w && x < next);
    if (quiet.length >= n) out.push({ item: t.id, lastWeek: w, mark: quiet[n - 1], quiet });
  });
  return out;
}

interface ScopeData {
  noteIdx: number[];
  authors: (string | null)[];
  tracks: WorkItemTrack[];
  series: ReturnType<typeof buildSeries>;
  silences: Silence[];
  inScope: <T extends { author: string | null }>(x: T) => boolean;
  byWeek: Record<'incidents' | 'plans' | 'highlights' | 'reflections' | 'other' | 'extra', WeekIndex>;
}

function buildPeriod(agg: Aggregate, kind: PeriodKind, key: string, d: ScopeData): PeriodAgg {
  const s = agg.settings;
  const span = agg.span!;
  const weeks = weeksOfPeriod(kind, key, s);
  const weeksInSpan = weeks.filter((w) => w >= span.first && w <= span.last);
  const wset = new Set(weeks);
  const end = weeksInSpan[weeksInSpan.length - 1] ?? weeks[weeks.length - 1];
  const prevKey = previousPeriodKey(kind, key);
  const previous = { key: prevKey, weeks: new Set(weeksOfPeriod(kind, prevKey, s)) };
  const notes = d.noteIdx.filter((i) => wset.has(agg.notes[i].week));

  const metrics = d.series.map((x) => metricStat(x, wset, previous)).filter((x): x is NonNullable<typeof x> => x !== null);

  const items: PeriodItem[] = [];
  const bounds = boundsOf(wset);
  for (const t of d.tracks) {
    // most of a team's items were not mentioned in a given month
    if (!bounds || t.lastWeek < bounds[0] || t.firstWeek > bounds[1]) continue;
    const mentions = indexesIn(t.mentions, wset);
    if (!mentions.length) continue;
    const done = completionAsOf(t.mentions, end);
    const completedWeek = done && wset.has(done) ? done : null;
    const milestones = t.doneMentions.filter((i) => wset.has(t.mentions[i].week) && t.mentions[i].week !== completedWeek);
    const slips = t.slips.map((x, i) => (wset.has(x.to.week) ? i : -1)).filter((i) => i >= 0);
    items.push({ item: t.id, mentions, completedWeek, milestones, slips });
  }
  const silent = d.silences
    .filter((x) => wset.has(x.mark))
    .map((x) => ({ item: x.item, lastWeek: x.lastWeek, weeks: x.quiet.filter((w) => w <= end).length }))
    .sort((a, b) => cmp(a.lastWeek, b.lastWeek) || cmp(a.item, b.item));

  const incIdx = inWeeks(d.byWeek.incidents, weeks);
  const incList = incIdx.map((i) => agg.incidents[i]);
  const group = (pk: 'month' | 'quarter') => {
    const keys = [...new Set(weeksInSpan.map((w) => periodsOfWeek(w, s)[pk]))].sort(cmp);
    return keys.map((k) => ({ k, stats: incidentStats(incList.filter((x) => periodsOfWeek(x.week, s)[pk] === k)) }));
  };

  const planIdx = inWeeks(d.byWeek.plans, weeks);
  const pl = planIdx.map((i) => agg.plans[i]);
  const followed = pl.filter((x) => x.status === 'followed').length;
  const notMentioned = pl.filter((x) => x.status === 'not-mentioned').length;


  return {
    kind,
    key,
    weeks,
    weeksInSpan,
    partial: weeksInSpan.length < weeks.length,
    notes,
    submissions: submissions(agg, d.authors, weeksInSpan, notes),
    metrics,
    items,
    silent,
    incidents: {
      stats: incidentStats(incList),
      list: incIdx,
      byMonth: kind === 'month' ? [] : group('month').map((g) => ({ month: g.k, ...g.stats })),
      byQuarter: kind === 'year' ? group('quarter').map((g) => ({ quarter: g.k, ...g.stats })) : [],
    },
    plans: { made: pl.length, followed, notMentioned, noNextNote: pl.length - followed - notMentioned, rate: followed + notMentioned ? followed / (followed + notMentioned) : null, list: planIdx },
    highlights: inWeeks(d.byWeek.highlights, weeks),
    reflections: inWeeks(d.byWeek.reflections, weeks),
    other: inWeeks(d.byWeek.other, weeks),
    extra: inWeeks(d.byWeek.extra, weeks),
  };
}
