import { readFileSync, readdirSync } from 'node:fs';
import type { Config } from '../src/core/config.js';
import type { Report } from '../src/core/model.js';
import { harmonizeWeeks, parseNote } from '../src/core/parse/index.js';
import { parseOptionsOf, seriesOptionsOf } from '../src/core/parse/options.js';

/** Every note of a series folder (paths inside it), parsed and settled as the loader does, under `config`. */
export function readSeries(dir: URL, config: Config = {}): Report[] {
  const files: string[] = [];
  const walk = (rel: string) => {
    for (const e of readdirSync(new URL(rel ? `${encodeURI(rel)}/` : '.', dir), { withFileTypes: true })) {
      const p = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith('.md')) files.push(p);
    }
  };
  walk('');
  const opts = parseOptionsOf(config);
  const reports = files.sort().map((f) => parseNote(readFileSync(new URL(encodeURI(f), dir), 'utf8'), f, opts));
  harmonizeWeeks(reports, seriesOptionsOf(config));
  return reports;
}
