import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { harmonizeWeeks, parseNote } from '../src/core/parse/index.js';
import { noteWeekKey, periodsOfWeek } from '../src/core/aggregate/weeks.js';

/** The Markdown of a page without its reference definitions (`[w51-25]: …`): what a reader reads. */
export function bodyOf(page: string): string {
  return page
    .split('\n')
    .filter((l) => !/^\[[^\]]+\]: \S+$/.test(l))
    .join('\n');
}

/** Characters (code points) of a text. */
export const chars = (s: string) => [...s].length;

/** Lines of a page longer than `max` characters, table rows and reference definitions aside. */
export function longLines(page: string, max = 200): string[] {
  return page.split('\n').filter((l) => chars(l) > max && !l.startsWith('|') && !/^\[[^\]]+\]: \S+$/.test(l));
}

/** Where each reference id of a page points (`w51-25` → `../../examples/notes/2023/第51周.md#L25`). */
export function definitions(page: string): Map<string, string> {
  return new Map([...page.matchAll(/^\[([^\]]+)\]: (\S+)$/gm)].map((m) => [m[1], m[2]]));
}

/** Every `.md` file under a folder, sorted. */
export function notesUnder(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith('.md')) out.push(p);
    }
  };
  walk(dir);
  return out.sort();
}

/**
 * The notes of each month, quarter and year (`2023-12`, `2023-Q4`, `2023`), worked out here from the notes'
 * weeks (a week belongs to the month holding its Thursday), not read from the pages.
 */
export function notesByPeriod(dir: string): Map<string, string[]> {
  const files = notesUnder(dir);
  const reports = files.map((f) => parseNote(readFileSync(f, 'utf8'), f));
  harmonizeWeeks(reports);
  const out = new Map<string, string[]>();
  for (const r of reports) {
    const week = noteWeekKey(r);
    if (!week) continue;
    const p = periodsOfWeek(week, { monthDay: 'thursday', fiscalYearStart: 1 });
    for (const k of [p.month, p.quarter, p.year]) out.set(k, [...(out.get(k) ?? []), r.file]);
  }
  return out;
}

/** A page's length against its notes': characters of the page (definitions aside) / characters of the notes. */
export function ratio(page: string, notes: string[]): number {
  return chars(bodyOf(page)) / notes.reduce((a, f) => a + chars(readFileSync(f, 'utf8')), 0);
}
