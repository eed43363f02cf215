import { AUTHOR_RESOLVERS } from './memo.js';
import type { Report } from './model.js';

/**
 * A note's author: its frontmatter `author`, else its top-level folder under the notes folder (`zhang/2023/第01周.md`
 * → `zhang`), else null. Year folders (`2023/`) name no one.
 */
export function authorOf(report: Pick<Report, 'author' | 'file'>, root: string): string | null {
  if (report.author) return report.author;
  const norm = (p: string) => p.replace(/\\/g, '/').replace(/^\.\//, '').replace(/\/+$/, '');
  const r = norm(root);
  const f = norm(report.file);
  const rel = r === '' || r === '.' ? f : f.startsWith(`${r}/`) ? f.slice(r.length + 1) : f;
  const parts = rel.split('/');
  if (parts.length < 2) return null;
  const top = parts[0];
  if (/^(?:19|20)\d{2}$/.test(top) || top === '..' || top === '.') return null;
  return top;
}

/**
 * `authorOf` over a set of notes read together: notes that name no one (no frontmatter `author`, no folder of
 * their own) are the one person the others name, when exactly one is named. A person's own folder where some notes
 * carry `author:` (an Obsidian template) and others do not (a Notion export) is one series, not two.
 */
export function authorResolver(notes: readonly Pick<Report, 'author' | 'file'>[], root: string): (report: Pick<Report, 'author' | 'file'>) => string | null {
  const memo = AUTHOR_RESOLVERS.get(notes);
  if (memo?.root === root) return memo.resolve;
  const known = new Map<object, string | null>();
  const named = new Set<string>();
  let unnamed = false;
  for (const n of notes) {
    const a = authorOf(n, root);
    known.set(n, a);
    if (a === null) unnamed = true;
    else named.add(a);
  }
  const only = unnamed && named.size === 1 ? [...named][0] : null;
  const resolve = (report: Pick<Report, 'author' | 'file'>) => (known.has(report) ? known.get(report)! : authorOf(report, root)) ?? only;
  AUTHOR_RESOLVERS.set(notes, { root, resolve });
  return resolve;
}
