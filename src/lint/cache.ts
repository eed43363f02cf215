import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import writeFileAtomic from 'write-file-atomic';
import type { Config } from '../config.js';
import { Report } from '../model.js';

/**
 * Parsed notes from earlier runs. Parsing is nearly all of lint's time (about 14 ms a note, the rules well under
 * 1 ms), and the rules look across notes and folders (week numbering, duplicate and missing weeks), so the parse is
 * what is cached, keyed by the file's bytes, the config and the version of weekly; the rules always run.
 */
export interface ParseCache {
  get(file: string, bytes: Uint8Array): Report | undefined;
  set(file: string, bytes: Uint8Array, report: Report): void;
  /** Write the cache (atomically); a cache that cannot be written is not an error of the lint. */
  save(): Promise<void>;
}

interface CacheFile {
  weekly: string;
  config: string;
  entries: Record<string, { sha256: string; report: Report }>;
}

/** Default place of the cache, relative to the working directory (ignored by git in this repo). */
export const DEFAULT_CACHE_LOCATION = '.weekly-cache/lint.json';

const sha256 = (data: Uint8Array | string) => createHash('sha256').update(data).digest('hex');

/** A stable hash of a config: key order does not matter. */
export function configHash(config: Config): string {
  const sorted = (v: unknown): unknown =>
    Array.isArray(v) ? v.map(sorted) : v && typeof v === 'object' ? Object.fromEntries(Object.keys(v).sort().map((k) => [k, sorted((v as Record<string, unknown>)[k])])) : v;
  return sha256(JSON.stringify(sorted(config)));
}

/** Where the cache file is: `location` itself, or `lint.json` inside it when it is (or ends like) a folder. */
export async function cacheFile(location: string): Promise<string> {
  if (/[\\/]$/.test(location)) return path.join(location, 'lint.json');
  try {
    if ((await fs.stat(location)).isDirectory()) return path.join(location, 'lint.json');
  } catch {
    // not there yet: a file path
  }
  return location;
}

/** Open the cache at `file`; one that is missing, corrupt, truncated or made for another config or version starts empty. */
export async function openParseCache(file: string, key: { version: string; config: Config }): Promise<ParseCache> {
  const config = configHash(key.config);
  let entries: CacheFile['entries'] = {};
  try {
    const data = JSON.parse(await fs.readFile(file, 'utf8')) as CacheFile;
    if (data && data.weekly === key.version && data.config === config && data.entries && typeof data.entries === 'object') entries = data.entries;
  } catch {
    entries = {};
  }
  let dirty = false;
  return {
    get(name, bytes) {
      const e = entries[name];
      if (!e || e.sha256 !== sha256(bytes)) return undefined;
      // an entry edited by hand or written by a different model is a miss, never a crash in a rule
      const r = Report.safeParse(e.report);
      return r.success ? r.data : undefined;
    },
    set(name, bytes, report) {
      entries[name] = { sha256: sha256(bytes), report: structuredClone(report) };
      dirty = true;
    },
    async save() {
      if (!dirty) return;
      const out: CacheFile = { weekly: key.version, config, entries };
      try {
        await fs.mkdir(path.dirname(file), { recursive: true });
        await writeFileAtomic(file, JSON.stringify(out));
      } catch {
        // a read-only checkout still lints; it just does not get faster
      }
    },
  };
}
