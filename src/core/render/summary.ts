import type { Aggregate, MetricSeries, MetricStat, Mention, PeriodAgg, PeriodItem, WorkItemTrack } from '../aggregate/index.js';
import { completionAsOf } from '../aggregate/work-items.js';
import { cmp } from '../aggregate/text.js';
import { anyOf, PLANNING_WORDS, RISK_WORDS } from '../vocabulary.js';

/** How much of each kind of fact a page shows in Markdown; the rest is counted, and in the HTML appendix. */
export interface PageBudget {
  /** Metric rows beyond those that must be shown (a missed target, an unreadable value, events counted). */
  metrics: number;
  /** Highlights shown in full (lead and sub-points); the others by title. */
  highlights: number;
  /** Sub-points of a highlight, then "另 N 条". */
  subPoints: number;
  /** Characters of a quoted lead or sub-point before it is cut with "…". */
  lead: number;
  sub: number;
  /** Items named in a list before "等 N 项". */
  names: number;
  /** Incidents listed one by one. */
  incidents: number;
  /** Reflections quoted. */
  reflections: number;
}

/** The share of its notes' text a page may take: a summary is shorter than what it summarises. */
export const PAGE_SHARE = { monthly: 0.45, quarterly: 0.28, annual: 0.28 } as const;

/**
 * How much a page shows, from the size of the notes it covers (`NoteRef.size`): each kind of fact gets a share
 * of the page's characters, within bounds. The 述职 draft's is fixed: it must print on at most four pages.
 */
export function budgetOf(kind: 'monthly' | 'quarterly' | 'annual' | 'review', noteChars: number): PageBudget {
  if (kind === 'review') return { metrics: 8, highlights: 4, subPoints: 2, lead: 60, sub: 36, names: 6, incidents: 6, reflections: 6 };
  const page = PAGE_SHARE[kind] * noteChars;
  const fit = (share: number, per: number, lo: number, hi: number) => Math.max(lo, Math.min(hi, Math.floor((page * share) / per)));
  if (kind === 'monthly') {
    return { metrics: fit(0.2, 45, 3, 10), highlights: fit(0.22, 110, 1, 5), subPoints: 2, lead: 44, sub: 26, names: 4, incidents: fit(0.1, 60, 1, 5), reflections: fit(0.08, 70, 0, 3) };
  }
  return { metrics: fit(0.2, 45, 3, 10), highlights: 0, subPoints: 0, lead: 40, sub: 0, names: fit(0.1, 60, 2, 6), incidents: fit(0.1, 60, 1, 5), reflections: 0 };
}

/** A move this large (a share of the whole series' range) puts a metric among the moves of a page. */
export const MOVE_THRESHOLD = 0.25;

/**
 * The metrics a page shows, in the order the notes write them: every one whose target was missed, that has an
 * unreadable value, or that counts events that happened (`事故数CD级` 2次); then the largest moves among
 * metrics with a known better direction (`move` ≥ `MOVE_THRESHOLD`, largest first) up to `budget`. The rest
 * are counted.
 */
export function selectMetrics(stats: MetricStat[], series: Map<string, MetricSeries>, budget: number): { shown: MetricStat[]; rest: MetricStat[] } {
  const must = new Set<MetricStat>();
  for (const st of stats) {
    const s = series.get(st.series)!;
    if (st.attainment && st.attainment.met < st.attainment.total) must.add(st);
    else if (st.unreadable.length || st.invalid.length) must.add(st);
    else if (st.kind === 'count' && st.figure.value > 0 && s.direction === 'lower') must.add(st);
  }
  const moves = stats
    .filter((st) => !must.has(st) && series.get(st.series)!.direction !== null && weight(st, series) >= MOVE_THRESHOLD)
    .sort((a, b) => weight(b, series) - weight(a, series) || cmp(a.series, b.series))
    .slice(0, Math.max(0, budget - must.size));
  const keep = new Set([...must, ...moves]);
  return { shown: stats.filter((st) => keep.has(st)), rest: stats.filter((st) => !keep.has(st)) };
}

/** The largest moves among the metrics with a direction: what the 要点 list names first. */
export function topMoves(stats: MetricStat[], series: Map<string, MetricSeries>, n: number): MetricStat[] {
  return stats
    // a figure made without some of its weeks is no move to report
    .filter((st) => series.get(st.series)!.direction !== null && weight(st, series) >= MOVE_THRESHOLD && st.kind !== 'count' && !st.unreadable.length)
    .sort((a, b) => weight(b, series) - weight(a, series) || cmp(a.series, b.series))
    .slice(0, n);
}

/** A move, discounted for a series of few weeks (its range says little yet): full weight from `MATURE` values on. */
function weight(st: MetricStat, series: Map<string, MetricSeries>): number {
  return st.move * Math.min(1, series.get(st.series)!.points.length / MATURE);
}

/** Values a series needs before its moves count fully. */
export const MATURE = 8;

/** A highlight's text as its lead (the first paragraph) and its sub-points (the items of its lists). */
export function highlightParts(text: string): { lead: string; points: string[]; rest: string[] } {
  const lead: string[] = [];
  const points: string[] = [];
  const rest: string[] = [];
  for (const para of text.split(/\n\s*\n/).map((x) => x.trim()).filter(Boolean)) {
    const lines = para.split('\n').map((l) => l.trim());
    if (lines.every((l) => /^(?:[-*+]|\d+[.)、])\s*/.test(l))) {
      for (const l of lines) points.push(l.replace(/^(?:[-*+]|\d+[.)、])\s*/, '').replace(/[；;。.]+$/, ''));
    } else if (!lead.length) lead.push(lines.join(''));
    else rest.push(lines.join(''));
  }
  return { lead: lead[0] ?? '', points, rest };
}

/** Text cut to `max` characters at a clause or sentence end when one is near, else with "…". */
export function cut(text: string, max: number): string {
  const one = text.replace(/\s+/g, ' ').trim();
  const chars = [...one];
  if (chars.length <= max) return one;
  // a cut never splits a link of the note: it ends after the link instead
  const limit = chars.slice(0, max).join('').length;
  for (const m of one.matchAll(LINK)) {
    if (m.index! < limit && m.index! + m[0].length > limit) return `${one.slice(0, m.index! + m[0].length)}…`;
  }
  const head = chars.slice(0, max).join('');
  // a clause end in the last third: cut there, keeping the colon that announces a list
  const at = Math.max(...['。', '；', '！', '？', '：', '，'].map((c) => head.lastIndexOf(c)));
  if (at >= (max * 2) / 3) return `${head.slice(0, at)}${head[at] === '：' ? '：' : ''}…`;
  const body = chars.slice(0, max - 1).join('');
  // an English word is not cut in two (`in two re…`): back to the space before it, when one is in the last third
  if (/[A-Za-z0-9]$/.test(body) && /^[A-Za-z0-9]/.test(chars[max - 1])) {
    const space = body.lastIndexOf(' ');
    if (space >= (max * 2) / 3) return `${body.slice(0, space)}…`;
  }
  return `${body.trimEnd()}…`;
}

const RISK = new RegExp(anyOf(RISK_WORDS), 'i');
// a note's Markdown link to a web page, as `inline` keeps it
const LINK = /\[[^[\]\n]{1,200}\]\(https?:\/\/[^\s()<>[\]"']+\)/g;
const PLANNING = new RegExp(anyOf(PLANNING_WORDS), 'i');

/** Whether a highlight states the plan or objectives for the coming period (`2024工作规划`, `年度OKR对齐`). */
export const isPlanning = (title: string) => PLANNING.test(title);

/** An item's part of a period, with what the summaries say about it. */
export interface ItemFacts {
  track: WorkItemTrack;
  pi: PeriodItem;
  mentions: Mention[];
  /** Completion week as of the period's end, inside it. */
  completed: Mention | null;
  /** Heading only sub-items, finished before the period, or only sentences of metrics: not shown as work. */
  hidden: boolean;
  /** A launch that failed or was rolled back, in the period. */
  setbacks: Mention[];
  /** Open at the period's end: its status names a risk, or a planned date passed without completion. */
  risk: { mention: Mention; reason: 'words' | 'overdue'; date: string | null } | null;
}

/** The facts of every item of a period, in the aggregate's order. */
export function itemFacts(agg: Aggregate, p: PeriodAgg, tracks: Map<string, WorkItemTrack>, parents: Set<string>): ItemFacts[] {
  const end = p.weeksInSpan[p.weeksInSpan.length - 1] ?? p.weeks[p.weeks.length - 1];
  return p.items.map((pi) => {
    const t = tracks.get(pi.item)!;
    const ms = pi.mentions.map((i) => t.mentions[i]);
    const done = completionAsOf(t.mentions, ms[0].week);
    const finishedBefore = !pi.completedWeek && ms.every((m) => m.completes || m.stage === null) && done !== null && done < ms[0].week;
    const container = ms.every((m) => m.detail === null && !m.metricOnly) && parents.has(`${t.author ?? ''}\u0000${t.name}`);
    const metricOnly = ms.every((m) => m.metricOnly || m.detail === null) && ms.some((m) => m.metricOnly);
    const completed = pi.completedWeek ? t.mentions.find((m) => m.week === pi.completedWeek && m.completes) ?? null : null;
    const last = ms[ms.length - 1];
    let risk: ItemFacts['risk'] = null;
    if (!completionAsOf(t.mentions, end) && !last.metricOnly) {
      // the latest date the item planned for, as last stated up to the period's end, passed before its last week
      const stated = t.mentions.filter((m) => m.week <= end && m.plans.length).pop();
      // a plan made before the item was last completed was kept: it is not overdue
      const kept = stated !== undefined && t.mentions.some((m) => m.week >= stated.week && m.week <= end && m.completes);
      const date = stated && !kept ? stated.plans.map((x) => x.date).sort(cmp).pop()! : null;
      if (last.detail && RISK.test(last.text.slice(last.name.length))) risk = { mention: last, reason: 'words', date: null };
      else if (date && date < end) risk = { mention: last, reason: 'overdue', date };
    }
    return { track: t, pi, mentions: ms, completed, hidden: container || finishedBefore || metricOnly, setbacks: ms.filter((m) => m.setback), risk };
  });
}
