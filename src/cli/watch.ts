import path from 'node:path';
import { format } from 'date-fns/format';
import { isDynamicPattern } from 'tinyglobby';
import { createHash } from 'node:crypto';
import { CONFIG_NAMES, loadConfig } from '../io/config-file.js';
import { EXIT } from '../core/errors.js';
import { endingOf } from './errors.js';
import type { Io } from './io.js';
import type { NoteCache } from '../app/load.js';
import type { Report } from '../core/model.js';
import { watchLoop, type WatchTargets } from '../io/watch.js';

/** What `--watch` needs to know about the command it repeats. */
export interface WatchCommandOptions {
  kind: 'lint' | 'build';
  cwd: string;
  /** The command's inputs as given (default: the config's `notes`, else `.` for lint). */
  inputs: string[];
  config?: string;
  /** build: the output folder (never watched) and a templates folder (watched). */
  out?: string;
  templates?: string;
  /** lint: a baseline file (watched). */
  baseline?: string;
  /** One run of the command; `cache` keeps parsed notes in memory across runs (lint uses its own file cache). */
  run: (cache: NoteCache) => Promise<number>;
  signal: AbortSignal;
  now?: () => Date;
  debounceMs?: number;
  stdout: (s: string) => void;
  stderr: (s: string) => void;
}

const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

/** Parsed notes kept in memory between runs, copied in and out (each run settles week numbering in place). */
export function memoryNoteCache(): NoteCache {
  const entries = new Map<string, { sha: string; report: Report }>();
  return {
    get(file, bytes) {
      const e = entries.get(file);
      return e && e.sha === sha256(bytes) ? structuredClone(e.report) : undefined;
    },
    set(file, bytes, report) {
      entries.set(file, { sha: sha256(bytes), report: structuredClone(report) });
    },
  };
}

/** Folder a glob starts from: its leading part without wildcards. */
function globBase(input: string): string {
  const fixed: string[] = [];
  for (const p of input.split('/')) {
    if (isDynamicPattern(p)) break;
    fixed.push(p);
  }
  return fixed.join('/') || '.';
}

const NOTE_EXT = /\.(md|markdown)$/i;

/**
 * `weekly lint --watch` and `weekly build --watch`: run the command, then again (debounced) whenever a note,
 * the config, `.weeklyignore`, a template or the baseline changes, until Ctrl-C (or `signal`); exit 0 then.
 * Problems found and failed runs are printed and watching goes on. Lint runs with its cache and build keeps
 * parsed notes in memory, so only changed notes are parsed again; build rewrites only outputs that changed.
 */
export async function watchCommand(o: WatchCommandOptions): Promise<number> {
  const verb = o.kind === 'lint' ? 'linting' : 'building';
  const now = o.now ?? (() => new Date());
  let outDir: string | null = null;
  let templatesDir: string | null = null;
  let cache = memoryNoteCache();

  const targets = async (): Promise<WatchTargets> => {
    const configFiles = CONFIG_NAMES.map((n) => path.join(o.cwd, n));
    let config: Awaited<ReturnType<typeof loadConfig>> | null = null;
    try {
      config = await loadConfig(o.cwd, o.config);
    } catch {
      // a broken config is watched until it is fixed
      if (o.config) configFiles.push(path.resolve(o.cwd, o.config));
    }
    if (config?.file) configFiles.push(config.file);
    const fromConfig = (p: string) => path.resolve(config!.dir, p);
    const inputs = o.inputs.length ? o.inputs.map((i) => path.resolve(o.cwd, i)) : config?.config.notes ? [fromConfig(config.config.notes)] : [o.cwd];
    const dirs: string[] = [];
    const files: string[] = [...configFiles, path.join(o.cwd, '.weeklyignore')];
    for (const [i, abs] of inputs.entries()) {
      const given = o.inputs[i];
      if (given !== undefined && isDynamicPattern(given)) dirs.push(path.resolve(o.cwd, globBase(given)));
      else if (NOTE_EXT.test(abs)) files.push(abs);
      else {
        dirs.push(abs);
        files.push(path.join(abs, '.weeklyignore'));
      }
    }
    const templates = o.templates ? path.resolve(o.cwd, o.templates) : config?.config.build?.templates ? fromConfig(config.config.build.templates) : null;
    templatesDir = templates;
    if (templates) dirs.push(templates);
    if (o.baseline) files.push(path.resolve(o.cwd, o.baseline));
    if (o.kind === 'build') outDir = path.resolve(o.cwd, o.out ?? (config?.config.build?.out ? path.relative(o.cwd, fromConfig(config.config.build.out)) : 'dist'));
    return { dirs: [...new Set(dirs)].sort(), files: [...new Set(files)].sort() };
  };

  const relevant = (file: string): boolean => {
    const parts = file.split(path.sep);
    if (parts.some((p) => p === 'node_modules' || p === '.git' || p === '.weekly-cache')) return false;
    if (outDir && (file === outDir || file.startsWith(outDir + path.sep))) return false;
    const base = path.basename(file);
    if (CONFIG_NAMES.includes(base) || base === '.weeklyignore') return true;
    if (o.baseline && file === path.resolve(o.cwd, o.baseline)) return true;
    // temporary files of atomic saves (weekly's own included) are not notes
    if (base.startsWith('.') && base.endsWith('.tmp')) return false;
    // a template, or a locale's strings in the templates folder
    if (base.endsWith('.hbs') || (templatesDir && file.startsWith(templatesDir + path.sep) && base.endsWith('.yaml'))) return true;
    return NOTE_EXT.test(base);
  };

  const run = async (changed: string[]) => {
    if (changed.length) {
      // a changed config can change what every note parses to
      if (changed.some((c) => CONFIG_NAMES.includes(path.basename(c)))) cache = memoryNoteCache();
      const what = changed.length === 1 ? changed[0] : `${changed[0]} and ${changed.length - 1} more`;
      o.stderr(`\nweekly ${o.kind}: ${what} changed; ${verb} again (${format(now(), 'HH:mm:ss')})\n`);
    }
    let printed = false;
    try {
      const code = await o.run(cache);
      printed = code !== EXIT.ok;
    } catch (err) {
      const ending = endingOf(err, o.kind);
      // a bug is the loop's to report; a failure the user can fix (a bad config, a template) is shown, and watching goes on
      if (ending.bug) throw err;
      o.stderr(ending.message);
      printed = true;
    }
    if (o.kind === 'lint' && !printed) o.stderr(`weekly lint: no errors (${format(now(), 'HH:mm:ss')})\n`);
  };

  await watchLoop({
    run,
    targets,
    relevant,
    signal: o.signal,
    cwd: o.cwd,
    debounceMs: o.debounceMs,
    onWatching: () => o.stderr(`weekly ${o.kind}: watching for changes (Ctrl-C to stop)\n`),
    onError: (err) => o.stderr(`weekly ${o.kind}: internal error: ${(err as Error)?.message ?? String(err)}\n`),
  });
  return EXIT.ok;
}

/** `--watch`: repeat `once` on changes until Ctrl-C (or `io.signal`); exit 0 then. */
export async function watchMode(io: Io, what: { kind: 'lint' | 'build'; inputs: string[]; config?: string; out?: string; templates?: string; baseline?: string }, once: (cache: NoteCache) => Promise<number>): Promise<number> {
  let signal = io.signal;
  let release = () => {};
  if (!signal) {
    const ac = new AbortController();
    const stop = () => ac.abort();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
    release = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
    };
    signal = ac.signal;
  }
  try {
    return await watchCommand({ ...what, cwd: io.cwd, run: once, signal, now: io.now, stdout: io.stdout, stderr: io.stderr });
  } finally {
    release();
  }
}
