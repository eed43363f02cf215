import path from 'node:path';
import type { Report } from '../core/model.js';
import type { Config } from '../core/config.js';
import { harmonizeWeeks, settledKey, settlementOf } from '../core/parse/index.js';
import { parseOptionsOf, seriesOptionsOf } from '../core/parse/options.js';
import { firstCommitDates } from '../io/git.js';
import { currentStamp, hashFileSync } from '../io/read.js';
import { cachePaths, DEFAULT_CACHE_LOCATION, modelStore, type LintCache } from '../io/cache.js';
import { factsOf, type LintMessage, type NoteFacts } from '../core/lint/index.js';
import { runTasks, type NoteCache, type TaskInput, type TaskOutput, type TaskSetup } from './pool.js';

export { parseOptionsOf } from '../core/parse/options.js';
export type { NoteCache } from './pool.js';

/** A note that could not be read, with the one-line reason. */
export interface ReadFailure {
  file: string;
  reason: string;
}

/** Options of `loadNotes`. */
export interface LoadOptions {
  cwd: string;
  config: Config;
  /** Reuse and store report models in the cache at `location` (absolute), valid for weekly `version`. */
  cache?: { location: string; version: string } | null;
  /** Worker threads (default: one per core; 0 or 1: in-process) and the fewest notes worth starting them for. */
  workers?: number;
  minPoolFiles?: number;
  /** Called as notes are read (for a progress bar): `done` of `total`. */
  onProgress?: (done: number, total: number) => void;
  /** Parsed notes kept in memory across runs (watch mode); loading then stays in-process. */
  noteCache?: NoteCache;
}

/** A note as lint keeps it: the facts rules across notes read, and its own problems. */
export interface LintedNote {
  facts: NoteFacts;
  /** Parser diagnostics and per-note rule problems, before inline directives. */
  messages: LintMessage[];
}

/** Options of the lint mode of `loadNotes`. */
export interface LintLoad {
  /** Lint results of earlier runs: notes whose bytes are unchanged are not parsed again. */
  index?: LintCache | null;
  /** Results already in hand (before the week numbering was settled), for notes known unchanged. */
  known?: Map<string, LintedNote>;
  /** Text to use instead of what is on disk. */
  texts?: Map<string, string>;
  /** Keep the sha256 of each note's bytes as linted (`--fix` writes only notes still holding them). */
  hash?: boolean;
}

/** Notes loaded for lint. */
export interface LoadedForLint {
  /** In the order of `files`, weeks settled across notes. */
  notes: LintedNote[];
  /** The same before the week numbering was settled, to lint again after fixes. */
  raw: Map<string, LintedNote>;
  failures: ReadFailure[];
  /** With `hash` (or a cache): the sha256 of each note's bytes as read, by file. */
  shas: Map<string, string>;
}

/**
 * First-commit dates of the notes that have no week and no date of their own (`YYYY-MM-DD` by path): one `git log`
 * over the folder they share, and none when every note is dated (most folders) or it is not a repository.
 */
export async function gitDatesFor(cwd: string, notes: Pick<Report, 'file' | 'week' | 'created' | 'weekSource'>[]): Promise<Map<string, string> | undefined> {
  const undated = notes.filter((n) => !n.week && !n.created && !n.weekSource).map((n) => path.resolve(cwd, n.file));
  if (!undated.length) return undefined;
  let dir = path.dirname(undated[0]);
  for (const f of undated) while (!f.startsWith(dir + path.sep) && dir !== path.dirname(dir)) dir = path.dirname(dir);
  const dates = await firstCommitDates(dir);
  const out = new Map<string, string>();
  for (const n of notes) {
    const d = dates.get(path.resolve(cwd, n.file));
    if (d) out.set(n.file, d);
  }
  return out;
}

/** The cache location `--cache-location` names (default `.weekly-cache/`), absolute; a trailing separator says "a folder". */
export function cacheLocation(cwd: string, given?: string): string {
  const loc = given ?? DEFAULT_CACHE_LOCATION;
  // path.resolve drops the trailing slash that says "a folder"
  return path.resolve(cwd, loc) + (/[\\/]$/.test(loc) ? path.sep : '');
}

function fail(o: TaskOutput & { ok: false }): ReadFailure {
  if ('error' in o) throw new Error(o.error);
  return { file: o.file, reason: o.reason };
}

/**
 * Read and parse notes (paths relative to `cwd`), in worker threads when there are many; one unreadable file
 * never stops the others. Returns the models, weeks settled across notes, in the order of `files`. With `lint`,
 * runs the per-note rules where each note is parsed and returns only what lint needs of each note.
 */
export async function loadNotes(files: string[], opts: LoadOptions): Promise<{ reports: Report[]; failures: ReadFailure[] }>;
export async function loadNotes(files: string[], opts: LoadOptions & { lint: LintLoad }): Promise<LoadedForLint>;
export async function loadNotes(files: string[], opts: LoadOptions & { lint?: LintLoad }): Promise<{ reports: Report[]; failures: ReadFailure[] } | LoadedForLint> {
  const parse = parseOptionsOf(opts.config);
  const setup: TaskSetup = { parse, read: { encoding: opts.config.encoding, maxBytes: opts.config.maxFileSize } };
  if (opts.cache) setup.models = modelStore((await cachePaths(opts.cache.location)).models, { version: opts.cache.version, config: opts.config });
  const run = (tasks: TaskInput[], s: TaskSetup) => runTasks(tasks, s, { workers: opts.workers, minTasks: opts.minPoolFiles, onProgress: opts.onProgress, noteCache: opts.noteCache });
  const task = (file: string): TaskInput => ({ file, abs: path.resolve(opts.cwd, file) });

  if (!opts.lint) {
    const reports: Report[] = [];
    const failures: ReadFailure[] = [];
    for (const o of await run(files.map(task), setup)) {
      if (!o.ok) failures.push(fail(o));
      else if ('report' in o) reports.push(o.report);
    }
    harmonizeWeeks(reports, { ...seriesOptionsOf(opts.config), gitDates: await gitDatesFor(opts.cwd, reports) });
    return { reports, failures };
  }

  const { index, known, texts } = opts.lint;
  const lintSetup: TaskSetup = { ...setup, lint: opts.config, hash: Boolean(index || opts.lint.hash) };
  const shas = new Map<string, string>();
  const raw = new Map<string, LintedNote>();
  const failures: ReadFailure[] = [];
  const tasks: TaskInput[] = [];
  for (const file of files) {
    const k = known?.get(file);
    if (k && !texts?.has(file)) {
      raw.set(file, k);
      continue;
    }
    const cached = texts?.has(file) ? undefined : index?.expected(file);
    if (index && cached) {
      // the cache knows this note: an unchanged stamp says its bytes are unchanged (a stat, 10 ms for 10,000
      // notes); else hashing it here is far cheaper than starting a worker to find it unchanged. Bytes only: the
      // same bytes under the same config decode as they did (decoding was 70% of a warm run).
      const abs = path.resolve(opts.cwd, file);
      const seen = cached.stamp && currentStamp(abs) === cached.stamp ? { sha: cached.sha, stamp: cached.stamp } : hashFileSync(abs);
      const hit = seen ? index.get(file, seen.sha) : undefined;
      if (hit) {
        raw.set(file, { facts: hit.facts, messages: hit.messages });
        shas.set(file, seen!.sha);
        // a touched note keeps its results under its new stamp
        if ((seen!.stamp ?? undefined) !== hit.stamp) index.set(file, { sha: hit.sha, ...(seen!.stamp ? { stamp: seen!.stamp } : {}), facts: hit.facts, messages: hit.messages });
        continue;
      }
    }
    tasks.push({ ...task(file), text: texts?.get(file) });
  }
  const outs = await run(tasks, lintSetup);
  for (const o of outs) {
    if (!o.ok) failures.push(fail(o));
    else if ('facts' in o) {
      raw.set(o.file, { facts: o.facts, messages: o.messages });
      if (o.sha) shas.set(o.file, o.sha);
      if (index && o.sha && !texts?.has(o.file)) index.set(o.file, { sha: o.sha, ...(o.stamp ? { stamp: o.stamp } : {}), facts: o.facts, messages: o.messages });
    }
  }

  // settle weeks on copies of the facts; a note whose week changed is linted again under the settled numbering
  const notes: LintedNote[] = [];
  for (const file of files) {
    const r = raw.get(file);
    if (r) notes.push({ facts: factsOf(r.facts), messages: r.messages });
  }
  // settled on copies of the facts; a note whose week or date its series changed is linted again as settled
  const before = notes.map((n) => settledKey(n.facts));
  harmonizeWeeks(notes.map((n) => n.facts), { ...seriesOptionsOf(opts.config), gitDates: await gitDatesFor(opts.cwd, notes.map((n) => n.facts)) });
  const again: TaskInput[] = [];
  const at = new Map<string, number>();
  notes.forEach((n, i) => {
    if (settledKey(n.facts) === before[i]) return;
    at.set(n.facts.file, i);
    again.push({ ...task(n.facts.file), text: texts?.get(n.facts.file), settle: settlementOf(n.facts) });
  });
  const gone = new Set<number>();
  for (const o of again.length ? await run(again, { ...lintSetup, hash: false }) : []) {
    if ('facts' in o) notes[at.get(o.file)!] = { facts: o.facts, messages: o.messages };
    else if (!o.ok) {
      // removed or broken since it was first read
      failures.push(fail(o));
      gone.add(at.get(o.file)!);
    }
  }
  if (gone.size) return { notes: notes.filter((_, i) => !gone.has(i)), raw, failures, shas };
  return { notes, raw, failures, shas };
}
