import { scaleBand, scaleLinear, scalePoint } from 'd3-scale';
import { line } from 'd3-shape';
import stringWidth from 'string-width';
import type { LocaleStrings } from '../render/locale.js';
import { esc } from './escape.js';

/** A week on a chart's time axis. */
export interface AxisWeek {
  /** Monday, `YYYY-MM-DD`. */
  key: string;
  /** Short label, `W45`. */
  label: string;
  /** Long label for tooltips, `2023年第45周`. */
  title: string;
}

/** One value on a metric chart. */
export interface MetricChartPoint {
  week: string;
  value: number;
  text: string;
  met: boolean | null;
}

/** One metric's weekly values over an axis of weeks: one series, or one per author on a team's pages. */
export interface MetricChartData {
  name: string;
  unit: string | null;
  /** The configured target, parsed, with its text (`>= 99.95%`). */
  target: { op: '>=' | '<=' | '>' | '<' | '=='; value: number; text: string } | null;
  weeks: AxisWeek[];
  /** Each line: its author (null for a person's own pages) and its values in week order. */
  series: { author: string | null; points: MetricChartPoint[] }[];
  /** Weeks that met the target, of those reported (null without a target). */
  attainment: { met: number; total: number } | null;
}

/** Incidents per month. */
export interface IncidentChartData {
  months: { key: string; label: string; count: number; minutes: number }[];
}

/** Work items of one objective over an axis of weeks. */
export interface TimelineData {
  weeks: AxisWeek[];
  groups: {
    label: string;
    items: {
      name: string;
      /** First and last week shown: first seen (or the axis start) to completion (or last mention). */
      start: string;
      end: string;
      /** First seen before the axis starts. */
      before: boolean;
      /** Completion week, when on the axis. */
      done: string | null;
      status: string | null;
      firstSeen: string;
    }[];
  }[];
}

/** Distinct line colours in the stylesheet (`.s0` … `.s5`); more authors reuse them. */
export const SERIES_COLOURS = 6;

const OPS: Record<string, string> = { '>=': '≥', '<=': '≤', '>': '>', '<': '<', '==': '=' };
const r2 = (n: number) => Math.round(n * 100) / 100;
const range = (a: number, b: number) => Array.from({ length: b - a + 1 }, (_, i) => a + i);

/** Decimals of a value as written (`99.998%` → 3). */
function decimalsOf(text: string): number {
  const m = /\.(\d+)/.exec(text);
  return m ? m[1].length : 0;
}

/** Up to `n` evenly spaced indexes of `count`, always the first and the last. */
function tickIndexes(count: number, n: number): number[] {
  if (count <= n) return Array.from({ length: count }, (_, i) => i);
  const out = new Set<number>();
  for (let i = 0; i < n; i++) out.add(Math.round((i * (count - 1)) / (n - 1)));
  return [...out];
}

/** Text cut to a display width (CJK characters count two), with `…`. */
export function truncate(text: string, width: number): string {
  if (stringWidth(text) <= width) return text;
  let out = '';
  let w = 0;
  for (const ch of text) {
    w += stringWidth(ch);
    if (w > width - 1) break;
    out += ch;
  }
  return `${out}…`;
}

/**
 * A metric's weekly line with its target as a dashed reference line; each value is a point (with its week and
 * value as a tooltip), red when it misses the target. Weeks without a value leave a gap in the line.
 */
export function metricChart(d: MetricChartData, S: LocaleStrings, id: string): string {
  const width = 320;
  const height = 168;
  const m = { top: 14, right: 14, bottom: 26, left: 50 };
  const all = d.series.flatMap((x) => x.points);
  const values = all.map((p) => p.value);
  if (d.target) values.push(d.target.value);
  const min = Math.min(...values);
  const max = Math.max(...values);
  const [lowest, highest] = [Math.min(...all.map((p) => p.value)), Math.max(...all.map((p) => p.value))];
  const precision = Math.max(0, ...d.series.flatMap((sr) => sr.points.map((p) => decimalsOf(p.text))));
  let lo = min;
  let hi = max;
  if (lo === hi) {
    // a flat line between gridlines a few steps of its own precision apart: 99.998% is not drawn at the 100 line
    const pad = lo === 0 ? 1 : 2 * 10 ** -precision;
    lo -= pad;
    hi += pad;
  }
  const y = scaleLinear().domain([lo, hi]).nice(4).range([height - m.bottom, m.top]);
  // no negative counts, no percent above 100 on the axis unless the data goes there
  const [d0, d1] = y.domain();
  y.domain([min >= 0 && d0 < 0 ? 0 : d0, d.unit === '%' && max <= 100 && d1 > 100 ? 100 : d1]);
  const integers = values.every(Number.isInteger) && d.unit !== '%';
  const ticks = integers && y.domain()[1] - y.domain()[0] <= 4 ? range(Math.ceil(y.domain()[0]), Math.floor(y.domain()[1])) : y.ticks(4);
  const x = scalePoint<string>().domain(d.weeks.map((w) => w.key)).range([m.left, width - m.right]).padding(0.5);
  const draw = line<{ key: string; v: number | null }>()
    .defined((p) => p.v !== null)
    .x((p) => x(p.key)!)
    .y((p) => y(p.v!))
    .digits(2);
  const paths = d.series.map((sr) => {
    const byWeek = new Map(sr.points.map((p) => [p.week, p.value]));
    return draw(d.weeks.map((w) => ({ key: w.key, v: byWeek.get(w.key) ?? null })));
  });
  // ticks written at the precision the values were: no tick finer than the data (99.9985 of values written to three
  // decimals), and each label exact, so that 99.998 is not rounded onto a 100.0 gridline
  const exact = (t: number, k: number) => Math.abs(Number(t.toFixed(k)) - t) < 1e-9;
  const kept = integers ? ticks : ticks.filter((t) => exact(t, precision));
  const shown = kept.length >= 2 ? kept : ticks;
  let tickDecimals = 0;
  while (tickDecimals < Math.max(precision, 6) && !shown.every((t) => exact(t, tickDecimals))) tickDecimals++;
  const fmt = integers ? (t: number) => String(t) : (t: number) => t.toFixed(tickDecimals);
  const grid = shown
    .map((t) => `<line class="grid" x1="${m.left}" x2="${width - m.right}" y1="${r2(y(t))}" y2="${r2(y(t))}"/><text class="tick" x="${m.left - 6}" y="${r2(y(t))}" dy="0.32em" text-anchor="end">${esc(fmt(t))}</text>`)
    .join('');
  const xt = tickIndexes(d.weeks.length, 9)
    .map((i) => `<text class="tick" x="${r2(x(d.weeks[i].key)!)}" y="${height - 8}" text-anchor="middle">${esc(d.weeks[i].label)}</text>`)
    .join('');
  let target = '';
  const targetText = d.target ? `${OPS[d.target.op]} ${d.target.value}${d.unit === '%' || /%\s*$/.test(d.target.text) ? '%' : ''}` : '';
  if (d.target) {
    const ty = r2(y(d.target.value));
    target = `<line class="target" x1="${m.left}" x2="${width - m.right}" y1="${ty}" y2="${ty}"/><text class="target-label" x="${width - m.right}" y="${ty - 4}" text-anchor="end">${esc(S.t('chart.target', { target: targetText }))}</text>`;
  }
  const titleOf = (w: string) => d.weeks.find((x) => x.key === w)?.title ?? w;
  const many = d.series.length > 1;
  // colours come from the stylesheet by series index, so the page needs no inline style
  const cls = (i: number) => (many ? ` s${i % SERIES_COLOURS}` : '');
  const pts = d.series
    .map((sr, i) =>
      sr.points
        .map((p) => `<circle class="pt${cls(i)}${p.met === false ? ' miss' : ''}" cx="${r2(x(p.week)!)}" cy="${r2(y(p.value))}" r="2.6"><title>${esc(sr.author ? S.t('chart.authorPoint', { author: sr.author, week: titleOf(p.week), value: p.text }) : S.t('chart.point', { week: titleOf(p.week), value: p.text }))}</title></circle>`)
        .join(''),
    )
    .join('');
  const lastOf = (sr: MetricChartData['series'][number]) => sr.points[sr.points.length - 1];
  const att = d.attainment ? S.t('chart.met', { met: d.attainment.met, total: d.attainment.total }) : '';
  const summary = S.t('chart.summary', { name: d.name, count: all.length, min: lowest, max: highest }) + (d.target ? S.t('chart.summaryTarget', { target: targetText }) : '');
  const caption = many
    ? `<span class="name">${esc(d.name)}</span>` +
      d.series.map((sr, i) => `<span class="key${cls(i)}">${esc(sr.author ?? '')} ${esc(lastOf(sr)?.text ?? '')}</span>`).join('')
    : `<span class="name">${esc(d.name)}</span> <span class="value">${esc(lastOf(d.series[0])?.text ?? '')}</span>`;
  return (
    `<figure class="chart metric" data-metric="${esc(d.name)}" data-points="${all.length}" data-series="${d.series.length}">` +
    `<figcaption>${caption}` +
    (d.target ? `<span class="meta">${esc(S.t('chart.target', { target: targetText }) + att)}</span>` : '') +
    `</figcaption>` +
    `<svg viewBox="0 0 ${width} ${height}" role="img" aria-labelledby="${id}-t"><title id="${id}-t">${esc(summary)}</title>` +
    `<g class="axis">${grid}${xt}</g>${target}` +
    paths.map((p, i) => (p ? `<path class="line${cls(i)}" d="${p}"/>` : '')).join('') +
    `<g class="points">${pts}</g></svg></figure>`
  );
}

/** Incidents per month as bars, each labelled with its count; the tooltip adds the total duration. */
export function incidentChart(d: IncidentChartData, S: LocaleStrings, id: string): string {
  const width = 480;
  const height = 180;
  const m = { top: 18, right: 12, bottom: 28, left: 12 };
  const x = scaleBand<string>().domain(d.months.map((x) => x.key)).range([m.left, width - m.right]).padding(0.3);
  const max = Math.max(1, ...d.months.map((x) => x.count));
  const y = scaleLinear().domain([0, max]).range([height - m.bottom, m.top]);
  const bw = Math.min(x.bandwidth(), 48);
  const bars = d.months
    .map((mo) => {
      const cx = x(mo.key)! + x.bandwidth() / 2;
      const tip = mo.minutes
        ? S.t('chart.incidentMonthDuration', { month: mo.label, count: mo.count, duration: mo.minutes < 60 ? S.t('chart.minutes', { n: r2(mo.minutes) }) : S.t('chart.hours', { n: r2(mo.minutes / 60) }) })
        : S.t('chart.incidentMonth', { month: mo.label, count: mo.count });
      return (
        `<g class="bar" data-count="${mo.count}"><title>${esc(tip)}</title>` +
        `<rect x="${r2(cx - bw / 2)}" y="${r2(y(mo.count))}" width="${r2(bw)}" height="${r2(y(0) - y(mo.count))}"/>` +
        `<text class="count" x="${r2(cx)}" y="${r2(y(mo.count) - 5)}" text-anchor="middle">${mo.count}</text>` +
        `<text class="tick" x="${r2(cx)}" y="${height - 9}" text-anchor="middle">${esc(mo.label)}</text></g>`
      );
    })
    .join('');
  const total = d.months.reduce((a, x) => a + x.count, 0);
  return (
    `<figure class="chart incidents" data-months="${d.months.length}">` +
    `<svg viewBox="0 0 ${width} ${height}" role="img" aria-labelledby="${id}-t"><title id="${id}-t">${esc(S.t('chart.incidents', { count: total }))}</title>` +
    `<line class="baseline" x1="${m.left}" x2="${width - m.right}" y1="${y(0)}" y2="${y(0)}"/>${bars}</svg></figure>`
  );
}

/**
 * Work items per objective as bars from the week they were first seen (or the start of the axis, marked) to
 * the week they were completed (a dot) or last mentioned; open items are drawn lighter.
 */
export function timelineChart(d: TimelineData, S: LocaleStrings, id: string): string {
  const sep = S.t('chart.separator');
  const width = 760;
  const labelW = 200;
  const rowH = 20;
  const groupH = 26;
  const top = 24;
  const x = scaleBand<string>().domain(d.weeks.map((w) => w.key)).range([labelW, width - 12]).paddingInner(0);
  const rows: string[] = [];
  // the legend above the axis: what a dark bar, a light bar, the dot and the arrow mean
  const anyBefore = d.groups.some((g) => g.items.some((it) => it.before));
  const legend =
    `<g class="legend"><g class="item done"><rect x="0" y="2" width="18" height="9" rx="3"/><circle class="end" cx="18" cy="6.5" r="4"/></g>` +
    `<text x="28" y="10">${esc(S.t('chart.legendDone'))}</text>` +
    `<g class="item open"><rect x="220" y="2" width="18" height="9" rx="3"/></g><text x="244" y="10">${esc(S.t('chart.legendOpen'))}</text>` +
    (anyBefore ? `<text x="360" y="10">${esc(S.t('chart.legendBefore'))}</text>` : '') +
    `</g>`;
  let yy = top + 16;
  for (const g of d.groups) {
    rows.push(`<text class="group" x="0" y="${yy + 17}">${esc(truncate(g.label, 44))}</text>`);
    yy += groupH;
    for (const it of g.items) {
      // from the middle of the first week to the middle of the completion week, or on through the last week mentioned
      const half = x.bandwidth() / 2;
      const x0 = x(it.start)! + half - 5;
      const x1 = x(it.end)! + (it.done ? half + 5 : x.bandwidth());
      const cls = `item ${it.done ? 'done' : 'open'}${it.before ? ' before' : ''}`;
      const details = [...(it.status ? [it.status] : []), S.t('chart.since', { week: it.firstSeen }), S.t(it.done ? 'chart.done' : 'chart.open')].join(sep);
      rows.push(
        `<g class="${cls}"><title>${esc(S.t('chart.item', { name: it.name, details }))}</title>` +
          `<text class="label" x="8" y="${yy + 14}">${esc(truncate(it.name, 30))}</text>` +
          (it.before ? `<text class="cont" x="${r2(x0 - 8)}" y="${yy + 14}">◂</text>` : '') +
          `<rect x="${r2(x0 + 1)}" y="${yy + 5}" width="${r2(Math.max(3, x1 - x0 - 2))}" height="${rowH - 10}" rx="3"/>` +
          (it.done ? `<circle class="end" cx="${r2(x(it.done)! + x.bandwidth() / 2)}" cy="${yy + rowH / 2}" r="4"/>` : '') +
          `</g>`,
      );
      yy += rowH;
    }
  }
  const height = yy + 8;
  const ticks = tickIndexes(d.weeks.length, 12)
    .map((i) => {
      const cx = r2(x(d.weeks[i].key)! + x.bandwidth() / 2);
      return `<line class="grid" x1="${cx}" x2="${cx}" y1="${top + 12}" y2="${height - 6}"/><text class="tick" x="${cx}" y="${top + 6}" text-anchor="middle">${esc(d.weeks[i].label)}</text>`;
    })
    .join('');
  const n = d.groups.reduce((a, g) => a + g.items.length, 0);
  return (
    `<figure class="chart timeline" data-items="${n}">` +
    `<svg viewBox="0 0 ${width} ${height}" role="img" aria-labelledby="${id}-t"><title id="${id}-t">${esc(S.t('chart.workItems', { count: n }))}</title>` +
    `${legend}<g class="axis">${ticks}</g>${rows.join('')}</svg></figure>`
  );
}
