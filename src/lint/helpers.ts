import type { Metric, Section } from '../model.js';

/** Start and end column of a section's heading text (column 1 when the parser did not place it). */
export function headingSpan(s: Section): { column: number; endColumn: number } {
  const column = s.column ?? 1;
  return { column, endColumn: column + Math.max(1, s.title.length) };
}

/** Number of decimals to show a value with. */
export function fixed(value: number, decimals: number): string {
  return value.toFixed(Math.min(20, Math.max(0, decimals)));
}

/** A metric's value and unit as written, without the ratio that may follow (`67%`, not `67%（16/24）`). */
export function valueText(m: Metric): string {
  return m.ratio === 'explicit' ? m.text.replace(/\s*[（(].*$/, '') : m.text;
}
