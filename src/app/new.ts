import { promises as fs } from 'node:fs';
import path from 'node:path';
import { loadConfig } from '../io/config-file.js';
import { isoDate, parseIsoDate, weekOf, weekRange, weekStart } from '../core/dates.js';
import { EXIT, ExitError } from '../core/errors.js';
import { findNotes, readIgnoreFile } from '../io/find.js';
import { readNote } from '../io/read.js';
import { loadNotes } from './load.js';
import type { Report, WeekNumbering } from '../core/model.js';
import { noteWeekKey } from '../core/aggregate/weeks.js';
import { BUILTIN_DIR, tidy } from '../core/render/index.js';
import { boundedHandlebars } from '../io/templates.js';
import { newNotePath, noteData } from '../core/new-note.js';
import { writeNew } from '../io/write-new.js';

/** Options of `weekly new`. */
export interface NewOptions {
  cwd: string;
  /** Notes folder; default the config's `notes`, else `.`. */
  dir?: string;
  /** A day of the week to write the note for, `YYYY-MM-DD`; default today. */
  date?: string;
  /** Folder holding a `note.md.hbs` that replaces the built-in template; default the config's `build.templates`. */
  templates?: string;
  config?: string;
  /** The clock (tests pass a fixed one). */
  now?: () => Date;
  stdout: (s: string) => void;
  stderr: (s: string) => void;
}

/** File name of the note template, in the built-in folder or a user's templates folder. */
export const NOTE_TEMPLATE = 'note.md.hbs';

const posix = (p: string) => p.split(path.sep).join('/');

/**
 * `weekly new`: write this week's note (or the week holding `--date`) from the note template, carrying over
 * last week's plan and open work items. Prints the new note's path on stdout. Exit 1 when the week already has
 * a note (nothing is written), 2 when it cannot run.
 */
export async function newCommand(o: NewOptions): Promise<number> {
  const loaded = await loadConfig(o.cwd, o.config);
  const config = loaded.config;
  const fromConfig = (p: string) => path.relative(o.cwd, path.resolve(loaded.dir, p)) || '.';
  const now = (o.now ?? (() => new Date()))();
  let created = now;
  if (o.date !== undefined) {
    const d = /^\d{4}-\d{2}-\d{2}$/.test(o.date) ? parseIsoDate(o.date) : null;
    if (!d) throw new ExitError(`weekly new: --date \`${o.date}\`: expected a date as YYYY-MM-DD`, EXIT.failure);
    // the note is dated on the day it is for, at the current time: its Created line places it in its week
    created = new Date(d.getFullYear(), d.getMonth(), d.getDate(), now.getHours(), now.getMinutes());
  }

  const dirRel = o.dir ?? (config.notes ? fromConfig(config.notes) : '.');
  const dirAbs = path.resolve(o.cwd, dirRel);
  const st = await fs.stat(dirAbs).catch(() => null);
  if (st && !st.isDirectory()) throw new ExitError(`weekly new: ${dirRel} is not a folder`, EXIT.failure);

  let reports: Report[] = [];
  if (st) {
    const ignores = [...(config.ignores ?? []), ...(await readIgnoreFile(dirAbs))];
    const found = await findNotes([dirRel], { cwd: o.cwd, ignores, followSymlinks: config.followSymlinks });
    reports = (await loadNotes(found.files, { cwd: o.cwd, config })).reports;
  }

  const numbering = numberingOf(config.weekNumbering, reports);
  const week = weekOf(created, numbering);
  const key = isoDate(weekStart(week, numbering)!);
  const range = weekRange(week, numbering)!;
  const label = `${week.year} 第${week.number}周 (${range.start} – ${range.end}, ${numbering})`;

  const placed = reports.map((r) => ({ r, key: noteWeekKey(r) })).filter((x): x is { r: Report; key: string } => x.key !== null);
  const same = placed.find((x) => x.key === key);
  if (same) {
    o.stderr(`weekly new: ${same.r.file} is already the note of ${label}; nothing written\n`);
    return EXIT.problems;
  }
  const byTime = (a: { r: Report; key: string }, b: { r: Report; key: string }) => (a.key < b.key ? -1 : a.key > b.key ? 1 : a.r.file < b.r.file ? -1 : 1);
  const before = placed.filter((x) => x.key < key).sort(byTime);
  const prev = before[before.length - 1]?.r ?? null;
  const latest = prev ?? placed.sort(byTime)[placed.length - 1]?.r ?? null;

  const rel = (r: Report) => posix(path.relative(dirAbs, path.resolve(o.cwd, r.file)));
  const target = path.join(dirAbs, ...newNotePath(reports.map((r) => ({ rel: rel(r), report: r })), latest ? { rel: rel(latest), report: latest } : null, week).split('/'));
  const shown = posix(path.relative(o.cwd, target)) || target;

  let prevText: string | null = null;
  if (prev) {
    const read = await readNote(path.resolve(o.cwd, prev.file), { encoding: config.encoding, maxBytes: config.maxFileSize });
    prevText = read.ok ? read.text : null;
  }
  const data = noteData({ week, numbering, range, created, prev: prev && prevText !== null ? { report: prev, text: prevText } : null });
  const text = tidy(await renderNoteTemplate(o, config.build?.templates ? fromConfig(config.build.templates) : undefined, data));

  if (!(await writeNew(target, text))) {
    o.stderr(`weekly new: ${shown} already exists; nothing written\n`);
    return EXIT.problems;
  }
  o.stdout(`${shown}\n`);
  const carried = data.objectives.reduce((n, x) => n + x.items.length, 0);
  const figures = [...new Set(data.objectives.flatMap((x) => x.items.flatMap((i) => i.figures)))];
  o.stderr(
    `weekly new: wrote ${label}` +
      (prev ? `; from ${prev.file}: ${data.plan.length} planned item${data.plan.length === 1 ? '' : 's'} as highlights, ${carried} open work item${carried === 1 ? '' : 's'} to update` : '') +
      '\n',
  );
  // carried lines keep last week's numbers: left as they are, they would be summarised as this week's
  if (figures.length) o.stderr(`weekly new: the carried items hold last week's ${figures.join(', ')}: update them\n`);
  return EXIT.ok;
}

/** The numbering in force: the configured one, else the one most notes were read under, else jan1. */
function numberingOf(configured: 'auto' | 'iso' | 'jan1' | undefined, reports: Report[]): WeekNumbering {
  if (configured === 'iso' || configured === 'jan1') return configured;
  const iso = reports.filter((r) => r.weekNumbering === 'iso').length;
  const jan1 = reports.filter((r) => r.weekNumbering === 'jan1').length;
  return iso > jan1 ? 'iso' : 'jan1';
}

async function renderNoteTemplate(o: NewOptions, configured: string | undefined, data: unknown): Promise<string> {
  const dir = o.templates ?? configured;
  let file = path.join(BUILTIN_DIR, NOTE_TEMPLATE);
  let shown = `templates/${NOTE_TEMPLATE} (built-in)`;
  if (dir) {
    const own = path.resolve(o.cwd, dir, NOTE_TEMPLATE);
    if (await fs.stat(own).then((s) => s.isFile(), () => false)) {
      file = own;
      shown = posix(path.relative(o.cwd, own));
    } else if (o.templates && !(await fs.stat(path.resolve(o.cwd, dir)).then((s) => s.isDirectory(), () => false))) {
      throw new ExitError(`weekly new: --templates ${dir}: no such folder`, EXIT.failure);
    }
  }
  const source = await fs.readFile(file, 'utf8');
  try {
    // Markdown out: no HTML escaping; strict, so a misspelt field is an error rather than a blank
    // bounded as build's templates are: a loop inside a loop, or a partial including itself, stops with exit 2
    const hb = boundedHandlebars();
    return hb.run(hb.env.compile(source, { noEscape: true, strict: true }), data);
  } catch (err) {
    const m = /on line (\d+)/.exec((err as Error).message);
    const message = err instanceof RangeError ? 'partials nested too deep: stopped (does a partial include itself?)' : (err as Error).message.split('\n')[0];
    throw new ExitError(`weekly new: template ${shown}${m ? `:${m[1]}` : ''}: ${message}`, EXIT.failure);
  }
}
