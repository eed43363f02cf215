import { createHash, randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { ExitError, EXIT } from '../errors.js';

/** The file in the output folder that lists what weekly wrote there, with each file's hash. */
export const MANIFEST = '.weekly-manifest.json';

const sha256 = (s: string | Buffer) => createHash('sha256').update(s).digest('hex');

/** Write a file atomically: a temporary file in the same folder, flushed, then renamed over the target. */
export async function writeAtomic(file: string, content: string): Promise<void> {
  await fs.mkdir(path.dirname(file), { recursive: true });
  const tmp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
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
async function guardOutside(outDir: string): Promise<(target: string, create?: boolean) => Promise<void>> {
  await fs.mkdir(outDir, { recursive: true });
  const realOut = await fs.realpath(outDir);
  const checked = new Set<string>();
  return async (target, create = true) => {
    const dir = path.dirname(target);
    if (checked.has(dir)) return;
    if (create) await fs.mkdir(dir, { recursive: true });
    if (!inside(await fs.realpath(dir), realOut)) {
      const shown = path.relative(outDir, dir).split(path.sep).join('/');
      throw new ExitError(`weekly build: \`${shown}\` in the output folder is a symbolic link leading outside it: nothing is written or removed through it`, EXIT.failure);
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

/** Files in the way: they exist, weekly did not write them, and they differ from what it would write. */
export async function conflicts(outDir: string, files: Map<string, string>): Promise<string[]> {
  const manifest = await readManifest(outDir);
  const out: string[] = [];
  for (const [rel, content] of files) {
    if (rel in manifest) continue;
    const have = await readMaybe(path.join(outDir, rel));
    if (have && !have.equals(Buffer.from(content, 'utf8'))) out.push(rel);
  }
  return out;
}

/**
 * Write the outputs: only files whose content changed are rewritten (so timestamps mean something to
 * Eleventy and friends). Files listed in the previous manifest that are no longer produced are removed when
 * they still hold what weekly wrote, and kept (and reported) when someone edited them.
 */
export async function writeOutputs(outDir: string, files: Map<string, string>): Promise<WriteResult> {
  try {
    return await writeAll(outDir, files);
  } catch (err) {
    // a full disk, a read-only or unwritable folder: the user's to fix, said in one line
    if (err instanceof ExitError || typeof (err as NodeJS.ErrnoException)?.code !== 'string') throw err;
    throw new ExitError(`weekly build: could not write the outputs: ${String((err as Error).message).split('\n')[0]}`, EXIT.failure);
  }
}

async function writeAll(outDir: string, files: Map<string, string>): Promise<WriteResult> {
  const before = await readManifest(outDir);
  const result: WriteResult = { written: [], unchanged: [], removed: [], kept: [] };
  const manifest: Record<string, string> = {};
  const entries = [...files];
  const guard = await guardOutside(outDir);
  await removeStaleTemps(new Set([outDir, ...entries.map(([rel]) => path.dirname(path.join(outDir, ...rel.split('/'))))]));
  // a few files at a time: each write is flushed to disk before its rename
  for (let i = 0; i < entries.length; i += 16) {
    await Promise.all(
      entries.slice(i, i + 16).map(async ([rel, content]) => {
        const target = path.join(outDir, ...rel.split('/'));
        await guard(target);
        const have = await readMaybe(target);
        manifest[rel] = sha256(content);
        if (have && have.equals(Buffer.from(content, 'utf8'))) {
          result.unchanged.push(rel);
          return;
        }
        await writeAtomic(target, content);
        result.written.push(rel);
      }),
    );
  }
  result.written.sort();
  result.unchanged.sort();
  for (const rel of Object.keys(before).sort()) {
    // the manifest is a file in the output folder, which anyone may have edited
    if (files.has(rel) || rel.split(/[\\/]/).includes('..') || path.isAbsolute(rel) || rel.includes('\0')) continue;
    const target = path.join(outDir, ...rel.split('/'));
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
    for (let dir = path.dirname(target); dir.startsWith(outDir + path.sep); dir = path.dirname(dir)) {
      try {
        await fs.rmdir(dir);
      } catch {
        break;
      }
    }
  }
  const sorted = Object.fromEntries(Object.entries(manifest).sort((a, b) => (a[0] < b[0] ? -1 : 1)));
  const text = `${JSON.stringify({ generator: 'weekly', files: sorted }, null, 2)}\n`;
  const old = await readMaybe(path.join(outDir, MANIFEST));
  if (!old || !old.equals(Buffer.from(text, 'utf8'))) await writeAtomic(path.join(outDir, MANIFEST), text);
  return result;
}
