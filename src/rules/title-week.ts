import { z } from 'zod';
import { parseWeekName } from '../core/parse/fields.js';
import { defineRule } from '../core/lint/rule.js';

export default defineRule({
  id: 'title-week',
  description: 'The note names its week: in the title or frontmatter (`# 第51周`, `week: 2024-W10`), or by a date in its title, file name or a date line',
  severity: 'error',
  options: z.object({}).strict(),
  check({ note, report }) {
    const fm = note.properties.week;
    const fromFrontmatter = fm != null && note.weekSource === 'frontmatter' ? parseWeekName(String(fm)) : null;
    const fromTitle = note.title !== null ? parseWeekName(note.title) : null;
    const named = fromFrontmatter ?? fromTitle;
    const line = note.titleLine ?? 1;
    const en = note.language === 'en';
    if (named) {
      if (named.number < 1 || named.number > 53) {
        report({
          message: `Unexpected week number \`${named.number}\`, expected a week from 1 to 53`,
          line,
          column: 1,
          actual: String(named.number),
        });
      }
      return;
    }
    // the week is in the file name, a date line, the folder or the series: the note names it, if not in its title
    const guessed = note.weekSource === 'git';
    if ((note.week || note.relativeWeek) && !guessed) return;
    const why = guessed && note.created ? `; its week was guessed from its first commit (${note.created.slice(0, 10)})` : '';
    if (note.title === null) {
      report({ message: `Unexpected note without a title, expected a first heading that names the week, such as \`${en ? '# Week 51' : '# 第51周'}\`${why}`, line: 1, column: 1 });
      return;
    }
    report({
      message: `Unexpected title \`${note.title}\` that names no week, expected a title such as \`${en ? '# Week 51' : '# 第51周'}\` or frontmatter \`week: 2024-W10\`${why}`,
      line,
      // the model does not say how the title is written (`#` marks, setext over several lines): point at its start
      column: 1,
      actual: note.title,
    });
  },
});
