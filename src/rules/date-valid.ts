import { z } from 'zod';
import { defineRule } from '../core/lint/rule.js';
import { escapeRegExp, MONTH_MARK } from '../core/vocabulary.js';

const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const MONTH_DAY = new RegExp(`^(\\d{1,2})\\s*(?:[/.]|${escapeRegExp(MONTH_MARK)})\\s*(\\d{1,2})`);

/** Month and day of a written date, `2/30`, `2月30日`, `2023-02-30`, `2.30号`. */
function monthDay(text: string): { month: number; day: number } | null {
  const full = /^\d{4}[-/.](\d{1,2})[-/.](\d{1,2})/.exec(text);
  const m = full ?? MONTH_DAY.exec(text);
  return m ? { month: Number(m[1]), day: Number(m[2]) } : null;
}

export default defineRule({
  id: 'date-valid',
  description: 'Dates written in the text exist (no `2/30`, no `13/5`)',
  severity: 'error',
  options: z.object({}).strict(),
  check({ note, report }) {
    for (const d of note.dates) {
      if (d.date !== null) continue;
      const md = monthDay(d.text);
      let expected = 'a date that exists';
      if (md && (md.month < 1 || md.month > 12)) expected = 'a month from 1 to 12';
      else if (md) expected = `a day from 1 to ${DAYS_IN_MONTH[md.month - 1]} in month ${md.month}${md.month === 2 ? ' (28 outside leap years)' : ''}`;
      report({
        message: `Unexpected date \`${d.text}\`, expected ${expected}`,
        line: d.line,
        column: d.column,
        endColumn: d.endColumn,
        actual: d.text,
      });
    }
  },
});
