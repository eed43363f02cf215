import type { SectionId } from '../model.js';
import { headingCore } from './heading.js';
import { HEADING_HEADS_EN, HEADING_HEADS_ZH, NEXT_PERIOD_WORDS, THIS_PERIOD_WORDS } from '../vocabulary.js';
import { NAMED_KINDS, SECTION_KINDS, type NamedSectionId } from '../sections.js';

export type { NamedSectionId } from '../sections.js';

/** Default names and aliases for each named section (Chinese, then English); config aliases are added to these. */
export const DEFAULT_SECTION_NAMES = Object.fromEntries(NAMED_KINDS.map((k) => [k.id, [...k.names.zh, ...k.names.en]])) as Record<NamedSectionId, string[]>;

export { headingCore } from './heading.js';

/**
 * Fold a heading for comparison: decoration removed (`headingCore`), full-width forms to half-width (NFKC),
 * brackets, spaces and colons removed, lower case. `## 【系统运行数据】：`, `一、系统运行数据` and `系统运行数据` fold alike.
 */
export function foldName(s: string): string {
  return headingCore(s.normalize('NFKC'))
    .core.replace(/[【】[\]「」『』〔〕()*_`]/g, '')
    .replace(/[\s:：]+/g, '')
    .toLowerCase();
}

/** What a heading names. */
export interface Recognised {
  id: SectionId;
  objective?: string;
  name?: string;
  /** The known name a misspelt heading was read as (`系统运行数据` for `系统运行数剧`). */
  near?: string;
}

// kinds recognised by their shape rather than by name (objectives, by `O1`), tried in registry order
const MATCHED = SECTION_KINDS.flatMap((k) => ('match' in k ? [{ id: k.id, match: k.match }] : []));

const HAN = /\p{Script=Han}/u;
const LATIN = /^[\x20-\x7e]+$/;
// a parenthesis or a date after the words (`本周进展（3.11-3.15）`, `Progress - 2024-03-15`)
const TAIL_NOTE = /\s*(?:[（(][^（()）]*[)）]|[-–—:：]?\s*\d[\d./\-年月日~至\s]*)$/;
// words that join English heading words and say nothing of their kind
const EN_FILLER = new Set(['and', 'the', 'this', 'of', 'for', 'my', 'our', 'team', 'weekly', '&', '+', '/', '-', 'a']);

/** Edit distance of two strings, a swap of two neighbours counting one (`Metircs`), stopping early once over `max`. */
function distance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const rows: number[][] = [Array.from({ length: b.length + 1 }, (_, j) => j)];
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(rows[i - 1][j] + 1, cur[j - 1] + 1, rows[i - 1][j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) cur[j] = Math.min(cur[j], rows[i - 2][j - 2] + 1);
      best = Math.min(best, cur[j]);
    }
    if (best > max) return max + 1;
    rows.push(cur);
  }
  return rows[a.length][b.length];
}

interface NameEntry {
  id: NamedSectionId;
  name: string;
  folded: string;
  words: string[] | null;
}

function nameEntry(id: NamedSectionId, name: string): NameEntry | null {
  const folded = foldName(name);
  return folded ? { id, name, folded, words: LATIN.test(name) ? name.toLowerCase().split(/\s+/).filter(Boolean) : null } : null;
}

function add(table: Map<string, NamedSectionId>, entries: NameEntry[], e: NameEntry): void {
  if (!table.has(e.folded)) table.set(e.folded, e.id);
  entries.push(e);
}

// the default names folded, a constant of the vocabulary like the regexes built from it
const DEFAULT_ENTRIES = new Map(
  (Object.entries(DEFAULT_SECTION_NAMES) as [NamedSectionId, string[]][]).map(([id, list]) => [id, list.map((n) => nameEntry(id, n)).filter((e): e is NameEntry => e !== null)]),
);

/**
 * Builds a recogniser from the section names in force (once per note: ~15 µs, not worth a memo table). A heading is
 * read, in this order, as: a name or alias (decoration stripped); an objective (`O1 服务业务`); a name followed by a
 * parenthesis or a date; a misspelt name (one edit from a name of 5 or more characters, and from no other kind's
 * name, reported with `near`); a heading that holds a name of one kind and few other words (`存在的问题`,
 * `Risks and mitigations`): a two-character Chinese name only at its end, where Chinese puts the head noun; and
 * last, unless `heads: false`, by its head word (`byHead`).
 */
export function sectionRecogniser(names: Record<NamedSectionId, string[]> = DEFAULT_SECTION_NAMES): (title: string, opts?: { heads?: boolean }) => Recognised | null {
  const table = new Map<string, NamedSectionId>();
  const entries: NameEntry[] = [];
  for (const [id, list] of Object.entries(names) as [NamedSectionId, string[]][]) {
    // the default names are folded once, when the module loads; a config's aliases after them, per note
    const defaults = DEFAULT_ENTRIES.get(id) ?? [];
    const reuse = defaults.length <= list.length && defaults.every((e, i) => e.name === list[i]) ? defaults : [];
    for (const e of reuse) add(table, entries, e);
    for (const n of list.slice(reuse.length)) {
      const e = nameEntry(id, n);
      if (e) add(table, entries, e);
    }
  }
  // a note asks about one heading several times (title, sections, plain lines): read each once
  const known = new Map<string, Recognised | null>();
  return (title: string, opts: { heads?: boolean } = {}) => {
    const key = `${opts.heads === false ? 0 : 1}${title}`;
    if (known.has(key)) return known.get(key)!;
    const r = recogniseOne(title, opts);
    known.set(key, r);
    return r;
  };

  function recogniseOne(title: string, opts: { heads?: boolean }): Recognised | null {
    const folded = foldName(title);
    const id = table.get(folded);
    if (id) return { id };
    for (const k of MATCHED) {
      const m = k.match(title);
      if (m) return { id: k.id, ...m };
    }
    if (!folded) return null;
    const core = headingCore(title.normalize('NFKC')).core;
    const trimmed = foldName(core.replace(TAIL_NOTE, ''));
    if (trimmed && trimmed !== folded) {
      const t = table.get(trimmed);
      if (t) return { id: t };
    }
    return misspelt(folded, entries) ?? contained(core, folded, entries) ?? (opts.heads === false ? null : byHead(core, folded));
  }
}

function misspelt(folded: string, entries: NameEntry[]): Recognised | null {
  if ([...folded].length < 5) return null;
  const near = entries.filter((e) => [...e.folded].length >= 5 && distance(folded, e.folded, 1) <= 1);
  if (!near.length || near.some((e) => e.id !== near[0].id)) return null;
  // a name of another kind two edits away makes the reading a guess (`上周工作` is as near `本周工作` as `下周工作`)
  if (entries.some((e) => e.id !== near[0].id && distance(folded, e.folded, 2) <= 2)) return null;
  return { id: near[0].id, near: near[0].name };
}

function contained(core: string, folded: string, entries: NameEntry[]): Recognised | null {
  let best: { e: NameEntry; size: number } | null = null;
  let tie = false;
  const words = core.toLowerCase().split(/[\s,;:：，、]+/).filter(Boolean);
  for (const e of entries) {
    let size = 0;
    if (e.words) {
      const at = words.findIndex((_, i) => e.words!.every((w, j) => words[i + j] === w));
      if (at < 0) continue;
      const rest = words.filter((w, i) => (i < at || i >= at + e.words!.length) && !EN_FILLER.has(w));
      if (rest.length > 2) continue;
      size = e.folded.length;
    } else {
      const at = folded.indexOf(e.folded);
      if (at < 0) continue;
      const len = [...e.folded].length;
      if (len < 2 || (len === 2 && at + e.folded.length !== folded.length)) continue;
      const rest = (folded.slice(0, at) + folded.slice(at + e.folded.length)).replace(/[\d\p{P}\s]/gu, '');
      if ([...rest].filter((c) => HAN.test(c)).length > 4 || /[a-z]{3,}/.test(rest)) continue;
      size = len;
    }
    if (!best || size > best.size) {
      best = { e, size };
      tie = false;
    } else if (size === best.size && e.id !== best.e.id) {
      tie = true;
    }
  }
  return best && !tie ? { id: best.e.id } : null;
}

const ZH_HEADS = Object.entries(HEADING_HEADS_ZH).flatMap(([id, words]) => words.map((w) => ({ id, w }))).sort((a, b) => b.w.length - a.w.length);
const EN_HEADS = new Map(Object.entries(HEADING_HEADS_EN).flatMap(([id, words]) => words.map((w) => [w, id] as const)));

/**
 * A heading's kind by its head word, when no name matches: the last word of a short Chinese heading (`下阶段计划`,
 * `需要老师的支持`), this week's work becoming next week's plan after a word of the coming period (`后续工作`); the
 * first word of an English heading that belongs to one kind (`Shipped`, `Risks & asks`).
 */
function byHead(core: string, folded: string): Recognised | null {
  // a heading with a number in it is a title or a project (`3.25-29周总结`, `Notes 24/03/15`), not a section by its head
  if (/\d/.test(folded)) return null;
  if (/\p{Script=Han}/u.test(folded)) {
    if ([...folded].length > 12) return null;
    const head = ZH_HEADS.find((h) => folded.endsWith(h.w));
    if (!head) return NEXT_PERIOD_WORDS.includes(folded) ? { id: 'next-week' } : null;
    const before = folded.slice(0, folded.length - head.w.length);
    const next = NEXT_PERIOD_WORDS.some((w) => before.includes(w));
    if (head.id === 'progress') return next ? { id: 'next-week' } : { id: 'progress' };
    // a plan of this week is no plan of the next
    if (head.id === 'next-week' && THIS_PERIOD_WORDS.some((w) => before.includes(w))) return null;
    return { id: head.id as SectionId };
  }
  const words = core.toLowerCase().split(/[^a-z]+/).filter(Boolean);
  if (!words.length || words.length > 5) return null;
  for (const w of words) {
    const id = EN_HEADS.get(w);
    if (id) return { id: id as SectionId };
  }
  return null;
}

/** Merge configured aliases into the default names. */
export function mergeSectionNames(extra: Partial<Record<NamedSectionId, string[]>> | undefined): Record<NamedSectionId, string[]> {
  const out = { ...DEFAULT_SECTION_NAMES };
  if (!extra) return out;
  for (const [id, list] of Object.entries(extra) as [NamedSectionId, string[]][]) {
    out[id] = [...(out[id] ?? []), ...list];
  }
  return out;
}
