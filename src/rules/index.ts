import type { Rule } from '../core/lint/rule.js';
import requiredSections from './required-sections.js';
import duplicateSection from './duplicate-section.js';
import headingPunctuation from './heading-punctuation.js';
import emptySection from './empty-section.js';
import titleWeek from './title-week.js';
import weekDate from './week-date.js';
import weekSources from './week-sources.js';
import metricNumber from './metric-number.js';
import metricRange from './metric-range.js';
import metricRatio from './metric-ratio.js';
import metricTarget from './metric-target.js';
import incidentFields from './incident-fields.js';
import dateValid from './date-valid.js';
import duplicateWeek from './duplicate-week.js';
import missingWeek from './missing-week.js';
import sectionName from './section-name.js';

/**
 * Every rule, in the order they run and are documented. A removed rule leaves a comment here with its id, so the
 * id is never reused for something else.
 */
export const RULES: readonly Rule[] = [
  requiredSections,
  duplicateSection,
  headingPunctuation,
  sectionName,
  emptySection,
  titleWeek,
  weekDate,
  weekSources,
  metricNumber,
  metricRange,
  metricRatio,
  metricTarget,
  incidentFields,
  dateValid,
  duplicateWeek,
  missingWeek,
] as Rule[];

/** Rules by id. */
export const RULES_BY_ID: ReadonlyMap<string, Rule> = new Map(RULES.map((r) => [r.id, r]));
