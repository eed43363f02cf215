import path from 'node:path';
import type { Aggregate, PeriodAgg, Scope } from './aggregate/index.js';
import { cmp } from './aggregate/text.js';
import { periodsOfWeek, weeksOfPeriod, type PeriodKind, type PeriodSettings } from './aggregate/weeks.js';
import type { Labels } from './render/locale.js';
import { inline, linkPath } from './render/markdown.js';

/** A fact a team page cites: what it is, whose, and the note line it was read at. */
export interface TeamFact {
  name: string;
  week: string;
  /** The week's year and number as the note names it. */
  wk: [number, number];
  file: string;
  line: number;
}

/** One metric of one member in one period: its last value there, and how it moved since the period before. */
export interface MemberMetric {
  name: string;
  unit: string | null;
  direction: 'higher' | 'lower' | null;
  value: number;
  decimals: number;
  /** The last value minus the previous period's last value, unrounded; null without a previous value. */
  change: number | null;
  /** Weeks of the period that missed the configured target; null without a target. */
  missed: number | null;
  target: string | null;
  week: string;
  wk: [number, number];
  file: string;
  line: number;
}

/** What a member did in one period, as the team page needs it. */
export interface MemberPeriod {
  key: string;
  /** Weeks of the period the member wrote a note for. */
  weeks: string[];
  completed: TeamFact[];
  slips: (TeamFact & { days: number; from: string; to: string })[];
  incidents: (TeamFact & { date: string | null; time: string | null; minutes: number | null })[];
  silent: (TeamFact & { lastWeek: string; weeks: number })[];
  metrics: MemberMetric[];
}

/** What the team's pages need of one member: small, so a build of 100 authors keeps only this of each. */
export interface MemberPart {
  author: string;
  /** Notes placed in a week. */
  notes: number;
  weeks: string[];
  periods: Record<PeriodKind, MemberPeriod[]>;
}

const KINDS: PeriodKind[] = ['month', 'quarter', 'year'];

/** The member's part of the team pages, from the member's own aggregation (its first scope). */
export function memberPart(agg: Aggregate, author: string): MemberPart {
  const scope: Scope = agg.scopes[0];
  const wkOf = new Map(agg.notes.map((n) => [n.week, [n.year, n.number] as [number, number]]));
  const wk = (week: string): [number, number] => wkOf.get(week) ?? [Number(week.slice(0, 4)), 0];
  const track = new Map(agg.workItems.map((t) => [t.id, t]));
  const seriesOf = new Map(agg.metrics.map((s) => [s.id, s]));
  const noteWeeks = [...new Set(scope.notes.map((i) => agg.notes[i].week))].sort(cmp);
  const periods = {} as Record<PeriodKind, MemberPeriod[]>;
  for (const kind of KINDS) {
    const list = scope.periods[kind];
    periods[kind] = list.map((p: PeriodAgg, i: number) => {
      const weeks = [...new Set(p.notes.map((n) => agg.notes[n].week))].sort(cmp);
      const completed: MemberPeriod['completed'] = [];
      const slips: MemberPeriod['slips'] = [];
      for (const it of p.items) {
        const t = track.get(it.item);
        if (!t) continue;
        if (it.completedWeek) {
          const m = t.mentions.find((x) => x.week === it.completedWeek) ?? t.mentions[t.mentions.length - 1];
          completed.push({ name: t.name, week: it.completedWeek, wk: wk(it.completedWeek), file: m.file, line: m.line });
        }
        for (const si of it.slips) {
          const s = t.slips[si];
          slips.push({ name: t.name, week: s.to.week, wk: wk(s.to.week), file: s.to.file, line: s.to.line, days: s.days, from: s.from.date, to: s.to.date });
        }
      }
      const incidents = p.incidents.list.map((n) => {
        const e = agg.incidents[n];
        return { name: e.summary, week: e.week, wk: wk(e.week), file: e.file, line: e.line, date: e.date, time: e.time, minutes: e.durationMinutes };
      });
      const silent = p.silent.flatMap((s) => {
        const t = track.get(s.item);
        if (!t) return [];
        const m = t.mentions[t.mentions.length - 1];
        return [{ name: t.name, week: m.week, wk: wk(m.week), file: m.file, line: m.line, lastWeek: s.lastWeek, weeks: s.weeks }];
      });
      const prev = i > 0 ? list[i - 1] : null;
      const metrics: MemberMetric[] = [];
      for (const st of p.metrics) {
        const series = seriesOf.get(st.series);
        if (!series || !st.count) continue;
        const inPeriod = series.points.filter((pt) => p.weeks.includes(pt.week));
        const lastPoint = inPeriod[inPeriod.length - 1];
        if (!lastPoint) continue;
        const before = prev ? series.points.filter((pt) => prev.weeks.includes(pt.week)) : [];
        const prevPoint = before[before.length - 1];
        metrics.push({
          name: series.name,
          unit: series.unit,
          direction: series.direction,
          value: lastPoint.value,
          decimals: lastPoint.decimals,
          change: prevPoint ? lastPoint.value - prevPoint.value : null,
          missed: st.attainment ? st.attainment.total - st.attainment.met : null,
          target: series.target,
          week: lastPoint.week,
          wk: wk(lastPoint.week),
          file: lastPoint.file,
          line: lastPoint.line,
        });
      }
      const byName = (a: TeamFact, b: TeamFact) => cmp(a.week, b.week) || cmp(a.name, b.name) || cmp(a.file, b.file) || a.line - b.line;
      return { key: p.key, weeks, completed: completed.sort(byName), slips: slips.sort(byName), incidents: incidents.sort(byName), silent: silent.sort(byName), metrics: metrics.sort((a, b) => cmp(a.name, b.name)) };
    });
  }
  return { author, notes: scope.notes.length, weeks: noteWeeks, periods };
}

/** A link shown on a page: its text and its target, relative to the page. */
export interface Src {
  label: string;
  href: string;
}

/** Where the team's pages are, and how to name weeks and periods. */
export interface TeamContext {
  labels: Labels;
  settings: PeriodSettings;
  /** Whether quarter and year keys are fiscal (the year does not start in January). */
  fiscal: boolean;
  /** Output folder and working directory, absolute: links to notes are relative to the page. */
  outDir: string;
  cwd: string;
  /** Team span: the first and last week any member wrote. */
  span: { first: string; last: string };
  /** Whether a member's tree has a page at this path (`<author>/monthly/2024-03.md`). */
  hasPage: (page: string) => boolean;
}

/** One member on a team period page. */
export interface MemberLine {
  author: string;
  page: Src | null;
  weeks: number;
  expected: number;
  missing: string[];
  completed: number;
  slipped: number;
  incidents: number;
  silent: number;
}

/** A metric several members report, as one row with the team's spread. */
export interface SharedMetric {
  name: string;
  members: number;
  min: { value: number; decimals: number; unit: string | null };
  median: { value: number; decimals: number; unit: string | null };
  max: { value: number; decimals: number; unit: string | null };
  /** The member whose value is worst by the metric's direction, cited. */
  worst: { author: string; src: Src } | null;
}

/** A fact listed on a team page: who, what, and where it was read. */
export interface TeamItem {
  author: string;
  /** The week key, for ordering. */
  week: string;
  name: string;
  src: Src;
  detail: Record<string, unknown>;
}

/** The data of one team period page. */
export interface TeamPeriodView {
  kind: PeriodKind;
  key: string;
  label: string;
  /** Weeks of the period inside the team's span. */
  expected: number;
  members: MemberLine[];
  /** Members who missed a week of the period, with the weeks missed. */
  late: { author: string; missing: string[] }[];
  counts: { members: number; submitted: number; incidents: number; completed: number; slips: number; silent: number; worse: number; missed: number };
  points: {
    incidents: TeamItem[];
    completedBy: { author: string; count: number }[];
    slips: TeamItem[];
    worse: TeamItem[];
    missed: TeamItem[];
    silent: TeamItem[];
  };
  shared: SharedMetric[];
  /**
   * Every incident, completion, slip and silent item of the period, once, on its member's line: names only (a
   * long one cut with …), an item that slipped more than once named once with each delay; the member's own page
   * cites each. A hundred members' lines stay short.
   */
  details: { author: string; page: Src | null; completed: string[]; slips: { name: string; days: number[] }[]; incidents: string[]; silent: string[] }[];
  nav: { index: Src; up: Src[] };
}

/** Longest name a team page's detail line quotes before cutting it with …. */
const DETAIL_NAME = 20;
const short = (s: string) => (Array.from(s).length > DETAIL_NAME ? `${Array.from(s).slice(0, DETAIL_NAME - 1).join('')}…` : s);

/** The data of the team's index page. */
export interface TeamIndexView {
  span: { first: string; last: string; label: string };
  notes: number;
  members: { author: string; page: Src; notes: number; first: string; last: string; late: boolean }[];
  periods: Record<PeriodKind, Src[]>;
}

/** Where each team page lies in the output folder. */
export const teamPagePath = {
  index: () => 'index.md',
  period: (kind: PeriodKind, key: string) => `${kind === 'month' ? 'monthly' : kind === 'quarter' ? 'quarterly' : 'annual'}/${key}.md`,
};

/** How many of a period's facts the 要点 names before "and N more". */
const POINTS = 5;

function median(sorted: number[]): number {
  const m = sorted.length >> 1;
  return sorted.length % 2 ? sorted[m] : (sorted[m - 1] + sorted[m]) / 2;
}

/** The team's pages: its index and one page per month, quarter and year any member wrote in. Pure. */
export function teamViews(parts: MemberPart[], ctx: TeamContext): { index: TeamIndexView; periods: TeamPeriodView[] } {
  const L = ctx.labels;
  const members = [...parts].sort((a, b) => cmp(a.author, b.author));
  const rel = (from: string, to: string) => linkPath(path.posix.relative(path.posix.dirname(from), to));
  const noteHref = (page: string, file: string, line: number) => {
    const abs = path.resolve(ctx.cwd, file);
    const fromDir = path.dirname(path.join(ctx.outDir, page));
    return `${linkPath(path.relative(fromDir, abs).split(path.sep).join('/'))}#L${line}`;
  };
  const weekLabel = (week: string) => {
    const [y, m, d] = week.split('-').map(Number);
    return L.date(`${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`, true);
  };
  const periodLabel = (kind: PeriodKind, key: string) => (kind === 'month' ? L.month(key) : kind === 'quarter' ? L.quarter(key, ctx.fiscal) : L.year(key, ctx.fiscal));
  // a fact's week as its note names it (`第13周`), with the year where the team's span crosses one
  const years = ctx.span.first.slice(0, 4) !== ctx.span.last.slice(0, 4);
  const item = (page: string, author: string, f: TeamFact, detail: Record<string, unknown> = {}): TeamItem => ({
    author,
    week: f.week,
    name: inline(f.name),
    src: { label: L.authorWeek(author, f.wk[1] ? L.week(f.wk[0], f.wk[1], years) : weekLabel(f.week)), href: noteHref(page, f.file, f.line) },
    detail,
  });

  const periods: TeamPeriodView[] = [];
  for (const kind of KINDS) {
    const keys = [...new Set(members.flatMap((m) => m.periods[kind].map((p) => p.key)))].sort(cmp);
    for (const key of keys) {
      const page = teamPagePath.period(kind, key);
      const expectedWeeks = weeksOfPeriod(kind, key, ctx.settings).filter((w) => w >= ctx.span.first && w <= ctx.span.last);
      const lines: MemberLine[] = [];
      const details: TeamPeriodView['details'] = [];
      const late: TeamPeriodView['late'] = [];
      const all = { incidents: [] as TeamItem[], completed: [] as TeamItem[], slips: [] as TeamItem[], silent: [] as TeamItem[] };
      const worse: TeamItem[] = [];
      const missed: TeamItem[] = [];
      const byMetric = new Map<string, { author: string; m: MemberMetric }[]>();
      const completedBy: { author: string; count: number }[] = [];
      for (const m of members) {
        const p = m.periods[kind].find((x) => x.key === key);
        const memberPage = `${m.author}/${page}`;
        const missing = expectedWeeks.filter((w) => !(p?.weeks ?? []).includes(w));
        lines.push({
          author: m.author,
          page: p && ctx.hasPage(memberPage) ? { label: m.author, href: rel(page, memberPage) } : null,
          weeks: p?.weeks.length ?? 0,
          expected: expectedWeeks.length,
          missing,
          completed: p?.completed.length ?? 0,
          slipped: p?.slips.length ?? 0,
          incidents: p?.incidents.length ?? 0,
          silent: p?.silent.length ?? 0,
        });
        if (missing.length) late.push({ author: m.author, missing: missing.map(weekLabel) });
        if (!p) continue;
        // a month's page names each fact; a quarter's or a year's counts them (the months name them)
        if (kind === 'month' && (p.completed.length || p.slips.length || p.incidents.length || p.silent.length)) {
          details.push({
            author: m.author,
            page: lines[lines.length - 1].page,
            completed: p.completed.map((f) => inline(short(f.name))),
            slips: slipsByItem(p.slips.map((f) => ({ name: inline(short(f.name)), days: f.days }))),
            incidents: p.incidents.map((f) => inline(short(f.name))),
            silent: p.silent.map((f) => inline(short(f.name))),
          });
        }
        for (const f of p.incidents) all.incidents.push(item(page, m.author, f, { date: f.date, time: f.time, minutes: f.minutes }));
        for (const f of p.completed) all.completed.push(item(page, m.author, f));
        for (const f of p.slips) all.slips.push(item(page, m.author, f, { days: f.days, from: f.from, to: f.to }));
        for (const f of p.silent) all.silent.push(item(page, m.author, f, { lastWeek: weekLabel(f.lastWeek), weeks: f.weeks }));
        if (p.completed.length) completedBy.push({ author: m.author, count: p.completed.length });
        for (const mm of p.metrics) {
          if (!byMetric.has(mm.name)) byMetric.set(mm.name, []);
          byMetric.get(mm.name)!.push({ author: m.author, m: mm });
          const num = { value: mm.value, decimals: mm.decimals, unit: mm.unit };
          if (mm.change !== null && mm.direction && (mm.direction === 'higher' ? mm.change < 0 : mm.change > 0) && Number(mm.change.toFixed(mm.decimals)) !== 0) {
            worse.push(item(page, m.author, mm, { value: num, change: { value: mm.change, decimals: mm.decimals, unit: mm.unit === '%' ? 'pp' : mm.unit } }));
          }
          if (mm.missed) missed.push(item(page, m.author, mm, { value: num, target: mm.target, missed: mm.missed }));
        }
      }
      const shared: SharedMetric[] = [];
      for (const [name, rows] of [...byMetric].sort((a, b) => cmp(a[0], b[0]))) {
        if (rows.length < 2) continue;
        // one unit per row: a name reported in two units is two different figures
        const unit = rows[0].m.unit;
        const same = rows.filter((r) => r.m.unit === unit);
        if (same.length < 2) continue;
        const values = same.map((r) => r.m.value).sort((a, b) => a - b);
        const decimals = Math.max(...same.map((r) => r.m.decimals));
        const dir = same[0].m.direction;
        // the worst member only where members differ: among equal values none is worst
        const worstRow = dir && values[0] !== values[values.length - 1] ? [...same].sort((a, b) => (dir === 'higher' ? a.m.value - b.m.value : b.m.value - a.m.value) || cmp(a.author, b.author))[0] : null;
        const mid = median(values);
        shared.push({
          name: inline(name),
          members: same.length,
          min: { value: values[0], decimals, unit },
          // the mean of two middle values may need one more decimal than the values
          median: { value: mid, decimals: Number(mid.toFixed(decimals)) === mid ? decimals : decimals + 1, unit },
          max: { value: values[values.length - 1], decimals, unit },
          worst: worstRow ? { author: worstRow.author, src: item(page, worstRow.author, worstRow.m).src } : null,
        });
      }
      const byWhen = (a: TeamItem, b: TeamItem) => cmp(a.week, b.week) || cmp(a.author, b.author) || cmp(a.name, b.name);
      for (const l of Object.values(all)) l.sort((a, b) => cmp(a.author, b.author) || cmp(a.week, b.week) || cmp(a.name, b.name));
      const up: Src[] = [];
      if (kind === 'month') {
        const q = periodsOfWeek(weeksOfPeriod(kind, key, ctx.settings)[0], ctx.settings).quarter;
        up.push({ label: periodLabel('quarter', q), href: rel(page, teamPagePath.period('quarter', q)) });
      } else if (kind === 'quarter') {
        const y = periodsOfWeek(weeksOfPeriod(kind, key, ctx.settings)[0], ctx.settings).year;
        up.push({ label: periodLabel('year', y), href: rel(page, teamPagePath.period('year', y)) });
      }
      periods.push({
        kind,
        key,
        label: periodLabel(kind, key),
        expected: expectedWeeks.length,
        members: lines,
        late,
        counts: {
          members: lines.length,
          submitted: lines.filter((l) => l.weeks > 0).length,
          incidents: all.incidents.length,
          completed: all.completed.length,
          slips: all.slips.length,
          silent: all.silent.length,
          worse: worse.length,
          missed: missed.length,
        },
        points: {
          incidents: [...all.incidents].sort(byWhen).slice(0, POINTS),
          completedBy: completedBy.sort((a, b) => b.count - a.count || cmp(a.author, b.author)).slice(0, POINTS),
          slips: [...all.slips].sort((a, b) => (b.detail.days as number) - (a.detail.days as number) || byWhen(a, b)).slice(0, POINTS),
          worse: worse.sort((a, b) => cmp(a.name, b.name) || cmp(a.author, b.author)).slice(0, POINTS),
          missed: missed.sort((a, b) => (b.detail.missed as number) - (a.detail.missed as number) || cmp(a.name, b.name) || cmp(a.author, b.author)).slice(0, POINTS),
          silent: [...all.silent].sort((a, b) => (b.detail.weeks as number) - (a.detail.weeks as number) || byWhen(a, b)).slice(0, POINTS),
        },
        shared,
        details,
        nav: { index: { label: L.team, href: rel(page, teamPagePath.index()) }, up },
      });
    }
  }

  const index: TeamIndexView = {
    span: { first: ctx.span.first, last: ctx.span.last, label: `${weekLabel(ctx.span.first)} – ${weekLabel(ctx.span.last)}` },
    notes: members.reduce((n, m) => n + m.notes, 0),
    members: members.map((m) => ({
      author: m.author,
      page: { label: m.author, href: rel(teamPagePath.index(), `${m.author}/index.md`) },
      notes: m.notes,
      first: m.weeks.length ? weekLabel(m.weeks[0]) : '',
      last: m.weeks.length ? weekLabel(m.weeks[m.weeks.length - 1]) : '',
      late: !m.weeks.includes(ctx.span.last),
    })),
    periods: {
      month: periods.filter((p) => p.kind === 'month').map((p) => ({ label: p.label, href: rel(teamPagePath.index(), teamPagePath.period('month', p.key)) })),
      quarter: periods.filter((p) => p.kind === 'quarter').map((p) => ({ label: p.label, href: rel(teamPagePath.index(), teamPagePath.period('quarter', p.key)) })),
      year: periods.filter((p) => p.kind === 'year').map((p) => ({ label: p.label, href: rel(teamPagePath.index(), teamPagePath.period('year', p.key)) })),
    },
  };
  return { index, periods };
}

/** A member's slips of a month by item, in order: an item that slipped three times is named once, with each delay. */
function slipsByItem(slips: { name: string; days: number }[]): { name: string; days: number[] }[] {
  const out: { name: string; days: number[] }[] = [];
  const at = new Map<string, number>();
  for (const s of slips) {
    const i = at.get(s.name);
    if (i === undefined) {
      at.set(s.name, out.length);
      out.push({ name: s.name, days: [s.days] });
    } else out[i].days.push(s.days);
  }
  return out;
}
