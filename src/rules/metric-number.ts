import { z } from 'zod';
import { defineRule } from '../core/lint/rule.js';
import { MAX_DIGITS, tooManyDigits } from '../core/parse/metrics.js';

export default defineRule({
  id: 'metric-number',
  description: 'Metric values are well-formed numbers: no `99,966%`, `99。966%` or two decimal points',
  severity: 'error',
  options: z.object({}).strict(),
  check({ note, report }) {
    for (const m of note.malformedNumbers) {
      const hint = m.suggestion ? ` such as \`${m.suggestion}\`` : '';
      // well formed, but longer than a number can be read exactly
      const long = /^\d+(?:\.\d+)?(?!\d|[.,，。]\d)/.test(m.text) && tooManyDigits(m.text.replace(/[^\d.].*$/, ''));
      report({
        message: long
          ? `Unexpected \`${m.text}\` for \`${m.name}\`, expected a number of at most ${MAX_DIGITS} digits`
          : `Unexpected \`${m.text}\` for \`${m.name}\`, expected a number with \`.\` as the only decimal point${hint}`,
        line: m.line,
        column: m.column,
        endColumn: m.endColumn,
        actual: m.text,
        expected: m.suggestion ?? undefined,
      });
    }
  },
});
