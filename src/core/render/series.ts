import path from 'node:path';
import type { Report } from '../model.js';
import { cmp, writtenLine } from '../aggregate/text.js';
import type { LocaleStrings } from './locale.js';
import { inline, linkPath } from './markdown.js';
import { cut } from './summary.js';

/** What the page of a series of relative weeks needs to know of where it is written. */
export interface SeriesContext {
  strings: LocaleStrings;
  /** The page, relative to the output folder (`index.md`, `<author>/index.md`). */
  page: string;
  outDir: string;
  cwd: string;
}

/**
 * The page of notes that name a week of a term or a project (`第六周汇报`) and no date, with no `weekOne` in the
 * config to place them: the weeks in order, then each heading's lines across the weeks, cut and cited. Plain data
 * for `series.md.hbs`.
 */
export function seriesView(reports: Report[], c: SeriesContext) {
  const L = c.strings.labels;
  const sep = c.strings.t('series.sep');
  const notes = reports.filter((r) => r.relativeWeek).sort((a, b) => a.relativeWeek! - b.relativeWeek! || cmp(a.file, b.file));
  const pageDir = path.dirname(path.join(c.outDir, c.page));
  const href = (file: string, line: number | null) => {
    const rel = linkPath(path.relative(pageDir, path.resolve(c.cwd, file)).split(path.sep).join('/'));
    return line ? `${rel}#L${line}` : rel;
  };
  const label = (r: Report) => L.week(0, r.relativeWeek!, false);
  const src = (r: Report, line: number) => ({ label: label(r), href: href(r.file, line), ref: `w${r.relativeWeek}-${line}` });
  // one group per heading as written, in the order the headings first appear; in each, a line per week
  const groups = new Map<string, { title: string; weeks: { texts: string[]; src: ReturnType<typeof src> }[] }>();
  const add = (title: string, texts: string[], s: ReturnType<typeof src>) => {
    if (!texts.length) return;
    let g = groups.get(title);
    if (!g) groups.set(title, (g = { title: inline(title), weeks: [] }));
    g.weeks.push({ texts, src: s });
  };
  const short = (text: string) => inline(cut(text, 40));
  for (const r of notes) {
    for (const sec of r.sections) {
      if (!sec.text || sec.noUpdate) continue;
      const lines = sec.text.split('\n').map((raw) => writtenLine(raw).replace(/^#+(?:\s+|$)/, ''));
      add(sec.title, lines.filter(Boolean).map(short), src(r, sec.line));
    }
    // next week's plan and the other items are kept as items, not text
    for (const id of ['next-week', 'other'] as const) {
      const sec = r.sections.find((x) => x.id === id);
      const items = id === 'next-week' ? r.nextWeek : r.other;
      if (sec && items.length) add(sec.title, items.map((i) => short(i.text)), src(r, sec.line));
    }
  }
  const first = notes[0]?.relativeWeek ?? 0;
  const last = notes[notes.length - 1]?.relativeWeek ?? 0;
  return {
    locale: c.strings.name,
    kind: 'series',
    first: L.week(0, first, false),
    last: L.week(0, last, false),
    count: notes.length,
    notes: notes.map((r) => ({ label: label(r), href: href(r.file, null), title: r.title === null ? null : inline(r.title) })),
    groups: [...groups.values()].map((g) => ({ title: g.title, weeks: g.weeks.map((w) => ({ text: w.texts.join(sep), src: w.src })) })),
  };
}
