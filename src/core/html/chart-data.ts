import type { Aggregate, PeriodAgg, Scope } from '../aggregate/index.js';
import { periodsOfWeek, slotOf, weekRange } from '../aggregate/weeks.js';
import { completionAsOf } from '../aggregate/work-items.js';
import { meetsTarget, parseTarget } from '../config.js';
import type { LocaleStrings } from '../render/locale.js';
import type { AxisWeek, IncidentChartData, MetricChartData, TimelineData } from './charts.js';

/** The charts of one page: every metric's line, incidents per month, and the work-item timeline. */
export interface PageCharts {
  metrics: MetricChartData[];
  incidents: IncidentChartData | null;
  timeline: TimelineData | null;
}

/** What a page covers: a period of a scope, or (for an index page) the scope's whole span. */
export interface ChartScope {
  agg: Aggregate;
  scope: Scope;
  period: PeriodAgg | null;
  locale: LocaleStrings;
}

const inScope = (scope: Scope) => (x: { author: string | null }) => scope.kind === 'team' || x.author === scope.author;

/** The weeks a page's charts span: the period's weeks that notes cover, or the whole span. */
function axis(c: ChartScope): AxisWeek[] {
  const { agg } = c;
  const L = c.locale.labels;
  const keys = c.period ? c.period.weeksInSpan : agg.span ? weekRange(agg.span.first, agg.span.last) : [];
  return keys.map((key) => {
    const n = agg.notes.find((x) => x.week === key && inScope(c.scope)(x));
    const ref = n ? { year: n.year, number: n.number } : slotOf(key, agg.settings.numbering);
    return { key, label: c.locale.t('chart.weekTick', { n: ref.number }), title: L.week(ref.year, ref.number, true) };
  });
}

/**
 * The data of a page's charts, from the aggregation the summaries are rendered from. Month pages get no
 * incident chart (one bar says nothing); index pages get no timeline (the periods' pages have it).
 */
export function pageCharts(c: ChartScope): PageCharts {
  const { agg, scope, period } = c;
  const S = c.locale;
  const L = S.labels;
  const weeks = axis(c);
  const onAxis = new Set(weeks.map((w) => w.key));
  const team = scope.kind === 'team';

  const ids = period ? period.metrics.map((m) => m.series) : agg.metrics.filter(inScope(scope)).map((s) => s.id);
  // one chart per metric; on a team's pages, one line per author
  const metrics: MetricChartData[] = [];
  const byName = new Map<string, MetricChartData>();
  for (const id of ids) {
    const s = agg.metrics.find((x) => x.id === id)!;
    const pts = s.points.filter((p) => onAxis.has(p.week));
    if (!pts.length) continue;
    const target = s.target ? parseTarget(s.target) : null;
    const points = pts.map((p) => ({ week: p.week, value: p.value, text: `${p.value.toFixed(p.decimals)}${p.unit ?? ''}`, met: target ? meetsTarget(p.value, target) : null }));
    let chart = byName.get(s.name);
    if (!chart) {
      chart = { name: s.name, unit: s.unit, target, weeks, series: [], attainment: target ? { met: 0, total: 0 } : null };
      byName.set(s.name, chart);
      metrics.push(chart);
    }
    chart.series.push({ author: team ? s.author : null, points });
    if (chart.attainment) {
      chart.attainment.met += points.filter((p) => p.met).length;
      chart.attainment.total += points.length;
    }
  }

  let incidents: IncidentChartData | null = null;
  const monthLabel = (key: string, i: number, all: string[]) => {
    const first = i === 0 || key.slice(5) === '01' || all[i - 1].slice(0, 4) !== key.slice(0, 4);
    return L.monthTick(key, first);
  };
  if (period && period.kind !== 'month') {
    const keys = period.incidents.byMonth.map((m) => m.month);
    incidents = { months: period.incidents.byMonth.map((m, i) => ({ key: m.month, label: monthLabel(m.month, i, keys), count: m.count, minutes: m.totalMinutes })) };
  } else if (!period && weeks.length) {
    const keys = [...new Set(weeks.map((w) => periodsOfWeek(w.key, agg.settings).month))].sort();
    const list = agg.incidents.filter(inScope(scope));
    incidents = {
      months: keys.map((k, i) => {
        const inMonth = list.filter((x) => periodsOfWeek(x.week, agg.settings).month === k);
        return { key: k, label: monthLabel(k, i, keys), count: inMonth.length, minutes: inMonth.reduce((a, x) => a + (x.durationMinutes ?? 0), 0) };
      }),
    };
  }

  let timeline: TimelineData | null = null;
  if (period && weeks.length) {
    const groups = new Map<string, TimelineData['groups'][number]>();
    const title = (w: string) => weeks.find((x) => x.key === w)?.title ?? L.week(slotOf(w, agg.settings.numbering).year, slotOf(w, agg.settings.numbering).number, true);
    for (const pi of period.items) {
      const t = agg.workItems.find((x) => x.id === pi.item)!;
      const ms = pi.mentions.map((i) => t.mentions[i]);
      // heading-only items (their sub-items carry the news) and items finished before the period are left out
      const container = ms.every((m) => m.detail === null) && agg.workItems.some((o) => o.author === t.author && o.parent === t.name);
      const finishedBefore = !pi.completedWeek && (completionAsOf(t.mentions, ms[0].week) ?? '\uffff') < ms[0].week;
      if (container || finishedBefore) continue;
      const gk = t.objective ?? '\uffff';
      if (!groups.has(gk)) {
        const o = t.objective ? agg.objectives.find((x) => x.id === t.objective) : null;
        groups.set(gk, { label: o ? `${o.id} ${o.name}`.trim() : t.objective ?? S.t('chart.noObjective'), items: [] });
      }
      const last = ms[ms.length - 1];
      groups.get(gk)!.items.push({
        name: team && t.author ? `${t.author} · ${t.name}` : t.name,
        start: ms[0].week,
        end: pi.completedWeek ?? last.week,
        before: t.firstWeek < weeks[0].key,
        done: pi.completedWeek,
        status: last.detail,
        firstSeen: title(t.firstWeek),
      });
    }
    const sorted = [...groups.entries()].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)).map(([, g]) => g);
    if (sorted.length) timeline = { weeks, groups: sorted };
  }
  return { metrics, incidents, timeline };
}
