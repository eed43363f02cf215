import type { Metric, Section } from '../model.js';

/**
 * Start and end column of a section's heading text. Where the parser did not place it (a setext heading over
 * several lines, an empty heading), column 1 and no width: the title's length says nothing about the line's.
 */
export function headingSpan(s: Section): { column: number; endColumn: number } {
  if (s.column === undefined) return { column: 1, endColumn: 1 };
  return { column: s.column, endColumn: s.column + s.title.length };
}

/** Number of decimals to show a value with. */
export function fixed(value: number, decimals: number): string {
  return value.toFixed(Math.min(20, Math.max(0, decimals)));
}

/** A metric's value and unit as written, without the ratio that may follow (`67%`, not `67%（16/24）`). */
export function valueText(m: Metric): string {
  return m.ratio === 'explicit' ? m.text.replace(/\s*[（(].*$/, '') : m.text;
}
