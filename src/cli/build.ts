import { Option, type Command } from 'commander';
import { EXIT } from '../core/errors.js';
import type { NoteCache } from '../app/load.js';
import { configOption, encodingOption } from './options.js';
import { plural, withProgress, type Context } from './io.js';

interface BuildFlags {
  out?: string;
  locale?: string;
  templates?: string;
  config?: string;
  encoding?: 'utf8' | 'gbk';
  strict?: boolean;
  force?: boolean;
  format?: 'md' | 'html' | 'both';
  quiet?: boolean;
  cache?: boolean;
  cacheLocation?: string;
  watch?: boolean;
}

/** `weekly build`: exit 0 when the outputs were written, 1 with `--strict` when a note has errors, 2 when it could not build. */
export function buildCommand(program: Command, ctx: Context): void {
  program
    .command('build')
    .description('compile notes into monthly, quarterly and annual summaries and a 述职 draft (exit 0 written, 1 --strict and errors, 2 could not build)')
    .argument('[inputs...]', "note files, folders and globs (default: the config's `notes`, else `.`)")
    .option('-o, --out <dir>', 'output folder (default: build.out, else dist)')
    .option('--locale <locale>', 'language of the summaries: a file of templates/locales/ (zh, en) or of the --templates folder (default: build.locale, else the notes\' language: en when most are English, else zh)')
    .option('-t, --templates <dir>', 'folder of templates overriding the built-in ones by file name')
    .addOption(configOption())
    .addOption(encodingOption())
    .option('--strict', 'exit 1 when any note has errors or cannot be read (the outputs are still written)')
    .option('--force', 'overwrite files in the output folder that weekly did not write')
    .addOption(new Option('-f, --format <format>', 'md, html (a static site with charts, readable offline) or both (the site in html/) (default: build.format, else md)').choices(['md', 'html', 'both']))
    .option('-q, --quiet', 'print only problems: no progress bar, no summary line')
    .option('--cache', 'reuse the models of notes whose bytes, config and weekly version are unchanged')
    .option('--cache-location <path>', 'cache folder, shared with lint (default .weekly-cache/; models in models/)')
    .option('-w, --watch', 'build again whenever a note, the config or a template changes (Ctrl-C to stop)')
    .action(async (inputs: string[], { watch, ...flags }: BuildFlags) => {
      const { io } = ctx;
      const once = (noteCache?: NoteCache) => withProgress(io, 'reading notes', flags.quiet, async (s) => {
        const { build, hasErrors } = await import('../app/build.js');
        const { unix } = await import('../core/formatters/unix.js');
        const { skippedNotice } = await import('../app/lint.js');
        const out = await build({ ...flags, cwd: io.cwd, inputs, noteCache, version: ctx.version, onProgress: s.onProgress, onNotice: (l) => s.stderr(`weekly build: ${l}\n`) });
        s.stderr(unix(out.problems));
        for (const f of out.unplaced) s.stderr(`${f}: no week and no date: left out of the summaries\n`);
        if (out.skipped.length) s.stderr(`weekly build: ${skippedNotice(out.skipped)}\n`);
        for (const k of out.kept) s.stderr(`weekly build: ${out.out}/${k}: no longer produced but edited since weekly wrote it: left in place\n`);
        const by = out.authors > 1 ? ` by ${out.authors} authors` : '';
        const removed = out.removed.length ? `, ${out.removed.length} removed` : '';
        if (!flags.quiet) s.stdout(`weekly build: ${plural(out.notes, 'note')}${by} → ${out.out}: ${out.written.length} written, ${out.unchanged.length} unchanged${removed}\n`);
        // nothing vanishes: what the build could not place under a known kind is named, with how to name it
        if (out.unknownHeadings) s.stderr(`weekly build: ${out.unknownHeadings}\n`);
        return flags.strict && hasErrors(out.problems) ? EXIT.problems : EXIT.ok;
      });
      if (!watch) return ctx.setCode(await once());
      const { watchMode } = await import('./watch.js');
      ctx.setCode(await watchMode(io, { kind: 'build', inputs, config: flags.config, out: flags.out, templates: flags.templates }, once));
    });
}
