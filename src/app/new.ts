import { promises as fs } from 'node:fs';
import path from 'node:path';
import { isoDate, parseIsoDate, weekOf, weekRange, weekStart } from '../core/dates.js';
import { WeeklyError } from '../core/errors.js';
import type { InputEncoding } from '../core/parse/decode.js';
import { readNote, readTextFile } from '../io/read.js';
import { loadNotes } from './load.js';
import type { Report, WeekNumbering } from '../core/model.js';
import { noteWeekKey } from '../core/aggregate/weeks.js';
import { tidy } from '../core/render/index.js';
import { boundedHandlebars, BUILTIN_DIR, MAX_TEMPLATE_BYTES } from '../io/templates.js';
import { newNotePath, noteData } from '../core/new-note.js';
import { makeFoldersInside, writeNew } from '../io/write-new.js';
import { resolveWorkspace } from './workspace.js';

/** What `weekly new` is asked to write. */
export interface NewRequest {
  cwd: string;
  /** Notes folder; default the config's `notes`, else `.`. */
  dir?: string;
  /** A day of the week to write the note for, `YYYY-MM-DD`; default today. */
  date?: string;
  /** Folder holding a `note.md.hbs` that replaces the built-in template; default the config's `build.templates`. */
  templates?: string;
  config?: string;
  encoding?: InputEncoding;
  /** The clock (tests pass a fixed one). */
  now?: () => Date;
}

/** What `weekly new` did: wrote the note, or found the week already has one (nothing written). */
export type NewOutcome =
  | {
      written: true;
      /** The new note, relative to the working directory. */
      file: string;
      /** The week, `2024 第9周 (2024-02-26 – 2024-03-03, jan1)`. */
      label: string;
      /** The note it carried from, with how many plans and open items, and last week's figures the carried lines hold. */
      prev: { file: string; planned: number; carried: number } | null;
      figures: string[];
    }
  | { written: false; file: string; label: string; why: 'week' | 'file' };

/** File name of the note template, in the built-in folder or a user's templates folder. */
export const NOTE_TEMPLATE = 'note.md.hbs';

const posix = (p: string) => p.split(path.sep).join('/');

/**
 * Write this week's note (or the week holding `date`) from the note template, carrying over last week's plan and
 * open work items. Never touches an existing note: when the week has one, nothing is written.
 */
export async function newNote(o: NewRequest): Promise<NewOutcome> {
  const now = (o.now ?? (() => new Date()))();
  let created = now;
  if (o.date !== undefined) {
    const d = /^\d{4}-\d{2}-\d{2}$/.test(o.date) ? parseIsoDate(o.date) : null;
    if (!d) throw new WeeklyError(`--date \`${o.date}\`: expected a date as YYYY-MM-DD`);
    // the note is dated on the day it is for, at the current time: its Created line places it in its week
    created = new Date(d.getFullYear(), d.getMonth(), d.getDate(), now.getHours(), now.getMinutes());
  }

  const ws = await resolveWorkspace({ cwd: o.cwd, inputs: o.dir ? [o.dir] : [], config: o.config, encoding: o.encoding, allowEmpty: true });
  const { config } = ws;
  const dirRel = ws.inputs[0];
  const dirAbs = path.resolve(o.cwd, dirRel);
  const st = await fs.stat(dirAbs).catch(() => null);
  if (st && !st.isDirectory()) throw new WeeklyError(`${dirRel} is not a folder`);
  const reports: Report[] = ws.files.length ? (await loadNotes(ws.files, { cwd: o.cwd, config })).reports : [];

  const numbering = numberingOf(config.weekNumbering, reports);
  const week = weekOf(created, numbering);
  const key = isoDate(weekStart(week, numbering)!);
  const range = weekRange(week, numbering)!;
  const label = `${week.year} 第${week.number}周 (${range.start} – ${range.end}, ${numbering})`;

  const placed = reports.map((r) => ({ r, key: noteWeekKey(r) })).filter((x): x is { r: Report; key: string } => x.key !== null);
  const same = placed.find((x) => x.key === key);
  if (same) return { written: false, file: same.r.file, label, why: 'week' };
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
  const text = tidy(await renderNoteTemplate(o, config.build?.templates ? ws.fromConfig(config.build.templates) : undefined, data));

  // a year folder that is a link out of the notes folder (`2024 -> /etc`) is refused, not written through
  const showIt = (p: string) => {
    const r = path.relative(o.cwd, p);
    return r.startsWith('..') || path.isAbsolute(r) ? p : posix(r) || '.';
  };
  await makeFoldersInside(dirAbs, posix(path.relative(dirAbs, path.dirname(target))), showIt, 'the notes folder');
  if (!(await writeNew(target, text, showIt))) return { written: false, file: shown, label, why: 'file' };
  const carried = data.objectives.reduce((n, x) => n + x.items.length, 0);
  // carried lines keep last week's numbers: left as they are, they would be summarised as this week's
  const figures = [...new Set(data.objectives.flatMap((x) => x.items.flatMap((i) => i.figures)))];
  return { written: true, file: shown, label, prev: prev ? { file: prev.file, planned: data.plan.length, carried } : null, figures };
}

/** The numbering in force: the configured one, else the one most notes were read under, else jan1. */
function numberingOf(configured: 'auto' | 'iso' | 'jan1' | undefined, reports: Report[]): WeekNumbering {
  if (configured === 'iso' || configured === 'jan1') return configured;
  const iso = reports.filter((r) => r.weekNumbering === 'iso').length;
  const jan1 = reports.filter((r) => r.weekNumbering === 'jan1').length;
  return iso > jan1 ? 'iso' : 'jan1';
}

async function renderNoteTemplate(o: NewRequest, configured: string | undefined, data: unknown): Promise<string> {
  const dir = o.templates ?? configured;
  let file = path.join(BUILTIN_DIR, NOTE_TEMPLATE);
  let shown = `templates/${NOTE_TEMPLATE} (built-in)`;
  if (dir) {
    const own = path.resolve(o.cwd, dir, NOTE_TEMPLATE);
    // anything under the name is the user's template, to be read (and refused there if it is not a regular file)
    if (await fs.lstat(own).then(() => true, () => false)) {
      file = own;
      shown = posix(path.relative(o.cwd, own));
    } else if (o.templates && !(await fs.stat(path.resolve(o.cwd, dir)).then((s) => s.isDirectory(), () => false))) {
      throw new WeeklyError(`--templates ${dir}: no such folder`, 'template');
    }
  }
  let source: string;
  try {
    // a regular file of bounded size: a FIFO or a link to /dev/zero under the name is refused, not read for ever
    source = (await readTextFile(file, MAX_TEMPLATE_BYTES)).toString('utf8');
  } catch (err) {
    throw new WeeklyError(`template ${shown}: ${(err as Error).message}`, 'template');
  }
  try {
    // Markdown out: no HTML escaping; strict, so a misspelt field is an error rather than a blank
    // bounded as build's templates are: a loop inside a loop, or a partial including itself, stops with exit 2
    const hb = boundedHandlebars();
    return hb.run(hb.env.compile(source, { noEscape: true, strict: true }), data);
  } catch (err) {
    const m = /on line (\d+)/.exec((err as Error).message);
    const message = err instanceof RangeError ? 'partials nested too deep: stopped (does a partial include itself?)' : (err as Error).message.split('\n')[0];
    throw new WeeklyError(`template ${shown}${m ? `:${m[1]}` : ''}: ${message}`, 'template');
  }
}
