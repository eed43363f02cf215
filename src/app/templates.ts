import { promises as fs } from 'node:fs';
import path from 'node:path';
import { EXIT, ExitError } from '../core/errors.js';
import { BUILTIN_DIR, builtinFiles } from '../io/templates.js';

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
 * then uses them. Existing files are not overwritten without `--force`.
 */
export async function ejectCommand(o: EjectOptions): Promise<number> {
  const rel = o.dir ?? DEFAULT_EJECT_DIR;
  const dir = path.resolve(o.cwd, rel);
  const files = await builtinFiles();
  const existing: string[] = [];
  for (const f of files) {
    try {
      await fs.access(path.join(dir, f));
      existing.push(f);
    } catch {
      // not there: fine
    }
  }
  if (existing.length && !o.force) {
    throw new ExitError(`weekly templates eject: ${rel} already has ${existing.slice(0, 3).join(', ')}${existing.length > 3 ? ` and ${existing.length - 3} more` : ''}; use --force to overwrite`, EXIT.failure);
  }
  for (const f of files) {
    const target = path.join(dir, ...f.split('/'));
    await fs.mkdir(path.dirname(target), { recursive: true });
    await fs.copyFile(path.join(BUILTIN_DIR, ...f.split('/')), target);
  }
  o.stdout(`weekly templates eject: copied ${files.length} templates and locale files to ${rel}; edit them and build with \`weekly build --templates ${rel}\`\n`);
  return EXIT.ok;
}
