import { HELP_NAMES, HIGHLIGHTS_NAMES, INCIDENTS_NAMES, METRICS_NAMES, NEXT_WEEK_NAMES, NOTES_NAMES, OTHER_NAMES, PROBLEMS_NAMES, PROGRESS_NAMES, REFLECTION_NAMES, type SectionNames } from './vocabulary.js';
import { readHighlights, readIncidents, readItems, readProgressSection, readProse, readWorkItems, type ReportBody, type SectionBody } from './parse/readers.js';

/** How the parser reads a section's body into the report. */
export type SectionReader = (body: SectionBody, report: ReportBody) => void;

/** One kind of section: how a heading is recognised as one, what lint asks of it, how it is read and headed. */
export interface SectionKind {
  /** Its id in the model (`Section.id`), in the config (`sections.<id>`) and in messages. */
  id: string;
  /** The names it is recognised by (config aliases are added to them); null for a kind recognised by `match`. */
  names: SectionNames | null;
  /** Recognises a heading of this kind by its shape (`O1 服务业务`), giving the objective id and name. */
  match?: (title: string) => { objective: string; name: string } | null;
  /** What messages call the kind when it has no names (`O1`). */
  label?: string;
  /** Whether `required-sections` asks for it when the config says nothing. */
  required: boolean;
  /** Whether a note may hold several, one per objective id; else a second one is a `duplicate-section`. */
  repeats: boolean;
  /** Whether metrics are read in it. */
  metrics: boolean;
  /** Whether month/day dates are read in it (not in prose, whose numbers are no dates of the work). */
  dates: boolean;
  /** Reads its body into the report; null when only metrics and dates are read. */
  read: SectionReader | null;
  /** How `weekly new` and `required-sections` head it (`【】` around the Chinese name or not); null: never written from nothing. */
  heading: { brackets: boolean } | null;
  /** A kind that stands for this one when a section is required (this week's work for 重点工作, and back). */
  alternativeTo?: string;
  /** Whether the section's body text is kept in the model (`Section.text`) beside what its reader reads. */
  keepText?: boolean;
}

// `O1 服务业务`, `【O2系统升级】`, `[O3: 安全稳定]`: an OKR objective id, then its name
const OBJECTIVE = /^\s*【?\s*\[?\s*([OoＯｏ][0-9０-９]{1,2})\s*[:：.、\-—]?\s*(.*?)\s*\]?\s*】?\s*[:：]?\s*$/;

function objectiveHeading(title: string): { objective: string; name: string } | null {
  const m = OBJECTIVE.exec(title.normalize('NFKC'));
  return m ? { objective: m[1].toUpperCase(), name: m[2].trim() } : null;
}

/**
 * Every kind of section, in the order sections take in a note (`required-sections` inserts a missing one at its
 * place in it). The model's `SectionId`, the config's `sections` keys, the default required sections, the parser's
 * dispatch, `required-sections`, `duplicate-section` and `weekly new`'s headings all derive from this list: adding a
 * kind is one entry here (and a reader if its body has a new shape).
 */
export const SECTION_KINDS = [
  { id: 'highlights', names: HIGHLIGHTS_NAMES, required: true, repeats: false, metrics: false, dates: true, read: (b, r) => void r.highlights.push(...readHighlights(b)), heading: { brackets: true }, alternativeTo: 'progress' },
  { id: 'progress', names: PROGRESS_NAMES, required: false, repeats: false, metrics: false, dates: true, read: (b, r) => readProgressSection(b, r), heading: { brackets: false }, alternativeTo: 'highlights', keepText: true },
  { id: 'metrics', names: METRICS_NAMES, required: true, repeats: false, metrics: true, dates: true, read: null, heading: { brackets: true } },
  { id: 'objective', names: null, match: objectiveHeading, label: 'O1', required: false, repeats: true, metrics: true, dates: true, read: (b, r) => void r.workItems.push(...readWorkItems(b)), heading: null },
  { id: 'incidents', names: INCIDENTS_NAMES, required: false, repeats: false, metrics: false, dates: true, read: (b, r) => void r.incidents.push(...readIncidents(b)), heading: { brackets: true } },
  { id: 'problems', names: PROBLEMS_NAMES, required: false, repeats: false, metrics: false, dates: true, read: (b, r) => void (r.problems ??= []).push(...readItems(b, { nothing: true })), heading: { brackets: false }, keepText: true },
  { id: 'help', names: HELP_NAMES, required: false, repeats: false, metrics: false, dates: true, read: (b, r) => void (r.help ??= []).push(...readItems(b, { nothing: true })), heading: { brackets: false }, keepText: true },
  { id: 'other', names: OTHER_NAMES, required: false, repeats: false, metrics: false, dates: true, read: (b, r) => void r.other.push(...readItems(b)), heading: { brackets: true } },
  { id: 'notes', names: NOTES_NAMES, required: false, repeats: false, metrics: false, dates: false, read: (b, r) => void (r.notes ??= []).push(...readItems(b)), heading: { brackets: false }, keepText: true },
  { id: 'reflection', names: REFLECTION_NAMES, required: false, repeats: false, metrics: false, dates: false, read: (b, r) => void (r.reflection = readProse(b, r.reflection)), heading: { brackets: false } },
  { id: 'next-week', names: NEXT_WEEK_NAMES, required: true, repeats: false, metrics: false, dates: true, read: (b, r) => void r.nextWeek.push(...readItems(b, { plan: true })), heading: { brackets: false } },
] as const satisfies readonly SectionKind[];

/** Id of a section kind. */
export type SectionKindId = (typeof SECTION_KINDS)[number]['id'];

type Named<K extends SectionKind> = Extract<K, { names: SectionNames }>;

/** Ids of the kinds recognised by name (objective sections are recognised by their `O1` id instead). */
export type NamedSectionId = Named<(typeof SECTION_KINDS)[number]>['id'];

/** What is looked up in a list of kinds: their ids in order, the kinds recognised by name, a kind by its id. */
export function deriveRegistry<K extends SectionKind>(kinds: readonly K[]) {
  const byId = new Map<string, K>(kinds.map((k) => [k.id, k]));
  return {
    SECTION_IDS: kinds.map((k) => k.id) as readonly K['id'][],
    NAMED_KINDS: kinds.filter((k): k is Named<K> => k.names !== null),
    sectionKind: (id: string): K | undefined => byId.get(id),
  };
}

const REGISTRY = deriveRegistry(SECTION_KINDS);

/** Every kind's id, in note order. */
export const SECTION_IDS = REGISTRY.SECTION_IDS;

/** The kinds recognised by name, with their names. */
export const NAMED_KINDS = REGISTRY.NAMED_KINDS;

/** The kind of a section id; undefined for `unknown`. */
export const sectionKind: (id: string) => SectionKind | undefined = REGISTRY.sectionKind;

/** What messages and new headings call a kind: its first Chinese name (its first English one in `en`), else its label. */
export function kindLabel(kind: SectionKind, language: 'zh' | 'en' = 'zh'): string {
  return (language === 'en' ? kind.names?.en[0] : kind.names?.zh[0]) ?? kind.label ?? kind.id;
}
