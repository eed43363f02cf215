import { Option, type Command } from 'commander';
import { EXIT } from '../core/errors.js';
import { configOption, encodingOption } from './options.js';
import { withProgress, type Context } from './io.js';

/** `weekly metrics`: the weekly series of each metric, as a table with sparklines, CSV or JSON. Exit 0, or 2. */
export function metricsCommand(program: Command, ctx: Context): void {
  program
    .command('metrics')
    .description('print each metric week by week: a table with sparklines, last value, min, max and target attainment; or CSV, JSON')
    .argument('[inputs...]', "notes folders, files or globs (default: the config's `notes`, else .)")
    .option('-m, --metric <name>', 'only this metric (by name or alias; repeatable)', (v: string, prev: string[] = []) => [...prev, v])
    .option('--from <week>', 'first week: YYYY-MM-DD (the week holding it) or YYYY-Www')
    .option('--to <week>', 'last week: YYYY-MM-DD (the week holding it) or YYYY-Www')
    .addOption(new Option('-f, --format <format>', 'output format').choices(['table', 'csv', 'json']).default('table'))
    .addOption(configOption())
    .addOption(encodingOption())
    .action(async (inputs: string[], o: { metric?: string[]; from?: string; to?: string; format: 'table' | 'csv' | 'json'; config?: string; encoding?: 'utf8' | 'gbk' }) => {
      const { io } = ctx;
      ctx.setCode(await withProgress(io, 'reading notes', false, async (s) => {
        const { metrics } = await import('../app/metrics.js');
        const report = await import('../core/metrics-report.js');
        const { terminalSafe } = await import('../core/printable.js');
        const out = await metrics({ ...o, cwd: io.cwd, inputs, onProgress: s.onProgress });
        for (const f of out.failures) s.stderr(`${f.file}: ${f.reason}\n`);
        const sel = out.selection;
        if (o.format === 'csv') s.stdout(report.metricsCsvOf(sel, out.agg));
        else if (o.format === 'json') s.stdout(report.metricsJson(sel, out.agg));
        // metric names come from the notes: nothing in them reaches the terminal raw
        else if (sel.rows.length) s.stdout(terminalSafe(`${report.metricsCaption(sel, out.agg)}\n${report.metricsTable(sel)}`));
        else s.stderr(`weekly metrics: no metric values${out.narrowed ? ' in the weeks asked for' : ''} in ${out.where}\n`);
        return EXIT.ok;
      }));
    });
}
