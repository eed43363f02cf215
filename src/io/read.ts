import { createHash } from 'node:crypto';
import { closeSync, constants, fstatSync, promises as fs, openSync, readdirSync, readSync, statSync, type Stats } from 'node:fs';
import { isUtf8 } from 'node:buffer';
import path from 'node:path';
import { decode, guessLegacyEncoding, LEGACY_NAMES, type InputEncoding } from '../core/parse/decode.js';

/** Default size above which a note is reported and skipped rather than parsed. */
export const DEFAULT_MAX_BYTES = 10 * 1024 * 1024;

/** A note's text, or the one-line reason it could not be read. */
export type ReadResult = { ok: true; text: string; bom: boolean; bytes: Buffer; stamp?: string | null } | { ok: false; reason: string };

/** Options of reading a note. */
export interface ReadOptions {
  encoding?: InputEncoding;
  maxBytes?: number;
}

/** A file that could not be read: `message` is the one-line reason, `code` the system's error code when there was one. */
export class ReadError extends Error {
  constructor(
    message: string,
    readonly code?: string,
  ) {
    super(message);
    this.name = 'ReadError';
  }
}

/** A size in words: `20.0 MB`, `1.5 KB`, `900 bytes`; `whole` drops a `.0` (for limits, `10 MB`). */
function sizeText(n: number, whole = false): string {
  const [v, unit] = n >= 1048576 ? [n / 1048576, 'MB'] : n >= 1024 ? [n / 1024, 'KB'] : [n, 'bytes'];
  return `${unit === 'bytes' || (whole && Number.isInteger(v)) ? v : v.toFixed(1)} ${unit}`;
}

/** What a file that is neither a regular file nor a folder is. */
function kindOf(stat: Stats): string {
  if (stat.isFIFO()) return 'a named pipe (FIFO)';
  if (stat.isCharacterDevice() || stat.isBlockDevice()) return 'a device';
  if (stat.isSocket()) return 'a socket';
  return 'a special file';
}

/** Why a file with this stat is not read (as a note, or as another file weekly reads), or null when it is. */
function refuse(stat: Stats, maxBytes: number, note: boolean): string | null {
  if (stat.isDirectory()) return note ? 'is a directory, not a note' : 'is a directory';
  // a FIFO would block for ever, a device never end
  if (!stat.isFile()) return `is not a regular file: it is ${kindOf(stat)}`;
  if (stat.size > maxBytes) return tooBig(stat.size, maxBytes, note);
  return null;
}

const tooBig = (size: number, maxBytes: number, note: boolean) =>
  note
    ? `is ${sizeText(size)}, over the ${sizeText(maxBytes, true)} limit for a note (set maxFileSize in the config to raise it); skipped`
    : `is ${sizeText(size)}, over the ${sizeText(maxBytes, true)} limit`;

// non-blocking: opening a FIFO for reading would otherwise wait for a writer before anything could be checked
const READ_FLAGS = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0);

/**
 * Read an open file: `size` bytes as its stat said (what readFileSync reads), or, for a file that says it is empty
 * (`/proc`-like files), up to EOF; more than `maxBytes` is refused, so a file that grows while read cannot run on.
 */
function readAllSync(fd: number, size: number, maxBytes: number, note: boolean): Buffer {
  if (size > 0) {
    const buf = Buffer.allocUnsafe(size);
    let n = 0;
    for (let r = -1; n < size && r !== 0; n += r) r = readSync(fd, buf, n, size - n, null);
    return n === size ? buf : buf.subarray(0, n);
  }
  const chunks: Buffer[] = [];
  let total = 0;
  for (;;) {
    const chunk = Buffer.allocUnsafe(64 * 1024);
    const r = readSync(fd, chunk, 0, chunk.length, null);
    if (!r) break;
    total += r;
    if (total > maxBytes) throw new ReadError(tooBig(total, maxBytes, note));
    chunks.push(chunk.subarray(0, r));
  }
  return Buffer.concat(chunks, total);
}

async function readAll(h: fs.FileHandle, size: number, maxBytes: number, note: boolean): Promise<Buffer> {
  if (size > 0) {
    const buf = Buffer.allocUnsafe(size);
    let n = 0;
    for (let r = -1; n < size && r !== 0; n += r) r = (await h.read(buf, n, size - n, null)).bytesRead;
    return n === size ? buf : buf.subarray(0, n);
  }
  const chunks: Buffer[] = [];
  let total = 0;
  for (;;) {
    const chunk = Buffer.allocUnsafe(64 * 1024);
    const { bytesRead } = await h.read(chunk, 0, chunk.length, null);
    if (!bytesRead) break;
    total += bytesRead;
    if (total > maxBytes) throw new ReadError(tooBig(total, maxBytes, note));
    chunks.push(chunk.subarray(0, bytesRead));
  }
  return Buffer.concat(chunks, total);
}

/** The bytes of a regular file of at most `maxBytes`, checked on the open file (a file swapped after a stat is still caught). */
function readRegularSync(file: string, maxBytes: number, note: boolean): Buffer {
  return readStampedSync(file, maxBytes, note).bytes;
}

/** `readRegularSync`, with the file's stamp (`stampOf`) as it was before its bytes were read. */
function readStampedSync(file: string, maxBytes: number, note: boolean): { bytes: Buffer; stamp: string | null } {
  let fd: number;
  try {
    fd = openSync(file, READ_FLAGS);
  } catch (err) {
    throw new ReadError(describeFsError(err, file), (err as NodeJS.ErrnoException)?.code);
  }
  try {
    const now = Date.now();
    const st = fstatSync(fd);
    const why = refuse(st, maxBytes, note);
    if (why) throw new ReadError(why);
    const bytes = readAllSync(fd, st.size, maxBytes, note);
    return { bytes, stamp: bytes.length === st.size ? stampOf(st, now) : null };
  } catch (err) {
    if (err instanceof ReadError) throw err;
    throw new ReadError(describeFsError(err, file), (err as NodeJS.ErrnoException)?.code);
  } finally {
    closeSync(fd);
  }
}

// a file changed less than this long before it was read may change again within the same tick of a coarse clock
// (1 s on ext3 and HFS+, 2 s on FAT) without its times or size changing
const RACY_MS = 2500;

/**
 * A regular file's identity as its stat tells it (size, modification and change times, inode, device), for a
 * cache to know an unchanged file without reading it; null for a file that changed within `RACY_MS` of `now`
 * (git's "racily clean" entries: a later write in the same tick would leave its stat as it is). Copying,
 * restoring or touching a file sets its change time, which no program can set back.
 */
export function stampOf(st: Stats, now: number): string | null {
  if (!st.isFile() || st.ctimeMs > now - RACY_MS || st.mtimeMs > now - RACY_MS) return null;
  return `${st.size}:${st.mtimeMs}:${st.ctimeMs}:${st.ino}:${st.dev}`;
}

/** The stamp of the file at `file` now (following links, as reading does), or null. */
export function currentStamp(file: string): string | null {
  try {
    return stampOf(statSync(file), Date.now());
  } catch {
    return null;
  }
}

/**
 * The sha256 of a regular file's bytes and its stamp, or null for anything else (a folder, a FIFO, a file that
 * cannot be opened): read as `readNoteSync` reads a note, not decoded.
 */
export function hashFileSync(file: string): { sha: string; stamp: string | null } | null {
  try {
    const { bytes, stamp } = readStampedSync(file, DEFAULT_MAX_FILE_BYTES, true);
    return { sha: createHash('sha256').update(bytes).digest('hex'), stamp };
  } catch {
    return null;
  }
}

async function readRegular(file: string, maxBytes: number, note: boolean): Promise<Buffer> {
  let h: fs.FileHandle;
  try {
    h = await fs.open(file, READ_FLAGS);
  } catch (err) {
    throw new ReadError(describeFsError(err, file), (err as NodeJS.ErrnoException)?.code);
  }
  try {
    const st = await h.stat();
    const why = refuse(st, maxBytes, note);
    if (why) throw new ReadError(why);
    return await readAll(h, st.size, maxBytes, note);
  } catch (err) {
    if (err instanceof ReadError) throw err;
    throw new ReadError(describeFsError(err, file), (err as NodeJS.ErrnoException)?.code);
  } finally {
    await h.close();
  }
}

function decoded(bytes: Buffer, opts: ReadOptions): ReadResult {
  const d = decode(bytes, opts.encoding);
  if (d.text === null) return { ok: false, reason: d.error ?? 'could not be read as text' };
  return { ok: true, text: d.text, bom: d.bom, bytes };
}

/** Read a note from disk: type- and size-checked on the open file, decoded, never thrown at. */
export async function readNote(file: string, opts: ReadOptions = {}): Promise<ReadResult> {
  let bytes: Buffer;
  try {
    bytes = await readRegular(file, opts.maxBytes ?? DEFAULT_MAX_BYTES, true);
  } catch (err) {
    return { ok: false, reason: (err as Error).message };
  }
  return decoded(bytes, opts);
}

/**
 * `readNote` for a thread that does nothing else (a pool worker, or a batch in-process): blocking reads cost
 * no waiting there, and skip the promise and thread-pool round trips that add up over thousands of notes.
 */
export function readNoteSync(file: string, opts: ReadOptions = {}): ReadResult {
  let read: { bytes: Buffer; stamp: string | null };
  try {
    read = readStampedSync(file, opts.maxBytes ?? DEFAULT_MAX_BYTES, true);
  } catch (err) {
    return { ok: false, reason: (err as Error).message };
  }
  const r = decoded(read.bytes, opts);
  return r.ok ? { ...r, stamp: read.stamp } : r;
}

/** Default size above which a file weekly reads that is not a note (a baseline, a cache, a template) is refused. */
export const DEFAULT_MAX_FILE_BYTES = 64 * 1024 * 1024;

/**
 * The bytes of a regular file, read with a size limit: a FIFO, a device or a folder is refused rather than read
 * (a FIFO would block for ever, `/dev/zero` never end). Throws a `ReadError` with a one-line reason (and the
 * system's code, `ENOENT` for a file that is not there).
 */
export async function readTextFile(file: string, maxBytes = DEFAULT_MAX_FILE_BYTES): Promise<Buffer> {
  return readRegular(file, maxBytes, false);
}

/** `readTextFile`, blocking: for the few reads that happen where nothing else waits (a cached model in a worker). */
export function readTextFileSync(file: string, maxBytes = DEFAULT_MAX_FILE_BYTES): Buffer {
  return readRegularSync(file, maxBytes, false);
}

/** One-line description of a file-system error; given the path, a name that is not valid UTF-8 is said to be the cause. */
export function describeFsError(err: unknown, file?: string): string {
  const code = (err as NodeJS.ErrnoException)?.code;
  switch (code) {
    case 'ENOENT':
      return (file !== undefined && badNameReason(file)) || 'no such file or directory';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EISDIR':
      return 'is a directory, not a note';
    case 'ELOOP':
      return 'symbolic link loop';
    case 'ENAMETOOLONG':
      return 'path too long';
    case 'ENOTDIR':
      return 'a part of the path is not a folder';
    case 'EROFS':
      return 'read-only file system';
    case 'ENOSPC':
      return 'no space left on the device';
    case 'EDQUOT':
      return 'disk quota exceeded';
    case 'EMFILE':
    case 'ENFILE':
      return 'too many open files';
    case 'EIO':
      return 'input/output error';
    default:
      return (err as Error)?.message?.split('\n')[0] ?? String(err);
  }
}

/**
 * The bytes of a path whose folder or file names were listed as text although they are not UTF-8: Node lists such
 * a name with U+FFFD in place of each bad byte, and the path made of it names nothing. Each such name is looked up
 * among its folder's entries as bytes. Returns the path as bytes and the first name that is not UTF-8 (its index
 * among the path's names, counted from the end: 0 for the file itself), or null when the path holds no such name.
 */
export function rawPath(file: string): { bytes: Buffer; bad: { name: Buffer; fromEnd: number } } | null {
  if (!file.includes('\uFFFD')) return null;
  const abs = path.resolve(file);
  const { root } = path.parse(abs);
  const names = abs.slice(root.length).split(path.sep).filter(Boolean);
  let at: Buffer = Buffer.from(root);
  let bad: { name: Buffer; fromEnd: number } | null = null;
  const sep = Buffer.from(path.sep);
  for (let i = 0; i < names.length; i++) {
    let name: Buffer = Buffer.from(names[i]);
    if (names[i].includes('\uFFFD')) {
      let entries: Buffer[];
      try {
        entries = readdirSync(at, { encoding: 'buffer' });
      } catch {
        return null;
      }
      // a name that truly holds U+FFFD is valid UTF-8 and lists as itself: only a name that is not UTF-8 is looked for
      const raw = entries.find((e) => !isUtf8(e) && e.toString('utf8') === names[i]);
      if (!raw) {
        if (!entries.some((e) => e.equals(name))) return null;
      } else {
        name = raw;
        bad ??= { name: raw, fromEnd: names.length - 1 - i };
      }
    }
    at = at.length && at[at.length - 1] === sep[0] ? Buffer.concat([at, name]) : Buffer.concat([at, sep, name]);
  }
  return bad ? { bytes: at, bad } : null;
}

/** A name shown without its undecodable bytes: printable ASCII as it is, every other byte as `\xNN`. */
export function shownBytes(name: Buffer): string {
  let out = '';
  for (const b of name) out += b >= 0x20 && b < 0x7f && b !== 0x5c ? String.fromCharCode(b) : `\\x${b.toString(16).toUpperCase().padStart(2, '0')}`;
  return out;
}

/**
 * Why a path that was listed cannot be opened, when the cause is a name that is not UTF-8 (a zip made by a Chinese
 * Windows tool unpacked on Linux names `张三` in GBK bytes): the name as bytes, what it reads as, what to do.
 */
export function badNameReason(file: string): string | null {
  const raw = rawPath(file);
  if (!raw) return null;
  const { name, fromEnd } = raw.bad;
  const legacy = guessLegacyEncoding(name);
  let reads = '';
  if (legacy) {
    try {
      reads = ` (\`${new TextDecoder(legacy.replace('_', '-'), { fatal: true }).decode(name)}\` in ${LEGACY_NAMES[legacy].name})`;
    } catch {
      reads = '';
    }
  }
  const whose = fromEnd === 0 ? 'its name' : 'the name of the folder';
  const convmv = legacy ? ` (\`convmv -f ${LEGACY_NAMES[legacy].iconv.toLowerCase()} -t utf-8\`)` : '';
  return `${whose} \`${shownBytes(name)}\` is not UTF-8${reads}, so it cannot be opened by the name listed: rename ${fromEnd === 0 ? 'it' : 'the folder'} in UTF-8${convmv}`;
}
