import type { MalformedNumber, Metric, SectionId } from '../model.js';
import {
  anyOf,
  escapeRegExp,
  BARE_VALUE_NAME_ENDINGS,
  BENCHMARK_UNITS,
  CONJUNCTIONS,
  CONTEXT_OPENERS,
  COUNT_UNITS,
  CURRENT_PERIOD_WORDS,
  DAY_MARKS,
  GRADE_MARK,
  MOVEMENT_WORDS,
  NAME_OPENERS,
  ORDINAL,
  PERCENT_SIGNS,
  PROGRESS_NAME_WORDS,
  PROGRESS_WORD,
  PROGRESS_WORDS,
  RANGE_WORDS,
  TIME_UNITS,
  TIME_UNITS_EN,
  VALUE_LEADS,
  VALUE_LINKS,
} from '../vocabulary.js';

/** Where a piece of text sits: its line, the column of its first character, and its section. */
export interface TextPlace {
  line: number;
  column: number;
  section: SectionId;
  objective: string | null;
  group: string | null;
}

const UNIT_RE = anyOf([...PERCENT_SIGNS, ...COUNT_UNITS, ...TIME_UNITS]);
// a benchmark's or an English note's unit stands apart from letters (`5186 req/s`, `31 min`, not `31 minutes`)
const UNIT_EN_RE = `${anyOf([...BENCHMARK_UNITS, ...TIME_UNITS_EN])}(?![A-Za-z/])`;
const PERCENT = anyOf(PERCENT_SIGNS);
const GRADE = escapeRegExp(GRADE_MARK);

// A clause is the text between separators; `，` or `。` between two digits is no separator but a typo in a number.
// A conjunction separates only right after a value (`…11个及漏洞服务数…`), not inside a name (`收入与支出`).
const SEPARATOR = new RegExp(`[，,；;。、！？!?]|(?<=\\d|${anyOf([...PERCENT_SIGNS, ...COUNT_UNITS])})${anyOf(CONJUNCTIONS)}`, 'g');
const DIGIT_SEPARATOR_DIGIT = /^[,，。]$/;

// A clause that opens with one of these explains the metrics before it; the rest of the line is context.
const CONTEXT_OPENER = new RegExp(`^${anyOf(CONTEXT_OPENERS)}`);

// Names that mean a work item's progress, not a system metric (`测试进度80%`, `开发50%`, `放量30%`).
const PROGRESS_NAME = new RegExp(`${anyOf(PROGRESS_NAME_WORDS)}$`);

const MOVEMENT = new RegExp(`${anyOf(MOVEMENT_WORDS)}$`);
const TRAILING_PUNCT = /[\s。；;.!！?？]+$/;
const RATIO_TAIL = /[（(]\s*(\d+)\s*[/／]\s*(\d+)\s*[)）]\s*$/;
const VALUE_TAIL = new RegExp(`(?<![\\d.,，。])(\\d+(?:[.,，。]\\d+)*)\\s*(${UNIT_RE}|${UNIT_EN_RE})?$`);
const NAME_TRAILING = new RegExp(`(?:${anyOf(VALUE_LINKS)}|:|：|${anyOf(VALUE_LEADS)}|\\s)+$`);
const VALUE_LINK_TAIL = new RegExp(`(?:${anyOf(VALUE_LINKS)}|:|：)\\s*$`);
const NAME_LEADING = new RegExp(`^(?:${anyOf([...CONJUNCTIONS, ...NAME_OPENERS])}|\\s|[-*•·]|\\d+[.、)])+`);
const BARE_VALUE_NAME = new RegExp(`${anyOf(BARE_VALUE_NAME_ENDINGS)}$`);
// text before a written date is context (`内测群从12.12-12.20号问题` → `问题`)
const DATED_CONTEXT = new RegExp(`^.*\\d{1,2}[./]\\d{1,2}(?:\\s*(?:[-~]|${anyOf(RANGE_WORDS)})\\s*\\d{1,2}[./]\\d{1,2})?\\s*${anyOf(DAY_MARKS)}?`);
const RANK = new RegExp(`${escapeRegExp(ORDINAL)}$`);
const FAMILY_MEMBER = new RegExp(`^[A-Z0-9]{1,3}${GRADE}$`);
const FAMILY_NAME = new RegExp(`^(.*?[A-Z0-9]{1,3})${GRADE}$`);
const FAMILY_TAIL = new RegExp(`[A-Z0-9]{1,3}${GRADE}$`);
const PROGRESS = new RegExp(`${escapeRegExp(PROGRESS_WORD)}\\s*(\\d+(?:\\.\\d+)?)\\s*${PERCENT}`);
const STAGE_PROGRESS = new RegExp(`${anyOf(PROGRESS_WORDS)}\\s*(\\d+(?:\\.\\d+)?)\\s*${PERCENT}`);

/** A clause with its column offset into the line text. */
interface Clause {
  text: string;
  start: number;
}

function splitClauses(text: string): Clause[] {
  const out: Clause[] = [];
  let start = 0;
  SEPARATOR.lastIndex = 0;
  for (let m = SEPARATOR.exec(text); m; m = SEPARATOR.exec(text)) {
    const i = m.index;
    if (DIGIT_SEPARATOR_DIGIT.test(m[0]) && /\d/.test(text[i - 1] ?? '') && /\d/.test(text[i + 1] ?? '')) continue;
    out.push({ text: text.slice(start, i), start });
    start = i + m[0].length;
  }
  out.push({ text: text.slice(start), start });
  return out;
}

/** Most digits a value may have: more than a double holds exactly, and no reading of a system has them. */
export const MAX_DIGITS = 15;

/** Whether a number as written has more digits than `MAX_DIGITS` (`1e400` in digits would read as Infinity). */
export function tooManyDigits(num: string): boolean {
  return num.replace(/\D/g, '').length > MAX_DIGITS;
}

function decimalsOf(num: string): number {
  const dot = num.indexOf('.');
  return dot < 0 ? 0 : num.length - dot - 1;
}

/** Clean a raw name: drop connectors and what comes before `本周`, a date or a colon-led label. */
function cleanName(raw: string): string {
  let name = raw;
  let cut = -1;
  for (const w of CURRENT_PERIOD_WORDS) {
    const at = name.lastIndexOf(w);
    if (at >= 0 && at + w.length > cut) cut = at + w.length;
  }
  if (cut >= 0) name = name.slice(cut);
  name = name.replace(DATED_CONTEXT, '');
  name = name.replace(NAME_TRAILING, '').replace(NAME_LEADING, '');
  return name.trim();
}

function isNameLike(name: string): boolean {
  return /[\p{Script=Han}A-Za-z]/u.test(name) && !RANK.test(name);
}

/** Metrics, malformed numbers and progress values read from one line of a metrics or objective section. */
export interface LineMetrics {
  metrics: Metric[];
  malformed: MalformedNumber[];
}

/**
 * Read the metrics of one line of text (a list item's first line or a paragraph line, markers removed).
 * Each clause whose last token is a number (with an optional unit and ratio) and which is preceded by a
 * name is a metric; the rest of a line after a causal clause (`由于…`) is context and is not read.
 */
export function readLineMetrics(text: string, place: TextPlace): LineMetrics {
  const metrics: Metric[] = [];
  const malformed: MalformedNumber[] = [];
  let family: string | null = null;
  for (const clause of splitClauses(text)) {
    const lead = clause.text.match(/^\s*/)![0].length;
    const body = clause.text.slice(lead).replace(TRAILING_PUNCT, '');
    if (!body) continue;
    if (CONTEXT_OPENER.test(body)) break;
    const start = clause.start + lead;
    let rest = body;
    let ratio: { num: number; den: number; col: number; end: number } | null = null;
    const r = RATIO_TAIL.exec(rest);
    if (r) {
      ratio = tooManyDigits(r[1]) || tooManyDigits(r[2]) ? null : { num: Number(r[1]), den: Number(r[2]), col: start + r.index, end: start + rest.length };
      rest = rest.slice(0, r.index).replace(/\s+$/, '');
    }
    const v = VALUE_TAIL.exec(rest);
    if (!v) continue;
    const numText = v[1];
    const unit = v[2] === '％' ? '%' : (v[2] ?? null);
    const rawName = rest.slice(0, v.index);
    let name = cleanName(rawName);
    const famMatch = FAMILY_MEMBER.test(name) && family ? family : null;
    if (famMatch) name = famMatch + name;
    if (!isNameLike(name)) continue;
    const valueCol = start + v.index;
    const valueEnd = start + v.index + v[0].length;
    const nameOffset = rawName.lastIndexOf(name.replace(famMatch ?? '', ''));
    const nameCol = place.column + start + Math.max(0, nameOffset);
    const valid = /^\d+(?:\.\d+)?$/.test(numText);
    if (!valid) {
      const thousands = /^\d{1,3}(?:,\d{3})+$/.test(numText) && unit !== '%';
      if (!thousands) {
        if (unit === '%' || /[，。]/.test(numText) || (numText.match(/\./g) ?? []).length > 1) {
          malformed.push({
            name,
            text: rest.slice(v.index),
            suggestion: suggestNumber(numText, unit),
            line: place.line,
            column: place.column + valueCol,
            endColumn: place.column + valueEnd,
            section: place.section,
          });
        }
        continue;
      }
    }
    if (PROGRESS_NAME.test(name) && unit === '%') continue;
    // `试点机具扩至100台`, `提升到99.99%`: a movement or a goal, not a reading
    if (MOVEMENT.test(rawName.trimEnd())) continue;
    if (unit === null && !VALUE_LINK_TAIL.test(rawName) && !BARE_VALUE_NAME.test(name)) continue;
    if (tooManyDigits(numText)) {
      malformed.push({ name, text: rest.slice(v.index), suggestion: null, line: place.line, column: place.column + valueCol, endColumn: place.column + valueEnd, section: place.section });
      continue;
    }
    const value = Number(numText.replace(/,/g, ''));
    const m: Metric = {
      name,
      value,
      unit,
      line: place.line,
      column: place.column + valueCol,
      endColumn: place.column + valueEnd,
      nameColumn: nameCol,
      section: place.section,
      objective: place.objective,
      group: place.group,
      text: rest.slice(v.index),
      decimals: decimalsOf(numText),
    };
    if (ratio && unit === '%') {
      m.numerator = ratio.num;
      m.denominator = ratio.den;
      m.ratio = 'explicit';
      m.ratioColumn = place.column + ratio.col;
      m.ratioEndColumn = place.column + ratio.end;
      m.endColumn = place.column + ratio.end;
      m.text = body.slice(v.index);
    }
    metrics.push(m);
    const fam = FAMILY_NAME.exec(name);
    family = fam ? name.replace(FAMILY_TAIL, '') : null;
    if (family === '') family = null;
  }
  addImplicitRatios(metrics);
  return { metrics, malformed };
}

/** `问题72条，正确回答65条，准确率90.28%`: a percent right after two counts of one unit is their ratio. */
function addImplicitRatios(metrics: Metric[]): void {
  for (let i = 2; i < metrics.length; i++) {
    const p = metrics[i];
    const total = metrics[i - 2];
    const part = metrics[i - 1];
    if (p.unit !== '%' || p.ratio) continue;
    if (!total.unit || total.unit === '%' || total.unit !== part.unit) continue;
    if (part.value > total.value || total.value === 0) continue;
    p.numerator = part.value;
    p.denominator = total.value;
    p.ratio = 'implicit';
    p.ratioColumn = total.nameColumn;
    p.ratioEndColumn = part.endColumn;
  }
}

function suggestNumber(numText: string, unit: string | null): string | null {
  const parts = numText.split(/[.,，。]/);
  if (parts.length === 2) return `${parts[0]}.${parts[1]}${unit ?? ''}`;
  return null;
}

/** Progress percent of a work item: `进度80%`, else `开发50%`-style. */
export function readProgress(text: string): number | null {
  const m = PROGRESS.exec(text) ?? STAGE_PROGRESS.exec(text);
  return m && !tooManyDigits(m[1]) ? Number(m[1]) : null;
}

const CELL_VALUE = new RegExp(`^(\\d{1,3}(?:,\\d{3})+(?:\\.\\d+)?|\\d+(?:\\.\\d+)?)\\s*(${UNIT_RE}|${UNIT_EN_RE})?(?:\\s*[（(]\\s*(\\d+)\\s*[/／]\\s*(\\d+)\\s*[)）])?$`);

/** Read a table cell as a value: `99.9%`, `717`, `3次`. */
export function readCellValue(cell: string): { value: number; unit: string | null; text: string; decimals: number; offset: number } | null {
  const t = cell.trim();
  const m = CELL_VALUE.exec(t);
  if (!m || [m[1], m[3], m[4]].some((d) => d !== undefined && tooManyDigits(d))) return null;
  return {
    value: Number(m[1].replace(/,/g, '')),
    unit: m[2] === '％' ? '%' : (m[2] ?? null),
    text: t,
    decimals: decimalsOf(m[1]),
    offset: cell.indexOf(t),
  };
}
