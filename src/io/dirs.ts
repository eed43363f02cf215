import { promises as fs } from 'node:fs';
import path from 'node:path';
import { WeeklyError } from '../core/errors.js';

/** Deepest folder chain `makeDirs` creates: far beyond any output tree, short of a loop. */
const MAX_DEPTH = 64;

/**
 * Make a folder and its missing parents, one level at a time; returns the topmost folder made, or null when it
 * existed. Node's `mkdir({recursive: true})` loops for ever where the file system answers ENOENT for a folder
 * whose parent exists (`/proc/self/x`): here that is a failure naming the folder.
 */
export async function makeDirs(dir: string): Promise<string | null> {
  const missing: string[] = [];
  let at = path.resolve(dir);
  for (;;) {
    const st = await fs.stat(at).catch((err: NodeJS.ErrnoException) => (err.code === 'ENOENT' ? null : Promise.reject(err)));
    if (st) {
      if (!st.isDirectory()) throw new WeeklyError(`cannot make the folder ${dir}: ${at} is not a folder`, 'output');
      break;
    }
    missing.push(at);
    const parent = path.dirname(at);
    if (parent === at || missing.length > MAX_DEPTH) throw new WeeklyError(`cannot make the folder ${dir}: too deep, or its root does not exist`, 'output');
    at = parent;
  }
  for (const d of missing.reverse()) {
    try {
      await fs.mkdir(d);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code === 'EEXIST' && (await fs.stat(d).catch(() => null))?.isDirectory()) continue;
      const why = code === 'ENOENT' ? 'the file system does not let a folder be made there' : code === 'EROFS' ? 'the file system is read-only' : code === 'EACCES' || code === 'EPERM' ? 'permission denied' : String((err as Error).message).split('\n')[0];
      throw new WeeklyError(`cannot make the folder ${path.relative(process.cwd(), d) || d}: ${why}`, 'output');
    }
  }
  return missing.length ? missing[0] : null;
}
