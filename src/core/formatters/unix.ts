import type { Formatter } from './types.js';
import { printable } from '../printable.js';

/** `path:line:col: message [error/rule-id]`, one problem a line, as editors and `grep` like it. */
export const unix: Formatter = (results) => {
  const lines: string[] = [];
  for (const r of results) {
    for (const m of r.messages) lines.push(`${printable(r.filePath)}:${m.line}:${m.column}: ${m.message} [${m.severity === 'error' ? 'error' : 'warning'}/${m.ruleId}]`);
  }
  if (!lines.length) return '';
  return `${lines.join('\n')}\n\n${lines.length} problem${lines.length === 1 ? '' : 's'}\n`;
};
