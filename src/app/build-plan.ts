import type { Config } from '../core/config.js';
import type { Report } from '../core/model.js';
import { WeeklyError } from '../core/errors.js';
import { periodsOfWeek, settingsOf } from '../core/aggregate/index.js';
import { noteWeekKey } from '../core/aggregate/weeks.js';
import { pathsOfTree } from '../core/render/index.js';

/** One member's tree of a team build: their name, their notes, and the paths planned for it. */
export interface MemberJob {
  author: string;
  reports: Report[];
  paths: string[];
}

/** What a build will write, decided from the notes alone before anything is rendered. Pure data. */
export interface BuildPlan {
  /** Named authors, sorted. */
  authors: string[];
  /** Whether the notes are a team's (notes placed in weeks by more than one author). */
  isTeam: boolean;
  /** Members with a tree of their own under `<author>/`. */
  members: MemberJob[];
  /** The team's (or the only person's) notes in its own tree: those of no member. */
  teamReports: Report[];
  /** The team's (or the only person's) tree: paths relative to the output folder. */
  teamPaths: string[];
  /** Every Markdown-tree output, the team's first. */
  mdPaths: string[];
  /** The span of weeks (Monday keys) the notes cover: members' summaries cover it too. */
  span: { first: string; last: string };
  /** Notes with no week and no date, sorted: left out of the summaries. */
  unplaced: string[];
}

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

/**
 * Plan a build: who the authors are, which notes have a week, and every output path of the team's tree and of
 * each member's. An author that cannot name a folder, or two that differ only in case, is an error.
 */
export function planBuild(reports: Report[], authorOf: (r: Report) => string | null, config: Config): BuildPlan {
  const authors = [...new Set(reports.map(authorOf).filter((a): a is string => a !== null))].sort();
  const folded = new Map<string, string>();
  for (const a of authors) {
    const problem = authorFolderProblem(a);
    if (problem) {
      const r = reports.find((x) => authorOf(x) === a)!;
      throw new WeeklyError(`${r.file}: author \`${a}\` ${problem}, so it cannot name an output folder`, 'input');
    }
    const k = a.normalize('NFC').toLowerCase();
    if (folded.has(k)) throw new WeeklyError(`authors \`${folded.get(k)}\` and \`${a}\` differ only in case and would share an output folder`, 'input');
    folded.set(k, a);
  }

  const weekOf = new Map<Report, string>();
  for (const r of reports) {
    const w = noteWeekKey(r);
    if (w) weekOf.set(r, w);
  }
  const unplaced = reports.filter((r) => !weekOf.has(r)).map((r) => r.file).sort();
  const weeks = [...weekOf.values()].sort();
  if (!weeks.length) throw new WeeklyError('no note names its week or date, so there is nothing to summarise', 'input');
  const span = { first: weeks[0], last: weeks[weeks.length - 1] };

  const placedAuthors = new Set([...weekOf.keys()].map(authorOf));
  const isTeam = placedAuthors.size > 1;
  const memberNames = isTeam ? authors.filter((a) => placedAuthors.has(a)) : [];
  const byAuthor = new Map<string, Report[]>(memberNames.map((a) => [a, []]));
  for (const r of reports) byAuthor.get(authorOf(r) ?? '')?.push(r);

  const settings = settingsOf(config, 'iso');
  const keysOf = (mine: Report[]) => {
    const periods = [...new Set(mine.filter((r) => weekOf.has(r)).map((r) => weekOf.get(r)!))].map((w) => periodsOfWeek(w, settings));
    const uniq = (k: 'month' | 'quarter' | 'year') => [...new Set(periods.map((p) => p[k]))].sort();
    return { month: uniq('month'), quarter: uniq('quarter'), year: uniq('year') };
  };
  const members = memberNames.map((a) => ({ author: a, reports: byAuthor.get(a)!, paths: pathsOfTree(`${a}/`, keysOf(byAuthor.get(a)!)) }));
  const teamPaths = pathsOfTree('', keysOf(reports));
  return {
    authors,
    isTeam,
    members,
    teamReports: isTeam ? reports.filter((r) => !byAuthor.has(authorOf(r) ?? '')) : reports,
    teamPaths,
    mdPaths: [...teamPaths, ...members.flatMap((m) => m.paths)],
    span,
    unplaced,
  };
}
