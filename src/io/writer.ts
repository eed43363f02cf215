import { createHash, randomBytes } from 'node:crypto';
import { constants, promises as fs, type Stats } from 'node:fs';
import { hostname } from 'node:os';
import path from 'node:path';
import { threadId } from 'node:worker_threads';
import writeFileAtomicLib from 'write-file-atomic';
import { WeeklyError } from '../core/errors.js';
import type { Content } from '../core/render/content.js';
import { makeDirs } from './dirs.js';
import { readTextFile } from './read.js';
import { createSynced } from './write-new.js';

export { contentText, type Content } from '../core/render/content.js';

/** The file in the output folder that lists what weekly wrote there, with each file's hash. */
export const MANIFEST = '.weekly-manifest.json';

/** The file that says a build is writing into the output folder: one build at a time per folder. */
export const LOCK = '.weekly-lock';

/** Folders a build stages its outputs in, inside the output folder: `.weekly-staging-<pid>-<hex>/`. */
const STAGING = /^\.weekly-staging-\d+-[0-9a-f]{8}$/;

/** The file that marks a staging folder as weekly's (only such folders are ever removed). */
const MARK = 'weekly-staging';
const MARK_TEXT = 'A folder weekly stages a build in. Removed when that build ends, or by the next build if it was killed.\n';

/** The journal of a commit in progress: what to undo if the build dies before it ends. */
const JOURNAL = 'journal.json';

/** Largest manifest or lock read back (a manifest linked to /dev/zero must not fill the memory). */
const MAX_READ = 64 * 1024 * 1024;

const sha256 = (s: string | Uint8Array) => createHash('sha256').update(s).digest('hex');
const inside = (child: string, parent: string) => child === parent || child.startsWith(parent + path.sep);

/** Write one file atomically (write-file-atomic: a temporary file, flushed, renamed over it); `mkdir` makes its folder first. */
export async function writeFileAtomic(file: string, data: string | Uint8Array, opts: { mkdir?: boolean } = {}): Promise<void> {
  if (opts.mkdir) await makeDirs(path.dirname(file));
  await writeFileAtomicLib(file, typeof data === 'string' ? data : Buffer.from(data));
}

/** A path resolved through the symbolic links of its longest existing prefix, so that a link cannot hide an overlap. */
export async function realOrResolved(p: string): Promise<string> {
  let head = path.resolve(p);
  const tail: string[] = [];
  for (;;) {
    try {
      return path.join(await fs.realpath(head), ...tail.reverse());
    } catch {
      const parent = path.dirname(head);
      if (parent === head) return path.resolve(p);
      tail.push(path.basename(head));
      head = parent;
    }
  }
}

async function lstatOrNull(p: string): Promise<Stats | null> {
  try {
    return await fs.lstat(p);
  } catch {
    return null;
  }
}

async function pidAlive(pid: number): Promise<boolean> {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Run file-system work; a full disk or an unwritable folder is the user's to fix, said in one line. */
async function fsErrors<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    if (err instanceof WeeklyError || typeof (err as NodeJS.ErrnoException)?.code !== 'string') throw err;
    const e = err as NodeJS.ErrnoException;
    const why = e.code === 'ENOSPC' ? 'the disk is full' : e.code === 'EROFS' ? 'the file system is read-only' : e.code === 'EACCES' || e.code === 'EPERM' ? 'permission denied' : String(e.message).split('\n')[0];
    throw new WeeklyError(`could not write the outputs: ${why}${e.path ? ` (${e.path})` : ''}`, 'output');
  }
}

/** A file in the way of an output, and why. */
export interface Blocked {
  rel: string;
  why: string;
}

/** A file staged for a target: its temporary file in the staging folder. */
interface Staged {
  rel: string;
  tmp: string;
  hash: string;
}

/** What staging some outputs did: plain data, so a worker thread can send it to the thread that commits. */
export interface StageReport {
  /** Path → sha256 of each output staged or found unchanged. */
  hashes: Record<string, string>;
  staged: Staged[];
  unchanged: string[];
  blocked: Blocked[];
}

const emptyReport = (): StageReport => ({ hashes: {}, staged: [], unchanged: [], blocked: [] });

/** Where staging happens and what the previous build wrote: what a worker thread needs to stage beside the main one. */
export interface StageSetup {
  outDir: string;
  /** The staging folder (inside the output folder). */
  staging: string;
  /** The previous build's manifest: rel → sha256 of what weekly wrote. */
  before: Record<string, string>;
  /** Overwrite files weekly did not write. */
  force: boolean;
}

/**
 * Stages outputs: each file is written, flushed, into the build's staging folder, and compared with what lies
 * at its target. Nothing outside the staging folder is created or changed until `OutputWriter.commit`. The same
 * in a worker thread and in the main one.
 */
export class Stager {
  private report: StageReport = emptyReport();
  private count = 0;
  // several stagers share a staging folder (one per thread, and more than one in a thread): each names its own files
  private readonly tag = `${threadId}-${randomBytes(3).toString('hex')}`;
  private realOut: string | null = null;
  private checked = new Map<string, Blocked | null>();

  constructor(readonly setup: StageSetup) {}

  /** Stage some outputs (path relative to the output folder, `/` → content), a few at a time. */
  async put(files: Iterable<[string, Content | Uint8Array]>): Promise<void> {
    const entries = [...files];
    await fsErrors(async () => {
      for (let i = 0; i < entries.length; i += 16) await Promise.all(entries.slice(i, i + 16).map(([rel, content]) => this.putOne(rel, content)));
    });
  }

  /** A file written piece by piece (a large data file), staged when it is closed. */
  stream(rel: string): OutputStream {
    return new OutputStream(this, rel);
  }

  /** What was staged since the last call, handed over (to `OutputWriter.adopt`). */
  take(): StageReport {
    const r = this.report;
    this.report = emptyReport();
    return r;
  }

  /** Record a file staged outside `put` (a stream's). */
  addStaged(s: Staged): void {
    this.report.staged.push(s);
  }

  /** A new temporary file's path in the staging folder. */
  tempPath(): string {
    return path.join(this.setup.staging, `${this.tag}-${this.count++}.tmp`);
  }

  private async putOne(rel: string, content: Content | Uint8Array): Promise<void> {
    if (typeof content !== 'string' && !(content instanceof Uint8Array)) {
      const s = this.stream(rel);
      for (const piece of content) await s.write(piece);
      return s.close();
    }
    const bytes = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
    const hash = sha256(bytes);
    const decision = await this.judge(rel, hash, bytes.length, async (have) => Buffer.from(await fs.readFile(have)).equals(bytes));
    if (decision !== 'stage') return;
    const tmp = this.tempPath();
    await createSynced(tmp, bytes);
    this.report.staged.push({ rel, tmp, hash });
  }

  /**
   * Whether to stage an output of `hash` and `size`: not when its target holds the same (noted unchanged); not
   * when something is in the way (a folder, a link, a FIFO, a file weekly did not write, a file where a folder
   * must go: noted blocked). A symbolic link leading out of the output folder is an error: nothing is written
   * through it, nor is any folder made first.
   */
  async judge(rel: string, hash: string, size: number, same: (target: string) => Promise<boolean>): Promise<'stage' | 'unchanged' | 'blocked'> {
    this.report.hashes[rel] = hash;
    const target = path.join(this.setup.outDir, ...rel.split('/'));
    const above = await this.checkFolders(path.dirname(target));
    if (above) {
      this.report.blocked.push({ rel, why: above.why });
      return 'blocked';
    }
    const st = await lstatOrNull(target);
    if (!st) return 'stage';
    if (st.isDirectory()) return this.block(rel, 'is a folder where weekly writes a file');
    if (st.isSymbolicLink() && !this.setup.force) return this.block(rel, 'is a symbolic link');
    if (!st.isFile() && !st.isSymbolicLink()) return this.block(rel, 'is not a regular file');
    if (st.isFile() && st.size === size && (await same(target))) {
      this.report.unchanged.push(rel);
      return 'unchanged';
    }
    if (!this.setup.force && this.setup.before[rel] === undefined) return this.block(rel, 'was not written by weekly');
    return 'stage';
  }

  private block(rel: string, why: string): 'blocked' {
    this.report.blocked.push({ rel, why });
    return 'blocked';
  }

  /** The folders above a target, from the output folder down: each that exists must be a folder inside it. */
  private async checkFolders(dir: string): Promise<Blocked | null> {
    if (this.checked.has(dir)) return this.checked.get(dir)!;
    const out = this.setup.outDir;
    this.realOut ??= await fs.realpath(out);
    let result: Blocked | null = null;
    if (dir !== out) {
      result = await this.checkFolders(path.dirname(dir));
      if (!result) {
        const st = await lstatOrNull(dir);
        const shown = path.relative(out, dir).split(path.sep).join('/');
        if (st?.isSymbolicLink()) {
          const real = await fs.realpath(dir).catch(() => null);
          if (!real || !inside(real, this.realOut)) {
            throw new WeeklyError(`\`${shown}\` in the output folder is a symbolic link leading outside it: nothing is written or removed through it`, 'output');
          }
        } else if (st && !st.isDirectory()) {
          result = { rel: shown, why: 'is a file where weekly needs a folder' };
        }
      }
    }
    this.checked.set(dir, result);
    return result;
  }
}

/** An output written piece by piece into the staging folder, hashed as written, never whole in memory. */
export class OutputStream {
  private handle: Promise<fs.FileHandle> | null = null;
  private readonly tmp: string;
  private readonly hash = createHash('sha256');
  private size = 0;
  private batch: Buffer[] = [];
  private batchSize = 0;

  constructor(
    private readonly stager: Stager,
    readonly rel: string,
  ) {
    this.tmp = stager.tempPath();
  }

  /** Append a piece; written out in batches of about a megabyte. */
  async write(piece: string): Promise<void> {
    const b = Buffer.from(piece, 'utf8');
    this.hash.update(b);
    this.size += b.length;
    this.batch.push(b);
    this.batchSize += b.length;
    if (this.batchSize >= 1 << 20) await this.flush();
  }

  private async flush(): Promise<void> {
    this.handle ??= fs.open(this.tmp, 'wx');
    const h = await this.handle;
    if (this.batchSize) await h.write(Buffer.concat(this.batch, this.batchSize));
    this.batch = [];
    this.batchSize = 0;
  }

  /** Finish the file: staged, or removed again when its target already holds the same or is in the way. */
  async close(): Promise<void> {
    await this.flush();
    const h = await this.handle!;
    await h.sync();
    await h.close();
    const digest = this.hash.digest('hex');
    let decision: 'stage' | 'unchanged' | 'blocked' = 'blocked';
    try {
      decision = await this.stager.judge(this.rel, digest, this.size, async (target) => sha256(await fs.readFile(target)) === digest);
    } finally {
      if (decision === 'stage') this.stager.addStaged({ rel: this.rel, tmp: this.tmp, hash: digest });
      else await fs.rm(this.tmp, { force: true });
    }
  }
}

/** What writing the outputs did. */
export interface WriteResult {
  written: string[];
  unchanged: string[];
  removed: string[];
  /** Files weekly wrote before, no longer produced, and edited since: left in place. */
  kept: string[];
}

/** One step of a commit, as the journal records it: enough to undo it after a crash. */
interface Step {
  /** `put`: `tmp` renamed over `rel` (the file there first kept as `backup`); `remove`: `rel` moved to `backup`. */
  op: 'put' | 'remove';
  rel: string;
  tmp?: string;
  /** Where the file that was at `rel` is kept until the commit ends (absent when there was none). */
  backup: string | null;
  /** The hash of what `put` publishes: a file still holding it after a crash is this build's. */
  hash?: string;
}

async function readManifest(outDir: string): Promise<Record<string, string>> {
  let raw: Buffer;
  try {
    raw = await readTextFile(path.join(outDir, MANIFEST), MAX_READ);
  } catch {
    return {};
  }
  try {
    const data = JSON.parse(raw.toString('utf8')) as { files?: Record<string, string> };
    if (!data.files || typeof data.files !== 'object' || Array.isArray(data.files)) return {};
    const out: Record<string, string> = Object.create(null);
    for (const [k, v] of Object.entries(data.files)) if (typeof v === 'string') out[k] = v;
    return out;
  } catch {
    return {};
  }
}

/** Take the output folder's lock, or say which build holds it. A lock whose process is gone is taken over. */
async function takeLock(outDir: string, shown: string): Promise<string> {
  const file = path.join(outDir, LOCK);
  const text = `${JSON.stringify({ pid: process.pid, host: hostname(), since: new Date().toISOString() })}\n`;
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const h = await fs.open(file, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL, 0o644);
      await h.writeFile(text);
      await h.close();
      return file;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
    const st = await lstatOrNull(file);
    if (st && !st.isFile()) throw new WeeklyError(`${shown}/${LOCK} is not a regular file: remove it`, 'output');
    let holder: { pid?: unknown; host?: unknown; since?: unknown } = {};
    try {
      holder = JSON.parse((await readTextFile(file, 4096)).toString('utf8'));
    } catch {
      // unreadable: left by a build that died while writing it
    }
    if (typeof holder.pid === 'number' && holder.host === hostname() && (await pidAlive(holder.pid))) {
      throw new WeeklyError(`${shown} is being written by another weekly build (process ${holder.pid}, since ${String(holder.since)}); wait for it to end, or remove ${shown}/${LOCK} if no build runs`, 'output');
    }
    // a build on another machine (a shared folder) is not ours to judge: its lock stays
    if (typeof holder.pid === 'number' && typeof holder.host === 'string' && holder.host !== hostname()) {
      throw new WeeklyError(`${shown} is locked by a weekly build on ${holder.host} (process ${holder.pid}, since ${String(holder.since)}); remove ${shown}/${LOCK} if no build runs there`, 'output');
    }
    await fs.rm(file, { force: true });
  }
  throw new WeeklyError(`${shown}: another weekly build took the lock at the same moment; try again`, 'output');
}

/** Undo what a commit that never ended did, by its journal, and remove the staging folder of a build that is gone. */
async function recover(outDir: string): Promise<void> {
  let names: string[];
  try {
    names = await fs.readdir(outDir);
  } catch {
    return;
  }
  for (const name of names.filter((n) => STAGING.test(n)).sort()) {
    const dir = path.join(outDir, name);
    // only a folder weekly made and marked is touched: a user's folder that happens to look like one is left alone
    const mark = await readTextFile(path.join(dir, MARK), 4096).catch(() => null);
    if (!mark || mark.toString('utf8') !== MARK_TEXT) continue;
    const journal = await readTextFile(path.join(dir, JOURNAL), MAX_READ).catch(() => null);
    if (journal) {
      let steps: Step[] = [];
      try {
        steps = (JSON.parse(journal.toString('utf8')) as { steps: Step[] }).steps;
      } catch {
        steps = [];
      }
      // what cannot be undone now is tried again next time, from the same journal
      if (!(await undo(outDir, steps))) continue;
    }
    await fs.rm(dir, { recursive: true, force: true });
  }
}

/**
 * Undo commit steps, the last first: a moved-away file comes back, a file this build published goes. Returns
 * whether every step was undone (if not, the staging folder and its journal are kept for the next build).
 */
async function undo(outDir: string, steps: Step[]): Promise<boolean> {
  let ok = true;
  for (const s of [...steps].reverse()) {
    if (s.rel.split('/').includes('..') || path.isAbsolute(s.rel)) continue;
    const target = path.join(outDir, ...s.rel.split('/'));
    if (s.backup && (await lstatOrNull(s.backup))) {
      if (!(await fs.rename(s.backup, target).then(() => true, () => false))) ok = false;
    } else if (s.op === 'put' && !s.backup && s.hash) {
      const have = await readTextFile(target, MAX_READ).catch(() => null);
      if (have && sha256(have) === s.hash && !(await fs.rm(target).then(() => true, () => false))) ok = false;
    }
  }
  return ok;
}

/**
 * The outputs of one build. Files are staged (see `Stager`, here or in worker threads) into a staging folder
 * inside the output folder, and `commit` publishes them all or none: each target's old file is moved aside
 * before the new one is renamed over it, old outputs no longer produced are moved aside, the manifest is written
 * last, and only then is the staging folder (with what was moved aside) removed. A failure at any step undoes
 * the steps before it; a build killed meanwhile is undone by the next one, from the journal it left. One build at
 * a time writes into a folder (`.weekly-lock`).
 */
export class OutputWriter {
  private all: StageReport = emptyReport();
  private readonly stager: Stager;

  private constructor(
    readonly setup: StageSetup,
    private readonly lock: string,
    private readonly made: string | null,
  ) {
    this.stager = new Stager(setup);
  }

  /** Start writing into `outDir` (made if missing): take its lock, undo a killed build, read the manifest. */
  static async open(outDir: string, opts: { force?: boolean; shown?: string } = {}): Promise<OutputWriter> {
    const shown = opts.shown ?? outDir;
    return fsErrors(async () => {
      const made = await makeDirs(outDir);
      const lock = await takeLock(outDir, shown);
      try {
        await recover(outDir);
        const before = await readManifest(outDir);
        const staging = path.join(outDir, `.weekly-staging-${process.pid}-${randomBytes(4).toString('hex')}`);
        await fs.mkdir(staging);
        await fs.writeFile(path.join(staging, MARK), MARK_TEXT);
        return new OutputWriter({ outDir, staging, before, force: opts.force ?? false }, lock, made);
      } catch (err) {
        await fs.rm(lock, { force: true });
        throw err;
      }
    });
  }

  /** The previous build's manifest. */
  get manifestBefore(): Record<string, string> {
    return this.setup.before;
  }

  /** Files in the way, sorted: each with the reason (none of those weekly wrote, with `force`). */
  get conflicts(): Blocked[] {
    return [...this.all.blocked].sort((a, b) => (a.rel < b.rel ? -1 : a.rel > b.rel ? 1 : 0));
  }

  /** Stage some outputs here. */
  async put(files: Iterable<[string, Content | Uint8Array]>): Promise<void> {
    try {
      await this.stager.put(files);
    } finally {
      this.adopt(this.stager.take());
    }
  }

  /** A data file written piece by piece; `close` it before `commit`. */
  stream(rel: string): { write(piece: string): Promise<void>; close(): Promise<void> } {
    const s = this.stager.stream(rel);
    return {
      write: (p) => fsErrors(() => s.write(p)),
      close: () =>
        fsErrors(async () => {
          try {
            await s.close();
          } finally {
            this.adopt(this.stager.take());
          }
        }),
    };
  }

  /** Take over what another stager (a worker thread's) staged. */
  adopt(r: StageReport): void {
    Object.assign(this.all.hashes, r.hashes);
    this.all.staged.push(...r.staged);
    this.all.unchanged.push(...r.unchanged);
    this.all.blocked.push(...r.blocked);
  }

  /** Drop what was staged and release the folder: nothing in it changes (but a folder made for it, left empty). */
  async abort(): Promise<void> {
    await fs.rm(this.setup.staging, { recursive: true, force: true });
    await fs.rm(this.lock, { force: true });
    // the chain of folders made for the output folder, now empty again
    if (this.made) await removeEmptyTree(this.made);
  }

  /**
   * Publish every staged file, remove the outputs of the previous build that this one no longer writes (when they
   * still hold what weekly wrote; edited ones are kept and reported), and write the manifest: all of it, or none.
   */
  async commit(): Promise<WriteResult> {
    const { outDir, staging, before } = this.setup;
    const steps: Step[] = [];
    const made: string[] = [];
    let keepStaging = false;
    const result: WriteResult = { written: [], unchanged: [...this.all.unchanged].sort(), removed: [], kept: [] };
    try {
      return await fsErrors(async () => {
        const produced = new Set(Object.keys(this.all.hashes));
        const staged = [...this.all.staged].sort((a, b) => (a.rel < b.rel ? -1 : 1));
        let n = 0;
        const backupOf = () => path.join(staging, `old-${n++}`);
        // what would be removed, and what is kept because it was edited since weekly wrote it
        const removals: string[] = [];
        for (const rel of Object.keys(before).sort()) {
          // the manifest is a file in the output folder, which anyone may have edited
          if (produced.has(rel) || rel.split(/[\\/]/).includes('..') || path.isAbsolute(rel) || rel.includes('\0') || rel === MANIFEST) continue;
          const target = path.join(outDir, ...rel.split('/'));
          const st = await lstatOrNull(target);
          if (!st?.isFile()) continue;
          if (!inside(await fs.realpath(path.dirname(target)).catch(() => ''), await fs.realpath(outDir))) continue;
          const have = await readTextFile(target, MAX_READ).catch(() => null);
          if (!have) continue;
          if (sha256(have) !== before[rel]) result.kept.push(rel);
          else removals.push(rel);
        }
        const manifestText = `${JSON.stringify({ generator: 'weekly', files: Object.fromEntries(Object.entries(this.all.hashes).sort((a, b) => (a[0] < b[0] ? -1 : 1))) }, null, 2)}\n`;
        const manifestTarget = path.join(outDir, MANIFEST);
        const oldManifest = await lstatOrNull(manifestTarget);
        if (oldManifest && !oldManifest.isFile()) throw new WeeklyError(`${MANIFEST} in the output folder is not a regular file: remove it`, 'output');
        const manifestSame = oldManifest?.isFile() && sha256(await readTextFile(manifestTarget, MAX_READ)) === sha256(manifestText);

        // the plan, journaled before anything moves: a build killed from here on is undone by the next one
        for (const s of staged) steps.push({ op: 'put', rel: s.rel, tmp: s.tmp, backup: null, hash: s.hash });
        for (const rel of removals) steps.push({ op: 'remove', rel, backup: null });
        let manifestTmp: string | null = null;
        if (!manifestSame) {
          manifestTmp = path.join(staging, 'manifest.tmp');
          await fs.writeFile(manifestTmp, manifestText);
          steps.push({ op: 'put', rel: MANIFEST, tmp: manifestTmp, backup: null, hash: sha256(manifestText) });
        }
        for (const s of steps) if (s.op === 'remove' || (s.op === 'put' && (await lstatOrNull(path.join(outDir, ...s.rel.split('/')))))) s.backup = backupOf();
        await writeFileAtomicLib(path.join(staging, JOURNAL), JSON.stringify({ steps }));

        const done: Step[] = [];
        try {
          for (const s of steps) {
            const target = path.join(outDir, ...s.rel.split('/'));
            if (s.op === 'put') {
              const top = await makeDirs(path.dirname(target));
              if (top) made.push(top);
              if (s.backup) {
                // what was judged while staging may have changed since: only a file is ever moved aside
                const now = await lstatOrNull(target);
                if (now && !now.isFile() && !now.isSymbolicLink()) throw new WeeklyError(`${s.rel} in the output folder became ${now.isDirectory() ? 'a folder' : 'something other than a file'} while the build ran: nothing was published`, 'output');
                if (now) await fs.rename(target, s.backup);
                else s.backup = null;
              }
              done.push(s);
              await fs.rename(s.tmp!, target);
              if (s.rel !== MANIFEST) result.written.push(s.rel);
            } else {
              // only a file weekly wrote is removed: anything else now at its path stays
              if (!(await lstatOrNull(target))?.isFile()) continue;
              await fs.rename(target, s.backup!);
              done.push(s);
              result.removed.push(s.rel);
            }
          }
        } catch (err) {
          keepStaging = !(await undo(outDir, done));
          for (const dir of made.reverse()) await removeEmptyTree(dir);
          throw err;
        }
        // published: folders that removals emptied go too
        for (const rel of result.removed) {
          for (let dir = path.dirname(path.join(outDir, ...rel.split('/'))); dir.startsWith(outDir + path.sep); dir = path.dirname(dir)) {
            if (!(await fs.rmdir(dir).then(() => true, () => false))) break;
          }
        }
        result.written.sort();
        return result;
      });
    } finally {
      if (!keepStaging) await fs.rm(staging, { recursive: true, force: true });
      await fs.rm(this.lock, { force: true });
    }
  }
}

/** Remove a folder and the folders inside it when none of them holds a file. */
async function removeEmptyTree(dir: string): Promise<boolean> {
  let entries;
  try {
    entries = await fs.readdir(dir, { withFileTypes: true });
  } catch {
    return false;
  }
  let empty = true;
  for (const e of entries) if (!(e.isDirectory() && !e.isSymbolicLink() && (await removeEmptyTree(path.join(dir, e.name))))) empty = false;
  if (!empty) return false;
  try {
    await fs.rmdir(dir);
    return true;
  } catch {
    return false;
  }
}
