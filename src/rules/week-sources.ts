import { z } from 'zod';
import { weekRange, weekStart } from '../core/dates.js';
import type { Report, WeekNumbering, WhenSource } from '../core/model.js';
import { defineRule, type ProblemReport } from '../core/lint/rule.js';
import { sourceAgrees } from '../core/parse/dating.js';
const PLACE = { frontmatter: 'the frontmatter', property: 'the date line', title: 'the title', file: 'the file name', folder: 'the folder', git: 'the first commit', series: 'the series', config: 'the config' } as const;

/** What a source says, in a message: `week 53`, `2024-03-08`. */
function said(s: WhenSource): string {
  return s.week ? `week \`${s.text}\`` : `date \`${s.text}\``;
}

/**
 * Sources of the week or date that name another week than the one the note was placed in (`2024-03-08.md` titled
 * `2024-03-15 周报`): each reported once, saying which source was used. The `Created` line is checked on its own.
 */
function otherSources(note: Report, numbering: WeekNumbering, report: (p: ProblemReport) => void): void {
  if (!note.when || !note.week || !note.weekSource) return;
  const used = note.when.find((s) => s.source === note.weekSource && (s.week || s.date));
  const range = weekRange(note.week, numbering);
  for (const s of note.when) {
    if (s === used || s.yearless) continue;
    // the Created line is week-date's; a relative week is meant to differ from the calendar's
    if (note.createdLine !== null && s.line === note.createdLine && (s.source === 'property' || s.source === 'frontmatter')) continue;
    if (s.week && (s.relative || note.relativeWeek === s.week.number)) continue;
    if (sourceAgrees(s, note.week, numbering)) continue;
    // a week that does not exist (`第53周` in an ISO year of 52): week-date's error
    if (s.week && weekStart({ year: s.week.year ?? note.week.year, number: s.week.number }, numbering) === null) continue;
    const where = note.weekSource ? PLACE[note.weekSource] : 'the note';
    const expected = s.week ? `week ${note.week.number}` : `a day of week ${note.week.number} of ${note.week.year}${range ? ` (${range.start} – ${range.end})` : ''}`;
    report({
      message:
        `Unexpected ${said(s)} in ${PLACE[s.source]}, expected ${expected} as ${where} says; the note was read as week ${note.week.number} of ${note.week.year}`,
      line: s.line ?? note.titleLine ?? 1,
      column: 1,
      actual: s.text,
      expected: `${note.week.year}-W${String(note.week.number).padStart(2, '0')}`,
    });
  }
}

export default defineRule({
  id: 'week-sources',
  description: 'The weeks and dates a note\'s title, file name, folder and frontmatter give name one week; when they do not, the message says which was used',
  severity: 'warn',
  options: z.object({}).strict(),
  check({ note, report }) {
    if (note.week && note.weekNumbering) otherSources(note, note.weekNumbering, report);
  },
});
