import { z } from 'zod';
import { defineRule } from '../lint/rule.js';

export default defineRule({
  id: 'metric-number',
  description: 'Metric values are well-formed numbers: no `99,966%`, `99。966%` or two decimal points',
  severity: 'error',
  options: z.object({}).strict(),
  check({ note, report }) {
    for (const m of note.malformedNumbers) {
      const hint = m.suggestion ? ` such as \`${m.suggestion}\`` : '';
      report({
        message: `Unexpected \`${m.text}\` for \`${m.name}\`, expected a number with \`.\` as the only decimal point${hint}`,
        line: m.line,
        column: m.column,
        endColumn: m.endColumn,
        actual: m.text,
        expected: m.suggestion ?? undefined,
      });
    }
  },
});
