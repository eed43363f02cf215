import { createHash, createHmac, randomBytes } from 'node:crypto';
import { lstatSync, promises as fs, readdirSync, readFileSync, renameSync, mkdirSync, writeFileSync, unlinkSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { threadId } from 'node:worker_threads';
import writeFileAtomic from 'write-file-atomic';
import { z } from 'zod';
import type { Config } from '../core/config.js';
import { Diagnostic, NoteFacts, Report, Section } from '../core/model.js';
import { parseOptionsOf } from '../core/parse/options.js';
import type { LintMessage } from '../core/lint/index.js';
import { readTextFile, readTextFileSync } from './read.js';

/*
 * One cache for lint and build, in one folder (default `.weekly-cache/`):
 * - `models/<xx>/<key>.json`: report models, content-addressed: the key hashes the note's bytes and path, the
 *   parse-relevant config, weekly's version and a fingerprint of its compiled parser and rules;
 * - `lint.json`: per note, the bytes' hash, the facts that rules across notes read and the problems of the
 *   per-note rules, valid for one config, version and fingerprint. Rules across notes and the week numbering
 *   always run again: they are cheap, and depend on every note.
 * Every file carries a signature of its payload (HMAC-SHA256 under this installation's key, which lives outside
 * the project: see `installationKey`) and is validated before use: a corrupt, truncated, forged or foreign file
 * is a miss, never an error and never trusted.
 */

/** Bumped when the layout of the cache files changes. */
export const CACHE_FORMAT = 4;

/** Default place of the cache, relative to the working directory (a folder; ignored by git in this repo). */
export const DEFAULT_CACHE_LOCATION = '.weekly-cache/';

/** Size above which `lint.json` is not read (a miss: every note is linted again); 10,000 notes make about 10 MB. */
export const MAX_LINT_CACHE_BYTES = 256 * 1024 * 1024;

/** Size above which a cached model is not read (a miss); a model is about the size of its note, at most 10 MB by default. */
export const MAX_MODEL_BYTES = 64 * 1024 * 1024;

/** sha256 of bytes or text, hex. */
export const sha256 = (data: Uint8Array | string): string => createHash('sha256').update(data).digest('hex');

const sorted = (v: unknown): unknown =>
  Array.isArray(v) ? v.map(sorted) : v && typeof v === 'object' ? Object.fromEntries(Object.keys(v).sort().map((k) => [k, sorted((v as Record<string, unknown>)[k])])) : v;

/** A stable hash of a config: key order does not matter. */
export function configHash(config: Config): string {
  return sha256(JSON.stringify(sorted(config)));
}

/** A hash of the part of a config that changes what a note parses to (sections, week numbering, reading). */
export function parseConfigHash(config: Config): string {
  return sha256(JSON.stringify(sorted({ parse: parseOptionsOf(config), encoding: config.encoding ?? 'utf8', maxFileSize: config.maxFileSize ?? null })));
}

let installKey: string | undefined;

/**
 * The secret this installation signs its cache with: 32 random bytes kept outside any project, in
 * `$XDG_CACHE_HOME/weekly/cache-key` (else `~/.cache/weekly/cache-key`), made on first use. A cache file that
 * was committed to a repository, restored from another machine or edited by hand does not carry it, so its
 * entries never verify and every note is linted again. Where the key cannot be kept, each run makes its own:
 * nothing is trusted from an earlier run.
 */
export function installationKey(): string {
  if (installKey) return installKey;
  const dir = path.join(process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache'), 'weekly');
  const file = path.join(dir, 'cache-key');
  try {
    // a regular file of a few bytes: a FIFO or a device in its place is not waited on
    const text = readTextFileSync(file, 1024).toString('utf8').trim();
    if (/^[0-9a-f]{64}$/.test(text)) return (installKey = text);
  } catch {
    // not made yet
  }
  const made = randomBytes(32).toString('hex');
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    // exclusive: two first runs at once keep the one written first
    writeFileSync(file, `${made}\n`, { flag: 'wx', mode: 0o600 });
    return (installKey = made);
  } catch {
    try {
      const text = readTextFileSync(file, 1024).toString('utf8').trim();
      if (/^[0-9a-f]{64}$/.test(text)) return (installKey = text);
    } catch {
      // a home folder that cannot be written: this run's key only
    }
    return (installKey = made);
  }
}

/** The signature of a cache payload under `secret`. */
const sign = (secret: string, data: string | Uint8Array) => createHmac('sha256', secret).update(data).digest('hex');

let fingerprint: string | undefined;

/**
 * A hash of weekly's own parser, rules and model code as installed (compiled `.js`, or `.ts` when run from
 * source): a changed parser invalidates the cache even when the version number did not change.
 */
export function buildFingerprint(): string {
  if (fingerprint) return fingerprint;
  const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
  const h = createHash('sha256');
  // what decides a note's model and its lint results: the core, the rules, reading and the loader
  const parts = ['core', 'rules', 'io', 'app/load.', 'app/tasks.', 'app/pool.'];
  const files: string[] = [];
  for (const name of readdirSync(root, { recursive: true, encoding: 'utf8' })) {
    const posix = name.split(path.sep).join('/');
    if (parts.some((p) => posix.startsWith(p.endsWith('.') ? p : `${p}/`)) && /\.(js|ts)$/.test(name) && !name.endsWith('.d.ts')) files.push(posix);
  }
  for (const f of files.sort()) h.update(f).update('\0').update(readFileSync(path.join(root, f))).update('\0');
  fingerprint = h.digest('hex');
  return fingerprint;
}

/** Where the cache's files are. */
export interface CachePaths {
  /** The lint results file. */
  lint: string;
  /** The folder of report models. */
  models: string;
}

/**
 * The cache's files for `location` (absolute): a folder (an existing one, or a path ending in a separator) holds
 * `lint.json` and `models/`; any other path is the lint results file, with the models in `<file>.models/`.
 */
export async function cachePaths(location: string): Promise<CachePaths> {
  let dir = /[\\/]$/.test(location);
  if (!dir) {
    try {
      dir = (await fs.stat(location)).isDirectory();
    } catch {
      // not there yet: a file path
    }
  }
  return dir ? { lint: path.join(location, 'lint.json'), models: path.join(location, 'models') } : { lint: location, models: `${location}.models` };
}

/** Where the models of one version, fingerprint and parse config live, and the key prefix that names them. */
export interface ModelStore {
  dir: string;
  /** Hash of everything but the note that a model depends on. */
  base: string;
  /** The installation's signing key (worker threads get it with the store). */
  secret: string;
}

/** The model store for a version and config. */
export function modelStore(dir: string, key: { version: string; config: Config }): ModelStore {
  return { dir, base: sha256(JSON.stringify([CACHE_FORMAT, key.version, buildFingerprint(), parseConfigHash(key.config)])), secret: installationKey() };
}

const modelKey = (store: ModelStore, file: string, sha: string) => sha256(`${store.base}\0${file}\0${sha}`);
const modelPath = (store: ModelStore, key: string) => path.join(store.dir, key.slice(0, 2), `${key}.json`);

/** The cached model of a note whose bytes hash to `sha`; undefined when missing, corrupt or not a model. */
export function readModel(store: ModelStore, file: string, sha: string): Report | undefined {
  const key = modelKey(store, file, sha);
  try {
    // a regular file of bounded size: a FIFO or a link to a device in the cache is a miss, never a hang
    const data = JSON.parse(readTextFileSync(modelPath(store, key), MAX_MODEL_BYTES).toString('utf8')) as { key?: unknown; sum?: unknown; report?: unknown };
    if (data.key !== key || typeof data.sum !== 'string' || sign(store.secret, JSON.stringify(data.report)) !== data.sum) return undefined;
    // checked, but the object parsed from the file is what is used: key order as the parser wrote it
    return Report.safeParse(data.report).success ? (data.report as Report) : undefined;
  } catch {
    return undefined;
  }
}

let tmpCount = 0;

const isLink = new Map<string, boolean>();

/**
 * Whether any of these paths is a symbolic link: a cache written through one (a `.weekly-cache` committed to a
 * repository as a link) would land outside it. Folders are looked at once per run; they are few.
 */
function anyLinkSync(paths: string[], remember = false): boolean {
  return paths.some((p) => {
    let link = remember ? isLink.get(p) : undefined;
    if (link === undefined) {
      try {
        link = lstatSync(p).isSymbolicLink();
      } catch {
        // not there yet: made as a folder, not a link
        return false;
      }
      if (remember) isLink.set(p, link);
    }
    return link;
  });
}

/** Store a model (written to a temporary file and renamed, so a reader never sees half of it); failures are ignored. */
export function writeModel(store: ModelStore, file: string, sha: string, report: Report): void {
  const key = modelKey(store, file, sha);
  const target = modelPath(store, key);
  const body = JSON.stringify(report);
  const tmp = `${target}.${process.pid}.${threadId}.${tmpCount++}.tmp`;
  if (anyLinkSync([path.dirname(store.dir), store.dir, path.dirname(target)], true)) return;
  try {
    mkdirSync(path.dirname(target), { recursive: true });
    writeFileSync(tmp, `{"key":"${key}","sum":"${sign(store.secret, body)}","report":${body}}`);
    renameSync(tmp, target);
  } catch {
    // a read-only checkout still works; it just does not get faster
    try {
      unlinkSync(tmp);
    } catch {
      // nothing was written
    }
  }
}

/** What lint keeps of a note between runs: enough to skip reading it when its bytes are unchanged. */
export interface LintEntry {
  sha: string;
  /** The file's stamp (`stampOf`) when it hashed to `sha`: the same stamp says the same bytes without reading them. */
  stamp?: string;
  /** The facts before the week numbering was settled across notes. */
  facts: NoteFacts;
  /** Parser diagnostics and per-note rule problems, before inline directives. */
  messages: LintMessage[];
}

const Fix = z.object({ line: z.number().int(), column: z.number().int(), endLine: z.number().int(), endColumn: z.number().int(), text: z.string() }).strict();
const LintEntrySchema = z
  .object({
    sha: z.string(),
    stamp: z.string().optional(),
    // the facts as the model defines them (strict): a field rules across notes read, added there, is kept here too
    facts: NoteFacts,
    messages: z.array(Diagnostic.extend({ fix: Fix.optional() }).strict()),
  })
  .strict();

/** Lint results of earlier runs, by file. */
export interface LintCache {
  /** The entry of `file` if its bytes still hash to `sha` and it is well-formed. */
  get(file: string, sha: string): LintEntry | undefined;
  /** The hash of `file` when it was cached, to compare with the bytes on disk, and its stamp then. */
  expected(file: string): { sha: string; stamp?: string } | undefined;
  set(file: string, entry: LintEntry): void;
  /** Write the cache (atomically); a cache that cannot be written is not an error of the lint. */
  save(): Promise<void>;
}

// lint.json keeps each section as a row of its values in this order (null where absent, trailing nulls left out):
// the keys repeated in every section were 9 of the 14 MB a cache of 10,000 notes took, and reading, checking and
// rewriting them most of a warm run
const SECTION_KEYS = Object.keys(Section.shape).filter((k) => k !== 'text');
type Packed = Omit<LintEntry, 'facts'> & { facts: Omit<NoteFacts, 'sections'> & { sections?: unknown[][] } };

function pack(e: LintEntry): Packed {
  if (!e.facts.sections) return e as Packed;
  const sections = e.facts.sections.map((sec) => {
    const row = SECTION_KEYS.map((k) => (sec as Record<string, unknown>)[k] ?? null);
    while (row.length && row[row.length - 1] === null) row.pop();
    return row;
  });
  return { ...e, facts: { ...e.facts, sections } };
}

/** An entry as written, or undefined when its sections are not rows (the schema check then refuses it). */
function unpack(p: Packed): unknown {
  const rows = p.facts?.sections;
  if (rows === undefined) return p;
  if (!Array.isArray(rows) || !rows.every((r) => Array.isArray(r) && r.length <= SECTION_KEYS.length)) return undefined;
  const sections = rows.map((row) => {
    const sec: Record<string, unknown> = {};
    row.forEach((v, i) => {
      if (v !== null) sec[SECTION_KEYS[i]] = v;
    });
    return sec;
  });
  return { ...p, facts: { ...p.facts, sections } };
}

interface LintFile {
  format: number;
  weekly: string;
  fingerprint: string;
  config: string;
  /** The signature of `JSON.stringify(entries)`, the text that ends the file, under the installation's key. */
  sum: string;
  entries: Record<string, Packed>;
}

/**
 * Open the lint results at `file`; one that is missing, corrupt, truncated, made for another config, version or
 * build, or not a regular file of bounded size (a FIFO, a link to a device) starts empty.
 */
export async function openLintCache(file: string, key: { version: string; config: Config }): Promise<LintCache> {
  const header = { format: CACHE_FORMAT, weekly: key.version, fingerprint: buildFingerprint(), config: configHash(key.config) };
  const secret = installationKey();
  let entries: Record<string, Packed> = Object.create(null);
  try {
    const bytes = await readTextFile(file, MAX_LINT_CACHE_BYTES);
    const data = JSON.parse(bytes.toString('utf8')) as LintFile;
    // the sum covers the entries as written, the file's tail after the header's fixed fields: hashing those bytes
    // spares stringifying them again (and encoding them again)
    const at = bytes.indexOf('"entries":');
    if (
      at >= 0 &&
      bytes[bytes.length - 1] === 0x7d &&
      data &&
      data.format === header.format &&
      data.weekly === header.weekly &&
      data.fingerprint === header.fingerprint &&
      data.config === header.config &&
      data.entries &&
      typeof data.entries === 'object' &&
      !Array.isArray(data.entries) &&
      sign(secret, bytes.subarray(at + '"entries":'.length, bytes.length - 1)) === data.sum
    ) {
      entries = Object.assign(Object.create(null), data.entries);
    }
  } catch {
    entries = Object.create(null);
  }
  let dirty = false;
  return {
    expected(name) {
      const e = entries[name];
      if (typeof e?.sha !== 'string') return undefined;
      return typeof e.stamp === 'string' ? { sha: e.sha, stamp: e.stamp } : { sha: e.sha };
    },
    get(name, sha) {
      const p = entries[name];
      if (!p || p.sha !== sha) return undefined;
      // an entry edited by hand or written by other code is a miss, never a crash in a rule
      const e = unpack(p) as LintEntry | undefined;
      return LintEntrySchema.safeParse(e).success && e!.facts.file === name ? e : undefined;
    },
    set(name, entry) {
      entries[name] = pack(entry);
      dirty = true;
    },
    async save() {
      if (!dirty) return;
      // write-file-atomic writes where a link points: a lint.json linked to ~/.bashrc would be overwritten
      if (anyLinkSync([file, path.dirname(file)])) return;
      // encoded once, for the sum and the file
      const body = Buffer.from(JSON.stringify(entries));
      try {
        await fs.mkdir(path.dirname(file), { recursive: true });
        const head = `{"format":${header.format},"weekly":${JSON.stringify(header.weekly)},"fingerprint":"${header.fingerprint}","config":"${header.config}","sum":"${sign(secret, body)}","entries":`;
        await writeFileAtomic(file, Buffer.concat([Buffer.from(head), body, Buffer.from('}')]));
      } catch {
        // a read-only checkout still lints; it just does not get faster
      }
    },
  };
}
