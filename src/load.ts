import path from 'node:path';
import type { Report } from './model.js';
import type { Config } from './config.js';
import { harmonizeWeeks, parseNote } from './parse/index.js';
import { mergeSectionNames, type NamedSectionId } from './parse/sections.js';
import { readNote } from './io.js';

/** A note that could not be read, with the one-line reason. */
export interface ReadFailure {
  file: string;
  reason: string;
}

/** Parser options implied by a config. */
export function parseOptionsOf(config: Config) {
  const aliases: Partial<Record<NamedSectionId, string[]>> = {};
  for (const [id, s] of Object.entries(config.sections ?? {})) {
    if (id !== 'objective' && s?.aliases) aliases[id as NamedSectionId] = s.aliases;
  }
  return { weekNumbering: config.weekNumbering ?? 'auto', sectionNames: mergeSectionNames(aliases) } as const;
}

/** Read and parse notes (paths relative to `cwd`); one unreadable file never stops the others. */
export async function loadNotes(files: string[], opts: { cwd: string; config: Config }): Promise<{ reports: Report[]; failures: ReadFailure[] }> {
  const reports: Report[] = [];
  const failures: ReadFailure[] = [];
  const parseOpts = parseOptionsOf(opts.config);
  for (const file of files) {
    const read = await readNote(path.resolve(opts.cwd, file), { encoding: opts.config.encoding, maxBytes: opts.config.maxFileSize });
    if (!read.ok) {
      failures.push({ file, reason: read.reason });
      continue;
    }
    reports.push(parseNote(read.text, file, parseOpts));
  }
  if (parseOpts.weekNumbering === 'auto') harmonizeWeeks(reports);
  return { reports, failures };
}
