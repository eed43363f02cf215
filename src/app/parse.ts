import type { Report, WeekNumbering } from '../core/model.js';
import type { InputEncoding } from '../core/parse/decode.js';
import { loadNotes, type ReadFailure } from './load.js';
import { resolveWorkspace } from './workspace.js';

/** What `weekly parse` is asked to read. */
export interface ParseRequest {
  cwd: string;
  /** Files, folders and globs; default the config's `notes`, else `.`. */
  inputs: string[];
  config?: string;
  encoding?: InputEncoding;
  /** Overrides the config's `weekNumbering`. */
  weekNumbering?: WeekNumbering | 'auto';
}

/** The models of the notes, in path order, weeks settled across them; and the notes that could not be read. */
export interface Parsed {
  reports: Report[];
  failures: ReadFailure[];
  /** Whether the inputs named one note directly (its model prints as one object, not a list). */
  single: boolean;
  /** Whether an input was a folder or a glob (the models print as JSON Lines). */
  folder: boolean;
}

/** Read and parse notes as every command reads them (config, ignores, encoding), without linting them. */
export async function parse(req: ParseRequest): Promise<Parsed> {
  const ws = await resolveWorkspace(req);
  const config = req.weekNumbering ? { ...ws.config, weekNumbering: req.weekNumbering } : ws.config;
  const { reports, failures } = await loadNotes(ws.files, { cwd: ws.cwd, config });
  const folder = ws.roots.some((r) => r.isDir);
  return { reports, failures, single: !folder && ws.files.length === 1, folder };
}
