import { meetsTarget, metricResolver, parseTarget, type Config } from '../config.js';
import type { Direction, MetricPoint, MetricSeries, MetricStat } from './types.js';
import type { PlacedReport } from './work-items.js';
import { cmp, indexesIn } from './text.js';
import { anyOf, escapeRegExp, HIGHER_IS_BETTER, LOWER_IS_BETTER, LOWER_IS_BETTER_RATES, RATE_MARK } from '../vocabulary.js';

// Names whose better direction is plain from the words; a configured target always wins over these.
const LOWER_RATE = new RegExp(`${anyOf(LOWER_IS_BETTER_RATES)}${escapeRegExp(RATE_MARK)}`);
const HIGHER = new RegExp(anyOf(HIGHER_IS_BETTER), 'i');
const LOWER = new RegExp(anyOf(LOWER_IS_BETTER), 'i');

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
 * Metric series per author and canonical name (config aliases merged). A week keeps the first value of a
 * metric (notes in file order, then line order); the series' unit is the first unit seen.
 */
export function buildSeries(placed: PlacedReport[], config: Config): MetricSeries[] {
  const resolve = metricResolver(config);
  const byId = new Map<string, MetricSeries>();
  const order: string[] = [];
  const sorted = [...placed].sort((a, b) => cmp(a.week, b.week) || cmp(a.report.file, b.report.file));
  for (const p of sorted) {
    for (const m of p.report.metrics) {
      const { name, def } = resolve(m.name);
      const id = p.author ? `${p.author}/${name}` : name;
      let s = byId.get(id);
      if (!s) {
        const target = def?.target ?? null;
        const dir = directionOf(name, target);
        s = { id, author: p.author, name, unit: m.unit, target, direction: dir.direction, directionFrom: dir.from, points: [] };
        byId.set(id, s);
        order.push(id);
      }
      // notes come in week order, so a week already taken is the last point's
      if (s.points.length && s.points[s.points.length - 1].week === p.week) continue;
      s.points.push({ week: p.week, author: p.author, file: p.report.file, line: m.line, column: m.column, value: m.value, decimals: m.decimals, unit: m.unit, text: m.text, writtenName: m.name });
    }
  }
  // order of first appearance (by author), which follows the order of the notes' own sections
  const series = order.map((id) => byId.get(id)!);
  for (const s of series) s.points.sort((a, b) => cmp(a.week, b.week));
  const rank = new Map(order.map((id, i) => [id, i]));
  return series.sort((a, b) => cmp(a.author ?? '', b.author ?? '') || rank.get(a.id)! - rank.get(b.id)!);
}

const round = (v: number, d: number) => Number(v.toFixed(d));

/** A metric's figures over the points whose weeks are in `weeks`; null when it has none there. */
export function metricStat(s: MetricSeries, weeks: Set<string>, previous: { key: string; weeks: Set<string> } | null): MetricStat | null {
  const idx = indexesIn(s.points, weeks);
  if (!idx.length) return null;
  const pts = idx.map((i) => s.points[i]);
  const decimals = Math.max(...pts.map((p) => p.decimals));
  const min = Math.min(...pts.map((p) => p.value));
  const max = Math.max(...pts.map((p) => p.value));
  const mean = round(pts.reduce((a, p) => a + p.value, 0) / pts.length, decimals);
  let change: MetricStat['change'] = null;
  if (previous) {
    const prev = indexesIn(s.points, previous.weeks).map((i) => s.points[i]);
    if (prev.length) {
      const pd = Math.max(...prev.map((p) => p.decimals));
      const prevMean = round(prev.reduce((a, p) => a + p.value, 0) / prev.length, pd);
      const d = Math.max(decimals, pd);
      change = { value: round(mean - prevMean, d), decimals: d, previous: previous.key, previousMean: { value: prevMean, decimals: pd } };
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
  return {
    series: s.id,
    count: pts.length,
    first: idx[0],
    last: idx[idx.length - 1],
    min: { value: min, points: idx.filter((i) => s.points[i].value === min) },
    max: { value: max, points: idx.filter((i) => s.points[i].value === max) },
    mean: { value: mean, decimals },
    change,
    attainment,
    worst,
  };
}
