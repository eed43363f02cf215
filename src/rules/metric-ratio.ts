import { z } from 'zod';
import { defineRule } from '../core/lint/rule.js';
import { fixed, valueText } from '../core/lint/helpers.js';

export default defineRule({
  id: 'metric-ratio',
  description: 'A percent agrees with its ratio, explicit `67%（16/24）` or implicit (`问题72条，正确回答65条，准确率90.28%`), within the rounding of its written precision',
  severity: 'error',
  options: z
    .object({
      tolerance: z.number().min(0).default(0).describe('Extra tolerance in percentage points, on top of half a unit of the written precision'),
    })
    .strict(),
  check({ note, options, report }) {
    for (const m of note.metrics) {
      if (m.unit !== '%' || m.numerator === undefined || m.denominator === undefined) continue;
      const shown = valueText(m);
      const ratioText = `${m.numerator}/${m.denominator}`;
      if (m.denominator === 0) {
        report({
          message: `Unexpected ratio \`${ratioText}\` for \`${m.name}\`, expected a denominator other than 0`,
          line: m.line,
          column: m.ratioColumn ?? m.column,
          endColumn: m.ratioEndColumn ?? m.endColumn,
          actual: ratioText,
        });
        continue;
      }
      const exact = (100 * m.numerator) / m.denominator;
      // a percent written with d decimals stands for anything that rounds to it: half a unit either way
      const tolerance = 0.5 * 10 ** -m.decimals + options.tolerance + 1e-9;
      if (Math.abs(m.value - exact) <= tolerance) continue;
      const expected = `${fixed(exact, m.decimals)}%`;
      const how = m.ratio === 'implicit' ? `${m.numerator} of ${m.denominator}` : ratioText;
      report({
        message: `Unexpected \`${shown}\` for \`${m.name}\`, expected \`${expected}\` from ${how} (${fixed(exact, Math.max(2, m.decimals))}%)`,
        line: m.line,
        column: m.column,
        endColumn: m.endColumn,
        expected,
        actual: shown,
      });
    }
  },
});
