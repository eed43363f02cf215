import { z } from 'zod';
import { addDays } from 'date-fns/addDays';
import { authorResolver } from '../core/authors.js';
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

/**
 * Weeks between an author's notes: 2 when the config says `cadence: biweekly`, or when at least three of their gaps
 * are known and two thirds of them are two weeks (a team biweekly); else 1.
 */
export function cadenceOf(mondays: Date[], configured: 'weekly' | 'biweekly' | undefined): number {
  if (configured) return configured === 'biweekly' ? 2 : 1;
  const gaps: number[] = [];
  for (let i = 1; i < mondays.length; i++) gaps.push(Math.round((mondays[i].getTime() - mondays[i - 1].getTime()) / (7 * 86400000)));
  const two = gaps.filter((g) => g === 2).length;
  return gaps.length >= 3 && two * 3 >= gaps.length * 2 ? 2 : 1;
}

export default defineRule({
  id: 'missing-week',
  description: 'An author\'s series of notes has no gap of a week (across files); a biweekly series (learned, or `cadence` in the config) no gap of two',
  severity: 'warn',
  scope: 'notes',
  options: z.object({}).strict(),
  check({ notes, root, config, report }) {
    const series = new Map<string, { monday: Date; note: NoteFacts }[]>();
    const authorOf = authorResolver(notes, root);
    for (const n of notes) {
      // a week guessed from git says nothing of a gap
      if (!n.week || !n.weekNumbering || n.weekConfidence === 'guessed') continue;
      const monday = weekStart(n.week, n.weekNumbering);
      if (!monday) continue;
      const key = authorOf(n) ?? '';
      if (!series.has(key)) series.set(key, []);
      series.get(key)!.push({ monday, note: n });
    }
    for (const [author, list] of series) {
      list.sort((a, b) => a.monday.getTime() - b.monday.getTime() || a.note.file.localeCompare(b.note.file));
      const cadence = cadenceOf([...new Set(list.map((x) => x.monday.getTime()))].map((t) => new Date(t)), config.cadence);
      for (let i = 1; i < list.length; i++) {
        const prev = list[i - 1].monday;
        const { monday, note } = list[i];
        const missing: WeekRef[] = [];
        for (let d = addDays(prev, 7); isoDate(d) < isoDate(monday); d = addDays(d, 7)) missing.push(weekOf(d, note.weekNumbering!));
        if (missing.length < cadence) continue;
        report({
          file: note.file,
          message: `Unexpected gap before week ${note.week!.number} of ${note.week!.year}${author ? ` of \`${author}\`` : ''}: no note for ${describeWeeks(missing)}, expected one note ${cadence === 2 ? 'every two weeks' : 'per week'}`,
          line: note.weekSource === 'title' && note.titleLine ? note.titleLine : 1,
          column: 1,
          expected: missing.map((w) => `${w.year}-W${String(w.number).padStart(2, '0')}`).join(', '),
        });
      }
    }
  },
});
