import { z } from 'zod';
import { authorResolver } from '../core/authors.js';
import { noteWeekKey } from '../core/aggregate/weeks.js';
import type { Report } from '../core/model.js';
import { defineRule, type NoteFacts } from '../core/lint/rule.js';

/**
 * A key that two notes share when they name the same week, whatever numbering each was read under: the week's
 * Monday (the key the build places notes by), or `R<n>` for a relative week. A week guessed from git is no claim.
 */
export function weekKey(note: Pick<Report, 'week' | 'weekNumbering' | 'created'> & Partial<Pick<Report, 'relativeWeek' | 'weekConfidence'>>): string | null {
  if (note.weekConfidence === 'guessed') return null;
  if (note.week) return noteWeekKey(note) ?? `${note.week.year}-W${note.week.number}`;
  return note.relativeWeek ? `R${note.relativeWeek}` : null;
}

export default defineRule({
  id: 'duplicate-week',
  description: 'No two notes of one author claim the same week (across files)',
  severity: 'error',
  scope: 'notes',
  options: z.object({}).strict(),
  check({ notes, root, report }) {
    const groups = new Map<string, NoteFacts[]>();
    const authorOf = authorResolver(notes, root);
    for (const n of notes) {
      const week = weekKey(n);
      if (!week) continue;
      const key = `${authorOf(n) ?? ''}\u0000${week}`;
      if (!groups.has(key)) groups.set(key, []);
      groups.get(key)!.push(n);
    }
    for (const group of groups.values()) {
      if (group.length < 2) continue;
      for (const n of group) {
        const others = group.filter((o) => o !== n).map((o) => `\`${o.file}\``);
        const author = authorOf(n);
        const which = n.week ? `week ${n.week.number} of ${n.week.year}` : `relative week ${n.relativeWeek}`;
        report({
          file: n.file,
          message: `Unexpected note for ${which}${author ? ` of \`${author}\`` : ''} that ${others.join(', ')} also claim${others.length === 1 ? 's' : ''}, expected one note per week`,
          line: n.weekSource === 'title' && n.titleLine ? n.titleLine : 1,
          column: 1,
        });
      }
    }
  },
});
