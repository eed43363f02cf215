import { z } from 'zod';
import { metricResolver } from '../core/config.js';
import type { Metric } from '../core/model.js';
import { defineRule } from '../core/lint/rule.js';
import { valueText } from '../core/lint/helpers.js';

function within(min: number | undefined, max: number | undefined, unit: string): string {
  if (min !== undefined && max !== undefined) return `within [${min}, ${max}]`;
  if (min !== undefined) return `of at least ${min}${unit}`;
  return `of at most ${max}${unit}`;
}

export default defineRule({
  id: 'metric-range',
  description: 'A percent lies within [0, 100]; a configured metric within its `min`/`max`',
  severity: 'error',
  options: z.object({}).strict(),
  check({ note, config, report }) {
    const resolve = metricResolver(config);
    const at = (m: Metric) => ({ line: m.line, column: m.column, endColumn: m.column + valueText(m).length, actual: valueText(m) });
    for (const m of note.metrics) {
      const shown = valueText(m);
      if (m.unit === '%' && (m.value < 0 || m.value > 100)) {
        report({ message: `Unexpected \`${shown}\` for \`${m.name}\`, expected a percent within [0, 100]`, ...at(m), expected: '[0, 100]' });
        continue;
      }
      const { name, def } = resolve(m.name);
      if (!def || (def.min === undefined && def.max === undefined)) continue;
      if ((def.min !== undefined && m.value < def.min) || (def.max !== undefined && m.value > def.max)) {
        const unit = m.unit === '%' ? '%' : '';
        const label = name === m.name ? `\`${m.name}\`` : `\`${m.name}\` (\`${name}\`)`;
        report({ message: `Unexpected \`${shown}\` for ${label}, expected a value ${within(def.min, def.max, unit)}`, ...at(m), expected: `[${def.min ?? '-∞'}, ${def.max ?? '∞'}]` });
      }
    }
  },
});

