import type { LintResult } from './index.js';
import { toResult } from './index.js';

/** A problem accepted in a baseline: matched by file, rule and the trimmed text of its line, so moved lines match. */
export interface BaselineEntry {
  file: string;
  ruleId: string;
  text: string;
  /** How many problems of this rule on lines of this text the file may have. */
  count: number;
}

/** The baseline file. */
export interface Baseline {
  version: 1;
  entries: BaselineEntry[];
}

/** Text of a line of a file, as the command read it. */
export type LineText = (file: string, line: number) => string;

const keyOf = (file: string, ruleId: string, text: string) => JSON.stringify([file, ruleId, text]);

/** A baseline that accepts every problem of `results`. */
export function makeBaseline(results: LintResult[], lineText: LineText): Baseline {
  const counts = new Map<string, BaselineEntry>();
  for (const r of results) {
    for (const m of r.messages) {
      const text = lineText(r.filePath, m.line).trim();
      const key = keyOf(r.filePath, m.ruleId, text);
      const e = counts.get(key);
      if (e) e.count++;
      else counts.set(key, { file: r.filePath, ruleId: m.ruleId, text, count: 1 });
    }
  }
  const entries = [...counts.values()].sort((a, b) => a.file.localeCompare(b.file) || a.ruleId.localeCompare(b.ruleId) || a.text.localeCompare(b.text));
  return { version: 1, entries };
}

/** Results without the problems a baseline accepts (each entry absorbs up to `count` problems). */
export function applyBaseline(results: LintResult[], baseline: Baseline, lineText: LineText): LintResult[] {
  const left = new Map<string, number>();
  for (const e of baseline.entries) {
    const key = keyOf(e.file, e.ruleId, e.text);
    left.set(key, (left.get(key) ?? 0) + e.count);
  }
  return results.map((r) => {
    const kept = r.messages.filter((m) => {
      const key = keyOf(r.filePath, m.ruleId, lineText(r.filePath, m.line).trim());
      const n = left.get(key) ?? 0;
      if (n <= 0) return true;
      left.set(key, n - 1);
      return false;
    });
    return kept.length === r.messages.length ? r : toResult(r.filePath, kept, r.suppressedCount);
  });
}

/** Read a baseline from its JSON text; null when it is not one. */
export function parseBaseline(json: string): Baseline | null {
  let data: unknown;
  try {
    data = JSON.parse(json);
  } catch {
    return null;
  }
  const b = data as Baseline;
  if (!b || b.version !== 1 || !Array.isArray(b.entries)) return null;
  const ok = b.entries.every((e) => e && typeof e.file === 'string' && typeof e.ruleId === 'string' && typeof e.text === 'string' && Number.isInteger(e.count));
  return ok ? b : null;
}
