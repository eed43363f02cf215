import { meetsTarget, metricResolver, parseTarget, type Config, type MetricConfig } from '../config.js';
import type { Report } from '../model.js';
import type { Direction, MetricKind, MetricPoint, MetricSeries, MetricStat, Num, UnreadableValue } from './types.js';
import type { PlacedReport } from './work-items.js';
import { cmp, indexesIn } from './text.js';
import { readLineMetrics } from '../parse/metrics.js';
import {
  anyOf,
  COUNT_METRIC_UNITS,
  COUNT_METRIC_WORDS,
  escapeRegExp,
  HIGHER_IS_BETTER,
  LOWER_IS_BETTER,
  LOWER_IS_BETTER_RATES,
  METRIC_QUALIFIERS,
  RATE_MARK,
  TOTAL_METRIC_WORDS,
} from '../vocabulary.js';

// Names whose better direction is plain from the words; a configured target always wins over these.
const LOWER_RATE = new RegExp(`${anyOf(LOWER_IS_BETTER_RATES)}${escapeRegExp(RATE_MARK)}`);
const HIGHER = new RegExp(anyOf(HIGHER_IS_BETTER), 'i');
const LOWER = new RegExp(anyOf(LOWER_IS_BETTER), 'i');
const TOTAL_NAME = new RegExp(anyOf(TOTAL_METRIC_WORDS), 'i');
const COUNT_NAME = new RegExp(anyOf(COUNT_METRIC_WORDS), 'i');
const QUALIFIER = new RegExp(`^${anyOf(METRIC_QUALIFIERS)}`, 'i');

/** The better direction of a metric: from its target when configured, else from its name, else unknown. */
export function directionOf(name: string, target: string | null): { direction: Direction | null; from: 'target' | 'name' | null } {
  if (target) {
    const t = parseTarget(target);
    if (t.op === '>=' || t.op === '>') return { direction: 'higher', from: 'target' };
    if (t.op === '<=' || t.op === '<') return { direction: 'lower', from: 'target' };
  }
  if (LOWER_RATE.test(name)) return { direction: 'lower', from: 'name' };
  if (HIGHER.test(name)) return { direction: 'higher', from: 'name' };
  if (LOWER.test(name)) return { direction: 'lower', from: 'name' };
  return { direction: null, from: null };
}

/**
 * What a metric's weekly values are, which decides a period's figure: a running total (`累计问题`: the last
 * value), a count of the week's events (`事故数CD级` in `次`: the weeks added up), else a rate or level
 * (`成功率`, `健康分`, `服务数` in `个`: their mean). The config's `metrics.<name>.kind` wins.
 */
export function metricKind(name: string, unit: string | null, configured: MetricKind | null = null): { kind: MetricKind; from: 'config' | 'name' | 'unit' | 'default' } {
  if (configured) return { kind: configured, from: 'config' };
  if (TOTAL_NAME.test(name)) return { kind: 'total', from: 'name' };
  if (COUNT_NAME.test(name)) return { kind: 'count', from: 'name' };
  if (unit !== null && COUNT_METRIC_UNITS.includes(unit)) return { kind: 'count', from: 'unit' };
  return { kind: 'level', from: 'default' };
}

// the config schema may not know `kind` yet: read it only when it is one of the kinds
const configuredKind = (def: MetricConfig | null): MetricKind | null => {
  const k = (def as { kind?: unknown } | null)?.kind;
  return k === 'level' || k === 'count' || k === 'total' ? k : null;
};

/**
 * The name of each metric and malformed value of a note with its line's qualifier: a name that opens with one
 * (`离线评测问题`) carries it, and so do the names after it in its line that carry none (`正确回答` after
 * `离线评测问题70条` is `离线评测正确回答`), so that a metric's identity includes what it counts.
 */
export function qualifiedNames(report: Pick<Report, 'metrics' | 'malformedNumbers'>): { metrics: string[]; malformed: string[] } {
  type At = { line: number; column: number; name: string; kind: 'm' | 'x'; i: number };
  const all: At[] = [
    ...report.metrics.map((m, i) => ({ line: m.line, column: m.nameColumn, name: m.name, kind: 'm' as const, i })),
    ...report.malformedNumbers.map((m, i) => ({ line: m.line, column: m.column, name: m.name, kind: 'x' as const, i })),
  ].sort((a, b) => a.line - b.line || a.column - b.column);
  const out = { metrics: report.metrics.map((m) => m.name), malformed: report.malformedNumbers.map((m) => m.name) };
  let line = -1;
  let q: string | null = null;
  for (const a of all) {
    if (a.line !== line) {
      line = a.line;
      q = null;
    }
    const own = QUALIFIER.exec(a.name);
    if (own && own[0].length < a.name.length) q = own[0];
    else if (q) (a.kind === 'm' ? out.metrics : out.malformed)[a.i] = `${q}${a.name}`;
  }
  return out;
}

/**
 * Metric series per author and canonical name (config aliases merged, qualifier included). A week keeps the
 * first value of a metric (notes in file order, then line order); the series' unit is the first unit seen.
 * Values that could not be read are kept with the series they would have counted in: a malformed number
 * (`99.9.6%`) by its name, and the metrics of a section whose heading was not recognised.
 */
export function buildSeries(placed: PlacedReport[], config: Config): MetricSeries[] {
  const resolve = metricResolver(config);
  const byId = new Map<string, MetricSeries>();
  const order: string[] = [];
  const sorted = [...placed].sort((a, b) => cmp(a.week, b.week) || cmp(a.report.file, b.report.file));
  const unread: { id: string; u: UnreadableValue }[] = [];
  for (const p of sorted) {
    const names = qualifiedNames(p.report);
    p.report.metrics.forEach((m, mi) => {
      const { name, def } = resolve(names.metrics[mi]);
      const id = p.author ? `${p.author}/${name}` : name;
      let s = byId.get(id);
      if (!s) {
        const target = def?.target ?? null;
        const dir = directionOf(name, target);
        const kind = metricKind(name, m.unit, configuredKind(def));
        const q = QUALIFIER.exec(name);
        const percent = m.unit === '%' || m.unit === '％';
        const bounds = { min: def?.min ?? (percent ? 0 : null), max: def?.max ?? (percent ? 100 : null) };
        s = { id, author: p.author, name, unit: m.unit, target, direction: dir.direction, directionFrom: dir.from, kind: kind.kind, kindFrom: kind.from, qualifier: q && q[0].length < name.length ? q[0] : null, bounds, points: [], unreadable: [] };
        byId.set(id, s);
        order.push(id);
      }
      // notes come in week order, so a week already taken is the last point's
      if (s.points.length && s.points[s.points.length - 1].week === p.week) return;
      s.points.push({ week: p.week, author: p.author, file: p.report.file, line: m.line, column: m.column, value: m.value, decimals: m.decimals, unit: m.unit, text: m.text, writtenName: m.name });
    });
    const src = { week: p.week, author: p.author, file: p.report.file };
    p.report.malformedNumbers.forEach((x, xi) => {
      const { name } = resolve(names.malformed[xi]);
      unread.push({ id: p.author ? `${p.author}/${name}` : name, u: { ...src, line: x.line, column: x.column, text: x.text, reason: 'value', section: null } });
    });
    for (const sec of p.report.sections) {
      if (sec.id !== 'unknown' || !sec.text) continue;
      const seen = new Set<string>();
      sec.text.split('\n').forEach((text, i) => {
        const found = readLineMetrics(text.replace(/^\s*(?:[-*+]|\d+[.)、])\s+/, ''), { line: sec.line + 1 + i, column: 1, section: 'metrics', objective: null, group: null });
        const q = qualifiedNames({ metrics: found.metrics, malformedNumbers: found.malformed });
        for (const n of [...q.metrics, ...q.malformed]) {
          const id = p.author ? `${p.author}/${resolve(n).name}` : resolve(n).name;
          if (seen.has(id)) continue;
          seen.add(id);
          unread.push({ id, u: { ...src, line: sec.line, column: sec.column ?? 1, text: sec.title, reason: 'section', section: sec.title } });
        }
      });
    }
  }
  // order of first appearance (by author), which follows the order of the notes' own sections
  const series = order.map((id) => byId.get(id)!);
  for (const s of series) s.points.sort((a, b) => cmp(a.week, b.week));
  // an unreadable value counts where its series has no value that week; a metric never read at all is named
  // with its note (`NoteRef.unread`) only
  for (const { id, u } of unread) {
    const s = byId.get(id);
    if (s && !s.points.some((pt) => pt.week === u.week) && !s.unreadable.some((x) => x.week === u.week)) s.unreadable.push(u);
  }
  for (const s of series) s.unreadable.sort((a, b) => cmp(a.week, b.week) || a.line - b.line);
  const rank = new Map(order.map((id, i) => [id, i]));
  return series.sort((a, b) => cmp(a.author ?? '', b.author ?? '') || rank.get(a.id)! - rank.get(b.id)!);
}

/**
 * The precision to show a computed value at: the values' own, or one more decimal when they were whole
 * numbers and the figure is not (a mean of 61% and 76% is 68.5%), so that no figure is rounded twice.
 */
export function displayDecimals(value: number, written: number): number {
  let d = written > 0 ? written : Math.abs(Math.round(value * 10) - Math.round(value) * 10) > 0 ? 1 : 0;
  // a figure that is not whole is not shown as one: a mean of 100% and 99.999% is 99.9995%, not 100.000%
  while (written > 0 && d < written + 3 && !Number.isInteger(value) && Number(value.toFixed(d)) === Math.round(value) && Math.abs(value - Math.round(value)) > 1e-9) d++;
  return d;
}

const num = (value: number, written: number): Num => ({ value, decimals: displayDecimals(value, written) });

/** A period's figure of a series over some of its points: the mean (level), the sum (count), the last value (total). */
function figureOf(kind: MetricKind, pts: MetricPoint[]): { figure: Num; mean: Num; total: Num | null } {
  const d = Math.max(...pts.map((p) => p.decimals));
  const sum = pts.reduce((a, p) => a + p.value, 0);
  const mean = num(sum / pts.length, d);
  const total = kind === 'count' ? { value: sum, decimals: d } : null;
  const last = pts[pts.length - 1];
  const figure = kind === 'count' ? total! : kind === 'total' ? { value: last.value, decimals: last.decimals } : mean;
  return { figure, mean, total };
}

/**
 * A metric's figures over the points whose weeks are in `weeks`; null when it has neither a value nor an
 * unreadable one there. Every figure is computed from the values as written and rounded only for display
 * (`decimals`): the change against the previous period is this period's figure minus that one's.
 */
export function metricStat(s: MetricSeries, weeks: Set<string>, previous: { key: string; weeks: Set<string> } | null): MetricStat | null {
  const idx = indexesIn(s.points, weeks);
  const unreadable = indexesIn(s.unreadable, weeks);
  if (!idx.length) return null;
  const pts = idx.map((i) => s.points[i]);
  const min = Math.min(...pts.map((p) => p.value));
  const max = Math.max(...pts.map((p) => p.value));
  const { figure, mean, total } = figureOf(s.kind, pts);
  let change: MetricStat['change'] = null;
  if (previous) {
    const prev = indexesIn(s.points, previous.weeks).map((i) => s.points[i]);
    if (prev.length) {
      const before = figureOf(s.kind, prev).figure;
      const value = figure.value - before.value;
      change = { value, decimals: displayDecimals(value, Math.max(...pts.map((p) => p.decimals), ...prev.map((p) => p.decimals))), previous: previous.key, previousFigure: before };
    }
  }
  let attainment: MetricStat['attainment'] = null;
  if (s.target) {
    const t = parseTarget(s.target);
    const met = pts.filter((p) => meetsTarget(p.value, t)).length;
    attainment = { met, total: pts.length, ratio: met / pts.length };
  }
  let worst: number | null = null;
  if (s.target && parseTarget(s.target).op === '==') {
    const t = parseTarget(s.target).value;
    const far = Math.max(...pts.map((p) => Math.abs(p.value - t)));
    worst = far > 0 ? idx[pts.findIndex((p) => Math.abs(p.value - t) === far)] : null;
  } else if (s.direction) {
    const w = s.direction === 'higher' ? min : max;
    // a flat series has no worst week
    worst = min === max ? null : idx[pts.findIndex((p) => p.value === w)];
  }
  // how far it moved, against how far the whole series ranges: what makes a metric worth a line of the summary
  const all = s.points.map((p) => p.value);
  const spread = Math.max(...all) - Math.min(...all);
  const moved = change ? change.value : pts[pts.length - 1].value - pts[0].value;
  return {
    series: s.id,
    kind: s.kind,
    count: pts.length,
    first: idx[0],
    last: idx[idx.length - 1],
    min: { value: min, points: idx.filter((i) => s.points[i].value === min) },
    max: { value: max, points: idx.filter((i) => s.points[i].value === max) },
    mean,
    total,
    figure,
    change,
    attainment,
    worst,
    move: spread > 0 ? Math.abs(moved) / spread : 0,
    unreadable,
    invalid: idx.filter((i) => (s.bounds.min !== null && s.points[i].value < s.bounds.min) || (s.bounds.max !== null && s.points[i].value > s.bounds.max)),
  };
}
