import { metricResolver } from '../core/config.js';
import { isoDate, parseIsoDate, weekStart } from '../core/dates.js';
import { WeeklyError } from '../core/errors.js';
import { authorResolver } from '../core/authors.js';
import { aggregate, type Aggregate } from '../core/aggregate/index.js';
import { mondayOf } from '../core/aggregate/weeks.js';
import { selectMetrics, type MetricsSelection } from '../core/metrics-report.js';
import type { InputEncoding } from '../core/parse/decode.js';
import { loadNotes, type ReadFailure } from './load.js';
import { resolveWorkspace } from './workspace.js';

/** What `weekly metrics` is asked for. */
export interface MetricsRequest {
  cwd: string;
  /** Notes folders, files or globs; default the config's `notes`, else `.`. */
  inputs: string[];
  /** Metric names (or aliases) to show; default all. */
  metric?: string[];
  /** First and last week: `YYYY-MM-DD` (the week holding it) or `YYYY-Www`. */
  from?: string;
  to?: string;
  config?: string;
  encoding?: InputEncoding;
  /** Called as notes are read (the CLI draws a progress bar with it). */
  onProgress?: (done: number, total: number) => void;
}

/** The metrics selected, with the aggregate they come from. */
export interface MetricsOutcome {
  selection: MetricsSelection;
  agg: Aggregate;
  failures: ReadFailure[];
  /** Whether `--from`/`--to` narrowed the weeks. */
  narrowed: boolean;
  /** The inputs as the user knows them, for messages. */
  where: string;
}

/** The Monday key of `YYYY-MM-DD` (the week holding it) or `YYYY-Www` (under the notes' numbering). */
function weekKeyOf(flag: string, value: string, agg: Aggregate): string {
  const w = /^(\d{4})-?W(\d{1,2})$/i.exec(value);
  if (w) {
    const start = weekStart({ year: Number(w[1]), number: Number(w[2]) }, agg.settings.numbering);
    if (!start) throw new WeeklyError(`${flag} \`${value}\`: ${w[1]} has no week ${Number(w[2])} under ${agg.settings.numbering} numbering`);
    return isoDate(start);
  }
  const d = /^\d{4}-\d{2}-\d{2}$/.test(value) ? parseIsoDate(value) : null;
  if (!d) throw new WeeklyError(`${flag} \`${value}\`: expected a date (YYYY-MM-DD) or a week (YYYY-Www)`);
  return mondayOf(d);
}

/** Each metric's weekly series over the notes, aliases merged, narrowed to the metrics and weeks asked for. */
export async function metrics(req: MetricsRequest): Promise<MetricsOutcome> {
  const ws = await resolveWorkspace(req);
  const { config } = ws;
  const where = ws.inputs.join(', ');
  const { reports, failures } = await loadNotes(ws.files, { cwd: ws.cwd, config, onProgress: req.onProgress });
  const agg = aggregate(reports, config, { authorOf: authorResolver(reports, ws.root) });

  let names: string[] | undefined;
  if (req.metric?.length) {
    const resolve = metricResolver(config);
    const known = [...new Set(agg.metrics.map((s) => s.name))];
    names = req.metric.map((m) => resolve(m).name);
    const missing = names.filter((n) => !known.includes(n));
    if (missing.length) {
      throw new WeeklyError(`no metric ${missing.map((n) => `\`${n}\``).join(', ')} in ${where}; its metrics are ${known.map((n) => `\`${n}\``).join(', ')}`);
    }
  }
  const from = req.from ? weekKeyOf('--from', req.from, agg) : null;
  const to = req.to ? weekKeyOf('--to', req.to, agg) : null;
  if (from && to && from > to) throw new WeeklyError(`--from ${req.from} is after --to ${req.to}`);
  return { selection: selectMetrics(agg, { names, from, to }), agg, failures, narrowed: Boolean(from || to), where };
}
