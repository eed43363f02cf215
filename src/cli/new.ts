import type { Command } from 'commander';
import { EXIT } from '../core/errors.js';
import { configOption, encodingOption } from './options.js';
import { plural, type Context } from './io.js';

/** `weekly new`: print the new note's path; exit 1 when the week already has a note (nothing written), 2 when it cannot run. */
export function newCommand(program: Command, ctx: Context): void {
  program
    .command('new')
    .description("create this week's note, carrying over last week's plan and open work items; prints its path (exit 1 when the week has a note)")
    .option('-d, --dir <dir>', "notes folder (default: the config's `notes`, else .)")
    .option('--date <YYYY-MM-DD>', 'write the note of the week holding this day (default: today)')
    .option('-t, --templates <dir>', 'folder holding a note.md.hbs to use instead of the built-in one (default: build.templates)')
    .addOption(configOption())
    .addOption(encodingOption())
    .action(async (o: { dir?: string; date?: string; templates?: string; config?: string; encoding?: 'utf8' | 'gbk' }) => {
      const { newNote } = await import('../app/new.js');
      const { io } = ctx;
      const out = await newNote({ ...o, cwd: io.cwd, now: io.now });
      if (!out.written) {
        io.stderr(`weekly new: ${out.file} ${out.why === 'week' ? `is already the note of ${out.label}` : 'already exists'}; nothing written\n`);
        return ctx.setCode(EXIT.problems);
      }
      io.stdout(`${out.file}\n`);
      const from = out.prev ? `; from ${out.prev.file}: ${plural(out.prev.planned, 'planned item')} as highlights, ${plural(out.prev.carried, 'open work item')} to update` : '';
      io.stderr(`weekly new: wrote ${out.label}${from}\n`);
      if (out.figures.length) io.stderr(`weekly new: the carried items hold last week's ${out.figures.join(', ')}: update them\n`);
      ctx.setCode(EXIT.ok);
    });
}
