import { Argument, Command, CommanderError, Option } from 'commander';
import { createRequire } from 'node:module';
import { ExitError, EXIT } from './core/errors.js';
import { terminalSafe } from './core/printable.js';
import type { ProgressStream } from './cli/progress.js';
import type { NoteCache } from './app/load.js';

const require = createRequire(import.meta.url);
const pkg = require('../package.json') as { version: string };

/** Where a command writes; tests pass their own. */
export interface Io {
  cwd: string;
  stdout: (s: string) => void;
  stderr: (s: string) => void;
  isTTY: boolean;
  /** The clock of `weekly new` and of watch mode (tests pass a fixed one). */
  now?: () => Date;
  /** Where the progress bar is drawn (the CLI: stderr; none in tests unless given). */
  progress?: ProgressStream;
  /** How long a run goes before the bar appears (default one second). */
  progressDelayMs?: number;
  /** The environment (`CI` turns the progress bar off); default `process.env`. */
  env?: Record<string, string | undefined>;
  /** Ends `--watch` (the CLI: Ctrl-C). */
  signal?: AbortSignal;
}

const defaultIo = (): Io => ({
  cwd: process.cwd(),
  stdout: (s) => process.stdout.write(s),
  // errors name files and quote notes; nothing weekly means as a terminal control goes to stderr this way
  stderr: (s) => process.stderr.write(terminalSafe(s)),
  isTTY: Boolean(process.stdout.isTTY),
  progress: process.stderr,
});

/** Build the commander program; each action lazily imports its command so `--help` stays fast. */
export function buildProgram(io: Io, setCode: (code: number) => void): Command {
  const program = new Command();
  program
    .name('weekly')
    .description('Markdown-first report compiler: parse, lint and compile weekly notes into summaries.')
    .version(pkg.version, '-v, --version')
    .exitOverride()
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr })
    .showHelpAfterError('(run `weekly --help` for usage)');

  program
    .command('parse')
    .description('print the report model of each note (JSON or YAML)')
    .argument('<file...>', 'note files')
    .addOption(new Option('-f, --format <format>', 'output format').choices(['json', 'yaml']).default('json'))
    .addOption(new Option('--encoding <encoding>', 'text encoding of the notes').choices(['utf8', 'gbk']).default('utf8'))
    .addOption(new Option('--week-numbering <numbering>', 'week numbering').choices(['auto', 'iso', 'jan1']).default('auto'))
    .action(async (files: string[], o: { format: 'json' | 'yaml'; encoding: 'utf8' | 'gbk'; weekNumbering: 'auto' | 'iso' | 'jan1' }) => {
      const { parseCommand } = await import('./app/parse.js');
      setCode(await parseCommand({ cwd: io.cwd, files, format: o.format, encoding: o.encoding, weekNumbering: o.weekNumbering, stdout: io.stdout, stderr: io.stderr }));
    });

  program
    .command('schema')
    .description('print the JSON Schema of the report model')
    .action(async () => {
      const { schemaCommand } = await import('./app/schema.js');
      setCode(await schemaCommand({ stdout: io.stdout }));
    });

  program
    .command('lint')
    .description('check notes: sections, metrics, ratios, weeks and incidents (exit 0 clean, 1 errors, 2 could not run)')
    .argument('[inputs...]', 'files, folders and globs (default: the config\'s `notes`, else `.`)')
    .option('-c, --config <file>', 'config file (default: weekly.config.yaml/.yml/.json, found upward)')
    .addOption(new Option('-f, --format <format>', 'output format').choices(['stylish', 'json', 'sarif', 'github', 'unix']).default('stylish'))
    .option('-o, --output-file <file>', 'write the report to a file (atomically) instead of stdout')
    .option('--max-warnings <n>', 'exit 1 when there are more warnings than this', (v: string) => Number(v))
    .option('--quiet', 'report errors only')
    .option('--fix', 'apply unambiguous fixes to the notes')
    .option('--fix-dry-run', 'print the fixes as a unified diff; write nothing')
    .option('--baseline <file>', 'report only problems not in this baseline')
    .option('--write-baseline <file>', 'write every current problem to a baseline file, and exit 0')
    .option('--cache', 'reuse parsed notes whose bytes, config and weekly version are unchanged')
    .option('--cache-location <path>', 'cache file or folder (default .weekly-cache/lint.json)')
    .option('--rule <id:severity...>', 'override a rule\'s severity, e.g. `missing-week:off`')
    .option('-w, --watch', 'lint again whenever a note, the config or the baseline changes, with the cache (Ctrl-C to stop)')
    .action(async (inputs: string[], { watch, ...o }: { config?: string; format: string; outputFile?: string; maxWarnings?: number; quiet?: boolean; fix?: boolean; fixDryRun?: boolean; baseline?: string; writeBaseline?: string; cache?: boolean; cacheLocation?: string; rule?: string[]; watch?: boolean }) => {
      const { lintCommand } = await import('./app/lint.js');
      const once = (cache = o.cache) =>
        withProgress(io, 'reading notes', o.quiet, (p) => lintCommand({ ...o, cache, cwd: io.cwd, inputs, color: io.isTTY, version: pkg.version, ...p }));
      if (!watch) return setCode(await once());
      if (o.fix || o.fixDryRun || o.writeBaseline) throw new ExitError('weekly lint: --watch cannot be used with --fix, --fix-dry-run or --write-baseline (they write files it watches)', EXIT.failure);
      setCode(await watchMode(io, { kind: 'lint', inputs, config: o.config, baseline: o.baseline }, () => once(true)));
    });

  program
    .command('build')
    .description('compile notes into monthly, quarterly and annual summaries and a 述职 draft (exit 0 written, 1 --strict and errors, 2 could not build)')
    .argument('[inputs...]', 'note files, folders and globs (default: the config\'s `notes`)')
    .option('-o, --out <dir>', 'output folder (default: build.out, else dist)')
    .addOption(new Option('--locale <locale>', 'language of the summaries (default: build.locale, else zh)').choices(['zh', 'en']))
    .option('-t, --templates <dir>', 'folder of templates overriding the built-in ones by file name')
    .option('-c, --config <file>', 'config file (default: weekly.config.yaml/.yml/.json, found upward)')
    .option('--strict', 'exit 1 when any note has errors (the outputs are still written)')
    .option('--force', 'overwrite files in the output folder that weekly did not write')
    .addOption(new Option('-f, --format <format>', 'md, html (a static site with charts, readable offline) or both (the site in html/) (default: build.format, else md)').choices(['md', 'html', 'both']))
    .option('-q, --quiet', 'print only problems: no progress bar, no summary line')
    .option('--cache', 'reuse the models of notes whose bytes, config and weekly version are unchanged')
    .option('--cache-location <path>', 'cache folder, shared with lint (default .weekly-cache/; models in models/)')
    .option('-w, --watch', 'build again whenever a note, the config or a template changes (Ctrl-C to stop)')
    .action(async (inputs: string[], { watch, ...o }: { out?: string; locale?: 'zh' | 'en'; templates?: string; config?: string; strict?: boolean; force?: boolean; format?: 'md' | 'html' | 'both'; quiet?: boolean; cache?: boolean; cacheLocation?: string; watch?: boolean }) => {
      const { buildCommand } = await import('./app/build.js');
      const once = (noteCache?: NoteCache) => withProgress(io, 'reading notes', o.quiet, (p) => buildCommand({ ...o, cwd: io.cwd, inputs, noteCache, version: pkg.version, ...p }));
      if (!watch) return setCode(await once());
      setCode(await watchMode(io, { kind: 'build', inputs, config: o.config, out: o.out, templates: o.templates }, once));
    });

  program
    .command('templates')
    .description('work with the summary templates')
    .command('eject')
    .description('copy the built-in templates into a folder for editing (use with `weekly build --templates DIR`)')
    .argument('[dir]', 'folder to copy into', 'weekly-templates')
    .option('--force', 'overwrite templates already there')
    .action(async (dir: string, o: { force?: boolean }) => {
      const { ejectCommand } = await import('./app/templates.js');
      setCode(await ejectCommand({ cwd: io.cwd, dir, force: o.force, stdout: io.stdout, stderr: io.stderr }));
    });

  addEverydayCommands(program, io, setCode);

  return program;
}

/** `init`, `new`, `metrics` and `completion`: the commands of every week rather than of month end. */
function addEverydayCommands(program: Command, io: Io, setCode: (code: number) => void): void {
  program
    .command('init')
    .description('write a commented weekly.config.yaml and a .weeklyignore (exit 1, writing nothing, when one exists)')
    .addOption(new Option('--ci <provider>', 'also write a CI workflow that lints the notes').choices(['github']))
    .action(async (o: { ci?: string }) => {
      const { initCommand } = await import('./app/init.js');
      setCode(await initCommand({ cwd: io.cwd, ci: o.ci, stdout: io.stdout, stderr: io.stderr }));
    });

  program
    .command('new')
    .description("create this week's note, carrying over last week's plan and open work items; prints its path (exit 1 when the week has a note)")
    .option('-d, --dir <dir>', "notes folder (default: the config's `notes`, else .)")
    .option('--date <YYYY-MM-DD>', 'write the note of the week holding this day (default: today)')
    .option('-t, --templates <dir>', 'folder holding a note.md.hbs to use instead of the built-in one (default: build.templates)')
    .option('-c, --config <file>', 'config file (default: weekly.config.yaml/.yml/.json, found upward)')
    .action(async (o: { dir?: string; date?: string; templates?: string; config?: string }) => {
      const { newCommand } = await import('./app/new.js');
      setCode(await newCommand({ ...o, cwd: io.cwd, now: io.now, stdout: io.stdout, stderr: io.stderr }));
    });

  program
    .command('metrics')
    .description('print each metric week by week: a table with sparklines, last value, min, max and target attainment; or CSV, JSON')
    .argument('[dir]', "notes folder (default: the config's `notes`, else .)")
    .option('-m, --metric <name>', 'only this metric (by name or alias; repeatable)', (v: string, prev: string[] = []) => [...prev, v])
    .option('--from <week>', 'first week: YYYY-MM-DD (the week holding it) or YYYY-Www')
    .option('--to <week>', 'last week: YYYY-MM-DD (the week holding it) or YYYY-Www')
    .addOption(new Option('-f, --format <format>', 'output format').choices(['table', 'csv', 'json']).default('table'))
    .option('-c, --config <file>', 'config file (default: weekly.config.yaml/.yml/.json, found upward)')
    .action(async (dir: string | undefined, o: { metric?: string[]; from?: string; to?: string; format: string; config?: string }) => {
      const { metricsCommand } = await import('./app/metrics.js');
      setCode(await withProgress(io, 'reading notes', false, (p) => metricsCommand({ ...o, dir, cwd: io.cwd, ...p })));
    });

  program
    .command('completion')
    .description('print a shell completion script (bash: source <(weekly completion bash); zsh: source <(weekly completion zsh))')
    .addArgument(new Argument('<shell>', 'the shell').choices(['bash', 'zsh']))
    .action(async (shell: 'bash' | 'zsh') => {
      const { bashCompletion, describeProgram, zshCompletion } = await import('./cli/completion.js');
      const spec = describeProgram(program);
      io.stdout(shell === 'bash' ? bashCompletion(spec) : zshCompletion(spec));
      setCode(EXIT.ok);
    });
}

/** Where a command writes, with a progress callback: a bar on the progress stream when it is a TTY, outside CI and without --quiet; any output clears it first. */
async function withProgress<T>(
  io: Io,
  label: string,
  quiet: boolean | undefined,
  fn: (p: { onProgress?: (done: number, total: number) => void; stdout: (s: string) => void; stderr: (s: string) => void }) => Promise<T>,
): Promise<T> {
  const { createProgress } = await import('./cli/progress.js');
  const bar = createProgress({ stream: io.progress, env: io.env ?? process.env, quiet, label, delayMs: io.progressDelayMs });
  if (!bar.enabled) return fn({ stdout: io.stdout, stderr: io.stderr });
  const clearing = (write: (s: string) => void) => (s: string) => {
    bar.clear();
    write(s);
  };
  try {
    return await fn({ onProgress: (d, t) => bar.update(d, t), stdout: clearing(io.stdout), stderr: clearing(io.stderr) });
  } finally {
    bar.clear();
  }
}

/** `--watch`: repeat `once` on changes until Ctrl-C (or `io.signal`); exit 0 then. */
async function watchMode(io: Io, what: { kind: 'lint' | 'build'; inputs: string[]; config?: string; out?: string; templates?: string; baseline?: string }, once: (cache: NoteCache) => Promise<number>): Promise<number> {
  const { watchCommand } = await import('./cli/watch.js');
  let signal = io.signal;
  let release = () => {};
  if (!signal) {
    const ac = new AbortController();
    const stop = () => ac.abort();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
    release = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
    };
    signal = ac.signal;
  }
  try {
    return await watchCommand({ ...what, cwd: io.cwd, run: once, signal, now: io.now, stdout: io.stdout, stderr: io.stderr });
  } finally {
    release();
  }
}

/** Run the CLI with `argv` (as `process.argv`); resolves to the exit code. Never throws. */
export async function run(argv: string[], io: Io = defaultIo()): Promise<number> {
  let code: number = EXIT.ok;
  const program = buildProgram(io, (c) => {
    code = c;
  });
  try {
    await program.parseAsync(argv);
    return code;
  } catch (err) {
    if (err instanceof CommanderError) {
      if (err.code === 'commander.helpDisplayed' || err.code === 'commander.version' || err.code === 'commander.help') return EXIT.ok;
      return EXIT.failure;
    }
    if (err instanceof ExitError) {
      if (err.message) io.stderr(`${err.message}\n`);
      return err.code;
    }
    // a bug in weekly, not in the notes: say so plainly, with the one line that helps a bug report
    io.stderr(`weekly: internal error: ${(err as Error)?.message ?? String(err)}\nPlease report it with the command you ran.\n`);
    if (process.env.WEEKLY_DEBUG) io.stderr(`${(err as Error)?.stack}\n`);
    return EXIT.failure;
  }
}
