import { z } from 'zod';
import { daysOutsideWeek, parseIsoDate, weekRange, weekStart } from '../core/dates.js';
import { defineRule } from '../core/lint/rule.js';
import { parseCreated } from '../core/parse/fields.js';
import { CREATED_KEYS } from '../core/vocabulary.js';

const NUMBERING_NAME = { iso: 'ISO numbering', jan1: 'week 1 holding 1 January' } as const;
export default defineRule({
  id: 'week-date',
  description: 'The `Created` (or frontmatter) date lies in the week the note names, under the week numbering in force',
  severity: 'error',
  options: z.object({}).strict(),
  check({ note, report }) {
    // a week named in the title that its year does not have (`第53周` dated 2024-12-30 under ISO): read from the date
    const named = note.week && note.weekNumbering && note.when?.find((s) => s.week && s.source !== note.weekSource && (s.source === 'title' || s.source === 'frontmatter'));
    if (named && note.week && note.weekNumbering && weekStart({ year: named.week!.year ?? note.week.year, number: named.week!.number }, note.weekNumbering) === null) {
      const year = named.week!.year ?? note.week.year;
      report({
        message: `Unexpected week \`${year}-W${named.week!.number}\`, expected a week that year has (${NUMBERING_NAME[note.weekNumbering]}); the note was read as week ${note.week.number} of ${note.week.year} from its date`,
        line: named.line ?? note.titleLine ?? 1,
        column: 1,
      });
    }
    if (!note.week || !note.created || !note.weekNumbering || note.createdLine === null) return;
    // a week of a term or project is meant to lie away from its date: the date places the note
    if (note.relativeWeek) return;
    const created = parseIsoDate(note.created);
    if (!created) return;
    const off = daysOutsideWeek(created, note.week, note.weekNumbering);
    const range = weekRange(note.week, note.weekNumbering);
    if (off === null || range === null) {
      report({
        message: `Unexpected week \`${note.week.year}-W${note.week.number}\`, expected a week that year has (${NUMBERING_NAME[note.weekNumbering]})`,
        line: note.titleLine ?? note.createdLine,
        column: 1,
      });
      return;
    }
    if (off === 0) return;
    const day = note.created.slice(0, 10);
    // the key the parser read the date from: the first such key whose value is a date
    const key = Object.keys(note.properties).find((k) => CREATED_KEYS.includes(k.toLowerCase()) && typeof note.properties[k] === 'string' && parseCreated(note.properties[k] as string) !== null);
    const raw = key ? note.properties[key] : undefined;
    const shown = typeof raw === 'string' ? raw : day;
    report({
      message:
        `Unexpected date \`${shown}\` for week ${note.week.number} of ${note.week.year}, ` +
        `expected a day from Monday ${range.start} to Sunday ${range.end} (${NUMBERING_NAME[note.weekNumbering]}; ${Math.abs(off)} day${Math.abs(off) === 1 ? '' : 's'} ${off < 0 ? 'before' : 'after'})`,
      line: note.createdLine,
      column: 1,
      // the key and its colon: the value may be written after `：`, after several spaces, quoted or on the next line
      endColumn: key ? 1 + key.length + 1 : undefined,
      expected: `${range.start}..${range.end}`,
      actual: day,
    });
  },
});
