import { z } from 'zod';
import { defineRule } from '../core/lint/rule.js';
import { headingSpan } from '../core/lint/helpers.js';

export default defineRule({
  id: 'empty-section',
  description: 'A section has something in it',
  severity: 'warn',
  options: z.object({}).strict(),
  check({ note, report }) {
    for (const s of note.sections) {
      if (!s.empty) continue;
      report({
        message: `Unexpected empty section \`${s.title}\`, expected some content under it (or \`${note.language === 'en' ? '- None' : '- 无'}\` when there is nothing to say)`,
        line: s.line,
        ...headingSpan(s),
      });
    }
  },
});
