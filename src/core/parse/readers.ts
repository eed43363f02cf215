import type { Highlight, Incident, Item, WorkItem } from '../model.js';
import { HEADING_BRACKETS } from '../vocabulary.js';
import { findDates, findStatus, isNoIncident, readIncident, startsWithDate } from './fields.js';
import { readProgress } from './metrics.js';

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

/** Items of a list section: its top-level bullets, else each non-blank line. */
export function readItems(b: SectionBody): Item[] {
  const items = rawItems(b);
  if (!items.length) {
    const out: Item[] = [];
    for (let l = b.from; l <= b.to; l++) {
      if (b.skip.has(l)) continue;
      const t = b.lines[l - 1].trim();
      if (t) out.push({ text: t, line: l });
    }
    return out;
  }
  const top = Math.min(...items.map((i) => i.indent));
  return items.filter((i) => i.indent === top && i.text).map((i) => ({ text: i.text, line: i.line }));
}

/** A prose section's text; a second such section is added after a blank line. */
export function readProse(b: SectionBody, previous: string | null): string | null {
  const t = bodyText(b.lines, b.from, b.to);
  return previous ? `${previous}\n\n${t}` : t || null;
}
