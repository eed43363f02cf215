import type { Config } from '../config.js';
import type { ParseOptions } from './index.js';
import { mergeSectionNames, type NamedSectionId } from './sections.js';

/** Parser options implied by a config. */
export function parseOptionsOf(config: Config): Required<ParseOptions> {
  const aliases: Partial<Record<NamedSectionId, string[]>> = {};
  for (const [id, s] of Object.entries(config.sections ?? {})) {
    if (id !== 'objective' && s?.aliases) aliases[id as NamedSectionId] = s.aliases;
  }
  return { weekNumbering: config.weekNumbering ?? 'auto', sectionNames: mergeSectionNames(aliases) };
}
