import path from 'node:path';
import { isDynamicPattern } from 'tinyglobby';
import type { Config } from '../core/config.js';
import { WeeklyError } from '../core/errors.js';
import type { InputEncoding } from '../core/parse/decode.js';
import { loadConfig } from '../io/config-file.js';
import { findNotes, globBase, readIgnoreFile, statOrNull } from '../io/find.js';
import { ruleConfigProblems } from '../core/lint/index.js';

/** What a command asks of the workspace: the one place inputs, config, ignores and encoding are resolved. */
export interface WorkspaceRequest {
  cwd: string;
  /** Files, folders and globs as given; empty means the config's `notes`, else `.`. */
  inputs: string[];
  /** `-c`: a config file; default weekly.config.yaml/.yml/.json, looked up to the repository root. */
  config?: string;
  /** `--encoding`: overrides the config's `encoding`. */
  encoding?: InputEncoding;
  /** A folder that does not exist yet or holds no notes is an empty workspace, not an error (`weekly new`). */
  allowEmpty?: boolean;
}

/** A folder the notes were found in: what an input stands for. */
export interface NoteRoot {
  input: string;
  /** Absolute. */
  root: string;
  isDir: boolean;
}

/** The notes a command reads, under the config in force: the same for every command. */
export interface Workspace {
  cwd: string;
  config: Config;
  /** The config file (absolute), or null when none was found and defaults apply. */
  configFile: string | null;
  /** The folder the config's own paths are relative to. */
  configDir: string;
  /** The inputs in force: as given, else the config's `notes`, else `.`. */
  inputs: string[];
  roots: NoteRoot[];
  /** Notes found, relative to `cwd` with `/`, sorted. */
  files: string[];
  /** Files named directly (not found in a folder or by a glob). */
  explicit: Set<string>;
  /** The folder the inputs share, relative to `cwd`: authors are named by the folders below it. */
  root: string;
  /** A path written in the config, relative to `cwd`. */
  fromConfig(p: string): string;
}

const posix = (p: string) => p.split(path.sep).join('/');

/** The config shown in messages: relative to the working directory. */
export function configShown(ws: Pick<Workspace, 'cwd' | 'configFile'>): string {
  return ws.configFile ? `config ${path.relative(ws.cwd, ws.configFile) || ws.configFile}` : 'config';
}

/**
 * Resolve a command's workspace: load the config (`-c`, else found upward to the repository root), check its
 * rules, apply `--encoding`, expand the inputs (default the config's `notes`, else `.`) into notes, leaving out
 * `.git`, `node_modules`, the config's `ignores` and the patterns of every `.weeklyignore` in the working
 * directory, the config's folder and each input folder. An input that names nothing is an error.
 */
export async function resolveWorkspace(req: WorkspaceRequest): Promise<Workspace> {
  const loaded = await loadConfig(req.cwd, req.config);
  const config: Config = req.encoding ? { ...loaded.config, encoding: req.encoding } : loaded.config;
  const problems = ruleConfigProblems(config);
  if (problems.length) {
    const where = configShown({ cwd: req.cwd, configFile: loaded.file });
    throw new WeeklyError(problems.map((p) => `${where}: ${p}`).join('\n'), 'config');
  }
  const fromConfig = (p: string) => posix(path.relative(req.cwd, path.resolve(loaded.dir, p))) || '.';
  const inputs = req.inputs.length ? req.inputs : [config.notes ? fromConfig(config.notes) : '.'];

  const roots: NoteRoot[] = [];
  const explicit = new Set<string>();
  const ignoreDirs = new Set([path.resolve(req.cwd), loaded.dir]);
  for (const input of inputs) {
    if (isDynamicPattern(input)) {
      roots.push({ input, root: path.resolve(req.cwd, globBase(input)), isDir: true });
      continue;
    }
    const abs = path.resolve(req.cwd, input);
    const st = await statOrNull(abs);
    const isDir = Boolean(st?.isDirectory());
    roots.push({ input, root: isDir ? abs : path.dirname(abs), isDir });
    if (isDir) ignoreDirs.add(abs);
    else if (st) explicit.add(posix(path.relative(req.cwd, abs)));
  }
  const ignores = [...(config.ignores ?? [])];
  for (const d of [...ignoreDirs].sort()) ignores.push(...(await readIgnoreFile(d)));

  const found = await findNotes(inputs, { cwd: req.cwd, ignores, followSymlinks: config.followSymlinks });
  if (req.allowEmpty) found.missing = [];
  else if (found.missing.length) throw new WeeklyError(found.missing.map((m) => `${m.input}: ${m.reason}`).join('\n'), 'input');
  if (!found.files.length && !req.allowEmpty) throw new WeeklyError(`no notes (*.md) found in ${inputs.map((i) => `\`${i}\``).join(', ')}`, 'input');

  // one root for every note: lint's rules across notes and build's trees name the same authors
  const root = commonRoot(req.cwd, roots);
  return {
    cwd: req.cwd,
    config,
    configFile: loaded.file,
    configDir: loaded.dir,
    inputs,
    roots,
    files: found.files,
    explicit,
    root,
    fromConfig,
  };
}

/** The folder the inputs' roots share, relative to `cwd` with `/` (`.` for the working directory). */
function commonRoot(cwd: string, roots: NoteRoot[]): string {
  const parts = roots.map((r) => r.root.split(path.sep));
  let n = 0;
  while (parts.every((p) => n < p.length && p[n] === parts[0][n])) n++;
  const shared = parts[0].slice(0, n).join(path.sep) || path.sep;
  return posix(path.relative(cwd, shared)) || '.';
}
