import { promises as fs } from 'node:fs';
import { decode, type InputEncoding } from './parse/decode.js';

/** Default size above which a note is reported and skipped rather than parsed. */
export const DEFAULT_MAX_BYTES = 10 * 1024 * 1024;

/** A note's text, or the one-line reason it could not be read. */
export type ReadResult = { ok: true; text: string; bom: boolean; bytes: Buffer } | { ok: false; reason: string };

/** Read a note from disk: size-checked, decoded, never thrown at. */
export async function readNote(path: string, opts: { encoding?: InputEncoding; maxBytes?: number } = {}): Promise<ReadResult> {
  const maxBytes = opts.maxBytes ?? DEFAULT_MAX_BYTES;
  let stat;
  try {
    stat = await fs.stat(path);
  } catch (err) {
    return { ok: false, reason: describeFsError(err) };
  }
  if (stat.isDirectory()) return { ok: false, reason: 'is a directory, not a note' };
  if (!stat.isFile()) return { ok: false, reason: 'is not a regular file' };
  if (stat.size > maxBytes) {
    return { ok: false, reason: `is ${(stat.size / 1048576).toFixed(1)} MB, over the ${(maxBytes / 1048576).toFixed(0)} MB limit for a note (set maxFileSize in the config to raise it); skipped` };
  }
  let bytes: Buffer;
  try {
    bytes = await fs.readFile(path);
  } catch (err) {
    return { ok: false, reason: describeFsError(err) };
  }
  const d = decode(bytes, opts.encoding);
  if (d.text === null) return { ok: false, reason: d.error ?? 'could not be read as text' };
  return { ok: true, text: d.text, bom: d.bom, bytes };
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
