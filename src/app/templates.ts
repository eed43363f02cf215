import { promises as fs } from 'node:fs';
import path from 'node:path';
import { EXIT, WeeklyError } from '../core/errors.js';
import { BUILTIN_DIR, builtinFiles } from '../io/templates.js';
import { makeFolder, makeFoldersInside, replaceFile } from '../io/write-new.js';

/** Options of `weekly templates eject`. */
export interface EjectOptions {
  cwd: string;
  /** Folder to copy into (default `weekly-templates`). */
  dir?: string;
  force?: boolean;
  stdout: (s: string) => void;
  stderr: (s: string) => void;
}

/** Folder `templates eject` copies into when none is named. */
export const DEFAULT_EJECT_DIR = 'weekly-templates';

/**
 * `weekly templates eject [DIR]`: copy the built-in templates (one set for every locale, partials in
 * `partials/`, the words of each locale in `locales/<locale>.yaml`) for editing; `weekly build --templates DIR`
 * then uses them. Existing files are not overwritten without `--force`; a symbolic link inside DIR (a folder or a
 * file) is refused and nothing is written, so the copy never lands outside DIR.
 */
export async function ejectCommand(o: EjectOptions): Promise<number> {
  const rel = o.dir ?? DEFAULT_EJECT_DIR;
  const dir = path.resolve(o.cwd, rel);
  const shown = (p: string) => {
    const r = path.relative(o.cwd, p);
    return r.startsWith('..') || path.isAbsolute(r) ? p : r.split(path.sep).join('/') || '.';
  };
  const files = await builtinFiles();
  const existing: string[] = [];
  const links = new Set<string>();
  const blocked: string[] = [];
  for (const f of files) {
    const parts = f.split('/');
    // every name below DIR on the way to a file: a link there would take the copy outside DIR
    for (let i = 1; i <= parts.length; i++) {
      const at = path.join(dir, ...parts.slice(0, i));
      const st = await fs.lstat(at).catch(() => null);
      if (!st) break;
      if (st.isSymbolicLink()) {
        links.add(shown(at));
        break;
      }
      if (i < parts.length ? !st.isDirectory() : !st.isFile()) {
        blocked.push(`${shown(at)} is ${i < parts.length ? 'not a folder' : st.isDirectory() ? 'a folder' : 'not a regular file'}`);
        break;
      }
      if (i === parts.length) existing.push(f);
    }
  }
  if (links.size) {
    const list = [...links].sort();
    throw new WeeklyError(`${list.join(', ')} ${list.length === 1 ? 'is a symbolic link' : 'are symbolic links'}, and eject writes nothing through a link: nothing was written`, 'output');
  }
  if (blocked.length) throw new WeeklyError(`${[...new Set(blocked)].sort().join('; ')}: nothing was written`, 'output');
  if (existing.length && !o.force) {
    throw new WeeklyError(`${rel} already has ${existing.slice(0, 3).join(', ')}${existing.length > 3 ? ` and ${existing.length - 3} more` : ''}; use --force to overwrite`, 'output');
  }
  await makeFolder(dir, shown);
  for (const f of files) {
    const folder = path.posix.dirname(f);
    const into = folder === '.' ? dir : await makeFoldersInside(dir, folder, shown);
    // a temporary file renamed over the name: never written through whatever has the name
    await replaceFile(path.join(into, path.posix.basename(f)), await fs.readFile(path.join(BUILTIN_DIR, ...f.split('/'))), shown);
  }
  o.stdout(`weekly templates eject: copied ${files.length} templates and locale files to ${rel}; edit them and build with \`weekly build --templates ${rel}\`\n`);
  return EXIT.ok;
}
