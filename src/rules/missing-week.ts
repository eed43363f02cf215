import { z } from 'zod';
import { addDays } from 'date-fns/addDays';
import { authorOf } from '../core/authors.js';
import { isoDate, weekOf, weekStart } from '../core/dates.js';
import type { WeekRef } from '../core/model.js';
import { defineRule, type NoteFacts } from '../core/lint/rule.js';

/** `week 12 of 2023`, `weeks 12–14 of 2023, week 1 of 2024`. */
export function describeWeeks(weeks: WeekRef[]): string {
  const runs: { year: number; from: number; to: number }[] = [];
  for (const w of weeks) {
    const last = runs[runs.length - 1];
    if (last && last.year === w.year && last.to + 1 === w.number) last.to = w.number;
    else runs.push({ year: w.year, from: w.number, to: w.number });
  }
  return runs.map((r) => (r.from === r.to ? `week ${r.from} of ${r.year}` : `weeks ${r.from}–${r.to} of ${r.year}`)).join(', ');
}

export default defineRule({
  id: 'missing-week',
  description: 'An author\'s series of notes has no gap of a week (across files)',
  severity: 'warn',
  scope: 'notes',
  options: z.object({}).strict(),
  check({ notes, root, report }) {
    const series = new Map<string, { monday: Date; note: NoteFacts }[]>();
    for (const n of notes) {
      if (!n.week || !n.weekNumbering) continue;
      const monday = weekStart(n.week, n.weekNumbering);
      if (!monday) continue;
      const key = authorOf(n, root) ?? '';
      if (!series.has(key)) series.set(key, []);
      series.get(key)!.push({ monday, note: n });
    }
    for (const [author, list] of series) {
      list.sort((a, b) => a.monday.getTime() - b.monday.getTime() || a.note.file.localeCompare(b.note.file));
      for (let i = 1; i < list.length; i++) {
        const prev = list[i - 1].monday;
        const { monday, note } = list[i];
        const missing: WeekRef[] = [];
        for (let d = addDays(prev, 7); isoDate(d) < isoDate(monday); d = addDays(d, 7)) missing.push(weekOf(d, note.weekNumbering!));
        if (!missing.length) continue;
        report({
          file: note.file,
          message: `Unexpected gap before week ${note.week!.number} of ${note.week!.year}${author ? ` of \`${author}\`` : ''}: no note for ${describeWeeks(missing)}, expected one note per week`,
          line: note.weekSource === 'title' && note.titleLine ? note.titleLine : 1,
          column: 1,
          expected: missing.map((w) => `${w.year}-W${String(w.number).padStart(2, '0')}`).join(', '),
        });
      }
    }
  },
});
