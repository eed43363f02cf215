import { z } from 'zod';
import { headingCore } from '../core/parse/sections.js';
import { defineRule } from '../core/lint/rule.js';
import { headingSpan } from '../core/lint/helpers.js';

export default defineRule({
  id: 'section-name',
  description: 'A heading read as a known section it misspells (`【系统运行数剧】` for 系统运行数据) is spelt as that section',
  severity: 'warn',
  fixable: true,
  options: z.object({}).strict(),
  check({ note, report }) {
    for (const s of note.sections) {
      if (!s.near) continue;
      const core = headingCore(s.title);
      const want = `${s.title.slice(0, core.start)}${s.near}${s.title.slice(core.end)}`;
      const { column, endColumn } = headingSpan(s);
      report({
        message: `Unexpected heading \`${s.title}\`, expected \`${want}\` (read as that section)`,
        line: s.line,
        column,
        endColumn,
        actual: s.title,
        expected: want,
        // only where the parser placed the heading text exactly: a fix must not touch any other byte
        fix: s.column ? { line: s.line, column: s.column + core.start, endLine: s.line, endColumn: s.column + core.end, text: s.near } : undefined,
      });
    }
  },
});
