import { Option, type Command } from 'commander';
import { EXIT } from '../core/errors.js';
import { configOption, encodingOption } from './options.js';
import type { Context } from './io.js';

/** `weekly parse`: print the model of each note; exit 2 when a note could not be read. */
export function parseCommand(program: Command, ctx: Context): void {
  program
    .command('parse')
    .description('print the report model of each note: one JSON object for one note, JSON Lines for a folder, or YAML')
    .argument('[inputs...]', "note files, folders and globs (default: the config's `notes`, else `.`)")
    .addOption(new Option('-f, --format <format>', 'json (an object, or an array for several files), jsonl (one model per line; the default for a folder) or yaml').choices(['json', 'jsonl', 'yaml']))
    .addOption(configOption())
    .addOption(encodingOption())
    .addOption(new Option('--week-numbering <numbering>', "week numbering (default: the config's, else auto)").choices(['auto', 'iso', 'jan1']))
    .action(async (inputs: string[], o: { format?: 'json' | 'jsonl' | 'yaml'; config?: string; encoding?: 'utf8' | 'gbk'; weekNumbering?: 'auto' | 'iso' | 'jan1' }) => {
      const { parse } = await import('../app/parse.js');
      const { io } = ctx;
      const out = await parse({ cwd: io.cwd, inputs, config: o.config, encoding: o.encoding, weekNumbering: o.weekNumbering });
      for (const f of out.failures) io.stderr(`${f.file}: ${f.reason}\n`);
      const format = o.format ?? (out.folder ? 'jsonl' : 'json');
      if (out.reports.length) {
        const value = out.single ? out.reports[0] : out.reports;
        if (format === 'jsonl') io.stdout(out.reports.map((r) => `${JSON.stringify(r)}\n`).join(''));
        else if (format === 'json') io.stdout(`${JSON.stringify(value, null, 2)}\n`);
        else io.stdout((await import('yaml')).stringify(value, { lineWidth: 0 }));
      }
      ctx.setCode(out.failures.length ? EXIT.failure : EXIT.ok);
    });
}
