import { promises as fs } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { CONFIG_NAMES } from '../io/config-file.js';
import { EXIT, WeeklyError } from '../core/errors.js';
import { parseWeekName } from '../core/parse/fields.js';
import { configYaml, githubWorkflow, INIT_FILES, weeklyIgnore } from '../core/scaffold.js';
import { writeNew } from '../io/write-new.js';

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

const exists = (p: string) =>
  fs.access(p).then(
    () => true,
    () => false,
  );

/** The notes folder to name in the config: `notes/` when there is one, `.` when notes lie here already. */
async function guessNotesFolder(cwd: string): Promise<string> {
  let entries: import('node:fs').Dirent[];
  try {
    entries = await fs.readdir(cwd, { withFileTypes: true });
  } catch {
    return 'notes';
  }
  if (entries.some((e) => e.isDirectory() && e.name === 'notes')) return 'notes';
  const here = entries.some((e) => (e.isFile() && /\.(md|markdown)$/i.test(e.name) && parseWeekName(e.name) !== null) || (e.isDirectory() && /^(19|20)\d{2}$/.test(e.name)));
  return here ? '.' : 'notes';
}

/**
 * `weekly init [--ci github]`: write a commented `weekly.config.yaml`, a `.weeklyignore` and, with `--ci github`,
 * `.github/workflows/weekly.yml`. All or nothing: when any of them (or another config file) exists, nothing
 * is written, the existing files are named, and the exit code is 1.
 */
export async function initCommand(o: InitOptions): Promise<number> {
  if (o.ci !== undefined && o.ci !== 'github') throw new WeeklyError(`--ci \`${o.ci}\`: expected \`github\``);
  const notes = await guessNotesFolder(o.cwd);
  const files = new Map<string, string>();
  files.set(INIT_FILES.config, configYaml({ notes }));
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
  const taken: string[] = [];
  for (const rel of [...files.keys(), ...CONFIG_NAMES.filter((n) => n !== INIT_FILES.config)]) {
    if (await exists(path.join(o.cwd, rel))) taken.push(rel);
  }
  if (taken.length) {
    o.stderr(`weekly init: ${taken.join(', ')} already exist${taken.length === 1 ? 's' : ''}; nothing was written (remove or rename ${taken.length === 1 ? 'it' : 'them'} to start over)\n`);
    return EXIT.problems;
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
  o.stdout(`Next: keep the notes in ${notes === '.' ? 'this folder' : `${notes}/`}, run \`weekly new\` for this week's note and \`weekly lint\` to check them.\n`);
  return EXIT.ok;
}
