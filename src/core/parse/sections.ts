import type { SectionId } from '../model.js';

/** Section ids recognised by name (objective sections are recognised by their `O1` id instead). */
export type NamedSectionId = Exclude<SectionId, 'objective' | 'unknown'>;

/** Default names and aliases for each named section; config aliases are added to these. */
export const DEFAULT_SECTION_NAMES: Record<NamedSectionId, string[]> = {
  highlights: ['重点工作', '本周重点', '本周重点工作', '本周工作', 'Highlights', 'Key work'],
  metrics: ['系统运行数据', '运行数据', '系统数据', '系统指标', 'Metrics', 'System Metrics', 'Key metrics'],
  incidents: ['生产事件', '线上事件', '生产事故', '线上问题', 'Incidents', 'Production incidents'],
  other: ['其他', '其它', '其他工作', 'Other'],
  reflection: ['收获与反思', '收获和反思', '反思与收获', '反思', '收获', 'Reflection', 'Reflections'],
  'next-week': ['下周工作及目标', '下周工作与目标', '下周工作', '下周计划', '下周目标', 'Next week', 'Next Week Plan', 'Plans'],
};

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

const OBJECTIVE = /^\s*【?\s*\[?\s*([OoＯｏ][0-9０-９]{1,2})\s*[:：.、\-—]?\s*(.*?)\s*\]?\s*】?\s*[:：]?\s*$/;

/** What a heading names. */
export interface Recognised {
  id: SectionId;
  objective?: string;
  name?: string;
}

// one recogniser per set of names: the parser asks for it once per note, with the same names for a whole run
const recognisers = new WeakMap<Record<NamedSectionId, string[]>, (title: string) => Recognised | null>();

/** Builds a recogniser from the section names in force. */
export function sectionRecogniser(names: Record<NamedSectionId, string[]> = DEFAULT_SECTION_NAMES): (title: string) => Recognised | null {
  let r = recognisers.get(names);
  if (!r) recognisers.set(names, (r = buildRecogniser(names)));
  return r;
}

function buildRecogniser(names: Record<NamedSectionId, string[]>): (title: string) => Recognised | null {
  const table = new Map<string, NamedSectionId>();
  for (const [id, list] of Object.entries(names) as [NamedSectionId, string[]][]) {
    for (const n of list) table.set(foldName(n), id);
  }
  return (title: string) => {
    const folded = foldName(title);
    const id = table.get(folded);
    if (id) return { id };
    const m = OBJECTIVE.exec(title.normalize('NFKC'));
    if (m) return { id: 'objective', objective: m[1].toUpperCase(), name: m[2].trim() };
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
