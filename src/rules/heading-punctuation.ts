import { z } from 'zod';
import { defineRule } from '../core/lint/rule.js';
import { headingSpan } from '../core/lint/helpers.js';

/** `[系统运行数据]` → `【系统运行数据】`, `【系统运行数据】:` → `【系统运行数据】`, `系统运行数据：` → `系统运行数据`. */
export function normaliseHeading(title: string): string {
  let t = title.replace(/\s*[:：]+$/, '');
  const m = /^[[【](.*?)[\]】]$/.exec(t);
  if (m) t = `【${m[1].replace(/\s*[:：]+$/, '')}】`;
  return t;
}

export default defineRule({
  id: 'heading-punctuation',
  description: 'Section headings use `【】` brackets and no trailing colon (`## [系统运行数据]:` is `## 【系统运行数据】`)',
  severity: 'warn',
  fixable: true,
  options: z.object({}).strict(),
  check({ note, report }) {
    for (const s of note.sections) {
      if (s.id === 'unknown') continue;
      const want = normaliseHeading(s.title);
      if (want === s.title) continue;
      const { column, endColumn } = headingSpan(s);
      report({
        message: `Unexpected heading \`${s.title}\`, expected \`${want}\``,
        line: s.line,
        column,
        endColumn,
        actual: s.title,
        expected: want,
        // only where the parser placed the heading text exactly: a fix must not touch any other byte
        fix: s.column ? { line: s.line, column, endLine: s.line, endColumn: column + s.title.length, text: want } : undefined,
      });
    }
  },
});
