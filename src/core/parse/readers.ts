import type { Highlight, Incident, Item, WorkItem } from '../model.js';
import {
  anyOf,
  CHECKED_BOXES,
  ESTIMATE_DAY_UNITS,
  ESTIMATE_HOUR_UNITS,
  ESTIMATE_LEADS,
  ESTIMATE_WEEK_UNITS,
  HEADING_BRACKETS,
  NO_UPDATE_WORDS,
  UNCHECKED_BOXES,
} from '../vocabulary.js';
import { findDates, findStatus, isNoIncident, readIncident, startsWithDate } from './fields.js';
import { readProgress } from './metrics.js';
import { headingCore } from './heading.js';

/** The body of one section, as a reader sees it: lines `from`..`to` (1-based) of the note, less those in `skip`. */
export interface SectionBody {
  lines: string[];
  from: number;
  to: number;
  /** Lines that hold code, HTML, headings or frontmatter: never report text. */
  skip: Set<number>;
  /** The objective id of an objective section (`O1`), else null. */
  objective: string | null;
  /** The note's own date, against which dates without a year are resolved. */
  near: Date | null;
  /** Headings inside the section that name no section of their own (`### 网关改造` under this week's work). */
  subheadings?: { line: number; level: number; title: string }[];
}

/**
 * The parts of a report section readers fill. Written out rather than picked from `Report`: the registry's type
 * must not depend on the model's `SectionId`, which is derived from the registry.
 */
export interface ReportBody {
  workItems: WorkItem[];
  incidents: Incident[];
  highlights: Highlight[];
  other: Item[];
  nextWeek: Item[];
  reflection: string | null;
  progress?: Item[];
  problems?: Item[];
  help?: Item[];
  notes?: Item[];
}

const LIST_PREFIX = /^(\s*(?:>\s*)*)((?:[-*+]|\d{1,9}[.)])\s+)?/;

/** Text of a line with list and quote markers removed, and the 1-based column where it starts. */
export function lineContent(line: string): { text: string; column: number; listItem: boolean } {
  const m = LIST_PREFIX.exec(line)!;
  const prefix = m[0];
  return { text: line.slice(prefix.length).replace(/\s+$/, ''), column: prefix.length + 1, listItem: Boolean(m[2]) };
}

/** Lines `from`..`to` trimmed, runs of blank lines folded to one, none at either end. */
export function bodyText(lines: string[], from: number, to: number): string {
  const out: string[] = [];
  for (let l = from; l <= to; l++) {
    const t = lines[l - 1].trim();
    if (t === '' && (out.length === 0 || out[out.length - 1] === '')) continue;
    out.push(t);
  }
  while (out.length && out[out.length - 1] === '') out.pop();
  return out.join('\n');
}

/** Indentation width of a line's list marker (tabs count 4). */
function indentOf(line: string): number {
  const m = /^[ \t]*/.exec(line)![0];
  return m.replace(/\t/g, '    ').length;
}

const BULLET = /^([ \t]*)([-*+]|\d{1,9}[.)])\s+(.*)$/;

interface RawItem {
  line: number;
  indent: number;
  ordered: boolean;
  text: string;
  column: number;
}

function rawItems(b: SectionBody): RawItem[] {
  const out: RawItem[] = [];
  for (let l = b.from; l <= b.to; l++) {
    if (b.skip.has(l)) continue;
    const m = BULLET.exec(b.lines[l - 1]);
    if (!m) continue;
    out.push({
      line: l,
      indent: indentOf(m[1]),
      ordered: /\d/.test(m[2]),
      text: m[3].replace(/\s+$/, ''),
      column: m[1].length + m[2].length + (b.lines[l - 1].length - m[1].length - m[2].length - m[3].length) + 1,
    });
  }
  return out;
}

/** The name of a work item: the text before the first `，` (or `。`, `：`). */
export function workItemName(text: string): string {
  const i = text.search(/[，,。；;：:]/);
  return (i < 0 ? text : text.slice(0, i)).trim();
}

/** Work items of an objective section: its top-level bullets, and the numbered sub-items under them. */
export function readWorkItems(b: SectionBody): WorkItem[] {
  const items = rawItems(b);
  if (!items.length) return [];
  const top = Math.min(...items.map((i) => i.indent));
  const out: WorkItem[] = [];
  let parent: string | null = null;
  for (const it of items) {
    const isTop = it.indent === top;
    if (!isTop && !it.ordered) continue;
    if (!isTop && it.indent > top + 8) continue;
    const name = workItemName(it.text);
    if (!name) continue;
    const st = findStatus(it.text);
    const dates = findDates(it.text, it.line, it.column, 'objective', b.near).map((d) => d.date).filter((d): d is string => d !== null);
    out.push({
      objective: b.objective,
      name,
      parent: isTop ? null : parent,
      status: st?.status ?? null,
      stage: st?.stage ?? null,
      progress: readProgress(it.text),
      dates,
      line: it.line,
      column: it.column,
      text: it.text,
    });
    if (isTop) parent = name;
  }
  return out;
}

/** Incidents: top-level bullets (`- 无` is none), else plain lines that open with a date. */
export function readIncidents(b: SectionBody): Incident[] {
  const items = rawItems(b);
  const out: Incident[] = [];
  const top = items.length ? Math.min(...items.map((i) => i.indent)) : 0;
  for (const it of items) {
    if (it.indent !== top || !it.text || isNoIncident(it.text)) continue;
    out.push(readIncident(it.text, it.line, it.column, b.near));
  }
  if (!items.length) {
    // incidents written as plain lines
    for (let l = b.from; l <= b.to; l++) {
      if (b.skip.has(l)) continue;
      const c = lineContent(b.lines[l - 1]);
      if (!c.text || isNoIncident(c.text) || !startsWithDate(c.text)) continue;
      out.push(readIncident(c.text, l, c.column, b.near));
    }
  }
  return out;
}

const [OPEN, CLOSE] = HEADING_BRACKETS;
const BRACKET_TITLE = new RegExp(`^${OPEN}(.+?)${CLOSE}\\s*(.*)$`);

/** Highlights: each top-level bullet's `【title】` (or `**title**`) and the rest of it; a body without bullets is one. */
export function readHighlights(b: SectionBody): Highlight[] {
  const { lines, from, to } = b;
  const items = rawItems(b);
  const out: Highlight[] = [];
  if (!items.length) {
    const t = bodyText(lines, from, to);
    if (t) out.push({ title: t.split('\n')[0].slice(0, 40), text: t, line: from });
    return out;
  }
  const top = Math.min(...items.map((i) => i.indent));
  const tops = items.filter((i) => i.indent === top);
  tops.forEach((it, idx) => {
    const end = (tops[idx + 1]?.line ?? to + 1) - 1;
    const m = BRACKET_TITLE.exec(it.text) ?? /^\*\*(.+?)\*\*\s*[:：]?\s*(.*)$/.exec(it.text);
    const title = m ? m[1].trim() : it.text;
    const first = m ? m[2].trim() : '';
    const more = bodyText(lines, it.line + 1, end);
    out.push({ title, text: [first, more].filter(Boolean).join('\n'), line: it.line });
  });
  return out;
}

const NO_UPDATE = new RegExp(`^${anyOf(NO_UPDATE_WORDS)}(?=$|[\\s,，.。:：;；!！])`, 'i');

/** Does a line say there is nothing to report this time (`本周暂无更新`, `No update this week`)? */
export function isNoUpdate(text: string): boolean {
  return NO_UPDATE.test(text.trim());
}

const BOX = new RegExp(`^(${anyOf([...CHECKED_BOXES, ...UNCHECKED_BOXES])})\\s+`);
const CHECKED = new Set(CHECKED_BOXES);
const ESTIMATE_UNIT = `(${anyOf(ESTIMATE_DAY_UNITS)}|${anyOf(ESTIMATE_HOUR_UNITS)}|${anyOf(ESTIMATE_WEEK_UNITS)})(?![A-Za-z])`;
// `（约2天）`, `(~2 days)`, `预计3天`: in parentheses with or without a lead word, or after one
const ESTIMATE = new RegExp(`[（(]\\s*(?:${anyOf(ESTIMATE_LEADS)}\\s*)?(\\d+(?:\\.\\d+)?)\\s*${ESTIMATE_UNIT}\\s*[)）]|${anyOf(ESTIMATE_LEADS)}\\s*(\\d+(?:\\.\\d+)?)\\s*${ESTIMATE_UNIT}`, 'i');
const DAY_UNIT = new RegExp(`^${anyOf(ESTIMATE_DAY_UNITS)}$`, 'i');
const HOUR_UNIT = new RegExp(`^${anyOf(ESTIMATE_HOUR_UNITS)}$`, 'i');

/** An item as written: its checklist box read and removed, and the estimate it gives, when it gives one. */
function item(text: string, line: number, plan: boolean): Item {
  const out: Item = { text, line };
  const box = BOX.exec(text);
  if (box) {
    out.text = text.slice(box[0].length);
    out.done = CHECKED.has(box[1]);
  }
  if (plan) {
    const e = ESTIMATE.exec(out.text);
    if (e) {
      const unit = e[2] ?? e[4];
      out.estimate = { value: Number(e[1] ?? e[3]), unit: DAY_UNIT.test(unit) ? 'day' : HOUR_UNIT.test(unit) ? 'hour' : 'week', text: e[0].replace(/^[（(]\s*|\s*[)）]$/g, '') };
    }
  }
  return out;
}

/**
 * Items of a list section: its top-level bullets, else each non-blank line; a "no update" line is none, and with
 * `nothing` so is a line that says there is nothing (`- 无`, `- None`: no problem, no help needed).
 */
export function readItems(b: SectionBody, opts: { plan?: boolean; nothing?: boolean } = {}): Item[] {
  const items = rawItems(b);
  const plan = opts.plan ?? false;
  const none = (t: string) => isNoUpdate(t) || (opts.nothing === true && isNoIncident(t));
  if (!items.length) {
    const out: Item[] = [];
    for (let l = b.from; l <= b.to; l++) {
      if (b.skip.has(l)) continue;
      const t = b.lines[l - 1].trim();
      if (t && !none(t)) out.push(item(t, l, plan));
    }
    return out;
  }
  const top = Math.min(...items.map((i) => i.indent));
  return items.filter((i) => i.indent === top && i.text && !none(i.text)).map((i) => item(i.text, i.line, plan));
}

// a bullet that groups others under a short name (`- 前端` over `    - 修复…`): a project, as a `###` subsection is
const GROUP = /^[^，。；,;:：!?！？]{1,24}$/;

/**
 * This week's work: every bullet (or line) an item, with the project it is under: a `###` subsection, or a
 * top-level bullet with a short name that groups nested bullets. Each project is also a work item, tracked across
 * weeks by its name; its status is the first status word of its items, or done when all its checklist items are
 * ticked.
 */
export function readProgressSection(b: SectionBody, r: ReportBody): void {
  const list = (r.progress ??= []);
  const subs = new Map((b.subheadings ?? []).map((h) => [h.line, h]));
  const projects: { name: string; line: number; column: number; items: Item[] }[] = [];
  let project: (typeof projects)[number] | null = null;
  let group: { indent: number; project: (typeof projects)[number] } | null = null;
  for (let l = b.from; l <= b.to; l++) {
    const sub = subs.get(l);
    if (sub) {
      const core = headingCore(sub.title);
      project = { name: core.core.replace(/^[【[]|[】\]]$/g, '').trim(), line: l, column: b.lines[l - 1].indexOf(sub.title) + 1 + core.start, items: [] };
      projects.push(project);
      group = null;
      continue;
    }
    if (b.skip.has(l)) continue;
    const raw = b.lines[l - 1];
    const m = BULLET.exec(raw);
    const text = (m ? m[3] : raw).trim();
    if (!text) continue;
    const indent = m ? indentOf(m[1]) : indentOf(raw);
    if (!m && indent > 0) continue; // a bullet's continuation line
    if (group && indent <= group.indent) group = null;
    // a top bullet whose next line is a deeper bullet, named in a few words: a group of the items under it
    const next = b.lines[l];
    const nested = next !== undefined && BULLET.exec(next) && indentOf(BULLET.exec(next)![1]) > indent;
    if (m && nested && !group && GROUP.test(text) && !BOX.test(text)) {
      group = { indent, project: { name: text, line: l, column: m[1].length + m[2].length + 2, items: [] } };
      projects.push(group.project);
      continue;
    }
    if (isNoUpdate(text)) continue;
    const it = item(text, l, false);
    const owner = group?.project ?? project;
    if (owner) {
      it.project = owner.name;
      owner.items.push(it);
    }
    list.push(it);
  }
  for (const p of projects) {
    const boxes = p.items.filter((i) => i.done !== undefined);
    const st = p.items.map((i) => findStatus(i.text)).find((x) => x !== null) ?? null;
    const allDone = boxes.length > 0 && boxes.every((i) => i.done);
    const dates = p.items.flatMap((i) => findDates(i.text, i.line, 1, 'progress', b.near)).map((d) => d.date).filter((d): d is string => d !== null);
    r.workItems.push({
      objective: null,
      name: p.name,
      parent: null,
      status: allDone ? CHECKED_BOXES[0] : (st?.status ?? null),
      stage: allDone ? 'done' : (st?.stage ?? null),
      progress: p.items.map((i) => readProgress(i.text)).find((x) => x !== null) ?? null,
      dates,
      line: p.line,
      column: p.column,
      text: p.name,
      project: true,
    });
  }
}

/** A prose section's text; a second such section is added after a blank line. */
export function readProse(b: SectionBody, previous: string | null): string | null {
  const t = bodyText(b.lines, b.from, b.to);
  return previous ? `${previous}\n\n${t}` : t || null;
}
