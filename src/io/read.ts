import { constants, promises as fs, readFileSync, statSync, type Stats } from 'node:fs';
import { decode, type InputEncoding } from '../core/parse/decode.js';

/** Default size above which a note is reported and skipped rather than parsed. */
export const DEFAULT_MAX_BYTES = 10 * 1024 * 1024;

/** A note's text, or the one-line reason it could not be read. */
export type ReadResult = { ok: true; text: string; bom: boolean; bytes: Buffer } | { ok: false; reason: string };

/** Options of reading a note. */
export interface ReadOptions {
  encoding?: InputEncoding;
  maxBytes?: number;
}

/** A size in words: `20.0 MB`, `1.5 KB`, `900 bytes`; `whole` drops a `.0` (for limits, `10 MB`). */
function sizeText(n: number, whole = false): string {
  const [v, unit] = n >= 1048576 ? [n / 1048576, 'MB'] : n >= 1024 ? [n / 1024, 'KB'] : [n, 'bytes'];
  return `${unit === 'bytes' || (whole && Number.isInteger(v)) ? v : v.toFixed(1)} ${unit}`;
}

/** Why a file with this stat is not read, or null when it is. */
function refuse(stat: Stats, maxBytes: number): string | null {
  if (stat.isDirectory()) return 'is a directory, not a note';
  // a FIFO or a device would block or never end
  if (!stat.isFile()) return 'is not a regular file';
  if (stat.size > maxBytes) {
    return `is ${sizeText(stat.size)}, over the ${sizeText(maxBytes, true)} limit for a note (set maxFileSize in the config to raise it); skipped`;
  }
  return null;
}

function decoded(bytes: Buffer, opts: ReadOptions): ReadResult {
  const d = decode(bytes, opts.encoding);
  if (d.text === null) return { ok: false, reason: d.error ?? 'could not be read as text' };
  return { ok: true, text: d.text, bom: d.bom, bytes };
}

/** Read a note from disk: size-checked, decoded, never thrown at. */
export async function readNote(path: string, opts: ReadOptions = {}): Promise<ReadResult> {
  let bytes: Buffer;
  try {
    const why = refuse(await fs.stat(path), opts.maxBytes ?? DEFAULT_MAX_BYTES);
    if (why) return { ok: false, reason: why };
    bytes = await fs.readFile(path);
  } catch (err) {
    return { ok: false, reason: describeFsError(err) };
  }
  return decoded(bytes, opts);
}

/**
 * `readNote` for a thread that does nothing else (a pool worker, or a batch in-process): blocking reads cost
 * no waiting there, and skip the promise and thread-pool round trips that add up over thousands of notes.
 */
export function readNoteSync(path: string, opts: ReadOptions = {}): ReadResult {
  let bytes: Buffer;
  try {
    const why = refuse(statSync(path), opts.maxBytes ?? DEFAULT_MAX_BYTES);
    if (why) return { ok: false, reason: why };
    bytes = readFileSync(path);
  } catch (err) {
    return { ok: false, reason: describeFsError(err) };
  }
  return decoded(bytes, opts);
}

/** Default size above which a file weekly reads that is not a note (a baseline, a cache, a template) is refused. */
export const DEFAULT_MAX_FILE_BYTES = 64 * 1024 * 1024;

/**
 * The bytes of a regular file, read with a size limit: a FIFO, a device or a folder is refused rather than read
 * (a FIFO would block for ever, `/dev/zero` never end). Throws an Error with a one-line reason.
 */
export async function readTextFile(file: string, maxBytes = DEFAULT_MAX_FILE_BYTES): Promise<Buffer> {
  let h: fs.FileHandle;
  try {
    // non-blocking: opening a FIFO for reading would otherwise wait for a writer
    h = await fs.open(file, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch (err) {
    throw new Error(describeFsError(err));
  }
  try {
    const st = await h.stat();
    const why = refuse(st, maxBytes);
    if (why) throw new Error(why.replace(/ for a note.*$/, '').replace(/, not a note$/, ''));
    const buf = Buffer.allocUnsafe(st.size);
    let n = 0;
    while (n < st.size) {
      const { bytesRead } = await h.read(buf, n, st.size - n, n);
      if (!bytesRead) break;
      n += bytesRead;
    }
    return buf.subarray(0, n);
  } finally {
    await h.close();
  }
}

/** One-line description of a file-system error. */
export function describeFsError(err: unknown): string {
  const code = (err as NodeJS.ErrnoException)?.code;
  switch (code) {
    case 'ENOENT':
      return 'no such file or directory';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EISDIR':
      return 'is a directory, not a note';
    case 'ELOOP':
      return 'symbolic link loop';
    case 'ENAMETOOLONG':
      return 'path too long';
    default:
      return (err as Error)?.message?.split('\n')[0] ?? String(err);
  }
}
