import type { Report, Section } from '../model.js';

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
