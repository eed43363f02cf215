import { promises as fs } from 'node:fs';
import path from 'node:path';
import { loadConfig } from '../io/config-file.js';
import { metricResolver } from '../core/config.js';
import { isoDate, parseIsoDate, weekStart } from '../core/dates.js';
import { EXIT, ExitError } from '../core/errors.js';
import { findNotes, readIgnoreFile } from '../io/find.js';
import { loadNotes } from './load.js';
import { authorOf } from '../core/authors.js';
import { aggregate, type Aggregate } from '../core/aggregate/index.js';
import { mondayOf } from '../core/aggregate/weeks.js';
import { metricsCaption, metricsCsvOf, metricsJson, metricsTable, selectMetrics } from '../core/metrics-report.js';
import { terminalSafe } from '../core/printable.js';

/** Output formats of `weekly metrics`. */
export const METRICS_FORMATS = ['table', 'csv', 'json'] as const;

/** Options of `weekly metrics`. */
export interface MetricsOptions {
  cwd: string;
  /** Notes folder; default the config's `notes`, else `.`. */
  dir?: string;
  /** Metric names (or aliases) to show; default all. */
  metric?: string[];
  /** First and last week: `YYYY-MM-DD` (the week holding it) or `YYYY-Www`. */
  from?: string;
  to?: string;
  format?: string;
  config?: string;
  /** Called as notes are read (the CLI draws a progress bar with it). */
  onProgress?: (done: number, total: number) => void;
  stdout: (s: string) => void;
  stderr: (s: string) => void;
}

const fail = (message: string) => new ExitError(`weekly metrics: ${message}`, EXIT.failure);

/** The Monday key of `YYYY-MM-DD` (the week holding it) or `YYYY-Www` (under the notes' numbering). */
function weekKeyOf(flag: string, value: string, agg: Aggregate): string {
  const w = /^(\d{4})-?W(\d{1,2})$/i.exec(value);
  if (w) {
    const start = weekStart({ year: Number(w[1]), number: Number(w[2]) }, agg.settings.numbering);
    if (!start) throw fail(`${flag} \`${value}\`: ${w[1]} has no week ${Number(w[2])} under ${agg.settings.numbering} numbering`);
    return isoDate(start);
  }
  const d = /^\d{4}-\d{2}-\d{2}$/.test(value) ? parseIsoDate(value) : null;
  if (!d) throw fail(`${flag} \`${value}\`: expected a date (YYYY-MM-DD) or a week (YYYY-Www)`);
  return mondayOf(d);
}

/** `weekly metrics`: the weekly series of each metric, as a table with sparklines, CSV or JSON. Exit 0, or 2. */
export async function metricsCommand(o: MetricsOptions): Promise<number> {
  const format = o.format ?? 'table';
  if (!(METRICS_FORMATS as readonly string[]).includes(format)) throw fail(`unknown format \`${format}\`, expected one of ${METRICS_FORMATS.join(', ')}`);
  const loaded = await loadConfig(o.cwd, o.config);
  const config = loaded.config;
  const dir = o.dir ?? (config.notes ? path.relative(o.cwd, path.resolve(loaded.dir, config.notes)) || '.' : '.');
  const abs = path.resolve(o.cwd, dir);
  const st = await fs.stat(abs).catch(() => null);
  if (!st) throw fail(`${dir}: no such file or directory`);
  const ignores = [...(config.ignores ?? []), ...(st.isDirectory() ? await readIgnoreFile(abs) : [])];
  const found = await findNotes([dir], { cwd: o.cwd, ignores, followSymlinks: config.followSymlinks });
  if (!found.files.length) throw fail(`no notes (*.md) found in ${dir}`);
  const { reports, failures } = await loadNotes(found.files, { cwd: o.cwd, config, onProgress: o.onProgress });
  for (const f of failures) o.stderr(`${f.file}: ${f.reason}\n`);
  const root = path.relative(o.cwd, st.isDirectory() ? abs : path.dirname(abs)).split(path.sep).join('/') || '.';
  const agg = aggregate(reports, config, { authorOf: (r) => authorOf(r, root) });

  let names: string[] | undefined;
  if (o.metric?.length) {
    const resolve = metricResolver(config);
    const known = [...new Set(agg.metrics.map((s) => s.name))];
    names = o.metric.map((m) => resolve(m).name);
    const missing = names.filter((n) => !known.includes(n));
    if (missing.length) {
      throw fail(`no metric ${missing.map((n) => `\`${n}\``).join(', ')} in ${dir}; its metrics are ${known.map((n) => `\`${n}\``).join(', ')}`);
    }
  }
  const from = o.from ? weekKeyOf('--from', o.from, agg) : null;
  const to = o.to ? weekKeyOf('--to', o.to, agg) : null;
  if (from && to && from > to) throw fail(`--from ${o.from} is after --to ${o.to}`);

  const sel = selectMetrics(agg, { names, from, to });
  if (format === 'csv') o.stdout(metricsCsvOf(sel, agg));
  else if (format === 'json') o.stdout(metricsJson(sel, agg));
  // metric names come from the notes: nothing in them reaches the terminal raw
  else if (sel.rows.length) o.stdout(terminalSafe(metricsCaption(sel, agg) + '\n' + metricsTable(sel)));
  else o.stderr(`weekly metrics: no metric values${from || to ? ' in the weeks asked for' : ''} in ${dir}\n`);
  return EXIT.ok;
}
