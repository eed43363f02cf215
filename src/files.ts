import { promises as fs } from 'node:fs';
import path from 'node:path';
import { glob, isDynamicPattern } from 'tinyglobby';
import { describeFsError } from './io.js';

/** Folders never searched for notes. */
export const ALWAYS_IGNORED = ['**/node_modules/**', '**/.git/**'];

/** Options for finding notes. */
export interface FindOptions {
  cwd: string;
  /** Globs (gitignore-like: a pattern without `/` matches at any depth). */
  ignores?: string[];
  followSymlinks?: boolean;
}

/** Notes found, and inputs that named nothing readable. */
export interface Found {
  files: string[];
  missing: { input: string; reason: string }[];
}

/** Turn gitignore-style lines into globs relative to the search root. */
export function toGlobs(patterns: string[]): string[] {
  const out: string[] = [];
  for (const raw of patterns) {
    const p = raw.trim();
    if (!p || p.startsWith('#') || p.startsWith('!')) continue;
    const anchored = p.startsWith('/');
    let g = anchored ? p.slice(1) : p;
    if (g.endsWith('/')) g = `${g}**`;
    if (!anchored && !g.slice(0, -1).includes('/')) g = `**/${g}`;
    out.push(g);
    if (!g.endsWith('**')) out.push(`${g}/**`);
  }
  return out;
}

/** Read `.weeklyignore` from a folder, if any. */
export async function readIgnoreFile(dir: string): Promise<string[]> {
  try {
    return (await fs.readFile(path.join(dir, '.weeklyignore'), 'utf8')).split(/\r?\n/);
  } catch {
    return [];
  }
}

const toPosix = (p: string) => p.split(path.sep).join('/');

/**
 * Expand files, folders (recursively, `.md`) and globs into a sorted, de-duplicated list of paths relative
 * to `cwd`, so that output never depends on the order the file system lists entries in.
 */
export async function findNotes(inputs: string[], opts: FindOptions): Promise<Found> {
  const ignore = [...ALWAYS_IGNORED, ...toGlobs(opts.ignores ?? [])];
  const files = new Set<string>();
  const missing: Found['missing'] = [];
  for (const input of inputs) {
    if (isDynamicPattern(input)) {
      const got = await glob(input, { cwd: opts.cwd, ignore, onlyFiles: true, followSymbolicLinks: opts.followSymlinks ?? false, expandDirectories: false });
      if (!got.length) missing.push({ input, reason: 'no file matches this pattern' });
      for (const g of got) files.add(toPosix(g));
      continue;
    }
    const abs = path.resolve(opts.cwd, input);
    let stat;
    try {
      stat = await fs.stat(abs);
    } catch (err) {
      missing.push({ input, reason: describeFsError(err) });
      continue;
    }
    if (stat.isDirectory()) {
      const got = await glob('**/*.{md,markdown}', { cwd: abs, ignore, onlyFiles: true, followSymbolicLinks: opts.followSymlinks ?? false, dot: false });
      for (const g of got) files.add(toPosix(path.relative(opts.cwd, path.join(abs, g))));
    } else {
      files.add(toPosix(path.relative(opts.cwd, abs)) || toPosix(input));
    }
  }
  return { files: [...files].sort(), missing };
}
