import { z } from 'zod';
import { DEFAULT_REQUIRED_SECTIONS } from '../core/config.js';
import { kindLabel, sectionKind, SECTION_IDS, type SectionKind } from '../core/sections.js';
import { HEADING_BRACKETS } from '../core/vocabulary.js';
import type { Report, SectionId } from '../core/model.js';
import type { Config } from '../core/config.js';
import { defineRule, type Fix } from '../core/lint/rule.js';
import { headingSpan } from '../core/lint/helpers.js';

/** The order sections take in a note, the registry's; a missing one is inserted at its place in it. */
const CANONICAL_ORDER: readonly SectionId[] = SECTION_IDS;
const [OPEN, CLOSE] = HEADING_BRACKETS;

/** Sections required under a config: the defaults, with `sections.<id>.required` adding or removing. */
export function requiredSections(config: Config): SectionId[] {
  const out = new Set<SectionId>(DEFAULT_REQUIRED_SECTIONS);
  for (const [id, s] of Object.entries(config.sections ?? {})) {
    if (s?.required === true) out.add(id as SectionId);
    if (s?.required === false) out.delete(id as SectionId);
  }
  return CANONICAL_ORDER.filter((id) => out.has(id));
}

/** The heading to insert, in the note's own style: `【】` if its headings use them, English if they all are. */
function skeletonTitle(note: Report, kind: SectionKind): string {
  const known = note.sections.filter((s) => s.id !== 'unknown');
  const english = known.length > 0 && known.every((s) => /^[\x20-\x7e]+$/.test(s.title));
  const name = english ? (kind.names?.en[0] ?? kindLabel(kind)) : kindLabel(kind);
  return known.some((s) => s.title.startsWith(OPEN)) ? `${OPEN}${name}${CLOSE}` : name;
}

/** `a`, `a and b`, `a, b and c`. */
function list(words: string[]): string {
  return words.length <= 1 ? words.join('') : `${words.slice(0, -1).join(', ')} and ${words[words.length - 1]}`;
}

export default defineRule({
  id: 'required-sections',
  description: `The configured sections are present (by default ${list(DEFAULT_REQUIRED_SECTIONS.map((id) => kindLabel(sectionKind(id)!)))}), by name or alias`,
  severity: 'error',
  fixable: true,
  options: z.object({}).strict(),
  check({ note, config, report }) {
    const present = new Set(note.sections.map((s) => s.id));
    const rank = (id: SectionId) => CANONICAL_ORDER.indexOf(id);
    for (const id of requiredSections(config)) {
      if (present.has(id)) continue;
      const kind = sectionKind(id)!;
      const name = kindLabel(kind);
      // the place: after the last section that comes before it, else before the first that comes after it
      const secs = note.sections;
      let anchor = -1;
      for (let i = 0; i < secs.length; i++) if (secs[i].id !== 'unknown' && rank(secs[i].id) < rank(id)) anchor = i;
      const before = anchor >= 0 ? secs[anchor + 1] : secs.find((s) => s.id !== 'unknown' && rank(s.id) > rank(id));
      // a kind with no default heading (objectives) cannot be written from nothing
      const canFix = kind.heading !== null && secs.length > 0;
      if (before) {
        const title = canFix ? skeletonTitle(note, kind) : '';
        const fix: Fix | undefined = canFix ? { line: before.line, column: 1, endLine: before.line, endColumn: 1, text: `## ${title}\n\n` } : undefined;
        report({
          message: `Unexpected missing section \`${name}\`, expected it before \`${before.title}\``,
          line: before.line,
          column: 1,
          endColumn: headingSpan(before).endColumn,
          expected: name,
          fix,
        });
      } else if (secs.length > 0) {
        const title = canFix ? skeletonTitle(note, kind) : '';
        report({
          message: `Unexpected missing section \`${name}\`, expected it at the end of the note`,
          line: secs[secs.length - 1].endLine,
          column: 1,
          expected: name,
          fix: canFix ? { line: note.lineCount + 1, column: 1, endLine: note.lineCount + 1, endColumn: 1, text: `\n## ${title}\n` } : undefined,
        });
      } else {
        report({
          message: `Unexpected missing section \`${name}\`, expected a heading such as \`## ${OPEN}${name}${CLOSE}\``,
          line: note.titleLine ?? 1,
          column: 1,
          expected: name,
        });
      }
    }
  },
});
