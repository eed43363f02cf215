import { z } from 'zod';
import { meetsTarget, metricResolver, parseTarget } from '../core/config.js';
import { defineRule } from '../core/lint/rule.js';
import { valueText } from '../core/lint/helpers.js';

export default defineRule({
  id: 'metric-target',
  description: 'A metric meets its configured target (SLO), such as `支付系统年度可用性: ">= 99.99%"`',
  severity: 'warn',
  options: z.object({}).strict(),
  check({ note, config, report }) {
    const resolve = metricResolver(config);
    for (const m of note.metrics) {
      const { name, def } = resolve(m.name);
      if (!def?.target) continue;
      const target = parseTarget(def.target);
      // a percent target says nothing about a count of the same name
      if (/%\s*$/.test(target.text) && m.unit !== '%') continue;
      if (meetsTarget(m.value, target)) continue;
      const shown = valueText(m);
      const label = name === m.name ? `\`${m.name}\`` : `\`${m.name}\` (\`${name}\`)`;
      report({
        message: `Unexpected \`${shown}\` for ${label}, expected \`${target.text}\` (its target)`,
        line: m.line,
        column: m.column,
        endColumn: m.column + shown.length,
        expected: target.text,
        actual: shown,
      });
    }
  },
});
