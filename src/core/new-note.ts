import { format } from 'date-fns/format';
import type { Report, Section, WeekNumbering, WeekRef } from './model.js';
import { parseIsoDate } from './dates.js';
import { kindLabel, SECTION_KINDS } from './sections.js';
import {
  anyOf,
  escapeRegExp,
  CREATED_KEYS,
  DAY_MARKS,
  HEADING_BRACKETS,
  MONTH_MARK,
  MONTH_NAMES_EN,
  ORDINAL,
  WEEK_KEYS,
  WEEK_MARK,
  WEEK_WORDS_EN,
  YEAR_MARK,
} from './vocabulary.js';
import { completes, plannedDates } from './aggregate/work-items.js';
import { noteWeekKey } from './aggregate/weeks.js';

// the text before a week number in a name: `第`, `W`, `week `
const BEFORE_NUMBER = new RegExp(`(?:${escapeRegExp(ORDINAL)}\\s*|W|${anyOf(WEEK_WORDS_EN)}\\s*)$`, 'i');

/** How notes are named: the text around the week number (and year), and whether the number is zero-padded. */
export interface NamePattern {
  /** Text with `{n}` for the week number and `{year}` for the year, `第{n}周`. */
  template: string;
  /** true for `第05周`, false for `第5周`, null when the notes seen do not say (all weeks ≥ 10). */
  pad: boolean | null;
}

/**
 * The pattern of a name (file name without extension, or title) that names `week`: the run of digits equal to
 * the week number (preferring one after 第 or W) becomes `{n}`, a four-digit run equal to the year `{year}`.
 */
export function namePattern(text: string, week: WeekRef): NamePattern | null {
  const runs = [...text.matchAll(/\d+/g)].map((m) => ({ at: m.index!, s: m[0] }));
  const isNumber = (r: { s: string }) => r.s.length <= 2 && Number(r.s) === week.number;
  const num = runs.find((r) => isNumber(r) && BEFORE_NUMBER.test(text.slice(0, r.at))) ?? runs.find(isNumber);
  if (!num) return null;
  const year = runs.find((r) => r !== num && r.s.length === 4 && Number(r.s) === week.year);
  const cuts = [{ r: num, ph: '{n}' }, ...(year ? [{ r: year, ph: '{year}' }] : [])].sort((a, b) => b.r.at - a.r.at);
  let template = text;
  for (const c of cuts) template = template.slice(0, c.r.at) + c.ph + template.slice(c.r.at + c.r.s.length);
  const pad = num.s.length === 2 && num.s.startsWith('0') ? true : week.number < 10 ? false : null;
  return { template, pad };
}

/** A name from a pattern. */
export function applyPattern(p: NamePattern, week: WeekRef, pad: boolean): string {
  const n = pad ? String(week.number).padStart(2, '0') : String(week.number);
  return p.template.replace('{n}', n).replace('{year}', String(week.year));
}

/** Default file name pattern: `第NN周.md`. */
export const DEFAULT_NAME: NamePattern = { template: `${ORDINAL}{n}${WEEK_MARK}`, pad: true };

/**
 * Decide how to name the new note from the notes already there: the pattern of the latest one, zero-padded
 * when any note with the same pattern is (or when none says), in a year folder when the latest sits in one.
 * `files` are paths relative to the notes folder, `/`-separated, paired with their reports.
 */
export function newNotePath(existing: { rel: string; report: Report }[], latest: { rel: string; report: Report } | null, week: WeekRef): string {
  if (!latest || !latest.report.week) return `${applyPattern(DEFAULT_NAME, week, true)}.md`;
  const base = latest.rel.split('/').pop()!;
  const ext = /\.(md|markdown)$/i.exec(base)?.[0] ?? '.md';
  const stem = base.slice(0, base.length - ext.length).replace(/\s+[0-9a-f]{32}$/i, '');
  const pattern = namePattern(stem, latest.report.week) ?? DEFAULT_NAME;
  let pad: boolean | null = null;
  for (const e of existing) {
    if (!e.report.week) continue;
    const s = e.rel.split('/').pop()!.replace(/\.(md|markdown)$/i, '').replace(/\s+[0-9a-f]{32}$/i, '');
    const p = namePattern(s, e.report.week);
    if (!p || p.template !== pattern.template || p.pad === null) continue;
    pad = p.pad;
    if (pad) break;
  }
  const name = `${applyPattern(pattern, week, pad ?? true)}${ext}`;
  const dirs = latest.rel.split('/').slice(0, -1);
  // a year folder follows the year of the week: 2024/第1周.md after 2023/第53周.md
  if (dirs.length && dirs[dirs.length - 1] === String(latest.report.week.year)) dirs[dirs.length - 1] = String(week.year);
  return [...dirs, name].join('/');
}

/** A section heading as a Markdown line. */
const headingLine = (s: Pick<Section, 'level' | 'title'>) => `${'#'.repeat(s.level)} ${s.title}`;

type Camel<S extends string> = S extends `${infer A}-${infer B}` ? `${A}${Capitalize<Camel<B>>}` : S;
type HeadedKind = Extract<(typeof SECTION_KINDS)[number], { heading: object }>;

/** A kind's key in the template's `headings`: its id in camel case (`next-week` → `nextWeek`). */
const headingKey = <Id extends string>(id: Id) => id.replace(/-([a-z])/g, (_m, c: string) => c.toUpperCase()) as Camel<Id>;

/** Heading lines of each kind of section the registry heads, as the previous note writes them, else in the reference note's style. */
export type NoteHeadings = Record<Camel<HeadedKind['id']>, string>;

const HEADED = SECTION_KINDS.filter((k): k is HeadedKind => k.heading !== null);
const [OPEN, CLOSE] = HEADING_BRACKETS;

/** The headings of a new note: those the previous note wrote, else defaults. */
export function noteHeadings(prev: Report | null): NoteHeadings {
  const known = prev?.sections.filter((s) => s.id !== 'unknown') ?? [];
  const english = known.length > 0 && known.every((s) => /^[\x20-\x7e]+$/.test(s.title));
  const out = {} as NoteHeadings;
  for (const k of HEADED) {
    const written = prev?.sections.find((x) => x.id === k.id);
    const name = english ? k.names.en[0] : kindLabel(k);
    out[headingKey(k.id)] = written ? headingLine(written) : `## ${k.heading.brackets && !english ? `${OPEN}${name}${CLOSE}` : name}`;
  }
  return out;
}

/** An objective section of the new note with the work items carried into it. */
export interface CarriedObjective {
  heading: string;
  /** Each item's lines, and the names of the metrics those lines hold (last week's figures, to update). */
  items: { lines: string[]; figures: string[] }[];
}

const BULLET = /^([ \t]*)([-*+]|\d{1,9}[.)])\s+/;
const indentOf = (line: string) => /^[ \t]*/.exec(line)![0].replace(/\t/g, '    ').length;

/**
 * Last week's open work items, per objective section, as written: each top-level item with its indented lines
 * (sub-bullets, numbered sub-items), less the numbered sub-items that were finished, renumbered. An item is
 * finished when its status says it was delivered (上线完成, 投产; `测试完成` finishes a phase, not the item),
 * the same test the summaries use; a heading-only item whose sub-items are all finished goes too.
 */
export function carryWorkItems(prev: Report, text: string): CarriedObjective[] {
  const lines = text.replace(/^\ufeff/, '').split(/\r\n|\r|\n/);
  const near = prev.created ? parseIsoDate(prev.created) : null;
  const weekKey = noteWeekKey(prev) ?? '0000-00-00';
  const byLine = new Map(prev.workItems.map((w) => [w.line, w]));
  const finished = (line: number) => {
    const w = byLine.get(line);
    return w ? completes(w, plannedDates(w, weekKey, near)) : false;
  };
  const out: CarriedObjective[] = [];
  for (const s of prev.sections) {
    if (s.id !== 'objective') continue;
    const body: number[] = [];
    for (let l = s.line + 1; l <= s.endLine; l++) body.push(l);
    const bullets = body.filter((l) => BULLET.test(lines[l - 1]));
    const top = bullets.length ? Math.min(...bullets.map((l) => indentOf(lines[l - 1]))) : 0;
    const starts = bullets.filter((l) => indentOf(lines[l - 1]) === top);
    const items: CarriedObjective['items'] = [];
    starts.forEach((start, i) => {
      const end = (starts[i + 1] ?? s.endLine + 1) - 1;
      const subs = prev.workItems.filter((w) => w.parent !== null && w.line > start && w.line <= end);
      const doneSubs = subs.filter((w) => finished(w.line));
      const head = byLine.get(start);
      const headDone = finished(start);
      const openSubs = subs.length - doneSubs.length;
      if (headDone && openSubs === 0) return;
      if (subs.length && openSubs === 0 && head && head.status === null) return;
      // drop each finished sub-item with its continuation lines
      const drop = new Set<number>();
      for (const w of doneSubs) {
        const ind = indentOf(lines[w.line - 1]);
        drop.add(w.line);
        for (let l = w.line + 1; l <= end; l++) {
          const t = lines[l - 1];
          if (t.trim() !== '' && indentOf(t) <= ind) break;
          drop.add(l);
        }
      }
      const kept: string[] = [];
      const keptLines = new Set<number>();
      const subLines = new Set(subs.map((w) => w.line));
      let n = 0;
      for (let l = start; l <= end; l++) {
        if (drop.has(l)) continue;
        keptLines.add(l);
        let t = lines[l - 1].replace(/\s+$/, '');
        if (subLines.has(l)) t = t.replace(/^([ \t]*)\d{1,9}([.)])/, (_m, sp: string, dot: string) => `${sp}${++n}${dot}`);
        kept.push(t);
      }
      while (kept.length && kept[kept.length - 1] === '') kept.pop();
      const figures = [...new Set(prev.metrics.filter((m) => keptLines.has(m.line)).map((m) => m.name))];
      if (kept.length) items.push({ lines: kept, figures });
    });
    out.push({ heading: headingLine(s), items });
  }
  return out;
}

/** Last week's 下周工作及目标 items, as this week's 重点工作 titles (without trailing punctuation). */
export function carryPlan(prev: Report): string[] {
  return prev.nextWeek.map((i) => i.text.replace(/[。.;；,，、\s]+$/u, '').trim()).filter(Boolean);
}

const EN_MONTHS = MONTH_NAMES_EN.map((m) => m[0].toUpperCase() + m.slice(1));

/** A `Created` value the way Notion writes it: `2024年1月5日 18:22`, or `January 5, 2024 6:22 PM` in English. */
export function createdText(d: Date, english: boolean): string {
  if (!english) return format(d, `yyyy'${YEAR_MARK}'M'${MONTH_MARK}'d'${DAY_MARKS[0]}' HH:mm`);
  return `${EN_MONTHS[d.getMonth()]} ${d.getDate()}, ${d.getFullYear()} ${format(d, 'h:mm a')}`;
}

// a frontmatter line whose value `weekly new` rewrites: the week, or a date the parser reads as the note's
const FRONTMATTER_DATE_LINE = new RegExp(`^(\\s*)(${anyOf([...WEEK_KEYS, ...CREATED_KEYS])})(\\s*:\\s*)(.*)$`, 'i');

/** The data `templates/note.md.hbs` is rendered with. */
export interface NoteData {
  title: string;
  week: { year: number; number: number; numbering: WeekNumbering; start: string; end: string };
  /** Frontmatter lines (without the `---` fences), when the previous note has frontmatter. */
  frontmatter: string[] | null;
  /** The `Created:` property line, when the previous note writes one (or there is none). */
  created: { key: string; text: string } | null;
  headings: NoteHeadings;
  /** Last week's plan, to become this week's highlights. */
  plan: string[];
  objectives: CarriedObjective[];
  previous: { file: string; title: string | null } | null;
}

/** Everything the note template needs, from the week, the clock and the previous note (with its text). */
export function noteData(opts: {
  week: WeekRef;
  numbering: WeekNumbering;
  range: { start: string; end: string };
  created: Date;
  prev: { report: Report; text: string } | null;
}): NoteData {
  const { week, prev } = opts;
  const p = prev?.report ?? null;
  const titlePattern = p?.title && p.week ? namePattern(p.title, p.week) : null;
  const title = titlePattern ? applyPattern(titlePattern, week, titlePattern.pad ?? false) : applyPattern(DEFAULT_NAME, week, false);

  const lines = prev ? prev.text.replace(/^\ufeff/, '').split(/\r\n|\r|\n/) : [];
  let fmEnd = 0;
  if (lines[0]?.trim() === '---') {
    const close = lines.findIndex((l, i) => i > 0 && /^(---|\.\.\.)\s*$/.test(l));
    if (close > 0) fmEnd = close + 1;
  }
  const iso = format(opts.created, "yyyy-MM-dd'T'HH:mm");
  let frontmatter: string[] | null = null;
  if (fmEnd) {
    frontmatter = lines.slice(1, fmEnd - 1).map((l) => {
      const m = FRONTMATTER_DATE_LINE.exec(l);
      if (!m) return l.replace(/\s+$/, '');
      if (WEEK_KEYS.includes(m[2].toLowerCase())) return `${m[1]}${m[2]}${m[3]}${week.year}-W${String(week.number).padStart(2, '0')}`;
      const dateOnly = /^['"]?\d{4}-\d{2}-\d{2}['"]?$/.test(m[4].trim());
      return `${m[1]}${m[2]}${m[3]}${dateOnly ? iso.slice(0, 10) : iso}`;
    });
  }
  let created: NoteData['created'] = { key: 'Created', text: createdText(opts.created, false) };
  if (p) {
    const line = p.createdLine && p.createdLine > fmEnd ? lines[p.createdLine - 1] : null;
    const m = line ? /^\s*([^:：]+?)\s*[:：]\s*(.*)$/.exec(line) : null;
    if (m) created = { key: m[1], text: createdText(opts.created, /[A-Za-z]{3}/.test(m[2]) && !m[2].includes(YEAR_MARK)) };
    else if (frontmatter) created = null;
  }
  return {
    title,
    week: { year: week.year, number: week.number, numbering: opts.numbering, start: opts.range.start, end: opts.range.end },
    frontmatter,
    created,
    headings: noteHeadings(p),
    plan: p ? carryPlan(p) : [],
    objectives: prev ? carryWorkItems(prev.report, prev.text) : [],
    previous: p ? { file: p.file, title: p.title } : null,
  };
}
