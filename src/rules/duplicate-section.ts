import { z } from 'zod';
import { foldName } from '../core/parse/sections.js';
import { sectionKind } from '../core/sections.js';
import type { Section } from '../core/model.js';
import { defineRule } from '../core/lint/rule.js';
import { headingSpan } from '../core/lint/helpers.js';

/**
 * Sections that are the same section: one kind, one objective id of a kind that repeats, or one heading text for
 * unknown sections and the kinds kept as written (a note may split its week's work into `本周学习内容` and
 * `本周完成任务`; the same heading twice is still a paste).
 */
function sectionKey(s: Section): string {
  const kind = sectionKind(s.id);
  if (!kind) return `unknown:${foldName(s.title)}`;
  if (kind.keepText) return `${s.id}:${foldName(s.title)}`;
  return kind.repeats ? `${s.id}:${s.objective}` : s.id;
}

export default defineRule({
  id: 'duplicate-section',
  description: 'A section heading is not repeated',
  severity: 'error',
  options: z.object({}).strict(),
  check({ note, report }) {
    const first = new Map<string, Section>();
    for (const s of note.sections) {
      const key = sectionKey(s);
      const seen = first.get(key);
      if (!seen) {
        first.set(key, s);
        continue;
      }
      report({
        message: `Unexpected second section \`${s.title}\`, expected each section once (first at line ${seen.line})`,
        line: s.line,
        ...headingSpan(s),
        actual: s.title,
      });
    }
  },
});
