import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { WeeklyError } from '../core/errors.js';
import { describeFsError } from './read.js';

/** A path shown in messages: relative to `cwd` with `/`, or as it is when that says nothing. */
export type Shown = (abs: string) => string;

const plain: Shown = (p) => p;

/** The error of a folder that could not be made, in one line. */
function mkdirFailure(dir: string, err: unknown, shown: Shown): WeeklyError {
  return new WeeklyError(`could not make the folder ${shown(dir)}: ${describeFsError(err)}`, 'output');
}

/**
 * Make a folder and its missing parents one at a time. Node's recursive mkdir reports a read-only file system or a
 * full disk as "no such file or directory" (nodejs/node#47098) and never ends on some paths (`/proc/self/x`); one
 * plain mkdir per level reports the real reason and always ends. Links on the way are followed: this is for a
 * folder the user named.
 */
export async function makeFolder(dir: string, shown: Shown = plain): Promise<void> {
  const abs = path.resolve(dir);
  const st = await fs.stat(abs).catch(() => null);
  if (st?.isDirectory()) return;
  if (st) throw new WeeklyError(`${shown(abs)} is not a folder`, 'output');
  const parent = path.dirname(abs);
  if (parent !== abs) await makeFolder(parent, shown);
  try {
    await fs.mkdir(abs);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST' && (await fs.stat(abs).then((s) => s.isDirectory(), () => false))) return;
    // the parent is there: a file system that makes no folders (`/proc`) says ENOENT
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') throw new WeeklyError(`could not make the folder ${shown(abs)}: this file system makes no folders there`, 'output');
    throw mkdirFailure(abs, err, shown);
  }
}

/**
 * Make the folders of `rel` (`/`-separated) below `root`, one at a time, after checking each that is there: a name
 * that is a symbolic link leading out of `root`, or an entry that is not a folder, is refused naming it, so
 * nothing is ever written through a link out of the folder (a year folder `2024 -> /etc` in a notes folder).
 * `root` itself is the user's choice and may be a link. Returns the folder made, absolute.
 */
export async function makeFoldersInside(root: string, rel: string, shown: Shown = plain, what = 'the folder'): Promise<string> {
  const names = rel.split('/').filter((n) => n && n !== '.');
  await makeFolder(root, shown);
  const realRoot = await fs.realpath(root);
  let at = path.resolve(root);
  for (const name of names) {
    at = path.join(at, name);
    await checkNotLinkOut(at, root, realRoot, shown, what);
    const st = await fs.lstat(at).catch(() => null);
    if (st && !st.isDirectory() && !st.isSymbolicLink()) throw new WeeklyError(`${shown(at)} is not a folder`, 'output');
    if (st) continue;
    try {
      await fs.mkdir(at);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw mkdirFailure(at, err, shown);
      // made at the same moment by someone else: checked again, as any folder that was there
      await checkNotLinkOut(at, root, realRoot, shown, what);
    }
  }
  return at;
}

const inside = (child: string, parent: string) => child === parent || child.startsWith(parent.endsWith(path.sep) ? parent : parent + path.sep);

/** Refuse `p` when it is a symbolic link whose target lies outside `root` (real path `realRoot`), or nowhere. */
async function checkNotLinkOut(p: string, root: string, realRoot: string, shown: Shown, what: string): Promise<void> {
  const st = await fs.lstat(p).catch(() => null);
  if (!st?.isSymbolicLink()) return;
  const real = await fs.realpath(p).catch(() => null);
  if (real && inside(real, realRoot)) return;
  throw new WeeklyError(`${shown(p)} is a symbolic link leading outside ${what} ${shown(path.resolve(root))}: nothing is written through it`, 'output');
}

/**
 * Create a file that must not exist yet, atomically: the content goes to a temporary file in the same
 * folder, flushed, then is hard-linked to its name, which fails when the name is taken (by anything, a link
 * to nowhere included). Readers never see a half-written file and an existing file is never touched. A missing
 * folder is made (`makeFolder`: links followed; `makeFoldersInside` first where they must not be). Resolves to
 * false when the file already exists; a file-system failure is a `WeeklyError` naming the file and the reason.
 */
export async function writeNew(file: string, content: string, shown: Shown = plain): Promise<boolean> {
  await makeFolder(path.dirname(file), shown);
  const tmp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  let h;
  try {
    h = await fs.open(tmp, 'wx');
  } catch (err) {
    throw new WeeklyError(`could not write ${shown(file)}: ${describeFsError(err)}`, 'output');
  }
  try {
    try {
      await h.writeFile(content, 'utf8');
      await h.sync();
    } finally {
      await h.close();
    }
    try {
      await fs.link(tmp, file);
      return true;
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code === 'EEXIST') return false;
      // file systems without hard links (some network and FAT mounts): exclusive create, still never clobbering
      if (code === 'EPERM' || code === 'ENOTSUP' || code === 'EOPNOTSUPP' || code === 'ENOSYS') {
        try {
          await fs.writeFile(file, content, { encoding: 'utf8', flag: 'wx' });
          return true;
        } catch (e) {
          if ((e as NodeJS.ErrnoException).code === 'EEXIST') return false;
          throw e;
        }
      }
      throw err;
    }
  } catch (err) {
    if (err instanceof WeeklyError) throw err;
    throw new WeeklyError(`could not write ${shown(file)}: ${describeFsError(err)}`, 'output');
  } finally {
    await fs.rm(tmp, { force: true });
  }
}

/**
 * Write a file whether or not it exists, atomically: a temporary file in the same folder, flushed, renamed over
 * the name. The rename replaces whatever has the name (a link included) and never writes where a link points.
 */
export async function replaceFile(file: string, content: string | Uint8Array, shown: Shown = plain): Promise<void> {
  const tmp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    await createSynced(tmp, content);
    await fs.rename(tmp, file);
  } catch (err) {
    await fs.rm(tmp, { force: true });
    throw new WeeklyError(`could not write ${shown(file)}: ${describeFsError(err)}`, 'output');
  }
}

/** Create `file`, which must not exist, with `content`, flushed to disk before it is closed. */
export async function createSynced(file: string, content: string | Uint8Array): Promise<void> {
  const h = await fs.open(file, 'wx');
  try {
    await h.writeFile(content);
    await h.sync();
  } finally {
    await h.close();
  }
}
