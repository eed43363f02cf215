import { promises as fs } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { CONFIG_NAMES } from '../io/config-file.js';
import { EXIT, WeeklyError } from '../core/errors.js';
import { parseWeekName } from '../core/parse/fields.js';
import { readWhen } from '../core/parse/when.js';
import { configYaml, githubWorkflow, INIT_FILES, learnDialect, weeklyIgnore, type Dialect } from '../core/scaffold.js';
import { makeFoldersInside, writeNew } from '../io/write-new.js';
import { loadNotes } from './load.js';
import { resolveWorkspace } from './workspace.js';

/** Options of `weekly init`. */
export interface InitOptions {
  cwd: string;
  /** Also write a CI workflow: `github`. */
  ci?: string;
  stdout: (s: string) => void;
  stderr: (s: string) => void;
}

/** The example workflow shipped with the package. */
const EXAMPLE_WORKFLOW = fileURLToPath(new URL('../../examples/ci/github-workflow.yml', import.meta.url));

// lstat, not access: a link to nowhere is taken too (writing would fail on it after the other files were written)
const taken = (p: string) =>
  fs.lstat(p).then(
    () => true,
    () => false,
  );

/**
 * The notes folder to name in the config: `notes/` when there is one, `.` when notes lie here already (in this
 * folder or below it: a year folder, a Notion export's page folder), else `notes` to make.
 */
async function guessNotesFolder(cwd: string): Promise<{ notes: string; dialect: Dialect | null }> {
  let entries: import('node:fs').Dirent[];
  try {
    entries = await fs.readdir(cwd, { withFileTypes: true });
  } catch {
    return { notes: 'notes', dialect: null };
  }
  if (entries.some((e) => e.isDirectory() && e.name === 'notes')) return { notes: 'notes', dialect: await readDialect(cwd, 'notes') };
  const named = (name: string) => parseWeekName(name) !== null || readWhen(name.replace(/\.(md|markdown)$/i, ''), { order: 'ymd', sixDigits: true }).length > 0;
  const here = entries.some((e) => (e.isFile() && /\.(md|markdown)$/i.test(e.name) && named(e.name)) || (e.isDirectory() && /^(19|20)\d{2}$/.test(e.name)));
  // notes further down, or named otherwise: what the parser reads as weekly notes decides
  const dialect = await readDialect(cwd, '.');
  return here || dialect ? { notes: '.', dialect } : { notes: 'notes', dialect: null };
}

/** The dialect of the notes in `notes` (relative to `cwd`), or null when there are none to learn from. */
async function readDialect(cwd: string, notes: string): Promise<Dialect | null> {
  try {
    // the defaults, not a config found above: init states what the notes are, not what a parent folder says
    const ws = await resolveWorkspace({ cwd, inputs: [notes], allowEmpty: true, config: undefined });
    if (!ws.files.length) return null;
    const { reports } = await loadNotes(ws.files, { cwd, config: {} });
    const dialect = learnDialect(reports);
    return dialect.notes > 0 ? dialect : null;
  } catch {
    // a folder that cannot be read gives the reference defaults: init still writes a config to start from
    return null;
  }
}

/**
 * `weekly init [--ci github]`: write a commented `weekly.config.yaml`, a `.weeklyignore` and, with `--ci github`,
 * `.github/workflows/weekly.yml`. All or nothing: when any of them (or another config file) exists, nothing
 * is written, the existing files are named, and the exit code is 1.
 */
export async function initCommand(o: InitOptions): Promise<number> {
  if (o.ci !== undefined && o.ci !== 'github') throw new WeeklyError(`--ci \`${o.ci}\`: expected \`github\``);
  const { notes, dialect } = await guessNotesFolder(o.cwd);
  const files = new Map<string, string>();
  files.set(INIT_FILES.config, configYaml({ notes, dialect: dialect ?? undefined }));
  files.set(INIT_FILES.ignore, weeklyIgnore());
  if (o.ci === 'github') {
    let example: string;
    try {
      example = await fs.readFile(EXAMPLE_WORKFLOW, 'utf8');
    } catch {
      throw new WeeklyError(`the example workflow is missing from the installed package (${EXAMPLE_WORKFLOW})`);
    }
    files.set(INIT_FILES.github, githubWorkflow(example, JSON.parse(await fs.readFile(new URL('../../package.json', import.meta.url), 'utf8'))));
  }

  // another config name counts too: a second config file would silently lose to the first
  const existing: string[] = [];
  for (const rel of [...files.keys(), ...CONFIG_NAMES.filter((n) => n !== INIT_FILES.config)]) {
    if (await taken(path.join(o.cwd, rel))) existing.push(rel);
  }
  if (existing.length) {
    o.stderr(`weekly init: ${existing.join(', ')} already exist${existing.length === 1 ? 's' : ''}; nothing was written (remove or rename ${existing.length === 1 ? 'it' : 'them'} to start over)\n`);
    return EXIT.problems;
  }
  // the workflow's folders: a `.github` link leading out of this folder is refused before anything is written
  if (files.has(INIT_FILES.github)) {
    const outside = await linkOut(o.cwd, path.dirname(INIT_FILES.github));
    if (outside) throw new WeeklyError(`${outside} is a symbolic link leading outside this folder: nothing was written (the workflow would be written through it)`, 'output');
    await makeFoldersInside(o.cwd, path.dirname(INIT_FILES.github), (p) => path.relative(o.cwd, p) || '.', 'this folder');
  }

  const written: string[] = [];
  for (const [rel, text] of files) {
    const created = await writeNew(path.join(o.cwd, rel), text);
    // another process created it meanwhile: keep theirs, say so
    if (!created) {
      o.stderr(`weekly init: ${rel} appeared while writing; left as it is\n`);
      return EXIT.problems;
    }
    written.push(rel);
  }
  for (const rel of written) o.stdout(`created ${rel}\n`);
  if (dialect) o.stdout(describeDialect(dialect));
  o.stdout(`Next: keep the notes in ${notes === '.' ? 'this folder' : `${notes}/`}, run \`weekly new\` for this week's note and \`weekly lint\` to check them.\n`);
  return EXIT.ok;
}

/** The first of the folders of `rel` (below `cwd`) that is a symbolic link whose target lies outside `cwd`, as shown; else null. */
async function linkOut(cwd: string, rel: string): Promise<string | null> {
  const real = await fs.realpath(cwd);
  let at = cwd;
  for (const name of rel.split('/')) {
    at = path.join(at, name);
    const st = await fs.lstat(at).catch(() => null);
    if (!st) return null;
    if (!st.isSymbolicLink()) continue;
    const target = await fs.realpath(at).catch(() => null);
    if (!target || !(target === real || target.startsWith(real + path.sep))) return path.relative(cwd, at);
  }
  return null;
}

/** What init learned, in a few lines. */
function describeDialect(d: Dialect): string {
  const kinds = Object.entries(d.sections).map(([id, s]) => `${id} (${s!.seen.join(', ')})`);
  const lines = [`learned from ${d.notes} note${d.notes === 1 ? '' : 's'}${d.skipped ? `, ${d.skipped} other file${d.skipped === 1 ? '' : 's'} skipped` : ''}: ${d.cadence}, week numbering ${d.weekNumbering}${d.dateOrder ? `, dates ${d.dateOrder}` : ''}`];
  if (kinds.length) lines.push(`  sections: ${kinds.join('; ')}`);
  lines.push(`  required: ${d.required.length ? d.required.join(', ') : 'none'}`);
  if (d.unknown.length) lines.push(`  headings of no known kind: ${d.unknown.slice(0, 6).map((u) => `${u.title} ×${u.count}`).join(', ')}`);
  return `${lines.join('\n')}\n`;
}
