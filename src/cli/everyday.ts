import { Argument, Option, type Command } from 'commander';
import { EXIT } from '../core/errors.js';
import type { Context } from './io.js';

/** `weekly init`: write a commented config, a `.weeklyignore` and a CI workflow; exit 1, writing nothing, when one exists. */
export function initCommand(program: Command, ctx: Context): void {
  program
    .command('init')
    .description('write a commented weekly.config.yaml and a .weeklyignore (exit 1, writing nothing, when one exists)')
    .addOption(new Option('--ci <provider>', 'also write a CI workflow that lints the notes').choices(['github']))
    .action(async (o: { ci?: string }) => {
      const { initCommand: init } = await import('../app/init.js');
      ctx.setCode(await init({ cwd: ctx.io.cwd, ci: o.ci, stdout: ctx.io.stdout, stderr: ctx.io.stderr }));
    });
}

/** `weekly templates eject`: copy the built-in templates into a folder for editing. */
export function templatesCommand(program: Command, ctx: Context): void {
  program
    .command('templates')
    .description('work with the summary templates')
    .command('eject')
    .description('copy the built-in templates into a folder for editing (use with `weekly build --templates DIR`)')
    .argument('[dir]', 'folder to copy into', 'weekly-templates')
    .option('--force', 'overwrite templates already there')
    .action(async (dir: string, o: { force?: boolean }) => {
      const { ejectCommand } = await import('../app/templates.js');
      ctx.setCode(await ejectCommand({ cwd: ctx.io.cwd, dir, force: o.force, stdout: ctx.io.stdout, stderr: ctx.io.stderr }));
    });
}

/** `weekly schema`: print the JSON Schema of the report model. */
export function schemaCommand(program: Command, ctx: Context): void {
  program
    .command('schema')
    .description('print the JSON Schema of the report model')
    .action(async () => {
      const { reportJsonSchema } = await import('../core/model.js');
      ctx.io.stdout(`${JSON.stringify(reportJsonSchema(), null, 2)}\n`);
      ctx.setCode(EXIT.ok);
    });
}

/** `weekly completion bash|zsh`: print a shell completion script for the program's commands and options. */
export function completionCommand(program: Command, ctx: Context): void {
  program
    .command('completion')
    .description('print a shell completion script (bash: source <(weekly completion bash); zsh: source <(weekly completion zsh))')
    .addArgument(new Argument('<shell>', 'the shell').choices(['bash', 'zsh']))
    .action(async (shell: 'bash' | 'zsh') => {
      const { bashCompletion, describeProgram, zshCompletion } = await import('./completion.js');
      const spec = describeProgram(program);
      ctx.io.stdout(shell === 'bash' ? bashCompletion(spec) : zshCompletion(spec));
      ctx.setCode(EXIT.ok);
    });
}
