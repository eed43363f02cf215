import type { Report, Section } from '../model.js';
import { headingCore } from './heading.js';

/** What `noteKind` reads of a note. */
export type KindFields = Pick<Report, 'weekSource'> & Partial<Pick<Report, 'when'>> & { sections?: Pick<Section, 'id'>[] };

/** Where a note's own week or date counts as saying it is a weekly note: a date line alone does not (every Notion page has `Created`). */
const NAMING_SOURCES = new Set(['title', 'file', 'folder', 'frontmatter']);

/**
 * Whether a file is a weekly note: it has a section `weekly` knows, or its title, file name, folder or frontmatter
 * names a week or a date. A file with neither (a README.md, a Notion page of meeting notes) is not one: lint and
 * build list it as skipped, never report or fix it. Null for a note, else the reason in a few words.
 */
export function notNoteReason(note: KindFields): string | null {
  if (note.sections?.some((s) => s.id !== 'unknown')) return null;
  if (note.weekSource && NAMING_SOURCES.has(note.weekSource)) return null;
  if (note.when?.some((s) => NAMING_SOURCES.has(s.source) && (s.week || s.date))) return null;
  return 'no week or date in its title, file name or frontmatter, and no section weekly knows';
}

/** A heading no section kind is known for, with the number of notes that have it. */
export interface UnknownHeading {
  title: string;
  count: number;
}

/**
 * The headings of the notes that no section kind is known for (numbering and brackets removed: `四、读书分享` is
 * `读书分享`), most frequent first, then by title; files that are no notes are left out. Their text is kept and
 * summarised as written; the build names them so that they can be given a kind.
 */
export function unknownHeadings(reports: (Omit<KindFields, 'sections'> & { sections: Pick<Section, 'id' | 'title'>[] })[]): UnknownHeading[] {
  const count = new Map<string, number>();
  for (const r of reports) {
    if (notNoteReason(r)) continue;
    for (const t of new Set(r.sections.filter((s) => s.id === 'unknown').map((s) => headingCore(s.title).core.trim()))) {
      if (t) count.set(t, (count.get(t) ?? 0) + 1);
    }
  }
  return [...count].map(([title, n]) => ({ title, count: n })).sort((a, b) => b.count - a.count || (a.title < b.title ? -1 : a.title > b.title ? 1 : 0));
}

/** The one line `build` ends with when some headings were not understood; null when all were. */
export function unknownHeadingsLine(list: UnknownHeading[], configFile = 'weekly.config.yaml'): string | null {
  if (!list.length) return null;
  const shown = list.slice(0, 8).map((u) => `${u.title} ×${u.count}`).join(', ');
  return `headings of no known kind, kept as written: ${shown}${list.length > 8 ? `, and ${list.length - 8} more` : ''}: add aliases in ${configFile}`;
}
