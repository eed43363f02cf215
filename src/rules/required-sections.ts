import { z } from 'zod';
import { authorResolver } from '../core/authors.js';
import { DEFAULT_REQUIRED_SECTIONS } from '../core/config.js';
import { kindLabel, sectionKind, SECTION_IDS, SECTION_KINDS, type SectionKind } from '../core/sections.js';
import { HEADING_BRACKETS } from '../core/vocabulary.js';
import type { SectionId } from '../core/model.js';
import type { Config } from '../core/config.js';
import { defineRule, type Fix, type NoteFacts, type ProblemReport } from '../core/lint/rule.js';
import { headingSpan } from '../core/lint/helpers.js';

/** The order sections take in a note, the registry's; a missing one is inserted at its place in it. */
const CANONICAL_ORDER: readonly SectionId[] = SECTION_IDS;
const [OPEN, CLOSE] = HEADING_BRACKETS;

type FactSection = NonNullable<NoteFacts['sections']>[number];

/** Whether the config says which sections are required (`sections.<id>.required`): then it alone decides. */
export function configuresRequired(config: Config): boolean {
  return Object.values(config.sections ?? {}).some((s) => s?.required !== undefined);
}

/** Sections required under a config: the defaults, with `sections.<id>.required` adding or removing. */
export function requiredSections(config: Config): SectionId[] {
  const out = new Set<SectionId>(DEFAULT_REQUIRED_SECTIONS);
  for (const [id, s] of Object.entries(config.sections ?? {})) {
    if (s?.required === true) out.add(id as SectionId);
    if (s?.required === false) out.delete(id as SectionId);
  }
  return CANONICAL_ORDER.filter((id) => out.has(id));
}

/** The kinds a series is asked for when nothing is configured: the required kinds and what stands for them. */
const CORE_KINDS: readonly SectionId[] = SECTION_KINDS.filter((k) => k.required || SECTION_KINDS.some((o) => o.required && 'alternativeTo' in o && o.alternativeTo === k.id)).map((k) => k.id);
/** Kinds only other dialects have: a series with one is not asked for the reference note's sections. */
const DIALECT_KINDS: readonly string[] = SECTION_KINDS.filter((k) => 'keepText' in k && k.keepText).map((k) => k.id);

/** The fewest notes of an author from which their own sections are learned, and the share of notes a kind must be in. */
export const LEARN_MIN_NOTES = 3;
export const LEARN_SHARE = 0.75;

/**
 * The sections an author's notes consistently have (with no config): of this week's work, metrics and next week's
 * plan, each kind in at least three quarters of their notes (three notes or more). A shorter series is asked for
 * the default sections when it is written the reference way, and for nothing when it uses another dialect's kinds.
 */
export function learnedSections(notes: Pick<NoteFacts, 'sections'>[]): SectionId[] {
  const kinds = (n: Pick<NoteFacts, 'sections'>) => new Set((n.sections ?? []).map((s) => s.id));
  if (notes.length < LEARN_MIN_NOTES) {
    if (notes.some((n) => (n.sections ?? []).some((s) => DIALECT_KINDS.includes(s.id)))) return [];
    return [...DEFAULT_REQUIRED_SECTIONS];
  }
  return CORE_KINDS.filter((id) => notes.filter((n) => kinds(n).has(id)).length >= LEARN_SHARE * notes.length);
}

/** Whether a note has a kind, or one that stands for it (this week's work for 重点工作). */
function has(present: Set<SectionId>, id: SectionId): boolean {
  if (present.has(id)) return true;
  const alt = (sectionKind(id) as SectionKind | undefined)?.alternativeTo;
  if (alt && present.has(alt as SectionId)) return true;
  return SECTION_KINDS.some((k) => 'alternativeTo' in k && k.alternativeTo === id && present.has(k.id));
}

/** The heading to insert, in the note's own style: `【】` if its headings use them, English if the note is. */
function skeletonTitle(sections: FactSection[], kind: SectionKind, language: 'zh' | 'en'): string {
  const known = sections.filter((s) => s.id !== 'unknown');
  const english = language === 'en' || (known.length > 0 && known.every((s) => /^[\x20-\x7e]+$/.test(s.title)));
  const name = english ? (kind.names?.en[0] ?? kindLabel(kind)) : kindLabel(kind);
  return known.some((s) => s.title.startsWith(OPEN)) ? `${OPEN}${name}${CLOSE}` : name;
}

/** `a`, `a and b`, `a, b and c`. */
function list(words: string[]): string {
  return words.length <= 1 ? words.join('') : `${words.slice(0, -1).join(', ')} and ${words[words.length - 1]}`;
}

/** The heading an author most often gives a kind (the first such in file order on a tie). */
function ownHeading(notes: NoteFacts[], id: SectionId): FactSection | null {
  const count = new Map<string, { n: number; s: FactSection }>();
  for (const note of notes) {
    for (const s of note.sections ?? []) {
      if (s.id !== id || s.style) continue;
      const c = count.get(s.title);
      if (c) c.n++;
      else count.set(s.title, { n: 1, s });
    }
  }
  let best: { n: number; s: FactSection } | null = null;
  for (const c of count.values()) if (!best || c.n > best.n) best = c;
  return best?.s ?? null;
}

export default defineRule({
  id: 'required-sections',
  description: `The sections the author's notes consistently have are present (this week's work, metrics, next week's plan in three quarters of them; by default ${list(DEFAULT_REQUIRED_SECTIONS.map((id) => kindLabel(sectionKind(id)!)))}), or those the config requires`,
  severity: 'error',
  fixable: true,
  scope: 'notes',
  options: z.object({}).strict(),
  check({ notes, config, root, report }) {
    const configured = configuresRequired(config);
    const byAuthor = new Map<string, NoteFacts[]>();
    const authorOf = authorResolver(notes, root);
    for (const n of notes) {
      const key = authorOf(n) ?? '';
      if (!byAuthor.has(key)) byAuthor.set(key, []);
      byAuthor.get(key)!.push(n);
    }
    for (const series of byAuthor.values()) {
      const required = configured ? requiredSections(config) : learnedSections(series);
      for (const note of series) checkNote(note, series, required, !configured, report);
    }
  },
});

function checkNote(note: NoteFacts, series: NoteFacts[], required: SectionId[], learned: boolean, report: (p: ProblemReport & { file: string }) => void): void {
  const secs = note.sections ?? [];
  const present = new Set(secs.map((s) => s.id));
  const rank = (id: SectionId) => CANONICAL_ORDER.indexOf(id);
  const language = note.language ?? 'zh';
  for (const id of required) {
    if (has(present, id)) continue;
    const kind = sectionKind(id)!;
    // the author's own heading for the kind, when their other notes have one; else the kind's name
    const own = learned ? ownHeading(series, id) : null;
    const name = own ? own.title.replace(/^[【[](.*)[】\]]$/, '$1') : kindLabel(kind, language);
    // the place: after the last section that comes before it, else before the first that comes after it
    let anchor = -1;
    for (let i = 0; i < secs.length; i++) if (secs[i].id !== 'unknown' && rank(secs[i].id) < rank(id)) anchor = i;
    const before = anchor >= 0 ? secs[anchor + 1] : secs.find((s) => s.id !== 'unknown' && rank(s.id) > rank(id));
    // a kind with no default heading (objectives) cannot be written from nothing
    const canFix = kind.heading !== null && secs.length > 0 && note.lineCount !== undefined;
    const title = own ? own.title : skeletonTitle(secs, kind, language);
    const hashes = '#'.repeat(own?.level ?? 2);
    if (before) {
      const fix: Fix | undefined = canFix ? { line: before.line, column: 1, endLine: before.line, endColumn: 1, text: `${hashes} ${title}\n\n` } : undefined;
      report({
        file: note.file,
        message: `Unexpected missing section \`${name}\`, expected it before \`${before.title}\``,
        line: before.line,
        column: 1,
        endColumn: headingSpan(before).endColumn,
        expected: name,
        fix,
      });
    } else if (secs.length > 0) {
      report({
        file: note.file,
        message: `Unexpected missing section \`${name}\`, expected it at the end of the note`,
        line: secs[secs.length - 1].endLine,
        column: 1,
        expected: name,
        fix: canFix ? { line: note.lineCount! + 1, column: 1, endLine: note.lineCount! + 1, endColumn: 1, text: `\n${hashes} ${title}\n` } : undefined,
      });
    } else {
      report({
        file: note.file,
        message: `Unexpected missing section \`${name}\`, expected a heading such as \`## ${language === 'en' ? name : `${OPEN}${name}${CLOSE}`}\``,
        line: note.titleLine ?? 1,
        column: 1,
        expected: name,
      });
    }
  }
}
