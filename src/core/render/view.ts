import path from 'node:path';
import type {
  Aggregate,
  Mention,
  MetricSeries,
  MetricStat,
  NoteRef,
  PeriodAgg,
  PeriodItem,
  Scope,
  Source,
  WorkItemTrack,
} from '../aggregate/index.js';
import { periodsOfWeek, slotOf } from '../aggregate/weeks.js';
import { completionAsOf } from '../aggregate/work-items.js';
import { cmp, excerpt } from '../aggregate/text.js';
import { inline, linkPath } from './markdown.js';
import { budgetOf, cut, highlightParts, isPlanning, itemFacts, selectMetrics, topMoves, type ItemFacts } from './summary.js';
import type { Labels, Locale, LocaleStrings } from './locale.js';

/** A citation: the week label and a relative link to the note's line. */
export interface SrcView {
  label: string;
  href: string;
  /** The id of its reference-style link (`w51-25`): the page lists `[w51-25]: href` once at its end. */
  ref: string;
  file: string;
  line: number;
  week: string;
  author: string | null;
}

/** A metric value with its precision, unit and source. */
export interface ValueView {
  value: number;
  decimals: number;
  unit: string | null;
  src: SrcView;
}

/** Where the page being built sits, for its relative links. */
export interface PageContext {
  agg: Aggregate;
  scope: Scope;
  locale: Locale;
  /** The locale's strings: the labels of weeks, months and periods come from them. */
  strings: LocaleStrings;
  /** Output file, relative to the output folder, with `/`. */
  page: string;
  /** The output folder and the working directory, absolute. */
  outDir: string;
  cwd: string;
  /** Output folder of this scope's tree, relative to the output folder (`''` or `zhang/`). */
  tree: string;
  /** Shared with the other pages of the tree (made from the same `agg`); without it, the page makes its own. */
  cache?: RenderCache;
}

/** Pages of a scope's tree, relative to the tree. */
export const pagePath = {
  index: () => 'index.md',
  month: (k: string) => `monthly/${k}.md`,
  quarter: (k: string) => `quarterly/${k}.md`,
  year: (k: string) => `annual/${k}.md`,
  review: (k: string) => `review/${k}.md`,
  json: () => 'data/report.json',
  csv: () => 'data/metrics.csv',
};

/**
 * What the pages of one tree share: lookups over its aggregation, the views of facts that look the same on
 * several pages, and relative links to notes by page folder. `renderPages` makes one per tree and drops it with
 * the tree; a page rendered without one makes its own.
 */
export interface RenderCache {
  agg: Aggregate;
  /** author ('' for none) → week → the first note of that week. */
  notes: Map<string, Map<string, NoteRef>>;
  tracks: Map<string, WorkItemTrack>;
  series: Map<string, MetricSeries>;
  /** `author\0name` of every item some other item names as its parent. */
  parents: Set<string>;
  objectives: Map<string, string>;
  /** Week labels: locale, context year (or -1) → author → week → label. */
  labels: Map<string, Map<string, Map<string, string>>>;
  /** Citation, mention and note views, per parent of the page folder, context year, locale and scope kind (what they depend on). */
  views: Map<string, ViewCache>;
  /** The parts of a mention's view that depend on neither the page nor the locale. */
  mentionParts: Map<Mention, { status: string | null; rest: string | null; text: string }>;
  /** Page folder (absolute) → note file → relative link. */
  hrefs: Map<string, Map<string, string>>;
  /** Note text → its inline Markdown. */
  inline: Map<string, string>;
}

/** Views of facts that look the same on every page of sibling folders and one year: built once, shared (templates only read them). */
interface ViewCache {
  // Maps, not WeakMaps: they live as long as the tree's pages, and weak tables slow the collector
  src: Map<object, SrcView>;
  mention: Map<Mention, MentionView>;
  note: Map<NoteRef, NoteView>;
  /** Views of incidents, highlights, 其他 items, reflections and plans, by the entry they show. */
  entry: Map<object, unknown>;
}

type MentionView = { status: string | null; rest: string | null; stage: Mention['stage']; progress: number | null; text: string; objective: string | null; src: SrcView };
type NoteView = SrcView & { start: string; end: string; title: string | null };

/** The cache of the pages of one tree, rendered from `agg`. */
export function renderCache(agg: Aggregate): RenderCache {
  const x: RenderCache = { agg, notes: new Map(), tracks: new Map(), series: new Map(), parents: new Set(), objectives: new Map(), labels: new Map(), views: new Map(), mentionParts: new Map(), hrefs: new Map(), inline: new Map() };
  for (const n of agg.notes) {
    const a = n.author ?? '';
    let m = x.notes.get(a);
    if (!m) x.notes.set(a, (m = new Map()));
    if (!m.has(n.week)) m.set(n.week, n);
  }
  for (const t of agg.workItems) {
    x.tracks.set(t.id, t);
    if (t.parent !== null) x.parents.add(`${t.author ?? ''}\u0000${t.parent}`);
  }
  for (const s of agg.metrics) x.series.set(s.id, s);
  for (const o of agg.objectives) if (!x.objectives.has(o.id)) x.objectives.set(o.id, o.name);
  return x;
}

class Builder {
  readonly L: Labels;
  readonly team: boolean;
  readonly fiscal: boolean;
  readonly x: RenderCache;
  private hrefs: Map<string, string>;
  // an item view's plain fields and lazy parts, to copy it without building them
  private itemParts = new Map<object, { plain: object; getters: Record<string, () => unknown> }>();
  private pageDir: string;
  private cache: ViewCache | null = null;
  private year: number | null = null;

  /** The year weeks are labelled against (their year is shown when it differs); null: always shown. */
  get contextYear(): number | null {
    return this.year;
  }

  set contextYear(y: number | null) {
    this.year = y;
    this.cache = null;
  }

  private views(): ViewCache {
    if (this.cache) return this.cache;
    // pages in sibling folders (monthly/, quarterly/, …) link to a note by the same path: notes are never inside
    // the output folder, so the path climbs out of the page's folder either way
    const key = `${path.dirname(this.pageDir)}\u0000${this.year ?? ''}\u0000${this.c.locale}\u0000${this.team ? 't' : 'a'}`;
    let v = this.x.views.get(key);
    if (!v) this.x.views.set(key, (v = { src: new Map(), mention: new Map(), note: new Map(), entry: new Map() }));
    return (this.cache = v);
  }

  constructor(readonly c: PageContext) {
    this.L = c.strings.labels;
    this.team = c.scope.kind === 'team';
    this.fiscal = c.agg.settings.fiscalYearStart !== 1;
    this.x = c.cache && c.cache.agg === c.agg ? c.cache : renderCache(c.agg);
    this.pageDir = path.dirname(path.join(c.outDir, c.page));
    let h = this.x.hrefs.get(this.pageDir);
    if (!h) this.x.hrefs.set(this.pageDir, (h = new Map()));
    this.hrefs = h;
  }

  /** Note text as inline Markdown (`inline` of markdown.ts), escaped once per tree: the same names and statuses recur on page after page. */
  inline(text: string): string {
    let hit = this.x.inline.get(text);
    if (hit === undefined) this.x.inline.set(text, (hit = inline(text)));
    return hit;
  }

  /** Link from this page to another page of the output (path relative to the output folder). */
  pageHref(target: string): string {
    return linkPath(path.relative(this.pageDir, path.join(this.c.outDir, target)).split(path.sep).join('/'));
  }

  /** Link from this page to a page of this scope's tree. */
  treeHref(target: string): string {
    return this.pageHref(`${this.c.tree}${target}`);
  }

  noteHref(file: string, line: number | null): string {
    let rel = this.hrefs.get(file);
    if (rel === undefined) {
      rel = linkPath(path.relative(this.pageDir, path.resolve(this.c.cwd, file)).split(path.sep).join('/'));
      this.hrefs.set(file, rel);
    }
    return line ? `${rel}#L${line}` : rel;
  }

  noteAt(author: string | null, week: string): NoteRef | undefined {
    return this.x.notes.get(author ?? '')?.get(week);
  }

  track(id: string): WorkItemTrack {
    return this.x.tracks.get(id)!;
  }

  weekLabel(week: string, author: string | null): string {
    // the same weeks are labelled on every page of a year: one label per context year, author and week
    const at = `${this.c.locale}\u0000${this.contextYear ?? -1}`;
    let byAuthor = this.x.labels.get(at);
    if (!byAuthor) this.x.labels.set(at, (byAuthor = new Map()));
    let byWeek = byAuthor.get(author ?? '');
    if (!byWeek) byAuthor.set(author ?? '', (byWeek = new Map()));
    let label = byWeek.get(week);
    if (label === undefined) {
      const n = this.noteAt(author, week);
      const ref = n ? { year: n.year, number: n.number } : slotOf(week, this.c.agg.settings.numbering);
      // without a year of reference (the index), every label carries its year
      const w = this.L.week(ref.year, ref.number, this.contextYear === null || ref.year !== this.contextYear);
      label = this.team && author ? this.L.authorWeek(this.inline(author), w) : w;
      byWeek.set(week, label);
    }
    return label;
  }

  src(s: Source): SrcView {
    const cache = this.views().src;
    let v = cache.get(s);
    if (!v) cache.set(s, (v = { label: this.weekLabel(s.week, s.author), href: this.noteHref(s.file, s.line), ref: this.refOf(s.week, s.author, s.line), file: s.file, line: s.line, week: s.week, author: s.author }));
    return v;
  }

  /** A short, readable id for a citation of a note's line (`w51-25`; `w2023-53-56` in another year; a member's index first on team pages). */
  refOf(week: string, author: string | null, line: number | null): string {
    const n = this.noteAt(author, week);
    const at = n ? { year: n.year, number: n.number } : slotOf(week, this.c.agg.settings.numbering);
    const year = this.contextYear === null || at.year !== this.contextYear ? `${at.year}-` : '';
    const who = this.team && author !== null ? `a${this.c.agg.authors.indexOf(author) + 1}-` : '';
    return `${who}w${year}${at.number}${line ? `-${line}` : ''}`;
  }

  /** A citation of some line of a note, made on the spot (not shared). */
  srcAt(s: Source): SrcView {
    return { label: this.weekLabel(s.week, s.author), href: this.noteHref(s.file, s.line), ref: this.refOf(s.week, s.author, s.line), file: s.file, line: s.line, week: s.week, author: s.author };
  }

  /** The view of an incident, highlight, 其他 item, reflection or plan: made once for the pages that share this builder's views. */
  shared<T>(entry: object, make: () => T): T {
    const cache = this.views().entry;
    let v = cache.get(entry) as T | undefined;
    if (v === undefined) cache.set(entry, (v = make()));
    return v;
  }

  note(n: NoteRef): NoteView {
    const cache = this.views().note;
    let v = cache.get(n);
    if (!v) cache.set(n, (v = { ...this.src(n), href: this.noteHref(n.file, null), ref: this.refOf(n.week, n.author, null), start: n.start, end: n.end, title: n.title === null ? null : this.inline(n.title) }));
    return v;
  }

  mention(m: Mention, t?: WorkItemTrack): MentionView {
    // without its track a mention's status reads differently (no drift name), so only track views are shared
    if (t === undefined) return this.mentionView(m, t);
    const cache = this.views().mention;
    let v = cache.get(m);
    if (!v) cache.set(m, (v = this.mentionView(m, t)));
    return v;
  }

  private mentionView(m: Mention, t?: WorkItemTrack): MentionView {
    let parts = this.x.mentionParts.get(m);
    if (!parts || t === undefined) {
      const at = m.text.indexOf(m.name);
      const rest = m.text.slice(at >= 0 ? at + m.name.length : 0).replace(/^[，,。；;：:\s]+/, '');
      const p = {
        // an item merged from a drifting name shows the name it was written under when it says nothing else
        status: m.detail !== null ? this.inline(m.detail) : t && m.name !== t.name ? this.inline(m.name) : null,
        rest: rest ? this.inline(excerpt(rest, 80)) : null,
        text: this.inline(m.text),
      };
      if (t === undefined) parts = p;
      else this.x.mentionParts.set(m, (parts = p));
    }
    return { status: parts.status, rest: parts.rest, stage: m.stage, progress: m.progress, text: parts.text, objective: m.objective, src: this.src(m) };
  }

  objective(id: string | null) {
    if (!id) return null;
    const name = this.x.objectives.get(id) ?? '';
    // used in headings, where trailing punctuation reads as a typo (markdownlint MD026)
    const label = (name ? `${id} ${name}` : id).replace(/[.,;:!。，；：！]+$/, '');
    return { id: this.inline(id), name: this.inline(name), label: this.inline(label) };
  }

  item(pi: PeriodItem) {
    const t = this.x.tracks.get(pi.item)!;
    const ms = pi.mentions.map((i) => t.mentions[i]);
    const first = this.mention(ms[0], t);
    const last = this.mention(ms[ms.length - 1], t);
    const view = {
      id: this.inline(t.id),
      name: this.inline(t.name),
      otherNames: t.otherNames.map((n) => this.inline(n)),
      author: t.author === null ? null : this.inline(t.author),
      objective: this.objective(t.objective),
      parent: t.parent === null ? null : this.inline(t.parent),
      first,
      last,
      changed: ms[0].detail !== ms[ms.length - 1].detail,
      /** Finished before the period and only reported as finished in it. */
      finishedBefore: !pi.completedWeek && ms.every((m) => m.completes) && completionAsOf(t.mentions, ms[0].week) !== null && completionAsOf(t.mentions, ms[0].week)! < ms[0].week,
      /** A heading-only item (`POS收单系统建设`) whose sub-items carry the news. */
      container: ms.every((m) => m.detail === null) && this.x.parents.has(`${t.author ?? ''}\u0000${t.name}`),
      completed: pi.completedWeek ? this.mention(t.mentions.find((m) => m.week === pi.completedWeek)!, t) : null,
      milestones: pi.milestones.map((i) => this.mention(t.mentions[i], t)),
      slips: pi.slips.map((i) => this.slip(t, i)),
    };
    // built only when a template reads them: a team's pages would otherwise build every week of every item
    const getters = {
      /** Each change of status, week by week (monthly). */
      history: () => {
        const out: ReturnType<Builder['mention']>[] = [];
        let prev: string | null | undefined;
        for (const m of ms) {
          if (m.detail !== prev || m.detail === null) out.push(this.mention(m, t));
          prev = m.detail;
        }
        return out;
      },
      /** Stage changes only, with the first and last mention (quarterly, annual). */
      transitions: () => {
        const out: ReturnType<Builder['mention']>[] = [];
        ms.forEach((m, i) => {
          const prevStage = i > 0 ? ms[i - 1].stage : undefined;
          if (i === 0 || i === ms.length - 1 || (m.stage !== null && m.stage !== prevStage)) out.push(this.mention(m, t));
        });
        return out;
      },
      progress: () => ms.filter((m) => m.progress !== null).map((m) => ({ value: m.progress!, src: this.src(m) })),
    };
    const plain = { ...view };
    const out = lazy(view, getters);
    this.itemParts.set(out, { plain, getters });
    return out;
  }

  /** A copy of an item's view with more fields, its lazy parts still lazy (a spread would build them all). */
  withFields<T extends object, F extends object>(item: T, fields: F): T & F {
    const parts = this.itemParts.get(item)!;
    return lazy({ ...(parts.plain as object), ...fields }, parts.getters) as unknown as T & F;
  }

  slip(t: WorkItemTrack, i: number) {
    const s = t.slips[i];
    return {
      item: this.inline(t.name),
      milestone: s.milestone,
      from: { date: s.from.date, src: this.src(s.from) },
      to: { date: s.to.date, src: this.src(s.to) },
      days: s.days,
    };
  }

  metric(st: MetricStat, prevLabel: (k: string) => string) {
    const s = this.x.series.get(st.series)!;
    const v = (i: number): ValueView => ({ value: s.points[i].value, decimals: s.points[i].decimals, unit: s.points[i].unit, src: this.src(s.points[i]) });
    const unit = s.unit;
    const view = {
      name: this.inline(s.name),
      author: s.author === null ? null : this.inline(s.author),
      unit,
      target: s.target,
      direction: s.direction,
      count: st.count,
      first: v(st.first),
      last: v(st.last),
      min: this.extreme(s, st.min.value, st.min.points),
      max: this.extreme(s, st.max.value, st.max.points),
      mean: { value: st.mean.value, decimals: st.mean.decimals, unit },
      kind: st.kind,
      /** The period's figure: the mean (level), the sum (count), the last value (total). */
      figure: { value: st.figure.value, decimals: st.figure.decimals, unit },
      change: st.change
        ? { value: st.change.value, decimals: st.change.decimals, unit: unit === '%' ? 'pp' : unit, direction: s.direction, previous: prevLabel(st.change.previous), previousFigure: { ...st.change.previousFigure, unit } }
        : null,
      /** Last value minus first value of the period. */
      delta: st.count > 1 ? this.delta(s, st.first, st.last) : null,
      attainment: st.attainment,
      worst: st.worst === null ? null : v(st.worst),
      /** The weeks it has a value in, read or not. */
      weeksOf: [...new Set([...s.points.slice(st.first, st.last + 1).map((pt) => pt.week), ...st.unreadable.map((i) => s.unreadable[i].week)])],
      /** The weeks of its values that could not be read. */
      unreadableWeeks: [...new Set(st.unreadable.map((i) => this.weekLabel(s.unreadable[i].week, s.unreadable[i].author)))],
      /** Its values in the period's weeks that could not be read, each cited at its line. */
      unreadable: st.unreadable.map((i) => {
        const u = s.unreadable[i];
        return { week: this.weekLabel(u.week, u.author), text: this.inline(u.text), reason: u.reason, line: u.line, src: this.srcAt(u) };
      }),
      move: st.move,
      /** Its values in the period outside the values it can take (`109.966%`), each cited. */
      invalid: st.invalid.map((i) => v(i)),
    };
    // every value of the period: no built-in Markdown template shows them, so they are built only when read
    return lazy(view, { values: () => s.points.slice(st.first, st.last + 1).map((_, i) => v(st.first + i)) });
  }

  /** Last minus first of two points of a series, at their precision, with its unit (`pp` for percents). */
  delta(s: MetricSeries, a: number, z: number) {
    const value = s.points[z].value - s.points[a].value;
    const decimals = Math.max(s.points[a].decimals, s.points[z].decimals);
    return { value: Number(value.toFixed(decimals)), decimals, unit: s.unit === '%' ? 'pp' : s.unit, direction: s.direction };
  }

  /** A min or max: its weeks are cited when there are at most three of them, else counted. */
  extreme(s: MetricSeries, value: number, points: number[]) {
    return { value, decimals: Math.max(...points.map((i) => s.points[i].decimals)), unit: s.unit, count: points.length, few: points.length <= 3, srcs: points.map((i) => this.src(s.points[i])) };
  }

  periodLabel(kind: 'month' | 'quarter' | 'year', key: string): string {
    return kind === 'month' ? this.L.month(key) : kind === 'quarter' ? this.L.quarter(key, this.fiscal) : this.L.year(key, this.fiscal);
  }
}

/** Add properties computed on first read (own, enumerable: Handlebars reads them like any other). */
function lazy<T extends object, G extends Record<string, () => unknown>>(target: T, getters: G): T & { [K in keyof G]: ReturnType<G[K]> } {
  for (const [k, fn] of Object.entries(getters)) {
    let done = false;
    let value: unknown;
    Object.defineProperty(target, k, {
      enumerable: true,
      get: () => {
        if (!done) {
          value = fn();
          done = true;
        }
        return value;
      },
    });
  }
  return target as T & { [K in keyof G]: ReturnType<G[K]> };
}

/** How many of the sorted `list` are at most `x`. */
function countUpTo(list: string[], x: string): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (list[mid] <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function groupBy<T>(list: T[], keyOf: (x: T) => string, label: (k: string) => string) {
  const keys = [...new Set(list.map(keyOf))].sort(cmp);
  return keys.map((k) => ({ key: k, label: label(k), list: list.filter((x) => keyOf(x) === k) }));
}

/** The template data of a monthly, quarterly or annual summary, or of a 述职 draft (kind `review`). */
export function periodView(c: PageContext, p: PeriodAgg, kind: 'monthly' | 'quarterly' | 'annual' | 'review') {
  const b = new Builder(c);
  const { agg, scope } = c;
  const s = agg.settings;
  const first = p.weeksInSpan[0] ?? p.weeks[0];
  b.contextYear = p.notes.length ? agg.notes[p.notes[0]].year : slotOf(first, s.numbering).year;
  const list = scope.periods[p.kind];
  const at = list.indexOf(p);
  const pageOf = (k: string) => (p.kind === 'month' ? pagePath.month(k) : p.kind === 'quarter' ? pagePath.quarter(k) : kind === 'review' ? pagePath.review(k) : pagePath.year(k));
  const nav = (q: PeriodAgg | undefined) => (q ? { key: q.key, label: b.periodLabel(q.kind, q.key), href: b.treeHref(pageOf(q.key)) } : null);
  const end = p.weeksInSpan[p.weeksInSpan.length - 1] ?? p.weeks[p.weeks.length - 1];

  // Each part is built when a template first reads it: a team's monthly page does not show every item's history,
  // an annual one not every plan. The parts are the same whichever order they are read in.
  const itemsOf = once(() => {
    const allItems = p.items.map((pi) => b.item(pi));
    // heading-only items are shown through their sub-items
    const shown = allItems.map((x) => !x.container && !x.finishedBefore);
    return { items: allItems.filter((_, i) => shown[i]), tracks: p.items.filter((_, i) => shown[i]).map((pi) => b.track(pi.item)) };
  });
  const byObjective = <T extends { objective: ReturnType<Builder['objective']> }>(xs: T[]) =>
    groupBy(xs, (x) => x.objective?.id ?? '\uffff', (k) => (k === '\uffff' ? '' : xs.find((x) => x.objective?.id === k)!.objective!.label)).map((g) => ({ objective: g.key === '\uffff' ? null : g.list[0].objective, items: g.list }));

  const incidents = once(() =>
    p.incidents.list.map((i) => {
      const x = agg.incidents[i];
      return b.shared(x, () => {
        const summary = x.impact ? x.summary.split(/[，,；;。]/).filter((c) => c.trim() && c.trim() !== x.impact).join('，') : x.summary;
        return { date: x.date, time: x.time, summary: b.inline(summary || x.summary), short: b.inline(cut(summary || x.summary, 32)), impact: x.impact === null ? null : b.inline(x.impact), level: x.level, durationMinutes: x.durationMinutes, src: b.src(x) };
      });
    }),
  );
  const highlights = once(() =>
    p.highlights.map((i) => {
      const h = agg.highlights[i];
      return b.shared(h, () => {
        const at = periodsOfWeek(h.week, s);
        return { title: b.inline(h.title), text: b.inline(h.text), excerpt: b.inline(excerpt(h.text.split('\n')[0] ?? '', 120)), src: b.src(h), month: at.month, quarter: at.quarter };
      });
    }),
  );
  const other = once(() =>
    p.other.map((i) => {
      const o = agg.other[i];
      return b.shared(o, () => {
        const at = periodsOfWeek(o.week, s);
        return { text: b.inline(o.text), src: b.src(o), month: at.month, quarter: at.quarter };
      });
    }),
  );
  const reflections = once(() =>
    p.reflections.map((i) => {
      const r = agg.reflections[i];
      return b.shared(r, () => ({ excerpt: b.inline(reflectionExcerpt(r.text)), text: b.inline(r.text), src: b.src(r) }));
    }),
  );
  const plans = once(() =>
    p.plans.list.map((i) => {
      const x = agg.plans[i];
      return b.shared(x, () => ({ text: b.inline(x.text), status: x.status, src: b.src(x), forWeek: b.weekLabel(x.forWeek, x.author), month: periodsOfWeek(x.week, s).month, match: x.match ? { kind: x.match.kind, text: b.inline(excerpt(x.match.text, 60)), score: x.match.score, src: b.src(x.match) } : null }));
    }),
  );
  const notes = p.notes.map((i) => b.note(agg.notes[i]));
  const submissions = once(() =>
    p.submissions.map((x) => ({
      author: x.author === null ? b.L.unnamed : b.inline(x.author),
      weeks: x.weeks.map((w) => b.note(b.noteAt(x.author, w)!)),
      missing: x.missing.map((w) => b.weekLabel(w, null)),
    })),
  );

  // the 述职 draft and the next year's plans: what the last notes of the period say
  const lastWeek = notes.length ? notes[notes.length - 1].week : null;
  const open = once(() => {
    const weeksOf = new Map<string | null, string[]>();
    for (const i of scope.notes) {
      const n = agg.notes[i];
      if (!weeksOf.has(n.author)) weeksOf.set(n.author, []);
      weeksOf.get(n.author)!.push(n.week);
    }
    const { items, tracks } = itemsOf();
    return tracks
      .map((t, i) => ({ t, view: items[i] }))
      .filter(({ t }) => !completionAsOf(t.mentions, end))
      .map(({ t, view }) => {
        // the author's note weeks after the last mention, up to the period's end (weeks are sorted)
        const weeks = weeksOf.get(t.author) ?? [];
        const quiet = Math.max(0, countUpTo(weeks, end) - countUpTo(weeks, view.last.src.week));
        return b.withFields(view, { silentWeeks: quiet, silent: quiet >= s.silentWeeks });
      });
  });
  const plansBy = (list: ReturnType<typeof plans>) => {
    const followed = list.filter((x) => x.status === 'followed').length;
    const judged = followed + list.filter((x) => x.status === 'not-mentioned').length;
    return { made: list.length, followed, judged, rate: judged ? followed / judged : null };
  };

  const prevLabel = (k: string) => b.periodLabel(p.kind, k);
  const parts = summaryParts(b, c, p, kind, { prevLabel, incidents, plans });
  return lazy(
    {
      locale: c.locale,
      kind,
      title: b.periodLabel(p.kind, p.key),
      scope: scopeView(b, c),
      period: {
        kind: p.kind,
        key: p.key,
        label: b.periodLabel(p.kind, p.key),
        start: p.weeks[0],
        end: slotOf(p.weeks[p.weeks.length - 1], s.numbering).end,
        partial: p.partial,
        weeks: p.weeks.length,
        weeksInSpan: p.weeksInSpan.length,
        reported: new Set(p.notes.map((i) => agg.notes[i].week)).size,
        prev: nav(list[at - 1]),
        next: nav(list[at + 1]),
        asOf: lastWeek ? notes[notes.length - 1].label : null,
        /** The weeks the notes cover: first and last note of the period. */
        covered: notes.length
          ? { first: b.weekLabel(notes[0].week, null), last: b.weekLabel(lastWeek!, null), start: notes[0].start, end: slotOf(lastWeek!, s.numbering).end }
          : null,
        noteCount: notes.length,
      },
      links: {
        index: b.treeHref(pagePath.index()),
        team: scope.kind === 'author' && c.tree ? b.pageHref(pagePath.index()) : null,
        annual: b.treeHref(pagePath.year(p.key)),
        review: b.treeHref(pagePath.review(p.key)),
      },
      notes,
    },
    {
      submissions,
      missing: () => submissions().flatMap((x) => (x.missing.length ? [{ author: x.author, weeks: x.missing }] : [])),
      metrics: () => p.metrics.map((m) => b.metric(m, prevLabel)),
      hasTargets: () => p.metrics.some((m) => m.attainment !== null),
      hasChange: () => p.metrics.some((m) => m.change !== null),
      items: () =>
        lazy(
          {},
          {
            all: () => itemsOf().items,
            byObjective: () => byObjective(itemsOf().items),
            completed: () => itemsOf().items.filter((x) => x.completed),
            completedByObjective: () => byObjective(itemsOf().items.filter((x) => x.completed)),
            milestones: () => itemsOf().items.filter((x) => x.milestones.length && !x.completed),
            milestonesByObjective: () => byObjective(itemsOf().items.filter((x) => x.milestones.length && !x.completed)),
            changed: () => itemsOf().items.filter((x) => x.changed && !x.completed),
            slips: () => itemsOf().items.flatMap((x) => x.slips),
            silent: () =>
              p.silent.map((x) => {
                const t = b.track(x.item);
                const last = t.mentions.filter((m) => m.week === x.lastWeek)[0];
                return { name: b.inline(t.name), objective: b.objective(t.objective), author: t.author === null ? null : b.inline(t.author), last: b.mention(last), weeks: x.weeks };
              }),
            open: () => open().filter((x) => !x.silent),
            openSilent: () => open().filter((x) => x.silent),
          },
        ),
      incidents: () =>
        lazy(
          { ...p.incidents.stats },
          {
            list: incidents,
            byMonth: () => p.incidents.byMonth.map((x) => ({ ...x, key: x.month, label: b.L.month(x.month) })),
            byQuarter: () => p.incidents.byQuarter.map((x) => ({ ...x, key: x.quarter, label: b.L.quarter(x.quarter, b.fiscal) })),
          },
        ),
      plans: () =>
        lazy(
          {
            made: p.plans.made,
            followed: p.plans.followed,
            notMentioned: p.plans.notMentioned,
            noNextNote: p.plans.noNextNote,
            judged: p.plans.followed + p.plans.notMentioned,
            rate: p.plans.rate,
          },
          {
            list: plans,
            notFollowed: () => plans().filter((x) => x.status === 'not-mentioned'),
            byMonth: () => groupBy(plans(), (x) => x.month, (k) => b.L.month(k)).map((g) => ({ key: g.key, label: g.label, ...plansBy(g.list) })),
            byAuthor: () => groupBy(plans(), (x) => x.src.author ?? '', (k) => k).map((g) => ({ author: g.key ? b.inline(g.key) : b.L.unnamed, ...plansBy(g.list) })),
            last: () => plans().filter((x) => x.src.week === lastWeek),
          },
        ),
      highlights,
      highlightsByMonth: () => groupBy(highlights(), (h) => h.month, (k) => b.L.month(k)).map((g) => ({ key: g.key, label: g.label, highlights: g.list })),
      highlightsByQuarter: () => groupBy(highlights(), (h) => h.quarter, (k) => b.L.quarter(k, b.fiscal)).map((g) => ({ key: g.key, label: g.label, highlights: g.list })),
      /** The highlights as a quarterly page groups them (by month), else by quarter: the shared body of quarterly and annual pages reads this. */
      highlightGroups: () => groupBy(highlights(), (h) => (kind === 'quarterly' ? h.month : h.quarter), (k) => (kind === 'quarterly' ? b.L.month(k) : b.L.quarter(k, b.fiscal))).map((g) => ({ key: g.key, label: g.label, highlights: g.list })),
      other,
      otherByQuarter: () => groupBy(other(), (h) => h.quarter, (k) => b.L.quarter(k, b.fiscal)).map((g) => ({ key: g.key, label: g.label, other: g.list })),
      reflections,
      silentWeeks: () => s.silentWeeks,
      ...parts,
    },
  );
}

/** `f`, run once: later calls return its first result. */
function once<T>(f: () => T): () => T {
  let done = false;
  let value: T;
  return () => {
    if (!done) {
      value = f();
      done = true;
    }
    return value;
  };
}

/**
 * The lesson of a reflection: its closing paragraph, where notes usually land it, when that is short prose;
 * else its opening sentences.
 */
export function reflectionExcerpt(text: string): string {
  const paras = text.split(/\n\s*\n/).map((x) => x.trim()).filter(Boolean);
  const lastPara = paras[paras.length - 1] ?? '';
  if (paras.length > 1 && [...lastPara].length <= 120 && !/^[-*+]|^\d+[.)]/.test(lastPara)) return lastPara;
  return excerpt(paras[0] ?? text, 120);
}

function scopeView(b: Builder, c: PageContext) {
  const authors = c.agg.authors.filter((a): a is string => a !== null);
  return {
    team: b.team,
    author: c.scope.author === null ? null : b.inline(c.scope.author),
    label: c.scope.author !== null ? b.inline(c.scope.author) : b.team ? b.L.team : null,
    authors: b.team ? authors.map((a) => ({ name: b.inline(a), href: b.pageHref(`${a}/${pagePath.index()}`) })) : [],
  };
}

/** The template data of a tree's index page. */
export function indexView(c: PageContext) {
  const b = new Builder(c);
  const { agg, scope } = c;
  const per = (kind: 'month' | 'quarter' | 'year', page: (k: string) => string) =>
    scope.periods[kind].map((p) => ({ key: p.key, label: b.periodLabel(kind, p.key), href: b.treeHref(page(p.key)), partial: p.partial, notes: p.notes.length, weeks: p.weeksInSpan.length }));
  const notes = scope.notes.map((i) => b.note(agg.notes[i]));
  const submissions = scope.submissions.map((x) => ({
    author: x.author === null ? b.L.unnamed : b.inline(x.author),
    href: x.author !== null && b.team ? b.pageHref(`${x.author}/${pagePath.index()}`) : null,
    weeks: x.weeks.map((w) => b.weekLabel(w, null)),
    missing: x.missing.map((w) => b.weekLabel(w, null)),
  }));
  return {
    locale: c.locale,
    kind: 'index',
    scope: scopeView(b, c),
    span: agg.span ? { first: b.weekLabel(agg.span.first, null), last: b.weekLabel(agg.span.last, null), start: agg.span.first, end: slotOf(agg.span.last, agg.settings.numbering).end } : null,
    counts: { notes: scope.notes.length, weeks: new Set(notes.map((n) => n.week)).size, authors: agg.authors.filter((a) => a !== null).length },
    links: { team: scope.kind === 'author' && c.tree ? b.pageHref(pagePath.index()) : null, json: b.treeHref(pagePath.json()), csv: b.treeHref(pagePath.csv()) },
    months: per('month', pagePath.month),
    quarters: per('quarter', pagePath.quarter),
    years: per('year', pagePath.year),
    // each 述职 draft with its Word document beside it (review/YYYY.docx)
    reviews: per('year', pagePath.review).map((r) => ({ ...r, docx: b.treeHref(pagePath.review(r.key).replace(/\.md$/, '.docx')) })),
    notes,
    submissions,
    missing: submissions.flatMap((x) => (x.missing.length ? [{ author: x.author, weeks: x.missing }] : [])),
    unplaced: agg.unplaced.map((f) => ({ file: b.inline(f), href: b.noteHref(f, null) })),
  };
}

type IncidentView = { date: string | null; time: string | null; summary: string; short: string; durationMinutes: number | null; src: SrcView };
type PlanView = { text: string; status: string; src: SrcView };

/**
 * The parts of a period page that summarise: the 要点 list, the metrics worth a row, work items as completed,
 * slipped, set back, at risk and gone silent, highlights with their first sub-points, what could not be read,
 * the months (quarters) of a quarter (year), and the parts of a 述职 draft. Each is built when first read.
 */
function summaryParts(
  b: Builder,
  c: PageContext,
  p: PeriodAgg,
  kind: 'monthly' | 'quarterly' | 'annual' | 'review',
  d: { prevLabel: (k: string) => string; incidents: () => IncidentView[]; plans: () => PlanView[] },
) {
  const { agg, scope } = c;
  const s = agg.settings;
  const budget = budgetOf(kind, p.notes.reduce((a, i) => a + agg.notes[i].size, 0));
  const series = b.x.series;
  const some = <T>(xs: T[], n: number) => ({ list: xs.slice(0, n), more: Math.max(0, xs.length - n), count: xs.length });
  const restOf = (m: Mention, max: number) => {
    const at = m.text.indexOf(m.name);
    const rest = m.text.slice(at >= 0 ? at + m.name.length : 0).replace(/^[，,。；;：:\s]+/, '');
    return b.inline(cut(rest || m.text, max));
  };
  const facts = once(() => itemFacts(agg, p, b.x.tracks, b.x.parents));
  const shown = once(() => facts().filter((f) => !f.hidden));
  const itemName = (t: WorkItemTrack) => b.inline(t.name);

  const work = once(() => {
    const f = shown();
    const completed = f
      .filter((x) => x.completed)
      .map((x) => ({ name: itemName(x.track), parent: x.track.parent === null ? null : b.inline(x.track.parent), status: b.inline(x.completed!.detail ?? x.completed!.status ?? ''), src: b.src(x.completed!), objective: b.objective(x.track.objective), week: b.weekLabel(x.completed!.week, x.completed!.author) }));
    // delivered in the period, and open again at its end (聚合支付: 1/11投产完成, then a second business)
    const milestones = f.flatMap((x) => {
      if (x.completed) return [];
      const m = x.mentions.filter((y) => y.completes).pop();
      return m ? [{ name: itemName(x.track), status: restOf(m, 24), src: b.src(m) }] : [];
    });
    const slips = f.flatMap((x) => x.pi.slips.map((i) => b.slip(x.track, i))).sort((a, z) => z.days - a.days);
    const setbacks = f.flatMap((x) => (x.setbacks.length ? [{ name: itemName(x.track), text: restOf(x.setbacks[0], 30), src: b.src(x.setbacks[0]) }] : []));
    const risks = f.filter((x) => x.risk).map((x) => ({ name: itemName(x.track), status: restOf(x.risk!.mention, 24), overdue: x.risk!.reason === 'overdue', date: x.risk!.date, src: b.src(x.risk!.mention) }));
    const hiddenIds = new Set(facts().filter((x) => x.hidden).map((x) => x.track.id));
    const silent = p.silent
      .filter((x) => !hiddenIds.has(x.item))
      .map((x) => {
        const t = b.track(x.item);
        const last = t.mentions.filter((m) => m.week === x.lastWeek)[0];
        return { name: itemName(t), status: last.detail === null ? null : restOf(last, 24), weeks: x.weeks, src: b.src(last) };
      });
    return { completed, completedSome: some(completed, budget.names), milestones, slips, slipsSome: some(slips, budget.names), setbacksSome: some(setbacks, budget.names), setbacks, risks, risksSome: some(risks, budget.names), silent, silentSome: some(silent, budget.names) };
  });

  const metricSel = once(() => selectMetrics(p.metrics, series, budget.metrics));
  const metricRows = once(() => metricSel().shown.map((m) => b.metric(m, d.prevLabel)));
  const unreadableRows = once(() => metricRows().filter((m) => m.unreadable.length));

  const highlightsBrief = once(() => {
    // one entry per title (`年结保障` of two weeks), cited at each week; the first few with lead and sub-points
    const byTitle = new Map<string, { h: (typeof agg.highlights)[number]; srcs: SrcView[] }>();
    for (const i of p.highlights) {
      const h = agg.highlights[i];
      const hit = byTitle.get(h.title);
      if (hit) hit.srcs.push(b.src(h));
      else byTitle.set(h.title, { h, srcs: [b.src(h)] });
    }
    return [...byTitle.values()].map(({ h, srcs }, n) => {
      const parts = highlightParts(h.text);
      const full = n < budget.highlights;
      const points = full ? parts.points.slice(0, budget.subPoints).map((x) => b.inline(cut(x, budget.sub))) : [];
      return {
        title: b.inline(h.title),
        lead: full && parts.lead ? b.inline(cut(parts.lead, budget.lead)) : null,
        points,
        more: full ? parts.points.length - points.length : 0,
        src: srcs[0],
        srcs,
        month: periodsOfWeek(h.week, s).month,
      };
    });
  });

  const gaps = once(() =>
    p.notes
      .map((i) => agg.notes[i])
      .filter((n) => n.unread.length)
      .map((n) => {
        const entries = n.unread.map((u) => ({ kind: u.kind, name: u.name === null ? null : b.inline(u.name), text: u.kind === 'created' ? u.text : b.inline(u.text), line: u.line, src: b.srcAt({ week: n.week, author: n.author, file: n.file, line: u.line }) }));
        return { label: b.weekLabel(n.week, n.author), note: b.note(n), entries, partial: n.unread.some((u) => u.kind !== 'created') };
      }),
  );
  const partialWeeks = once(() => gaps().filter((g) => g.partial).map((g) => g.label));

  /** The months of a quarter, the quarters of a year: each a row of counts. */
  const breakdown = once(() => {
    const sub = p.kind === 'quarter' ? 'month' : p.kind === 'year' ? 'quarter' : null;
    if (!sub) return [];
    const wset = new Set(p.weeks);
    return scope.periods[sub]
      .filter((q) => q.weeks.every((w) => wset.has(w)))
      .map((q) => {
        const f = itemFacts(agg, q, b.x.tracks, b.x.parents).filter((x) => !x.hidden);
        const judged = q.plans.followed + q.plans.notMentioned;
        return {
          key: q.key,
          label: b.periodLabel(sub, q.key),
          href: b.treeHref(sub === 'month' ? pagePath.month(q.key) : pagePath.quarter(q.key)),
          notes: new Set(q.notes.map((i) => agg.notes[i].week)).size,
          weeks: q.weeksInSpan.length,
          completed: f.filter((x) => x.completed).length,
          slips: f.reduce((a, x) => a + x.pi.slips.length, 0),
          incidents: q.incidents.stats.count,
          plans: judged ? q.plans.rate : null,
        };
      });
  });

  /** The one month (quarter) of a quarter (year) that holds all its notes: the page then points to it rather than repeat it. */
  const onlyPart = once(() => {
    const parts = breakdown();
    return parts.length === 1 && parts[0].notes === new Set(p.notes.map((i) => agg.notes[i].week)).size ? parts[0] : null;
  });

  const points = once(() => {
    const out: Record<string, unknown>[] = [];
    const g = gaps().filter((x) => x.partial);
    const n = (k: string) => g.reduce((a, x) => a + x.entries.filter((e) => e.kind === k).length, 0);
    if (g.length) out.push({ kind: 'gaps', weeks: g.map((x) => x.label), values: n('value'), sections: n('section') });
    for (const st of topMoves(p.metrics, series, 2)) out.push({ kind: 'move', metric: b.metric(st, d.prevLabel) });
    for (const st of p.metrics.filter((x) => x.attainment && x.attainment.met < x.attainment.total)) out.push({ kind: 'target', metric: b.metric(st, d.prevLabel) });
    const w = work();
    if (w.completed.length) out.push({ kind: 'completed', ...some(w.completed, 3) });
    for (const x of w.setbacks.slice(0, 2)) out.push({ kind: 'setback', ...x });
    for (const x of w.slips.slice(0, 2)) out.push({ kind: 'slip', ...x });
    if (p.incidents.stats.count) {
      const list = d.incidents();
      const longest = [...list].sort((a, z) => (z.durationMinutes ?? -1) - (a.durationMinutes ?? -1))[0];
      out.push({ kind: 'incidents', ...p.incidents.stats, longest });
    }
    if (w.risks.length) out.push({ kind: 'risks', ...some(w.risks, 2) });
    if (w.silent.length) out.push({ kind: 'silent', ...some(w.silent, 2) });
    const judged = p.plans.followed + p.plans.notMentioned;
    if (judged && p.plans.notMentioned) out.push({ kind: 'plans', rate: p.plans.rate, followed: p.plans.followed, judged, misses: p.plans.notMentioned });
    return out;
  });

  const reflectionsBrief = once(() => {
    const list = p.reflections.map((i) => agg.reflections[i]);
    const k = Math.min(budget.reflections, list.length);
    // spread over the period rather than the first weeks only
    const pick = k <= 1 ? list.slice(-k) : Array.from({ length: k }, (_, i) => list[Math.round((i * (list.length - 1)) / (k - 1))]);
    return pick.map((r) => ({ excerpt: b.inline(cut(reflectionExcerpt(r.text), 60)), src: b.src(r) }));
  });

  const highlightTitles = once(() => {
    const by = p.kind === 'quarter' ? 'month' : 'quarter';
    const groups = new Map<string, { title: string; src: SrcView }[]>();
    for (const i of p.highlights) {
      const h = agg.highlights[i];
      const k = periodsOfWeek(h.week, s)[by];
      if (!groups.has(k)) groups.set(k, []);
      groups.get(k)!.push({ title: b.inline(h.title), src: b.src(h) });
    }
    return [...groups].sort((a, z) => cmp(a[0], z[0])).map(([k, list]) => ({ key: k, label: b.periodLabel(by, k), ...some(list, budget.names) }));
  });

  /** The sections shown as written (本周工作, 问题与风险, 需要的支持, 笔记, headings of no known kind), one group per heading. */
  const extraGroups = once(() => {
    const groups = new Map<string, { title: string; kind: string; list: { text: string; src: SrcView }[] }>();
    for (const i of p.extra) {
      const e = agg.extra[i];
      const k = `${e.kind}\u0000${e.title}`;
      let g = groups.get(k);
      if (!g) groups.set(k, (g = { title: b.inline(e.title), kind: e.kind, list: [] }));
      g.list.push({ text: b.inline(cut(e.text, 40)), src: b.src(e) });
    }
    return [...groups.values()];
  });

  const highlightsEmpty = () => !p.highlights.length;
  return {
    budget: () => budget,
    points,
    // a month with no 重点工作 shows its notes' own account of the week's work in that place instead
    extraGroups: () => (highlightsEmpty() ? extraGroups().filter((g) => g.kind !== 'progress') : extraGroups()),
    progressGroups: () => (highlightsEmpty() ? extraGroups().filter((g) => g.kind === 'progress') : []),
    // whether the period's notes report their week's work in a section of its own (本周工作, This week)
    progressWritten: () => p.extra.some((i) => agg.extra[i].kind === 'progress'),
    highlightTitles,
    // the longest first when not all fit, then in date order
    incidentsSome: () => {
      const all = d.incidents();
      const keep = new Set([...all].sort((a, z) => (z.durationMinutes ?? -1) - (a.durationMinutes ?? -1)).slice(0, budget.incidents));
      return { list: all.filter((x) => keep.has(x)), more: Math.max(0, all.length - keep.size), count: all.length };
    },
    /** The notes of the page in one line: every one linked, or (more than a dozen) the first and the last. */
    sources: () => {
      const notes = p.notes.map((i) => b.note(agg.notes[i]));
      return { many: notes.length > 12, first: notes[0] ?? null, last: notes[notes.length - 1] ?? null, count: notes.length };
    },
    plansMissed: () => some(d.plans().filter((x) => x.status === 'not-mentioned'), budget.names),
    work,
    metricRows,
    unreadableRows,
    metricsRest: () => metricSel().rest.length,
    metricsRestSome: () => some(metricSel().rest.map((m) => series.get(m.series)!.name), budget.names),
    highlightsBrief,
    highlightsMore: () => Math.max(0, p.highlights.length - budget.highlights),
    gaps,
    partialWeeks,
    breakdown,
    onlyPart,
    reflectionsBrief,
    otherSome: () => some(p.other.map((i) => b.inline(cut(agg.other[i].text, 16))), budget.names),
    review: () => (kind === 'review' ? reviewParts(b, c, p, { facts, work, prevLabel: d.prevLabel, plans: d.plans, incidents: d.incidents }) : null),
  };
}

/** The parts of a 述职 draft that the other pages do not have: the year's work by objective, the projects, the plan. */
function reviewParts(
  b: Builder,
  c: PageContext,
  p: PeriodAgg,
  d: { facts: () => ItemFacts[]; work: () => { slips: unknown[] }; prevLabel: (k: string) => string; plans: () => PlanView[]; incidents: () => IncidentView[] },
) {
  const { agg } = c;
  const budget = budgetOf('review', 0);
  const end = p.weeksInSpan[p.weeksInSpan.length - 1] ?? p.weeks[p.weeks.length - 1];
  const wset = new Set(p.weeks);
  const status = (m: Mention) => (m.detail === null ? null : b.inline(cut(m.detail, 24)));
  const moved = (t: WorkItemTrack) =>
    t.metrics.flatMap((id) => {
      const s = b.x.series.get(id)!;
      const idx = s.points.map((pt, i) => (wset.has(pt.week) ? i : -1)).filter((i) => i >= 0);
      if (idx.length < 2 || s.direction === null) return [];
      const first = s.points[idx[0]];
      const last = s.points[idx[idx.length - 1]];
      if (first.value === last.value) return [];
      return [{ name: b.inline(s.name), first: { value: first.value, decimals: first.decimals, unit: first.unit }, last: { value: last.value, decimals: last.decimals, unit: last.unit }, delta: b.delta(s, idx[0], idx[idx.length - 1]), src: b.src(last) }];
    }).slice(0, 2);
  const line = (f: ItemFacts) => {
    const t = f.track;
    const first = f.mentions[0];
    const last = f.mentions[f.mentions.length - 1];
    return {
      name: b.inline(t.name),
      start: { label: b.weekLabel(first.week, first.author), status: status(first), src: b.src(first) },
      done: f.completed ? { label: b.weekLabel(f.completed.week, f.completed.author), status: status(f.completed), src: b.src(f.completed) } : null,
      now: f.completed || last === first || last.detail === null ? null : { label: b.weekLabel(last.week, last.author), status: status(last), src: b.src(last) },
      /** Whether there is a status to tell (an item of metric sentences has none). */
      told: first.detail !== null || f.completed !== null || (last !== first && last.detail !== null),
      metrics: moved(t),
    };
  };
  const objectives = () => {
    const f = d.facts();
    const subsOf = new Map<string, ItemFacts[]>();
    for (const x of f) if (x.track.parent !== null && !x.hidden) {
      const k = `${x.track.objective ?? ''}\u0000${x.track.parent}`;
      if (!subsOf.has(k)) subsOf.set(k, []);
      subsOf.get(k)!.push(x);
    }
    const top = f.filter((x) => x.track.parent === null && (!x.hidden || subsOf.has(`${x.track.objective ?? ''}\u0000${x.track.name}`) || moved(x.track).length));
    type Line = ReturnType<typeof line> & { subs?: ReturnType<typeof line>[] };
    const groups = new Map<string, Line[]>();
    for (const x of top) {
      const k = x.track.objective ?? '\uffff';
      if (!groups.has(k)) groups.set(k, []);
      const subs = (subsOf.get(`${x.track.objective ?? ''}\u0000${x.track.name}`) ?? []).map(line);
      groups.get(k)!.push({ ...line(x), ...(subs.length ? { subs } : {}) });
    }
    // the items with news first (completed, moved a number, under way at the end), then the rest, each objective capped
    const cap = budget.names;
    return [...groups]
      .sort((a, z) => cmp(a[0], z[0]))
      .map(([k, all]) => {
        const rank = (x: Line) => (x.done || x.metrics.length || x.subs ? 0 : x.now ? 1 : 2);
        const items = all.map((x, i) => ({ x, i })).sort((a, z) => rank(a.x) - rank(z.x) || a.i - z.i).map((y) => y.x);
        // sub-items are short lines: a few more of them
        const subCap = cap + 2;
        const shown = items.slice(0, cap).map((x) => (x.subs ? { ...x, subs: x.subs.slice(0, subCap), moreSubs: Math.max(0, x.subs.length - subCap) } : x));
        return { objective: k === '\uffff' ? null : b.objective(k), items: shown, more: Math.max(0, items.length - cap) };
      });
  };
  const metrics = () => selectMetrics(p.metrics, b.x.series, budget.metrics).shown.map((st) => b.metric(st, d.prevLabel));
  const projects = () => {
    const seen = new Set<string>();
    const list = p.highlights
      .map((i) => agg.highlights[i])
      .filter((h) => !isPlanning(h.title) && !seen.has(h.title) && seen.add(h.title));
    const named = new Set(agg.workItems.map((t) => t.name));
    const score = (h: (typeof list)[number]) => highlightParts(h.text).points.length + ([...named].some((n) => n.length >= 2 && h.title.includes(n)) ? 3 : 0);
    const top = new Set([...list].sort((a, z) => score(z) - score(a) || cmp(a.week, z.week)).slice(0, budget.highlights));
    return {
      list: list.filter((h) => top.has(h)).map((h) => {
        const parts = highlightParts(h.text);
        const points = parts.points.slice(0, budget.subPoints).map((x) => b.inline(cut(x, budget.sub)));
        return { title: b.inline(h.title), lead: parts.lead ? b.inline(cut(parts.lead, budget.lead)) : null, points, more: parts.points.length - points.length, src: b.src(h) };
      }),
      more: Math.max(0, list.length - top.size),
    };
  };
  const plan = () => {
    // the latest highlight that states the plan, preferring one that lists its points
    const plans = p.highlights.map((i) => agg.highlights[i]).filter((h) => isPlanning(h.title));
    const planning = plans.filter((h) => highlightParts(h.text).points.length).pop() ?? plans.pop();
    const okr = planning
      ? (() => {
          const parts = highlightParts(planning.text);
          return { title: b.inline(planning.title), lead: parts.lead ? b.inline(cut(parts.lead, budget.lead)) : null, points: parts.points.slice(0, 5).map((x) => b.inline(cut(x, 40))), src: b.src(planning) };
        })()
      : null;
    const open = d
      .facts()
      .filter((x) => !x.hidden && !completionAsOf(x.track.mentions, end))
      .map((x) => {
        const last = x.mentions[x.mentions.length - 1];
        return { name: b.inline(x.track.name), status: status(last), src: b.src(last) };
      });
    return { okr, objectives: agg.objectives.map((o) => b.objective(o.id)), open: { list: open.slice(0, 8), more: Math.max(0, open.length - 8), count: open.length }, last: d.plans().filter((x) => x.src.week === end) };
  };
  return lazy({}, { objectives, metrics, projects, plan });
}
