import { z } from 'zod';
import { defineRule } from '../core/lint/rule.js';

const FIELD = z.enum(['date', 'time', 'duration']);
const WORDS = { date: 'a date', time: 'a time', duration: 'a duration' } as const;

function list(words: string[]): string {
  return words.length <= 1 ? words.join('') : `${words.slice(0, -1).join(', ')} and ${words[words.length - 1]}`;
}

export default defineRule({
  id: 'incident-fields',
  description: 'Each incident has a date, a time and a duration (`12/16  15:36  …，持续60mins`)',
  severity: 'error',
  options: z
    .object({
      require: z.array(FIELD).default(['date', 'time', 'duration']).describe('Which fields an incident must have'),
    })
    .strict(),
  check({ note, options, report }) {
    for (const inc of note.incidents) {
      // a date that does not exist (`2/30`) is written all the same: date-valid reports it
      const badDate = inc.date === null && note.dates.some((d) => d.line === inc.line && d.date === null && d.column === inc.column);
      const missing = options.require.filter((f) => {
        if (f === 'date') return inc.date === null && !badDate;
        if (f === 'time') return inc.time === null;
        return inc.durationMinutes === null;
      });
      if (!missing.length) continue;
      report({
        message: `Unexpected incident without ${list(missing.map((f) => WORDS[f]))}, expected \`${note.language === 'en' ? 'M/D  HH:MM  what happened, lasted N min' : 'M/D  HH:MM  what happened，持续N分钟'}\``,
        line: inc.line,
        column: inc.column,
        endColumn: inc.endColumn,
        expected: missing.join(', '),
      });
    }
  },
});
