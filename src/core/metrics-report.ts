import stringWidth from 'string-width';
import type { Aggregate, MetricSeries } from './aggregate/index.js';
import { metricStat } from './aggregate/metrics.js';
import { slotOf, weekRange } from './aggregate/weeks.js';
import { meetsTarget, parseTarget } from './config.js';
import { metricsCsv } from './data.js';

/** One value of a metric, for output. */
export interface MetricPointOut {
  /** `2024-W08`, under the numbering the note was read with. */
  week: string;
  /** Monday of the week, `YYYY-MM-DD`. */
  start: string;
  value: number;
  /** As written, `99.978%`. */
  text: string;
  /** Whether it meets the target (null without one). */
  met: boolean | null;
  file: string;
  line: number;
}

/** A metric's series over the selected weeks, with its figures. */
export interface MetricRow {
  name: string;
  author: string | null;
  unit: string | null;
  target: string | null;
  direction: 'higher' | 'lower' | null;
  count: number;
  last: MetricPointOut;
  min: { value: number; text: string };
  max: { value: number; text: string };
  mean: { value: number; text: string };
  attainment: { met: number; total: number; ratio: number } | null;
  points: MetricPointOut[];
}

/** The selected metrics and the weeks they span. */
export interface MetricsSelection {
  /** Every week from the first to the last selected value (Monday keys), gaps included. */
  weeks: string[];
  rows: MetricRow[];
  /** The series, cut to the selection, for the CSV. */
  series: MetricSeries[];
}

/** A value with its unit, at a given precision: `99.978%`, `5次`, `717`. */
export function formatValue(value: number, decimals: number, unit: string | null): string {
  return `${value.toFixed(decimals)}${unit ?? ''}`;
}

/**
 * The series of `agg` whose canonical name is in `names` (all when empty), cut to the weeks `from`..`to`
 * (Monday keys, inclusive, either open), in the aggregate's order. Series left with no value are dropped.
 */
export function selectMetrics(agg: Aggregate, opts: { names?: string[]; from?: string | null; to?: string | null }): MetricsSelection {
  const label = (author: string | null, week: string) => {
    const n = agg.notes.find((x) => x.author === author && x.week === week);
    const ref = n ? { year: n.year, number: n.number } : slotOf(week, agg.settings.numbering);
    return `${ref.year}-W${String(ref.number).padStart(2, '0')}`;
  };
  const inRange = (w: string) => (!opts.from || w >= opts.from) && (!opts.to || w <= opts.to);
  const series: MetricSeries[] = [];
  const rows: MetricRow[] = [];
  for (const s of agg.metrics) {
    if (opts.names?.length && !opts.names.includes(s.name)) continue;
    const cut: MetricSeries = { ...s, points: s.points.filter((p) => inRange(p.week)) };
    if (!cut.points.length) continue;
    series.push(cut);
    const st = metricStat(cut, new Set(cut.points.map((p) => p.week)), null)!;
    const target = s.target ? parseTarget(s.target) : null;
    const points = cut.points.map((p) => ({
      week: label(s.author, p.week),
      start: p.week,
      value: p.value,
      text: formatValue(p.value, p.decimals, p.unit),
      met: target ? meetsTarget(p.value, target) : null,
      file: p.file,
      line: p.line,
    }));
    const dec = (idx: number[]) => Math.max(...idx.map((i) => cut.points[i].decimals));
    rows.push({
      name: s.name,
      author: s.author,
      unit: s.unit,
      target: s.target,
      direction: s.direction,
      count: st.count,
      last: points[st.last],
      min: { value: st.min.value, text: formatValue(st.min.value, dec(st.min.points), s.unit) },
      max: { value: st.max.value, text: formatValue(st.max.value, dec(st.max.points), s.unit) },
      // the mean as shown: figures are kept unrounded, and rounded once, here, for output
      mean: { value: Number(st.mean.value.toFixed(st.mean.decimals)), text: formatValue(st.mean.value, st.mean.decimals, s.unit) },
      attainment: st.attainment,
      points,
    });
  }
  const keys = series.flatMap((s) => s.points.map((p) => p.week)).sort();
  return { weeks: keys.length ? weekRange(keys[0], keys[keys.length - 1]) : [], rows, series };
}

const BARS = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];

/**
 * A Unicode sparkline, one character per value (a space where there is none), scaled from the smallest to the
 * largest value; a flat series sits in the middle. More than `width` values are averaged into `width` buckets.
 */
export function sparkline(values: (number | null)[], width = 52): string {
  let vs = values;
  if (vs.length > width) {
    vs = [];
    for (let b = 0; b < width; b++) {
      const part = values.slice(Math.floor((b * values.length) / width), Math.floor(((b + 1) * values.length) / width)).filter((v): v is number => v !== null);
      vs.push(part.length ? part.reduce((a, v) => a + v, 0) / part.length : null);
    }
  }
  const present = vs.filter((v): v is number => v !== null);
  if (!present.length) return ' '.repeat(vs.length);
  const min = Math.min(...present);
  const max = Math.max(...present);
  return vs.map((v) => (v === null ? ' ' : max === min ? BARS[3] : BARS[Math.round(((v - min) / (max - min)) * (BARS.length - 1))])).join('');
}

/** Pad to a display width (CJK characters count two columns). */
function pad(s: string, width: number, right: boolean): string {
  const fill = ' '.repeat(Math.max(0, width - stringWidth(s)));
  return right ? fill + s : s + fill;
}

/** Lay out rows of cells in columns two spaces apart, by display width; `right` columns are right-aligned. */
export function columns(rows: string[][], right: boolean[]): string {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => stringWidth(r[i]))));
  return rows.map((r) => r.map((c, i) => pad(c, widths[i], right[i])).join('  ').replace(/\s+$/, '')).join('\n') + '\n';
}

/**
 * The table of `weekly metrics`: one row per metric with its sparkline over the selected weeks (all rows on
 * one time axis), weeks reported, last value, min, max and, when any metric has a target, the target and
 * the weeks that met it. An author column appears when there are several authors.
 */
export function metricsTable(sel: MetricsSelection): string {
  if (!sel.rows.length) return '';
  const authors = new Set(sel.rows.map((r) => r.author));
  const withAuthor = authors.size > 1;
  const withTarget = sel.rows.some((r) => r.target !== null);
  const head = [...(withAuthor ? ['author'] : []), 'metric', 'weeks', 'trend', 'last', 'min', 'max', ...(withTarget ? ['target', 'met'] : [])];
  const right = [...(withAuthor ? [false] : []), false, true, false, true, true, true, ...(withTarget ? [false, true] : [])];
  const body = sel.rows.map((r) => {
    const byWeek = new Map(r.points.map((p) => [p.start, p.value]));
    const met = r.attainment ? `${r.attainment.met}/${r.attainment.total} ${Math.round(r.attainment.ratio * 100)}%` : '—';
    return [
      ...(withAuthor ? [r.author ?? '—'] : []),
      r.name,
      String(r.count),
      sparkline(sel.weeks.map((w) => byWeek.get(w) ?? null)),
      r.last.text,
      r.min.text,
      r.max.text,
      ...(withTarget ? [r.target ?? '—', met] : []),
    ];
  });
  return columns([head, ...body], right);
}

/** The line above the table: how many metrics over which weeks, the time axis of the sparklines. */
export function metricsCaption(sel: MetricsSelection, agg: Aggregate): string {
  if (!sel.weeks.length) return '';
  const slot = (w: string) => slotOf(w, agg.settings.numbering);
  const label = (w: string) => `${slot(w).year}-W${String(slot(w).number).padStart(2, '0')}`;
  const first = sel.weeks[0];
  const last = sel.weeks[sel.weeks.length - 1];
  const n = (k: number, word: string) => `${k} ${word}${k === 1 ? '' : 's'}`;
  return `${n(sel.rows.length, 'metric')} over ${n(sel.weeks.length, 'week')}: ${label(first)} – ${label(last)} (${first} – ${slot(last).end})\n`;
}

/** The JSON of `weekly metrics --format json`. */
export function metricsJson(sel: MetricsSelection, agg: Aggregate): string {
  const weeks = sel.weeks.length ? { from: sel.weeks[0], to: slotOf(sel.weeks[sel.weeks.length - 1], agg.settings.numbering).end, numbering: agg.settings.numbering } : null;
  return `${JSON.stringify({ weeks, metrics: sel.rows }, null, 2)}\n`;
}

/** The CSV of `weekly metrics --format csv`: the columns of the build's `data/metrics.csv`, without its byte-order mark. */
export function metricsCsvOf(sel: MetricsSelection, agg: Aggregate): string {
  return metricsCsv({ ...agg, metrics: sel.series }).replace(/^\ufeff/, '');
}
