import { promises as fs } from 'node:fs';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { validateConfig, type Config } from '../core/config.js';
import { ExitError } from '../core/errors.js';

/** Config file names looked for, in order, in each folder from the working directory upward. */
export const CONFIG_NAMES = ['weekly.config.yaml', 'weekly.config.yml', 'weekly.config.json'];

/** A loaded config and where it came from (null when none was found and defaults apply). */
export interface LoadedConfig {
  config: Config;
  file: string | null;
  dir: string;
}

async function exists(p: string): Promise<boolean> {
  try {
    return (await fs.stat(p)).isFile();
  } catch {
    return false;
  }
}

/** Find the config upward from `cwd`, or read the one named; any problem is an ExitError(2) naming the file and key. */
export async function loadConfig(cwd: string, explicit?: string): Promise<LoadedConfig> {
  let file: string | null = null;
  if (explicit) {
    // a config is data: weekly never loads a .js, .mjs or .ts config, which would run code
    if (!/\.(ya?ml|json)$/i.test(explicit)) throw new ExitError(`weekly: config ${explicit}: expected a .yaml, .yml or .json file (weekly reads its config as data and runs no code from it)`, 2);
    file = path.resolve(cwd, explicit);
    if (!(await exists(file))) throw new ExitError(`weekly: config ${explicit}: no such file`, 2);
  } else {
    for (let dir = path.resolve(cwd); ; dir = path.dirname(dir)) {
      for (const n of CONFIG_NAMES) {
        if (await exists(path.join(dir, n))) {
          file = path.join(dir, n);
          break;
        }
      }
      if (file || path.dirname(dir) === dir) break;
    }
  }
  if (!file) return { config: {}, file: null, dir: path.resolve(cwd) };
  const rel = path.relative(cwd, file) || file;
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch (err) {
    throw new ExitError(`weekly: config ${rel}: ${(err as Error).message.split('\n')[0]}`, 2);
  }
  let data: unknown;
  try {
    data = /\.json$/i.test(file) ? JSON.parse(text) : parseYaml(text, { schema: 'core', maxAliasCount: 50, prettyErrors: false, logLevel: 'error' });
  } catch (err) {
    const e = err as { linePos?: { line: number; col: number }[]; message: string };
    const where = e.linePos?.[0] ? `:${e.linePos[0].line}:${e.linePos[0].col}` : '';
    throw new ExitError(`weekly: config ${rel}${where}: not valid ${/\.json$/i.test(file) ? 'JSON' : 'YAML'}: ${String(e.message).split('\n')[0]}`, 2);
  }
  const v = validateConfig(data);
  if (!v.ok) throw new ExitError(v.problems.map((p) => `weekly: config ${rel}: ${p}`).join('\n'), 2);
  return { config: v.config, file, dir: path.dirname(file) };
}
