import { Option, type Command } from 'commander';
import { EXIT, WeeklyError } from '../core/errors.js';
import { configOption, encodingOption } from './options.js';
import { plural, withProgress, type Context, type Streams } from './io.js';

interface LintFlags {
  config?: string;
  encoding?: 'utf8' | 'gbk';
  format: string;
  outputFile?: string;
  maxWarnings?: number;
  quiet?: boolean;
  fix?: boolean;
  fixDryRun?: boolean;
  baseline?: string;
  writeBaseline?: string;
  cache?: boolean;
  cacheLocation?: string;
  rule?: string[];
  watch?: boolean;
}

/** `weekly lint`: exit 0 clean (warnings allowed), 1 errors or too many warnings, 2 could not run. */
export function lintCommand(program: Command, ctx: Context): void {
  program
    .command('lint')
    .description('check notes: sections, metrics, ratios, weeks and incidents (exit 0 clean, 1 errors, 2 could not run)')
    .argument('[inputs...]', "files, folders and globs (default: the config's `notes`, else `.`)")
    .addOption(configOption())
    .addOption(encodingOption())
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
    .option('--rule <id:severity...>', "override a rule's severity, e.g. `missing-week:off`")
    .option('-w, --watch', 'lint again whenever a note, the config or the baseline changes, with the cache (Ctrl-C to stop)')
    .action(async (inputs: string[], { watch, ...flags }: LintFlags) => {
      const { io } = ctx;
      if (flags.maxWarnings !== undefined && !(Number.isInteger(flags.maxWarnings) && flags.maxWarnings >= 0)) throw new WeeklyError('--max-warnings expects a whole number of 0 or more');
      const once = (cache = flags.cache) => withProgress(io, 'reading notes', flags.quiet, (s) => lintOnce(inputs, { ...flags, cache }, ctx, s));
      if (!watch) return ctx.setCode(await once());
      if (flags.fix || flags.fixDryRun || flags.writeBaseline) throw new WeeklyError('--watch cannot be used with --fix, --fix-dry-run or --write-baseline (they write files it watches)');
      const { watchMode } = await import('./watch.js');
      ctx.setCode(await watchMode(io, { kind: 'lint', inputs, config: flags.config, baseline: flags.baseline }, () => once(true)));
    });
}

async function lintOnce(inputs: string[], flags: LintFlags, ctx: Context, s: Streams): Promise<number> {
  const { lint, writeReportFile } = await import('../app/lint.js');
  const { isFormatName, loadFormatter } = await import('../core/formatters/index.js');
  const { toResult, totals } = await import('../core/lint/index.js');
  const { cwd } = ctx.io;
  const format = isFormatName(flags.format) ? flags.format : 'stylish';
  const out = await lint({ ...flags, cwd, inputs, version: ctx.version, onProgress: s.onProgress });
  if (flags.fixDryRun) s.stdout(out.diff);
  for (const n of out.notices) s.stderr(`weekly lint: ${n}\n`);
  if (out.baselineCount !== null) {
    s.stderr(`weekly lint: wrote ${plural(out.baselineCount, 'problem')} to the baseline ${flags.writeBaseline}\n`);
    return EXIT.ok;
  }
  const shown = flags.quiet ? out.results.map((r) => (r.warningCount ? toResult(r.filePath, r.messages.filter((m) => m.severity === 'error'), r.suppressedCount) : r)) : out.results;
  const text = (await loadFormatter(format))(shown, { cwd, color: ctx.io.isTTY && !flags.outputFile, version: ctx.version });
  if (flags.outputFile) await writeReportFile(cwd, flags.outputFile, text);
  else s.stdout(text);
  const t = totals(out.results);
  if (t.errors) return EXIT.problems;
  if (flags.maxWarnings !== undefined && t.warnings > flags.maxWarnings) {
    s.stderr(`weekly lint: ${plural(t.warnings, 'warning')}, more than --max-warnings ${flags.maxWarnings}\n`);
    return EXIT.problems;
  }
  return EXIT.ok;
}
