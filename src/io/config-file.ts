import { promises as fs } from 'node:fs';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { validateConfig, type Config } from '../core/config.js';
import { WeeklyError } from '../core/errors.js';
import { readTextFile } from './read.js';

/** Config file names looked for, in order, in each folder from the working directory up to the repository root. */
export const CONFIG_NAMES = ['weekly.config.yaml', 'weekly.config.yml', 'weekly.config.json'];

/** A loaded config and where it came from (null when none was found and defaults apply). */
export interface LoadedConfig {
  config: Config;
  file: string | null;
  dir: string;
}

/** Size above which a config is refused: a config is a few KB, and YAML this large would take long to parse. */
export const MAX_CONFIG_BYTES = 1024 * 1024;

/**
 * Whether something is at `p`: nothing (false), or an entry, be it a file or anything else. A FIFO, a folder or a
 * link to nothing under a config's name is found, and then refused when read, rather than skipped so that the
 * defaults would apply without a word.
 */
async function present(p: string): Promise<boolean> {
  try {
    await fs.lstat(p);
    return true;
  } catch {
    return false;
  }
}

/**
 * The folders a config is looked for in: the working directory, then its parents up to the repository root (the
 * folder holding `.git`), and outside a repository the working directory alone. A config above the repository
 * (in `/tmp` or a home folder) would switch rules off for every project below it.
 */
export async function configSearchDirs(cwd: string): Promise<string[]> {
  const dirs: string[] = [];
  for (let dir = path.resolve(cwd); ; dir = path.dirname(dir)) {
    dirs.push(dir);
    if (await present(path.join(dir, '.git'))) return dirs;
    if (path.dirname(dir) === dir) return [path.resolve(cwd)];
  }
}

/** Find the config (see `configSearchDirs`), or read the one named; any problem is a config failure naming the file and key. */
export async function loadConfig(cwd: string, explicit?: string): Promise<LoadedConfig> {
  let file: string | null = null;
  if (explicit) {
    // a config is data: weekly never loads a .js, .mjs or .ts config, which would run code
    if (!/\.(ya?ml|json)$/i.test(explicit)) throw new WeeklyError(`config ${explicit}: expected a .yaml, .yml or .json file (weekly reads its config as data and runs no code from it)`, 'config');
    file = path.resolve(cwd, explicit);
    if (!(await present(file))) throw new WeeklyError(`config ${explicit}: no such file`, 'config');
  } else {
    search: for (const dir of await configSearchDirs(cwd)) {
      for (const n of CONFIG_NAMES) {
        if (await present(path.join(dir, n))) {
          file = path.join(dir, n);
          break search;
        }
      }
    }
  }
  if (!file) return { config: {}, file: null, dir: path.resolve(cwd) };
  const rel = path.relative(cwd, file) || file;
  let text: string;
  try {
    text = (await readTextFile(file, MAX_CONFIG_BYTES)).toString('utf8');
  } catch (err) {
    const reason = (err as NodeJS.ErrnoException).code === 'ENOENT' && (await fs.lstat(file).then((st) => st.isSymbolicLink(), () => false)) ? 'a symbolic link to nothing' : (err as Error).message;
    throw new WeeklyError(`config ${rel}: ${reason}`, 'config');
  }
  let data: unknown;
  try {
    data = /\.json$/i.test(file) ? JSON.parse(text) : parseYaml(text, { schema: 'core', maxAliasCount: 50, prettyErrors: false, logLevel: 'error' });
  } catch (err) {
    const e = err as { linePos?: { line: number; col: number }[]; message: string };
    const where = e.linePos?.[0] ? `:${e.linePos[0].line}:${e.linePos[0].col}` : '';
    throw new WeeklyError(`config ${rel}${where}: not valid ${/\.json$/i.test(file) ? 'JSON' : 'YAML'}: ${String(e.message).split('\n')[0]}`, 'config');
  }
  const v = validateConfig(data);
  if (!v.ok) throw new WeeklyError(v.problems.map((p) => `config ${rel}: ${p}`).join('\n'), 'config');
  return { config: v.config, file, dir: path.dirname(file) };
}
