/**
 * The two held-out dialect sets (test/fixtures/dialects-holdout*), written before the recogniser was tuned on them:
 * each note's week, date and relative week, and the kind of each heading, as their `expected.json` says.
 * `bench/dialects-check.mjs` measures the same sets whole (build, lint, init) through the CLI.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { noteWeekKey } from '../src/core/aggregate/weeks.js';
import { readSeries } from './dialects-helpers.js';

interface Expected {
  week: string | null;
  date: string | null;
  relative?: number;
  headings: Record<string, string>;
}

describe.each(['dialects-holdout', 'dialects-holdout-2'])('%s', (set) => {
  const root = new URL(`./fixtures/${set}/`, import.meta.url);
  const expected = JSON.parse(readFileSync(new URL('expected.json', root), 'utf8')) as { series: Record<string, { notes: Record<string, Expected> }> };
  it.each(Object.keys(expected.series))('%s: every note its week, date and heading kinds', (series) => {
    const reports = readSeries(new URL(`${encodeURI(series)}/`, root));
    for (const [file, want] of Object.entries(expected.series[series].notes)) {
      const r = reports.find((x) => x.file === file)!;
      expect({ file, week: noteWeekKey(r), date: r.created?.slice(0, 10) ?? null, relative: r.relativeWeek }).toEqual({ file, week: want.week, date: want.date, relative: want.relative });
      expect({ file, headings: Object.fromEntries(r.sections.map((s) => [s.title, s.id])) }).toEqual({ file, headings: want.headings });
    }
  });
});
