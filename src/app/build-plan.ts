import { WeeklyError } from '../core/errors.js';
import type { AuthorJob } from './author-job.js';

/** Names an author folder may not take: they are the team tree's own files and folders (dot-names, the manifest among them, are refused apart). */
const RESERVED = new Set(['index.md', 'index.html', 'monthly', 'quarterly', 'annual', 'review', 'data', 'html']);

/** A code point as `U+202E`. */
const codePoint = (c: string) => `U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;

/**
 * Why an author name cannot name an output folder, or null when it can. Besides names that would leave the output
 * folder or that file systems reject, a name with a character that cannot be seen or that reorders text (U+202E,
 * a zero-width space, a soft hyphen) or with spaces at its ends (a non-breaking one included) is refused: it would
 * make a folder beside the team's `monthly/` that looks like another author's, or like the team's own.
 */
export function authorFolderProblem(name: string): string | null {
  if (!name.trim()) return 'is empty';
  if (name.includes('..') || /[\\/]/.test(name)) return 'contains `..` or a path separator';
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f<>:"|?*]/.test(name)) return 'contains a character that file systems reject';
  // controls (C1 too), format characters (bidirectional marks and overrides, zero-width characters, the BOM, the
  // soft hyphen), line and paragraph separators, and lone surrogates, which a file name cannot hold as written
  const hidden = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Cs}]/u.exec(name);
  if (hidden) return `contains an invisible or text-reordering character (${codePoint(hidden[0])})`;
  if (/^\s|\s$/u.test(name)) return `starts or ends with a space (${codePoint(/^\s/u.test(name) ? name[0] : name[name.length - 1])})`;
  if (name.startsWith('.') || /[. ]$/.test(name)) return 'starts with `.` or ends with `.` or a space';
  if (RESERVED.has(name.toLowerCase())) return 'is the name of a folder or file of the team summary';
  return null;
}

/** What a build will write, decided before any note is parsed: one job per author, in name order. Pure. */
export interface BuildPlan {
  /** Whether the notes are a team's (more than one author): the top of the output folder then holds the team's pages. */
  team: boolean;
  jobs: AuthorJob[];
}

/**
 * Plan the trees of a build from the notes grouped by author (`null`: notes no author is named for). One author:
 * their pages at the top. Several: each author's under `<author>/` (notes of no author under the locale's word for
 * it, `未署名`), the team's at the top. An author that cannot name a folder, or two that differ only in case,
 * is an error naming a note.
 */
export function planBuild(groups: Map<string | null, string[]>, files: string[], unnamed: string): BuildPlan {
  const id = new Map(files.map((f, i) => [f, i]));
  const team = groups.size > 1;
  const named = [...groups.keys()].filter((a): a is string => a !== null).sort();
  const folded = new Map<string, string>();
  for (const a of team ? [...named, ...(groups.has(null) ? [unnamed] : [])] : named) {
    const problem = authorFolderProblem(a);
    const note = (groups.get(a) ?? groups.get(null) ?? [''])[0];
    if (problem) throw new WeeklyError(`${note}: author \`${a}\` ${problem}, so it cannot name an output folder`, 'input');
    const k = a.normalize('NFC').toLowerCase();
    if (folded.has(k)) throw new WeeklyError(`authors \`${folded.get(k)}\` and \`${a}\` differ only in case and would share an output folder`, 'input');
    folded.set(k, a);
  }
  const job = (author: string | null, list: string[]): AuthorJob => {
    const sorted = [...list].sort();
    const name = team ? (author ?? unnamed) : author;
    return { author: name, prefix: team ? `${name}/` : '', files: sorted, ids: sorted.map((f) => id.get(f)!) };
  };
  const jobs = named.map((a) => job(a, groups.get(a)!));
  if (groups.has(null)) jobs.push(job(null, groups.get(null)!));
  return { team, jobs };
}
