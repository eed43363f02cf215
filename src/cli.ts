import { Command } from 'commander';
import { createRequire } from 'node:module';
import { terminalSafe } from './core/printable.js';
import { buildCommand } from './cli/build.js';
import { endingOf } from './cli/errors.js';
import { completionCommand, initCommand, schemaCommand, templatesCommand } from './cli/everyday.js';
import type { Context, Io } from './cli/io.js';
import { lintCommand } from './cli/lint.js';
import { metricsCommand } from './cli/metrics.js';
import { newCommand } from './cli/new.js';
import { parseCommand } from './cli/parse.js';

export type { Io } from './cli/io.js';

const require = createRequire(import.meta.url);
const pkg = require('../package.json') as { version: string };

/** A stream write that ends quietly when the reader went away (`weekly parse … | head -1`), instead of an EPIPE trace. */
function pipeSafe(stream: NodeJS.WriteStream, transform: (s: string) => string = (s) => s): (s: string) => void {
  let closed = false;
  stream.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code !== 'EPIPE') throw err;
    closed = true;
    // nothing more can be read: end now, as `cat` does, with the exit code of a closed pipe
    process.exit(process.exitCode ?? 0);
  });
  return (s) => {
    if (!closed) stream.write(transform(s));
  };
}

const defaultIo = (): Io => ({
  cwd: process.cwd(),
  stdout: pipeSafe(process.stdout),
  // errors name files and quote notes; nothing weekly means as a terminal control goes to stderr this way
  stderr: pipeSafe(process.stderr, terminalSafe),
  isTTY: Boolean(process.stdout.isTTY),
  progress: process.stderr,
});

/** Build the commander program: one file per command in `src/cli/`, each importing its use case when it runs, so `--help` stays fast. */
export function buildProgram(io: Io, setCode: (code: number) => void): Command {
  const program = new Command();
  program
    .name('weekly')
    .description('Markdown-first report compiler: parse, lint and compile weekly notes into summaries.')
    .version(pkg.version, '-v, --version')
    .exitOverride()
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr })
    .showHelpAfterError('(run `weekly --help` for usage)');
  const ctx: Context = { io, version: pkg.version, setCode };
  for (const add of [parseCommand, schemaCommand, lintCommand, buildCommand, templatesCommand, initCommand, newCommand, metricsCommand, completionCommand]) add(program, ctx);
  return program;
}

/** Run the CLI with `argv` (as `process.argv`); resolves to the exit code. Never throws. */
export async function run(argv: string[], io: Io = defaultIo()): Promise<number> {
  let code = 0;
  const program = buildProgram(io, (c) => {
    code = c;
  });
  try {
    await program.parseAsync(argv);
    return code;
  } catch (err) {
    const command = argv.slice(2).find((a) => !a.startsWith('-')) ?? null;
    const known = command && program.commands.some((c) => c.name() === command) ? command : null;
    const ending = endingOf(err, known === 'templates' ? 'templates eject' : known, Boolean(process.env.WEEKLY_DEBUG));
    if (ending.message) io.stderr(ending.message);
    return ending.code;
  }
}
