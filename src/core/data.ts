import type { Aggregate, NoteRef } from './aggregate/index.js';
import { cmp } from './aggregate/text.js';
import { slotOf } from './aggregate/weeks.js';
import type { WeekNumbering } from './model.js';
import { csvField } from './render/markdown.js';

// The data files a build writes once, at the top of the output folder: `data/report.json` (every author's
// aggregation, its facts pointing to a note of the index and a line instead of repeating the note's path and
// text) and `data/metrics.csv` (one row per metric value, with the author). Both are made author by author, in
// pieces, so a build of a hundred authors never holds them whole.

/** One note of `report.json`'s index: what facts point to by position (`n`). */
export interface NoteIndexEntry {
  file: string;
  author: string | null;
  /** The Monday of its week, or null for a note with no week and no date. */
  week: string | null;
  year: number | null;
  number: number | null;
  numbering: WeekNumbering | null;
  title: string | null;
}

/** The note index from a build's notes (sorted by path: an entry's position is its `n`) and their placing. */
export function noteIndex(files: string[], placed: Map<string, { author: string | null; ref: NoteRef | null }>): NoteIndexEntry[] {
  return files.map((file) => {
    const p = placed.get(file);
    const r = p?.ref ?? null;
    return { file, author: p?.author ?? null, week: r?.week ?? null, year: r?.year ?? null, number: r?.number ?? null, numbering: r?.numbering ?? null, title: r?.title ?? null };
  });
}

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/**
 * A fact as `report.json` keeps it: `file` becomes `n` (its place in the note index), and what the note itself
 * says (its week, author, the text of an item, highlight or plan, a value's column and text as written) is left
 * to the note. A field that is null, false or an empty list is left out: absent means that. A mention's name,
 * objective and detail are left out when they repeat its item's name and objective and its status, a point's
 * unit when it is its series'. A period
 * points to its series and items by their place in the author's `metrics` and `workItems` (`series: 3`), not by
 * id. A fraction is kept to 10 significant digits: what floating point adds past them (`0.029899999999997817`)
 * is noise, not data.
 */
function compact(v: unknown, ctx: Compaction, parent?: { name?: unknown; objective?: unknown; unit?: unknown }): unknown {
  if (Array.isArray(v)) return v.map((x) => compact(x, ctx, parent));
  if (typeof v === 'number') return Number.isInteger(v) ? v : Number(v.toPrecision(10));
  if (!isObject(v)) return v;
  const source = typeof v.file === 'string' && typeof v.line === 'number';
  const out: Record<string, unknown> = {};
  if (source) out.n = ctx.noteOf(v.file as string);
  // what a track's mentions and a series' points would repeat of it
  const track = Array.isArray(v.mentions) ? { name: v.name, objective: v.objective } : Array.isArray(v.points) ? { unit: v.unit } : parent;
  // a value's decimals are left out when the number shows them (`99.972` has 3); kept when it does not (`99.970`)
  const shown = typeof v.value === 'number' && typeof v.decimals === 'number' && v.decimals === decimalsShown(v.value);
  for (const [k, x] of Object.entries(v)) {
    if (x === null || x === false || (Array.isArray(x) && x.length === 0)) continue;
    if (shown && k === 'decimals') continue;
    if (source && (k === 'file' || k === 'week' || k === 'author' || k === 'text' || k === 'column' || k === 'writtenName')) continue;
    if (source && parent && ((k === 'name' && x === parent.name) || (k === 'objective' && x === parent.objective) || (k === 'unit' && x === parent.unit) || (k === 'detail' && x === v.status))) continue;
    if (k === 'series' && typeof x === 'string' && ctx.series.has(x)) out[k] = ctx.series.get(x);
    else if (k === 'item' && typeof x === 'string' && ctx.items.has(x)) out[k] = ctx.items.get(x);
    else out[k] = compact(x, ctx, track);
  }
  return out;
}

/** Decimals a number shows when written as JSON does (`0.5` → 1, `3` → 0; exponent forms count as shown by none). */
function decimalsShown(n: number): number {
  const t = String(Number.isInteger(n) ? n : Number(n.toPrecision(10)));
  if (/e/i.test(t)) return -1;
  const dot = t.indexOf('.');
  return dot < 0 ? 0 : t.length - dot - 1;
}

interface Compaction {
  noteOf: (file: string) => number;
  series: Map<string, number>;
  items: Map<string, number>;
}

/** The opening of `report.json`. */
export const reportHead = (): string => '{"generator":"weekly","version":2,"authors":{';

/**
 * One author's entry of `report.json` (`""` for notes no author is named for): the aggregation, compact, facts
 * pointing into the note index. `first` says whether it opens the list (no comma before it).
 */
export function reportAuthor(author: string | null, agg: Aggregate, noteOf: (file: string) => number, first: boolean): string {
  const { settings, span, objectives, notes, workItems, metrics, incidents, plans, highlights, reflections, other, scopes } = agg;
  const ctx: Compaction = { noteOf, series: new Map(metrics.map((s, i) => [s.id, i])), items: new Map(workItems.map((t, i) => [t.id, i])) };
  // a period's figures, less what its key, its series' points and its items' mentions give at once: the weeks of
  // the period and who wrote in which (its notes say), a metric's first, last, min, max and mean; the metric's
  // figure by its kind, the change, target attainment and the worst week stay, and each item's completion,
  // milestones and slips
  const periods = scopes.map((s) => ({
    ...s,
    periods: Object.fromEntries(
      Object.entries(s.periods).map(([kind, list]) => {
        // a change whose previous figure is the one its previous period's entry gives says only that period's key
        const figureIn = (key: string, series: string) => list.find((q) => q.key === key)?.metrics.find((m) => m.series === series)?.figure;
        const compacted = list.map(({ weeks: _w, submissions: _s, ...p }) => ({
          ...p,
          metrics: p.metrics.map(({ first: _f, last: _l, min: _n, max: _x, mean: _m, move: _v, kind: k, change, ...rest }) => {
            const out: Record<string, unknown> = rest;
            // a figure's kind is its series' unless the config or the period says otherwise
            if (k !== metrics[ctx.series.get(rest.series) ?? -1]?.kind) out.kind = k;
            if (change) {
              const pf = figureIn(change.previous, rest.series);
              const { previousFigure, ...c } = change;
              out.change = pf && pf.value === previousFigure.value && pf.decimals === previousFigure.decimals ? c : change;
            }
            return out;
          }),
          items: p.items.map(({ mentions: _m, ...rest }) => rest),
        }));
        return [kind, compacted];
      }),
    ),
  }));
  // a note's year, number, title and week are in the index already: its entry here keeps where and how much
  const placed = notes.map(({ year: _y, number: _n, numbering: _u, start: _s, end: _e, title: _t, ...rest }) => rest);
  const body = compact({ settings, span, objectives, notes: placed, workItems, metrics, incidents, plans, highlights, reflections, other, scopes: periods }, ctx);
  return `${first ? '' : ','}${JSON.stringify(author ?? '')}:${JSON.stringify(body)}`;
}

/** The close of `report.json`: the note index, and the team's figures when the notes are a team's. */
export function reportTail(notes: NoteIndexEntry[], team: unknown): string {
  return `},"notes":${JSON.stringify(notes)}${team === undefined || team === null ? '' : `,"team":${JSON.stringify(team)}`}}\n`;
}

/**
 * The header of `metrics.csv`. A week is named by its Monday and by its number under the numbering the note
 * uses (`2023`, `45`, `jan1`): `2023-W45` would be ISO notation, wrong for a jan1 week.
 */
export const METRICS_CSV_HEADER = 'week_start,year,week,numbering,author,metric,value,unit,file,line\n';

/**
 * The rows of `metrics.csv` for one aggregation: one per metric value, RFC 4180 quoting, in order of week, then
 * author, metric, file and line.
 */
export function metricsCsvRows(agg: Aggregate): string {
  const noteOf = new Map(agg.notes.map((n) => [`${n.author ?? ''}\u0000${n.week}`, n]));
  const rows: { key: string[]; cells: string[] }[] = [];
  agg.metrics.forEach((s, si) => {
    for (const p of s.points) {
      const n = noteOf.get(`${p.author ?? ''}\u0000${p.week}`);
      const slot = n ?? slotOf(p.week, agg.settings.numbering);
      const numbering = n?.numbering ?? agg.settings.numbering;
      rows.push({
        key: [p.week, p.author ?? '', String(si).padStart(6, '0'), p.file, String(p.line).padStart(8, '0')],
        cells: [p.week, String(slot.year), String(slot.number), numbering, csvField(p.author), csvField(s.name), csvField(p.value.toFixed(p.decimals), false), csvField(p.unit), csvField(p.file), csvField(p.line, false)],
      });
    }
  });
  rows.sort((a, b) => {
    for (let i = 0; i < a.key.length; i++) {
      const c = cmp(a.key[i], b.key[i]);
      if (c) return c;
    }
    return 0;
  });
  return rows.map((r) => `${r.cells.join(',')}\n`).join('');
}

/**
 * `metrics.csv` of one aggregation, whole, with a UTF-8 byte-order mark so that spreadsheet programs read the
 * Chinese names correctly (`weekly metrics --format csv` prints it without the mark).
 */
export function metricsCsv(agg: Aggregate): string {
  return `\ufeff${METRICS_CSV_HEADER}${metricsCsvRows(agg)}`;
}
