import { promises as fs, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { compileLocale, LOCALE_NAME, type Locale, type LocaleFile } from '../core/render/locale.js';
import { checkTemplateName, compileTemplates, TEMPLATE_NAMES, TemplateError, type TemplateSet, type TemplateSource } from '../core/render/templates.js';
import { ReadError, readTextFile } from './read.js';

export { boundedHandlebars, checkTemplateName, RENDER_LIMITS, TEMPLATE_NAMES, TemplateError } from '../core/render/templates.js';
export type { TemplateName, TemplateSet } from '../core/render/templates.js';

/** The built-in templates at the package root: `templates/*.md.hbs`, `partials/`, and one strings file per locale in `locales/`. */
export const BUILTIN_DIR = fileURLToPath(new URL('../../templates/', import.meta.url));

const EXT = '.md.hbs';
const LOCALE_EXT = '.yaml';

async function readDir(dir: string): Promise<string[]> {
  try {
    return (await fs.readdir(dir)).sort();
  } catch {
    return [];
  }
}

function readDirSync(dir: string): string[] {
  try {
    return readdirSync(dir).sort();
  } catch {
    return [];
  }
}

/** Size above which a template, a partial or a locale file is refused: the built-in ones are a few KB each. */
export const MAX_TEMPLATE_BYTES = 8 * 1024 * 1024;

/**
 * A template, partial or locale file's text, or null when there is none: read as a regular file of bounded size,
 * so a FIFO blocks nothing and a link to `/dev/zero` is not read to the end of memory. Any other failure is a
 * `TemplateError` naming the file.
 */
async function readIf(file: string, shown: string): Promise<string | null> {
  try {
    return (await readTextFile(file, MAX_TEMPLATE_BYTES)).toString('utf8');
  } catch (err) {
    if (err instanceof ReadError && err.code === 'ENOENT') return null;
    throw new TemplateError((err as Error).message, shown, null);
  }
}

/** A template or partial listed in its folder: there, or an error naming it. */
async function readListed(file: string, shown: string): Promise<string> {
  const text = await readIf(file, shown);
  if (text === null) throw new TemplateError('no such file (a symbolic link to nothing?)', shown, null);
  return text;
}

const localesIn = (dir: string) => readDirSync(path.join(dir, 'locales')).filter((f) => f.endsWith(LOCALE_EXT) && LOCALE_NAME.test(f.slice(0, -LOCALE_EXT.length))).map((f) => f.slice(0, -LOCALE_EXT.length));

/**
 * The locales `build` can render in, sorted: one per `templates/locales/<name>.yaml`, and with a user's
 * template folder, one per `DIR/locales/<name>.yaml` too (`--locale` and `build.locale` take these names).
 */
export function localeNames(userDir?: string | null, cwd: string = process.cwd()): Locale[] {
  const names = new Set(localesIn(BUILTIN_DIR));
  if (userDir) for (const n of localesIn(path.resolve(cwd, userDir))) names.add(n);
  return [...names].sort();
}

/**
 * Read the built-in templates, partials and the strings of `locale`, then let the user's folder override any
 * template or partial by file name (`DIR/monthly.md.hbs`, `DIR/partials/metric-table.md.hbs`) and any string
 * (`DIR/locales/zh.yaml`, merged over the built-in file). A user's folder may add partials and locales of its own.
 */
export async function loadTemplates(opts: { locale: Locale; userDir?: string | null; cwd: string }): Promise<TemplateSet> {
  const warnings: string[] = [];
  const shownBuiltin = (f: string) => `templates/${path.relative(BUILTIN_DIR, f).split(path.sep).join('/')} (built-in)`;
  const shownUser = (f: string) => path.relative(opts.cwd, f).split(path.sep).join('/') || f;
  const templates = new Map<string, TemplateSource>();
  const partials = new Map<string, TemplateSource>();

  for (const name of TEMPLATE_NAMES) {
    const f = path.join(BUILTIN_DIR, `${name}${EXT}`);
    const text = await readIf(f, shownBuiltin(f));
    if (text === null) throw new TemplateError(`built-in template missing: ${f}`, shownBuiltin(f), null);
    templates.set(name, { name, shown: shownBuiltin(f), text });
  }
  for (const file of await readDir(path.join(BUILTIN_DIR, 'partials'))) {
    if (!file.endsWith(EXT)) continue;
    const f = path.join(BUILTIN_DIR, 'partials', file);
    partials.set(file.slice(0, -EXT.length), { name: file.slice(0, -EXT.length), shown: shownBuiltin(f), text: await readListed(f, shownBuiltin(f)) });
  }

  const userDir = opts.userDir ? path.resolve(opts.cwd, opts.userDir) : null;
  if (userDir) {
    let stat;
    try {
      stat = await fs.stat(userDir);
    } catch {
      stat = null;
    }
    if (!stat?.isDirectory()) throw new TemplateError(`no such template folder`, shownUser(userDir), null);
    for (const file of await readDir(userDir)) {
      if (!file.endsWith(EXT)) continue;
      const name = file.slice(0, -EXT.length);
      // note.md.hbs is the template of `weekly new`, kept in the same folder
      if (name === 'note') continue;
      if (!(TEMPLATE_NAMES as readonly string[]).includes(name)) {
        warnings.push(`${shownUser(path.join(userDir, file))}: not a template weekly renders (${TEMPLATE_NAMES.map((n) => n + EXT).join(', ')}); partials go in partials/`);
        continue;
      }
      const f = path.join(userDir, file);
      templates.set(name, { name, shown: shownUser(f), text: await readListed(f, shownUser(f)) });
    }
    for (const file of await readDir(path.join(userDir, 'partials'))) {
      if (!file.endsWith(EXT)) continue;
      const name = file.slice(0, -EXT.length);
      const f = path.join(userDir, 'partials', file);
      try {
        checkTemplateName(name);
      } catch (err) {
        throw new TemplateError((err as Error).message, shownUser(f), null);
      }
      partials.set(name, { name, shown: shownUser(f), text: await readListed(f, shownUser(f)) });
    }
    // the folder `templates eject` wrote before the templates were one set: its English files are not read
    const old = path.join(userDir, 'en');
    if ((await readDir(old)).some((f) => f.endsWith(EXT))) {
      warnings.push(`${shownUser(old)}: not read: the templates are one set for every locale, their words in locales/<locale>.yaml (weekly templates eject shows the layout)`);
    }
  }

  const locales: LocaleFile[] = [];
  if (LOCALE_NAME.test(opts.locale)) {
    const builtin = path.join(BUILTIN_DIR, 'locales', `${opts.locale}${LOCALE_EXT}`);
    const text = await readIf(builtin, shownBuiltin(builtin));
    if (text !== null) locales.push({ text, shown: shownBuiltin(builtin) });
    if (userDir) {
      const user = path.join(userDir, 'locales', `${opts.locale}${LOCALE_EXT}`);
      const own = await readIf(user, shownUser(user));
      if (own !== null) locales.push({ text: own, shown: shownUser(user) });
    }
  }
  if (!locales.length) {
    const where = userDir ? `templates/locales/ or ${shownUser(path.join(userDir, 'locales'))}/` : 'templates/locales/';
    throw new TemplateError(`no locale \`${opts.locale}\`: the locales are ${localeNames(userDir, opts.cwd).join(', ')} (one <name>.yaml file each in ${where})`, userDir ? shownUser(path.join(userDir, 'locales')) : 'templates/locales (built-in)', null);
  }
  const locale = compileLocale(opts.locale, locales);
  return compileTemplates([...templates.values()], [...partials.values()], locale, warnings);
}

/** Every built-in template and locale file, relative to the built-in folder (for `templates eject`). */
export async function builtinFiles(): Promise<string[]> {
  const out: string[] = [];
  const walk = async (rel: string) => {
    for (const e of (await fs.readdir(path.join(BUILTIN_DIR, rel), { withFileTypes: true })).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const r = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) await walk(r);
      else if (e.name.endsWith(EXT) || (rel === 'locales' && e.name.endsWith(LOCALE_EXT))) out.push(r);
    }
  };
  await walk('');
  return out;
}
