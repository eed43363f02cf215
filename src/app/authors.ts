import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { authorResolver } from '../core/authors.js';
import { readNote } from '../io/read.js';
import type { Workspace } from './workspace.js';

/** Bytes read to see whether a note opens with frontmatter. */
const HEAD = 16;

/**
 * A note's frontmatter `author`, read as the parser reads it (the block between the opening `---` and the next
 * `---` line, YAML core schema, aliases bounded), or null.
 */
export function frontmatterAuthor(text: string): string | null {
  const lines = text.replace(/^\ufeff/, '').split(/\r\n|\r|\n/);
  if (lines[0]?.trim() !== '---') return null;
  const end = lines.findIndex((l, i) => i > 0 && /^(---|\.\.\.)\s*$/.test(l));
  if (end < 0) return null;
  try {
    const data = parseYaml(lines.slice(1, end).join('\n'), { schema: 'core', maxAliasCount: 50, prettyErrors: false, uniqueKeys: false, logLevel: 'silent' }) as unknown;
    const a = data && typeof data === 'object' && !Array.isArray(data) ? (data as Record<string, unknown>).author : undefined;
    return typeof a === 'string' ? a : null;
  } catch {
    return null;
  }
}

/**
 * The workspace's notes grouped by author, before they are parsed, so that a build can work author by author:
 * frontmatter `author`, else the note's top folder under the workspace root (`zhang/2023/第01周.md` → `zhang`),
 * else null. Only notes that open with `---` are read whole.
 */
export async function groupByAuthor(ws: Workspace): Promise<Map<string | null, string[]>> {
  const refs: { author: string | null; file: string }[] = [];
  const head = Buffer.alloc(HEAD);
  for (const file of ws.files) {
    const abs = path.resolve(ws.cwd, file);
    let fm: string | null = null;
    try {
      // non-blocking, and only a regular file is read: a FIFO named x.md would wait for ever. Synchronous: 10,000
      // promise round trips cost seconds before the first author's job can start, sixteen bytes a file do not
      const fd = openSync(abs, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
      let n = 0;
      try {
        if (fstatSync(fd).isFile()) n = readSync(fd, head, 0, HEAD, 0);
      } finally {
        closeSync(fd);
      }
      const start = head.subarray(0, n).toString('utf8').replace(/^\ufeff/, '');
      if (start.startsWith('---')) {
        const read = await readNote(abs, { encoding: ws.config.encoding, maxBytes: ws.config.maxFileSize });
        if (read.ok) fm = frontmatterAuthor(read.text);
      }
    } catch {
      // unreadable: its job reports it
    }
    refs.push({ author: fm, file });
  }
  // notes that name no one in the folder of one named person are theirs: one series, not two
  const authorOf = authorResolver(refs, ws.root);
  const groups = new Map<string | null, string[]>();
  for (const r of refs) {
    const author = authorOf(r);
    if (!groups.has(author)) groups.set(author, []);
    groups.get(author)!.push(r.file);
  }
  return groups;
}
