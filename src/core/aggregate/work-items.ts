import type { Report, WorkItem } from '../model.js';
import { parseIsoDate } from '../dates.js';
import type { Mention, PlannedDate, Slip, WorkItemTrack } from './types.js';
import { cmp, fold, workItemKey } from './text.js';
import { differenceInCalendarDays } from 'date-fns/differenceInCalendarDays';
import { findDates } from '../parse/fields.js';
import type { Metric } from '../model.js';
import {
  anyOf,
  ALREADY,
  CHECKED_BOXES,
  CLOSED_WORDS,
  COMPLETION_WORDS,
  DELIVERY_WORDS,
  DONE_WORD,
  MILESTONES,
  OUTCOME_WORDS,
  PLAN_WORDS,
  RANGE_WORDS,
  SETBACK_WORDS,
  UNCHECKED_BOXES,
} from '../vocabulary.js';

const MILESTONE_RE = new RegExp(anyOf(MILESTONES), 'g');
const MILESTONE_NEXT = new RegExp(`^\\s*${anyOf(MILESTONES)}`);
const OUTCOME = new RegExp(anyOf(OUTCOME_WORDS));
// the words between the two dates of a range (`12.12-12.20号`)
const RANGE_GAP = new RegExp(`^\\s*(?:[-~～]|${anyOf(RANGE_WORDS)})\\s*$`);

function firstMilestone(s: string): string | null {
  MILESTONE_RE.lastIndex = 0;
  const m = MILESTONE_RE.exec(s);
  return m ? m[0] : null;
}

const PLAN_WORD = new RegExp(anyOf(PLAN_WORDS));

/**
 * Dates an item plans for: dates it names, in a clause that says what will happen (no 完成/已/失败/回滚), not
 * before the note's own week, and either after a plan word (计划, 预计, …) or right before a milestone verb
 * (`1/9上线`). Ranges (`12.12-12.20号`) are spans of time, not plans. Each date gets the milestone it is for:
 * the first milestone verb after it in its clause, else before it, else the first in the item's text, else `''`.
 */
export function plannedDates(item: WorkItem, weekKey: string, near: Date | null): PlannedDate[] {
  if (!item.dates.length) return [];
  const out: PlannedDate[] = [];
  const text = item.text;
  const whole = firstMilestone(text) ?? '';
  const found = findDates(text, 1, 1, 'objective', near);
  found.forEach((d, i) => {
    if (!d.date || d.date < weekKey) return;
    const at = d.column - 1;
    const end = d.endColumn - 1;
    const prev = found[i - 1];
    const next = found[i + 1];
    if (prev && RANGE_GAP.test(text.slice(prev.endColumn - 1, at))) return;
    if (next && RANGE_GAP.test(text.slice(end, next.column - 1))) return;
    const from = Math.max(...[...'，,；;。'].map((c) => text.lastIndexOf(c, Math.max(0, at - 1)))) + 1;
    const stops = [...'，,；;。'].map((c) => text.indexOf(c, end)).filter((x) => x >= 0);
    const to = stops.length ? Math.min(...stops) : text.length;
    if (OUTCOME.test(text.slice(from, to))) return;
    const after = text.slice(end, to);
    const planned = PLAN_WORD.test(text.slice(from, at)) || MILESTONE_NEXT.test(after);
    if (!planned) return;
    const milestone = firstMilestone(after) ?? firstMilestone(text.slice(from, at)) ?? whole;
    out.push({ date: d.date, milestone });
  });
  return out;
}

const DELIVERY = new RegExp(anyOf(DELIVERY_WORDS));
const CLOSED = new RegExp(anyOf(CLOSED_WORDS));
// a clause that says the thing was done (`已`, `完成`), not only planned
const DONE_MARK = new RegExp(anyOf([DONE_WORD, ALREADY]));
const ALREADY_DONE = ALREADY + DONE_WORD;

/**
 * Whether a mention says the item is finished: a done status that names delivery (上线完成, 投产, 已上线), or a
 * bare `完成` in a clause about delivery, or a closed project (结项). A done word with a planned date
 * (`1/11投产` in December) is a plan, not a completion.
 */
export function completes(item: Pick<WorkItem, 'stage' | 'status' | 'text'>, plans: PlannedDate[]): boolean {
  if (item.stage !== 'done' || !item.status) return false;
  if (CLOSED.test(item.text)) return true;
  const clauses = item.text.split(/[，,；;。]/);
  const clause = clauses.find((c) => c.includes(item.status!)) ?? '';
  if (plans.some((p) => clause.includes(p.milestone) && p.milestone && DELIVERY.test(p.milestone)) && !DONE_MARK.test(clause)) return false;
  // `完成` after no delivery word finishes a phase, not the item: 测试完成, 演练完成, 答疑完成
  if (item.status === DONE_WORD) return clauses.some((c) => c.includes(DONE_WORD) && DELIVERY.test(c));
  return DELIVERY.test(item.status) || item.status.includes(ALREADY_DONE);
}

/** The text after a work item's name, first clause: what is shown when no status word was found. */
function detailOf(item: WorkItem): string | null {
  if (item.status) return item.status;
  const rest = item.text.slice(item.name.length).replace(/^[，,。；;：:\s]+/, '');
  const first = rest.split(/[，,；;。]/)[0]?.trim();
  return first ? first : null;
}

const BOX = new RegExp(`^${anyOf([...CHECKED_BOXES, ...UNCHECKED_BOXES])}\\s*`);
const CHECKED = new RegExp(`^${anyOf(CHECKED_BOXES)}`);
// a clause that is only a word of completion, after an optional date: `检测通过`, `1/10投产完成。`, `done`
const COMPLETION_CLAUSE = new RegExp(`^\\s*(?:\\d{1,2}[./月]\\d{1,2}[日号]?\\s*)?${anyOf(COMPLETION_WORDS)}\\s*[.!。！]?\\s*$`, 'i');
const SETBACK = new RegExp(anyOf(SETBACK_WORDS), 'i');
const CLAUSES = /[，,；;。]/;

/** A work item's name without a task-list box (`[x] 支付网关` → `支付网关`). */
export function itemName(name: string): string {
  return name.replace(BOX, '') || name;
}

/**
 * Whether an item is ticked off or says in a clause of its own that it is finished (`ARK过检，检测通过`,
 * `收银台，已完成`, `- [x] 支付网关`): finished, whatever stage the parser read.
 */
export function saysFinished(item: Pick<WorkItem, 'name' | 'text'>): boolean {
  if (CHECKED.test(item.name)) return true;
  return item.text.slice(item.name.length).split(CLAUSES).some((c) => COMPLETION_CLAUSE.test(c));
}

/** Whether an item reports a launch that failed or was rolled back (`12/7上线失败已回滚`). */
export function isSetback(item: Pick<WorkItem, 'name' | 'text'>): boolean {
  return SETBACK.test(item.text.slice(item.name.length));
}

/**
 * Whether a mention is a sentence of metrics rather than news of the work (`系统稳定性度量与提升，支付中心本周
 * 健康分为717`): no status, progress or plan, and its first clause holds a metric of its line.
 */
export function isMetricSentence(item: WorkItem, metrics: Metric[], plans: PlannedDate[]): boolean {
  if (item.status !== null || item.progress !== null || plans.length) return false;
  const rest = item.text.slice(item.name.length);
  const lead = rest.length - rest.replace(/^[，,。；;：:\s]+/, '').length;
  const cut = rest.slice(lead).search(CLAUSES);
  // columns of the line: the first clause after the name ends here
  const end = item.column + item.name.length + lead + (cut < 0 ? rest.length : cut);
  return metrics.some((m) => m.line === item.line && m.column > item.column + item.name.length && m.column < end);
}

/** `CodeLink周活率覆盖率保持100%`: a metric line written as a list item (its value inside the name), not a piece of work. */
export function isMetricLine(it: Pick<WorkItem, 'line' | 'column' | 'name'>, metrics: Metric[]): boolean {
  return metrics.some((m) => m.line === it.line && m.column >= it.column && m.column < it.column + it.name.length);
}

/** Inputs for building tracks: each note with its week key and author. */
export interface PlacedReport {
  report: Report;
  week: string;
  author: string | null;
}

/**
 * Follow work items across notes. Identity is the normalised name (see `workItemKey`), after config aliases
 * (old name → current name). A name that extends another of the same author, objective and parent, and never
 * appears in the same week as it (`ARK过检材料准备` then `ARK过检`), is taken as the same item: the shorter
 * name must be at least 4 characters.
 */
export function buildTracks(placed: PlacedReport[], aliases: Record<string, string> = {}): WorkItemTrack[] {
  const alias = new Map<string, string>();
  for (const [from, to] of Object.entries(aliases)) alias.set(workItemKey(from), workItemKey(to));
  const resolve = (k: string) => {
    const seen = new Set<string>();
    while (alias.has(k) && !seen.has(k)) {
      seen.add(k);
      k = alias.get(k)!;
    }
    return k;
  };

  // mentions grouped by author and key; a key repeated in one note keeps its first mention
  const groups = new Map<string, Mention[]>();
  const ordered = [...placed].sort((a, b) => cmp(a.week, b.week) || cmp(a.report.file, b.report.file));
  for (const p of ordered) {
    const seen = new Set<string>();
    for (const it of p.report.workItems) {
      if (isMetricLine(it, p.report.metrics)) continue;
      const name = itemName(it.name);
      const key = resolve(workItemKey(name));
      if (!key || seen.has(key)) continue;
      seen.add(key);
      const gid = `${p.author ?? ''}\u0000${key}`;
      let group = groups.get(gid);
      if (!group) groups.set(gid, (group = []));
      const plans = plannedDates(it, p.week, p.report.created ? parseIsoDate(p.report.created) : null);
      const finished = saysFinished(it);
      const metricOnly = isMetricSentence(it, p.report.metrics, plans);
      group.push({
        week: p.week,
        author: p.author,
        file: p.report.file,
        line: it.line,
        name,
        objective: it.objective,
        parent: it.parent === null ? null : itemName(it.parent),
        status: it.status,
        stage: finished ? 'done' : it.stage,
        progress: it.progress,
        detail: metricOnly ? null : detailOf({ ...it, name: it.name }),
        text: it.text,
        plans,
        completes: finished || completes(it, plans),
        metricOnly,
        setback: isSetback(it),
      });
    }
  }

  mergeDrift(groups, resolve);
  const noteWeeks = new Map<string, string[]>();
  for (const p of ordered) {
    const a = p.author ?? '';
    if (!noteWeeks.has(a)) noteWeeks.set(a, []);
    const list = noteWeeks.get(a)!;
    if (list[list.length - 1] !== p.week) list.push(p.week);
  }
  mergeRenames(groups, resolve, noteWeeks);

  const tracks: WorkItemTrack[] = [];
  for (const [gid, mentions] of groups) {
    const [author, key] = gid.split('\u0000');
    mentions.sort((a, b) => cmp(a.week, b.week) || cmp(a.file, b.file) || a.line - b.line);
    const last = mentions[mentions.length - 1];
    const names = [...new Set(mentions.map((m) => m.name))].filter((n) => n !== last.name).sort(cmp);
    tracks.push({
      id: author ? `${author}/${key}` : key,
      key,
      author: author || null,
      name: last.name,
      objective: last.objective,
      parent: last.parent,
      otherNames: names,
      mentions,
      firstWeek: mentions[0].week,
      lastWeek: last.week,
      completedWeek: completionAsOf(mentions, last.week),
      doneMentions: doneTransitions(mentions),
      slips: findSlips(mentions),
      metrics: [],
    });
  }
  return tracks.sort((a, b) => cmp(a.author ?? '', b.author ?? '') || cmp(a.objective ?? '\uffff', b.objective ?? '\uffff') || cmp(a.firstWeek, b.firstWeek) || a.mentions[0].line - b.mentions[0].line || cmp(a.key, b.key));
}

function mergeDrift(groups: Map<string, Mention[]>, resolve: (k: string) => string): void {
  // only names of one author sharing their first four characters can be one item
  const buckets = new Map<string, string[]>();
  for (const id of groups.keys()) {
    const [author, key] = id.split('\u0000');
    if ([...key].length < 4) continue;
    const b = `${author}\u0000${[...key].slice(0, 4).join('')}`;
    if (!buckets.has(b)) buckets.set(b, []);
    buckets.get(b)!.push(id);
  }
  const ctx = (m: Mention[]) => `${m[m.length - 1].objective ?? ''}\u0000${m[m.length - 1].parent ? resolve(workItemKey(m[m.length - 1].parent!)) : ''}`;
  for (const bucket of buckets.values()) {
    const ids = bucket.sort((a, b) => a.length - b.length || cmp(a, b));
    for (const shortId of ids) {
      if (!groups.has(shortId)) continue;
      const shortKey = shortId.split('\u0000')[1];
      const short = groups.get(shortId)!;
      for (const longId of ids) {
        if (longId === shortId || !groups.has(longId)) continue;
        const longKey = longId.split('\u0000')[1];
        if (longKey.length <= shortKey.length || !longKey.startsWith(shortKey)) continue;
        const long = groups.get(longId)!;
        if (ctx(long) !== ctx(short)) continue;
        const weeks = new Set(short.map((m) => m.week));
        if (long.some((m) => weeks.has(m.week))) continue;
        short.push(...long);
        groups.delete(longId);
      }
    }
  }
}

/**
 * Renames: a name that first appears in the author's note right after a note that mentioned another name of
 * the same objective and parent, sharing its first three characters and never in the same week as it
 * (`「贝小理」存管运营群bot` → `「贝小理」推广至3个运营群` → back), is that item under a new name.
 */
function mergeRenames(groups: Map<string, Mention[]>, resolve: (k: string) => string, noteWeeks: Map<string, string[]>): void {
  const PREFIX = 3;
  const buckets = new Map<string, string[]>();
  for (const id of groups.keys()) {
    const [author, key] = id.split('\u0000');
    const chars = [...key];
    if (chars.length <= PREFIX) continue;
    const b = `${author}\u0000${chars.slice(0, PREFIX).join('')}`;
    if (!buckets.has(b)) buckets.set(b, []);
    buckets.get(b)!.push(id);
  }
  const ctx = (m: Mention[]) => `${m[m.length - 1].objective ?? ''}\u0000${m[m.length - 1].parent ? resolve(workItemKey(m[m.length - 1].parent!)) : ''}`;
  for (const bucket of buckets.values()) {
    if (bucket.length < 2) continue;
    // the earliest name stays the item's key: its id does not change when it is renamed
    const firstWeek = (id: string) => groups.get(id)!.reduce((w, m) => (m.week < w ? m.week : w), '\uffff');
    const ids = bucket.sort((a, b) => cmp(firstWeek(a), firstWeek(b)) || cmp(a, b));
    for (const aId of ids) {
      if (!groups.has(aId)) continue;
      for (const bId of ids) {
        if (bId === aId || !groups.has(aId) || !groups.has(bId)) continue;
        const a = groups.get(aId)!;
        const b = groups.get(bId)!;
        if (ctx(a) !== ctx(b)) continue;
        const aWeeks = new Set(a.map((m) => m.week));
        if (b.some((m) => aWeeks.has(m.week))) continue;
        const weeks = noteWeeks.get(aId.split('\u0000')[0]) ?? [];
        const start = firstWeek(bId);
        const before = weeks[weeks.indexOf(start) - 1];
        if (start <= firstWeek(aId) || before === undefined || !aWeeks.has(before)) continue;
        a.push(...b);
        groups.delete(bId);
      }
    }
  }
}

// stages of work under way: a mention in one after a completion opens the item again (聚合支付's second business)
const ACTIVE_STAGES = new Set<string>(['evaluating', 'designing', 'developing', 'testing', 'gray']);

/**
 * Week an item was completed, looking only at mentions up to `asOf`: the first completing mention (上线完成,
 * 检测通过, not only 测试完成) since the item was last under way. Follow-up mentions after it (`待优化`,
 * `消息积压问题优化完成`, `结项`) keep it completed; a mention in a stage of work under way (评估中, 开发中,
 * 测试中 …) opens it again.
 */
export function completionAsOf(mentions: Mention[], asOf: string): string | null {
  let done: string | null = null;
  for (const m of mentions) {
    if (m.week > asOf) break;
    if (m.completes) done ??= m.week;
    else if (m.stage !== null && ACTIVE_STAGES.has(m.stage)) done = null;
  }
  return done;
}

/** Mentions where the item reached `done`, and where a run of done mentions first reports delivery. */
function doneTransitions(mentions: Mention[]): number[] {
  const out: number[] = [];
  let delivered = false;
  mentions.forEach((m, i) => {
    const entering = m.stage === 'done' && (i === 0 || mentions[i - 1].stage !== 'done');
    if (entering) delivered = false;
    if (entering || (m.stage === 'done' && m.completes && !delivered)) out.push(i);
    if (m.completes) delivered = true;
  });
  return out;
}

/** Per milestone, each planned date that is later than the one stated before it. */
export function findSlips(mentions: Mention[]): Slip[] {
  const last = new Map<string, Slip['from']>();
  const out: Slip[] = [];
  for (const m of mentions) {
    const seen = new Set<string>();
    for (const p of m.plans) {
      // one date per milestone per mention: the latest, as plans only move later when they slip
      if (seen.has(p.milestone)) continue;
      const latest = m.plans.filter((q) => q.milestone === p.milestone).map((q) => q.date).sort(cmp).pop()!;
      seen.add(p.milestone);
      const here = { week: m.week, author: m.author, file: m.file, line: m.line, date: latest };
      const before = last.get(p.milestone);
      if (before && latest > before.date) {
        out.push({ milestone: p.milestone, from: before, to: here, days: differenceInCalendarDays(parseIsoDate(latest)!, parseIsoDate(before.date)!) });
      }
      last.set(p.milestone, here);
    }
  }
  return out;
}

/** Fold used to compare objective ids across notes. */
export const objectiveKey = (o: string | null) => (o ? fold(o) : '');
