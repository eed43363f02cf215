import type { SectionId } from '../model.js';
import { NAMED_KINDS, SECTION_KINDS, type NamedSectionId } from '../sections.js';

export type { NamedSectionId } from '../sections.js';

/** Default names and aliases for each named section (Chinese, then English); config aliases are added to these. */
export const DEFAULT_SECTION_NAMES = Object.fromEntries(NAMED_KINDS.map((k) => [k.id, [...k.names.zh, ...k.names.en]])) as Record<NamedSectionId, string[]>;

/**
 * Fold a heading for comparison: full-width forms to half-width (NFKC), brackets, spaces and trailing
 * colons removed, lower case. `## 【系统运行数据】：` and `系统运行数据` fold alike.
 */
export function foldName(s: string): string {
  return s
    .normalize('NFKC')
    .replace(/[【】\[\]「」『』〔〕()]/g, '')
    .replace(/[\s:：]+/g, '')
    .toLowerCase();
}

/** What a heading names. */
export interface Recognised {
  id: SectionId;
  objective?: string;
  name?: string;
}

// kinds recognised by their shape rather than by name (objectives, by `O1`), tried in registry order
const MATCHED = SECTION_KINDS.flatMap((k) => ('match' in k ? [{ id: k.id, match: k.match }] : []));

/** Builds a recogniser from the section names in force (once per note: ~15 µs, not worth a memo table). */
export function sectionRecogniser(names: Record<NamedSectionId, string[]> = DEFAULT_SECTION_NAMES): (title: string) => Recognised | null {
  const table = new Map<string, NamedSectionId>();
  for (const [id, list] of Object.entries(names) as [NamedSectionId, string[]][]) {
    for (const n of list) table.set(foldName(n), id);
  }
  return (title: string) => {
    const folded = foldName(title);
    const id = table.get(folded);
    if (id) return { id };
    for (const k of MATCHED) {
      const m = k.match(title);
      if (m) return { id: k.id, ...m };
    }
    return null;
  };
}

/** Merge configured aliases into the default names. */
export function mergeSectionNames(extra: Partial<Record<NamedSectionId, string[]>> | undefined): Record<NamedSectionId, string[]> {
  const out = { ...DEFAULT_SECTION_NAMES };
  if (!extra) return out;
  for (const [id, list] of Object.entries(extra) as [NamedSectionId, string[]][]) {
    out[id] = [...(out[id] ?? []), ...list];
  }
  return out;
}
