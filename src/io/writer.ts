import { createHash, randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { WeeklyError } from '../core/errors.js';
import writeFileAtomicLib from 'write-file-atomic';
import type { Content } from '../core/render/content.js';

/** The file in the output folder that lists what weekly wrote there, with each file's hash. */
export const MANIFEST = '.weekly-manifest.json';

const sha256 = (s: string | Buffer) => createHash('sha256').update(s).digest('hex');

export { contentText, type Content } from '../core/render/content.js';

/** Files staged through `put` as they are made, a few under way at once, so that rendering goes on meanwhile. */
export interface Pipeline {
  /** Start staging a file; waits only when `limit` files are under way. Throws an earlier file's error. */
  add(file: [string, Content]): Promise<void>;
  /** Wait for every file under way; throws the first error. */
  flush(): Promise<void>;
  /** Wait for every file under way, ignoring errors (before removing what was staged). */
  settle(): Promise<void>;
}

/** A pipeline into `put` with at most `limit` files under way. */
export function pipeline(put: (files: [string, Content][]) => Promise<void>, limit = 16): Pipeline {
  const pending = new Set<Promise<void>>();
  const state: { failed: { err: unknown } | null } = { failed: null };
  // read through a call: the compiler would otherwise take it for still null after an await
  const failure = () => state.failed;
  const settle = async () => {
    while (pending.size) await Promise.all(pending);
  };
  return {
    async add(file) {
      const before = failure();
      if (before) throw before.err;
      const p: Promise<void> = put([file])
        .catch((err: unknown) => {
          state.failed ??= { err };
        })
        .finally(() => pending.delete(p));
      pending.add(p);
      if (pending.size >= limit) await Promise.race(pending);
      const now = failure();
      if (now) throw now.err;
    },
    async flush() {
      await settle();
      const f = failure();
      if (f) throw f.err;
    },
    settle,
  };
}

/** Write one file atomically (write-file-atomic: a temporary file, flushed, renamed over it); `mkdir` makes its folder first. */
export async function writeFileAtomic(file: string, data: string | Uint8Array, opts: { mkdir?: boolean } = {}): Promise<void> {
  if (opts.mkdir) await fs.mkdir(path.dirname(file), { recursive: true });
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

/** A temporary name beside `file`, in the form `removeStaleTemps` recognises. */
const tempFor = (file: string) => path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);

/** Write a file atomically: a temporary file in the same folder, flushed, then renamed over the target. */
export async function writeAtomic(file: string, content: string): Promise<void> {
  await fs.mkdir(path.dirname(file), { recursive: true });
  const tmp = tempFor(file);
  try {
    const h = await fs.open(tmp, 'w');
    try {
      await h.writeFile(content, 'utf8');
      await h.sync();
    } finally {
      await h.close();
    }
    await fs.rename(tmp, file);
  } catch (err) {
    await fs.rm(tmp, { force: true });
    throw err;
  }
}

/** A temporary file of `writeAtomic`: `.<name>.<pid>.<8 hex>.tmp`. */
const TEMP = /^\..+\.(\d+)\.[0-9a-f]{8}\.tmp$/;

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Remove the temporary files a killed build left in these folders (never those of a build still running). */
async function removeStaleTemps(dirs: Iterable<string>): Promise<void> {
  for (const dir of dirs) {
    let names: string[];
    try {
      names = await fs.readdir(dir);
    } catch {
      continue;
    }
    for (const n of names) {
      const m = TEMP.exec(n);
      if (m && Number(m[1]) !== process.pid && !alive(Number(m[1]))) await fs.rm(path.join(dir, n), { force: true });
    }
  }
}

const inside = (child: string, parent: string) => child === parent || child.startsWith(parent + path.sep);

/**
 * The output folder's real path, and a check that a file's folder (made if missing) really lies inside it: a
 * symbolic link inside the output folder (`dist/monthly -> /etc`) must not carry a write or a removal out.
 */
async function guardOutside(outDir: string, made: string[] = []): Promise<(target: string, create?: boolean, madeNow?: string[]) => Promise<void>> {
  const first = await fs.mkdir(outDir, { recursive: true });
  if (first) made.push(first);
  const realOut = await fs.realpath(outDir);
  const checked = new Set<string>();
  return async (target, create = true, madeNow = made) => {
    const dir = path.dirname(target);
    if (checked.has(dir)) return;
    if (create) {
      const top = await fs.mkdir(dir, { recursive: true });
      if (top) madeNow.push(top);
    }
    if (!inside(await fs.realpath(dir), realOut)) {
      const shown = path.relative(outDir, dir).split(path.sep).join('/');
      throw new WeeklyError(`\`${shown}\` in the output folder is a symbolic link leading outside it: nothing is written or removed through it`, 'output');
    }
    checked.add(dir);
  };
}

async function readMaybe(file: string): Promise<Buffer | null> {
  try {
    return await fs.readFile(file);
  } catch {
    return null;
  }
}

async function readManifest(outDir: string): Promise<Record<string, string>> {
  const raw = await readMaybe(path.join(outDir, MANIFEST));
  if (!raw) return {};
  try {
    const data = JSON.parse(raw.toString('utf8')) as { files?: Record<string, string> };
    return data.files && typeof data.files === 'object' ? data.files : {};
  } catch {
    return {};
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

/** A temporary file staged for a target, renamed over it when the build commits. */
interface Staged {
  tmp: string;
  target: string;
  rel: string;
}

/** What staging some outputs did: plain data, so a worker thread can send it to the thread that commits. */
export interface StageReport {
  /** Path → sha256 of each output staged or found unchanged. */
  hashes: Record<string, string>;
  staged: Staged[];
  unchanged: string[];
  /** Files in the way: they exist, weekly did not write them, and they differ from what it would write. */
  blocked: string[];
  /** The topmost folder of each chain of folders made for them. */
  made: string[];
}

/**
 * Stages outputs into one output folder: each changed file goes to a flushed temporary file beside its target.
 * The same in a worker thread and in the main one; `OutputWriter` commits what all of them staged.
 */
export class Stager {
  private report: StageReport = { hashes: {}, staged: [], unchanged: [], blocked: [], made: [] };
  private seenDirs = new Set<string>();

  private constructor(
    readonly outDir: string,
    /** The manifest of the previous build: the files weekly wrote. */
    private before: Record<string, string>,
    private guard: (target: string, create?: boolean, made?: string[]) => Promise<void>,
    /** Overwrite files weekly did not write. */
    private force: boolean,
  ) {}

  /** A stager for `outDir` (made if missing); `before` is the previous manifest (read when not given). */
  static async open(outDir: string, opts: { force?: boolean; before?: Record<string, string> } = {}): Promise<Stager> {
    return fsErrors(async () => {
      const before = opts.before ?? (await readManifest(outDir));
      const made: string[] = [];
      const st = new Stager(outDir, before, await guardOutside(outDir, made), opts.force ?? false);
      st.report.made.push(...made);
      return st;
    });
  }

  /** The previous build's manifest. */
  get manifestBefore(): Record<string, string> {
    return this.before;
  }

  /** Stage some outputs (path relative to the output folder, `/` → content); a few files at a time. */
  async put(files: Iterable<[string, Content]>): Promise<void> {
    const entries = [...files];
    await fsErrors(async () => {
      for (let i = 0; i < entries.length; i += 16) await Promise.all(entries.slice(i, i + 16).map(([rel, content]) => this.putOne(rel, content)));
    });
  }

  /** What was staged since the last call, handed over (to `OutputWriter.adopt`). */
  take(): StageReport {
    const r = this.report;
    this.report = { hashes: {}, staged: [], unchanged: [], blocked: [], made: [] };
    return r;
  }

  private async putOne(rel: string, content: Content): Promise<void> {
    const target = path.join(this.outDir, ...rel.split('/'));
    const dir = path.dirname(target);
    // the folders made go to the report current when they are made: another file's put may take the report meanwhile
    const made: string[] = [];
    await this.guard(target, true, made);
    this.report.made.push(...made);
    if (!this.seenDirs.has(dir)) {
      this.seenDirs.add(dir);
      await removeStaleTemps([dir]);
    }
    if (typeof content !== 'string') return this.putPieces(rel, target, content);
    const bytes = Buffer.from(content, 'utf8');
    this.report.hashes[rel] = sha256(bytes);
    if (!this.judge(rel, await readMaybe(target), (have) => have.equals(bytes))) return;
    const tmp = tempFor(target);
    this.report.staged.push({ tmp, target, rel });
    const h = await fs.open(tmp, 'w');
    try {
      await h.writeFile(bytes);
      await h.sync();
    } finally {
      await h.close();
    }
  }

  /**
   * Whether to stage an output, given the file at its target (null: none): not when it holds the same (noted
   * unchanged), not when weekly did not write it and may not overwrite it (noted in the way), and nothing more
   * once some file is in the way.
   */
  private judge(rel: string, have: Buffer | null, same: (have: Buffer) => boolean): boolean {
    if (have && same(have)) {
      this.report.unchanged.push(rel);
      return false;
    }
    if (have && !this.force && !(rel in this.before)) {
      this.report.blocked.push(rel);
      return false;
    }
    return !this.report.blocked.length;
  }

  /**
   * Stage a file written piece by piece, never whole in memory: written first, then compared with what is there
   * (by hash), and removed again when it is unchanged or in the way.
   */
  private async putPieces(rel: string, target: string, pieces: Iterable<string>): Promise<void> {
    if (this.report.blocked.length) return;
    const tmp = tempFor(target);
    const hash = createHash('sha256');
    const h = await fs.open(tmp, 'w');
    let staged = false;
    try {
      try {
        let batch: Buffer[] = [];
        let size = 0;
        for (const piece of pieces) {
          const b = Buffer.from(piece, 'utf8');
          hash.update(b);
          batch.push(b);
          size += b.length;
          if (size >= 1 << 20) {
            await h.write(Buffer.concat(batch, size));
            batch = [];
            size = 0;
          }
        }
        if (size) await h.write(Buffer.concat(batch, size));
        await h.sync();
      } finally {
        await h.close();
      }
      const digest = hash.digest('hex');
      this.report.hashes[rel] = digest;
      if (!this.judge(rel, await readMaybe(target), (have) => sha256(have) === digest)) return;
      this.report.staged.push({ tmp, target, rel });
      staged = true;
    } finally {
      if (!staged) await fs.rm(tmp, { force: true });
    }
  }
}

/**
 * The outputs of one build, written as they are rendered so that no more than a tree of them is held in memory,
 * and published all at once: files are staged (see `Stager`, here or in worker threads) and only `commit`
 * renames them over the targets. A build that fails (a template error, a file in the way, a full disk) calls
 * `abort`, which removes the temporary files and the folders made for them: the output folder is left as it was.
 */
export class OutputWriter {
  private all: StageReport = { hashes: {}, staged: [], unchanged: [], blocked: [], made: [] };

  private constructor(
    private stager: Stager,
    readonly outDir: string,
  ) {}

  /** Start writing into `outDir` (made if missing). */
  static async open(outDir: string, opts: { force?: boolean } = {}): Promise<OutputWriter> {
    const w = new OutputWriter(await Stager.open(outDir, opts), outDir);
    w.adopt(w.stager.take());
    return w;
  }

  /** The previous build's manifest (for stagers in other threads). */
  get manifestBefore(): Record<string, string> {
    return this.stager.manifestBefore;
  }

  /** Files in the way: they exist, weekly did not write them, and they differ from what it would write (none with `force`). */
  get conflicts(): string[] {
    return [...this.all.blocked].sort();
  }

  /** Stage some outputs here. */
  async put(files: Iterable<[string, Content]>): Promise<void> {
    try {
      await this.stager.put(files);
    } finally {
      this.adopt(this.stager.take());
    }
  }

  /** Take over what another stager (a worker thread's) staged. */
  adopt(r: StageReport): void {
    Object.assign(this.all.hashes, r.hashes);
    this.all.staged.push(...r.staged);
    this.all.unchanged.push(...r.unchanged);
    this.all.blocked.push(...r.blocked);
    this.all.made.push(...r.made);
  }

  /** Remove the staged files: nothing in the output folder changes. */
  async abort(): Promise<void> {
    await Promise.all(this.all.staged.map((s) => fs.rm(s.tmp, { force: true })));
    this.all.staged = [];
    // the folders made for them, now empty; the most recently made first, as it may lie inside an earlier one
    for (const dir of [...this.all.made].reverse()) await removeEmptyTree(dir);
  }

  /**
   * Publish the staged files, then remove the files of the previous build that `produced` no longer lists
   * (when they still hold what weekly wrote; edited ones are kept and reported), and write the manifest.
   */
  async commit(produced: Set<string>): Promise<WriteResult> {
    const before = this.manifestBefore;
    return fsErrors(async () => {
      const result: WriteResult = { written: [], unchanged: [...this.all.unchanged].sort(), removed: [], kept: [] };
      for (const s of this.all.staged) {
        await fs.rename(s.tmp, s.target);
        result.written.push(s.rel);
      }
      this.all.staged = [];
      result.written.sort();
      const guard = await guardOutside(this.outDir);
      for (const rel of Object.keys(before).sort()) {
        // the manifest is a file in the output folder, which anyone may have edited
        if (produced.has(rel) || rel.split(/[\\/]/).includes('..') || path.isAbsolute(rel) || rel.includes('\0')) continue;
        const target = path.join(this.outDir, ...rel.split('/'));
        try {
          await guard(target, false);
        } catch {
          continue;
        }
        const have = await readMaybe(target);
        if (!have) continue;
        if (sha256(have) !== before[rel]) {
          result.kept.push(rel);
          continue;
        }
        await fs.rm(target);
        result.removed.push(rel);
        // folders weekly made and emptied go too
        for (let dir = path.dirname(target); dir.startsWith(this.outDir + path.sep); dir = path.dirname(dir)) {
          try {
            await fs.rmdir(dir);
          } catch {
            break;
          }
        }
      }
      const sorted = Object.fromEntries(Object.entries(this.all.hashes).sort((a, b) => (a[0] < b[0] ? -1 : 1)));
      const text = `${JSON.stringify({ generator: 'weekly', files: sorted }, null, 2)}\n`;
      const old = await readMaybe(path.join(this.outDir, MANIFEST));
      if (!old || !old.equals(Buffer.from(text, 'utf8'))) await writeAtomic(path.join(this.outDir, MANIFEST), text);
      return result;
    });
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

/** Run file-system work; a full disk or an unwritable folder is the user's to fix, said in one line. */
async function fsErrors<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    if (err instanceof WeeklyError || typeof (err as NodeJS.ErrnoException)?.code !== 'string') throw err;
    throw new WeeklyError(`could not write the outputs: ${String((err as Error).message).split('\n')[0]}`, 'output');
  }
}
