import { type Dirent, promises as fs, readdir, type Stats } from 'node:fs';
import path from 'node:path';
import { glob, isDynamicPattern, type GlobOptions } from 'tinyglobby';
import { WeeklyError } from '../core/errors.js';
import { describeFsError, rawPath, ReadError, readTextFile } from './read.js';

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

/** Size above which a `.weeklyignore` is refused: a list of patterns is a few KB. */
export const MAX_IGNORE_BYTES = 1024 * 1024;

/**
 * Read `.weeklyignore` from a folder, if any. One that is there but cannot be read (a FIFO, a device, a folder,
 * over 1 MB, unreadable) is an error naming it: read, a FIFO would block for ever; skipped, its patterns would be
 * lost without a word. `cwd` is what the name is shown relative to.
 */
export async function readIgnoreFile(dir: string, cwd?: string): Promise<string[]> {
  const file = path.join(dir, '.weeklyignore');
  try {
    return (await readTextFile(file, MAX_IGNORE_BYTES)).toString('utf8').split(/\r?\n/);
  } catch (err) {
    if (err instanceof ReadError && err.code === 'ENOENT') return [];
    const shown = cwd ? toPosix(path.relative(cwd, file)) || file : file;
    throw new WeeklyError(`${shown}: ${(err as Error).message}`, 'input');
  }
}

/** An entry the glob lists as a file: a FIFO, a device or a socket, so that one named `x.md` is reported, not skipped. */
function asFile(e: Dirent): Dirent {
  return Object.assign(Object.create(e) as Dirent, { isFile: () => true, isDirectory: () => false, isSymbolicLink: () => false });
}

type ReaddirCallback = (err: NodeJS.ErrnoException | null, entries: Dirent[]) => void;

/**
 * A folder listed as bytes, for a path holding a name that is not UTF-8: Node lists such a name with U+FFFD in
 * place of its bad bytes, and the glob then cannot open that folder. Its entries get the names Node would list,
 * so what lies inside is found and reported as notes that cannot be read, with the reason.
 */
function readdirAsBytes(dir: string, failed: NodeJS.ErrnoException, cb: ReaddirCallback): void {
  const raw = rawPath(dir);
  if (!raw) return cb(failed, []);
  readdir(raw.bytes, { withFileTypes: true, encoding: 'buffer' }, (err, entries) => {
    if (err) return cb(failed, []);
    cb(
      null,
      entries.map((e) => {
        const special = !e.isFile() && !e.isDirectory() && !e.isSymbolicLink();
        return Object.assign(Object.create(e) as Dirent, { name: e.name.toString('utf8'), ...(special ? { isFile: () => true } : {}) });
      }),
    );
  });
}

/**
 * The glob's view of the file system: its own `readdir` (through tinyglobby's `fs` option), which lists special
 * files as files and reads folders whose names are not UTF-8 as bytes. The glob skips both without a word: lint
 * would say nothing of a FIFO named `x.md` or of a folder `张三` in GBK bytes, and exit 0.
 */
const GLOB_FS: GlobOptions['fs'] = {
  readdir: ((dir: string, options: { withFileTypes: true }, cb: ReaddirCallback) =>
    readdir(dir, options, (err, entries) => {
      if (err) return dir.includes('\uFFFD') ? readdirAsBytes(dir, err, cb) : cb(err, entries);
      for (let i = 0; i < entries.length; i++) {
        const e = entries[i];
        if (!e.isFile() && !e.isDirectory() && !e.isSymbolicLink()) entries[i] = asFile(e);
      }
      cb(null, entries);
    })) as unknown as NonNullable<GlobOptions['fs']>['readdir'],
};

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
      // a name that is not UTF-8 cannot be resolved as text: kept, to be reported as a note that cannot be read
      if (f.includes('\uFFFD') && rawPath(path.join(root, f))) reals.push({ f, real: path.join(realRoot, f), direct: true });
      // otherwise a broken link or a loop: nothing to read
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
      let got = await glob(input, { cwd: opts.cwd, ignore, onlyFiles: true, followSymbolicLinks: opts.followSymlinks ?? false, expandDirectories: false, fs: GLOB_FS });
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
      missing.push({ input, reason: describeFsError(err, abs) });
      continue;
    }
    if (stat.isDirectory()) {
      let got = await glob('**/*.{md,markdown}', { cwd: abs, ignore, onlyFiles: true, followSymbolicLinks: opts.followSymlinks ?? false, dot: false, fs: GLOB_FS });
      if (opts.followSymlinks) got = await insideOnly(abs, got);
      // the glob's paths are normalised and relative to the folder: prefixing the folder's own relative path
      // gives what path.relative would, without joining and normalising 10,000 paths
      const base = toPosix(path.relative(opts.cwd, abs));
      for (const g of got) files.add(base ? `${base}/${g}` : g);
    } else {
      files.add(toPosix(path.relative(opts.cwd, abs)) || toPosix(input));
    }
  }
  return { files: [...files].sort(), missing };
}
