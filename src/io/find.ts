import { promises as fs, type Stats } from 'node:fs';
import path from 'node:path';
import { glob, isDynamicPattern } from 'tinyglobby';
import { describeFsError } from './read.js';

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

/** The stat of a path, or null when there is nothing there (or it cannot be reached). */
export async function statOrNull(p: string): Promise<Stats | null> {
  try {
    return await fs.stat(p);
  } catch {
    return null;
  }
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

const inside = (child: string, parent: string) => child === parent || child.startsWith(parent.endsWith(path.sep) ? parent : parent + path.sep);

/**
 * With `followSymlinks`, what the glob found through links: only files whose real path lies inside the folder
 * searched (a link to `/etc` or to a home folder is never read), each real file once (a link to a folder of the
 * notes, or a loop, would list it again).
 */
async function insideOnly(root: string, found: string[]): Promise<string[]> {
  let realRoot: string;
  try {
    realRoot = await fs.realpath(root);
  } catch {
    return [];
  }
  const reals: { f: string; real: string; direct: boolean }[] = [];
  for (const f of found) {
    try {
      const real = await fs.realpath(path.join(root, f));
      if (inside(real, realRoot)) reals.push({ f, real, direct: real === path.join(realRoot, f) });
    } catch {
      // a broken link or a loop: nothing to read
    }
  }
  // a note is listed under its own path, not through a link to it
  reals.sort((a, b) => Number(b.direct) - Number(a.direct) || (a.f < b.f ? -1 : a.f > b.f ? 1 : 0));
  const seen = new Set<string>();
  const out: string[] = [];
  for (const r of reals) {
    if (seen.has(r.real)) continue;
    seen.add(r.real);
    out.push(r.f);
  }
  return out;
}

/** The fixed leading folders of a glob (`notes/**\/*.md` → `notes`). */
export function globBase(pattern: string): string {
  const fixed: string[] = [];
  for (const p of pattern.split('/')) {
    if (isDynamicPattern(p)) break;
    fixed.push(p);
  }
  return fixed.join('/') || '.';
}

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
      let got = await glob(input, { cwd: opts.cwd, ignore, onlyFiles: true, followSymbolicLinks: opts.followSymlinks ?? false, expandDirectories: false });
      if (opts.followSymlinks) {
        const base = globBase(input);
        const rel = (f: string) => toPosix(path.relative(path.resolve(opts.cwd, base), path.resolve(opts.cwd, f)));
        const keep = new Set(await insideOnly(path.resolve(opts.cwd, base), got.map(rel)));
        got = got.filter((g) => keep.has(rel(g)));
      }
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
      let got = await glob('**/*.{md,markdown}', { cwd: abs, ignore, onlyFiles: true, followSymbolicLinks: opts.followSymlinks ?? false, dot: false });
      if (opts.followSymlinks) got = await insideOnly(abs, got);
      for (const g of got) files.add(toPosix(path.relative(opts.cwd, path.join(abs, g))));
    } else {
      files.add(toPosix(path.relative(opts.cwd, abs)) || toPosix(input));
    }
  }
  return { files: [...files].sort(), missing };
}
