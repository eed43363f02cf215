import { createHash, randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';

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
  const before = await readManifest(outDir);
  const result: WriteResult = { written: [], unchanged: [], removed: [], kept: [] };
  const manifest: Record<string, string> = {};
  const entries = [...files];
  // a few files at a time: each write is flushed to disk before its rename
  for (let i = 0; i < entries.length; i += 16) {
    await Promise.all(
      entries.slice(i, i + 16).map(async ([rel, content]) => {
        const target = path.join(outDir, ...rel.split('/'));
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
    if (files.has(rel) || rel.split('/').includes('..') || path.isAbsolute(rel)) continue;
    const target = path.join(outDir, ...rel.split('/'));
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
