import type { Config } from '../config.js';
import type { ParseOptions } from './index.js';
import type { SeriesOptions } from './series.js';
import { NAMED_KINDS, type NamedSectionId } from '../sections.js';
import { mergeSectionNames } from './sections.js';

/** Parser options implied by a config. */
export function parseOptionsOf(config: Config): Required<ParseOptions> {
  const aliases: Partial<Record<NamedSectionId, string[]>> = {};
  // a kind recognised by its shape (objectives) has no names to add to
  for (const k of NAMED_KINDS) {
    const list = config.sections?.[k.id]?.aliases;
    if (list) aliases[k.id] = list;
  }
  return { weekNumbering: config.weekNumbering ?? 'auto', sectionNames: mergeSectionNames(aliases), dateOrder: config.dateOrder ?? 'auto' };
}

/** What settling a series takes from a config (`harmonizeWeeks`); git dates are the loader's to add. */
export function seriesOptionsOf(config: Config): SeriesOptions {
  const out: SeriesOptions = { weekNumbering: config.weekNumbering ?? 'auto', dateOrder: config.dateOrder ?? 'auto' };
  if (config.weekOne) out.weekOne = config.weekOne;
  return out;
}
