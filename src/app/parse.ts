import path from 'node:path';
import { stringify } from 'yaml';
import { harmonizeWeeks, parseNote } from '../core/parse/index.js';
import { readNote } from '../io/read.js';
import type { Report, WeekNumbering } from '../core/model.js';
import type { InputEncoding } from '../core/parse/decode.js';
import { EXIT, ExitError } from '../core/errors.js';

/** Options of `weekly parse`. */
export interface ParseCommandOptions {
  cwd: string;
  files: string[];
  format?: 'json' | 'yaml';
  encoding?: InputEncoding;
  weekNumbering?: WeekNumbering | 'auto';
  stdout: (s: string) => void;
  stderr: (s: string) => void;
}

/** `weekly parse`: print the model of each note; exit 2 when a file could not be read. */
export async function parseCommand(opts: ParseCommandOptions): Promise<number> {
  if (!opts.files.length) throw new ExitError('weekly parse: no file given', EXIT.failure);
  const format = opts.format ?? 'json';
  if (format !== 'json' && format !== 'yaml') throw new ExitError(`weekly parse: unknown format \`${format}\`, expected \`json\` or \`yaml\``);
  const reports: Report[] = [];
  let failed = false;
  for (const file of opts.files) {
    const read = await readNote(path.resolve(opts.cwd, file), { encoding: opts.encoding });
    if (!read.ok) {
      opts.stderr(`${file}: ${read.reason}\n`);
      failed = true;
      continue;
    }
    reports.push(parseNote(read.text, file.split(path.sep).join('/'), { weekNumbering: opts.weekNumbering }));
  }
  if ((opts.weekNumbering ?? 'auto') === 'auto') harmonizeWeeks(reports);
  if (reports.length) {
    const out = opts.files.length === 1 ? reports[0] : reports;
    opts.stdout(format === 'json' ? `${JSON.stringify(out, null, 2)}\n` : stringify(out, { lineWidth: 0 }));
  }
  return failed ? EXIT.failure : EXIT.ok;
}
