import type { DatingSource, WhenSource } from '../model.js';
import { addDays } from 'date-fns/addDays';
import { isoDate, makeDate } from '../dates.js';
import {
  anyOf,
  escapeRegExp,
  CHINESE_NUMERALS,
  DAY_MARKS,
  MONTH_MARK,
  MONTH_NAMES_EN,
  ORDINAL,
  RANGE_WORDS,
  RELATIVE_WEEK_WORDS,
  WEEK_ABBREVIATIONS_EN,
  WEEK_MARK,
  WEEK_WORDS_EN,
  YEAR_MARK,
} from '../vocabulary.js';

/** The order of a date written with three numbers and no month name: month first (US), day first, year first. */
export type DateOrder = 'mdy' | 'dmy' | 'ymd';

const ORD = escapeRegExp(ORDINAL);
const WEEK = escapeRegExp(WEEK_MARK);
const YEAR = escapeRegExp(YEAR_MARK);
const MONTH = escapeRegExp(MONTH_MARK);
const DAY = anyOf(DAY_MARKS);
const HAN_DIGITS = Object.keys(CHINESE_NUMERALS).join('');
const RANGE_JOIN = `\\s*(?:[-~～—–]|${anyOf(RANGE_WORDS)})\\s*`;

/** The value of a number written in Chinese numerals up to 99 (`十二` 12, `二十` 20, `五十三` 53), else null. */
export function chineseNumber(s: string): number | null {
  if (!s || [...s].some((c) => !(c in CHINESE_NUMERALS))) return null;
  const ten = s.indexOf('十');
  if (ten < 0) return s.length === 1 ? CHINESE_NUMERALS[s] : null;
  if (s.indexOf('十', ten + 1) >= 0) return null;
  const tens = ten === 0 ? 1 : s.length > 0 && ten === 1 ? CHINESE_NUMERALS[s[0]] : null;
  const ones = ten === s.length - 1 ? 0 : ten === s.length - 2 ? CHINESE_NUMERALS[s[s.length - 1]] : null;
  if (tens === null || ones === null || tens === 0) return null;
  return tens * 10 + ones;
}

function iso(y: number, m: number, d: number): string | null {
  const date = makeDate(y, m, d);
  return date ? isoDate(date) : null;
}

/** A two-digit year as written in dates (`24/03/15`): 2000–2069, else 1970–1999. */
function fullYear(yy: number): number {
  return yy < 70 ? 2000 + yy : 1900 + yy;
}

/**
 * A date written as three numbers (`05/11/2018`, `24/03/15`, `2024-03-15`): the date in `order` when that order gives
 * a real date (else in the first order that does: year first for two-digit years, as dated titles write them, then
 * month first, then day first), and the date in another order when one is real too. A four-digit number is the year.
 */
export function numericDate(a: string, b: string, c: string, order: DateOrder): { date: string; order: DateOrder; alternative?: string } | null {
  const [x, y, z] = [Number(a), Number(b), Number(c)];
  if (a.length === 4) {
    const d = iso(x, y, z);
    return d ? { date: d, order: 'ymd' } : null;
  }
  const candidates: Record<DateOrder, string | null> = {
    ymd: c.length === 4 ? null : iso(fullYear(x), y, z),
    mdy: iso(c.length === 4 ? z : fullYear(z), x, y),
    dmy: iso(c.length === 4 ? z : fullYear(z), y, x),
  };
  const tried = [...new Set<DateOrder>([order, 'ymd', 'mdy', 'dmy'])].filter((o) => candidates[o] !== null);
  if (!tried.length) return null;
  const first = tried[0];
  const other = tried.slice(1).find((o) => candidates[o] !== candidates[first]);
  return other ? { date: candidates[first]!, order: first, alternative: candidates[other]! } : { date: candidates[first]!, order: first };
}

const MONTH_EN = `(${MONTH_NAMES_EN.map((m) => `${m.slice(0, 3)}(?:${escapeRegExp(m.slice(3))})?`).join('|')})\\.?`;
const monthIndex = (name: string) => MONTH_NAMES_EN.findIndex((m) => m.startsWith(name.toLowerCase().slice(0, 3)));

interface Found {
  index: number;
  length: number;
  source: Omit<WhenSource, 'source' | 'line'>;
}

// Patterns of a title, a file name or a folder name, tried in this order; a later one never reads inside an earlier one's match.
const ISO_WEEK = /(?<![\dA-Za-z])((?:19|20)\d{2})\s*-?\s*W(\d{1,2})(?!\d)/gi;
const YEAR_ORDINAL_WEEK = new RegExp(`((?:19|20)\\d{2})\\s*${YEAR}\\s*${ORD}\\s*(\\d{1,2}|[${HAN_DIGITS}]{1,3})\\s*${WEEK}`, 'g');
const FULL_RANGE = new RegExp(
  `(?<!\\d)((?:19|20)\\d{2})[.\\-/_${YEAR}](\\d{1,2})[.\\-/_${MONTH}](\\d{1,2})${DAY}?${RANGE_JOIN}(?:((?:19|20)\\d{2})[.\\-/_${YEAR}])?(?:(\\d{1,2})[.\\-/_${MONTH}])?(\\d{1,2})${DAY}?(?![\\d.])`,
  'g',
);
const SHORT_RANGE = new RegExp(`(?<![\\d.])(\\d{1,2})[./${MONTH}](\\d{1,2})${DAY}?${RANGE_JOIN}(?:(\\d{1,2})[./${MONTH}])?(\\d{1,2})${DAY}?(?![\\d./])`, 'g');
const FULL_DATE = new RegExp(`(?<![\\d.])((?:19|20)\\d{2})\\s*[-/._${YEAR}]\\s*(\\d{1,2})\\s*[-/._${MONTH}]\\s*(\\d{1,2})${DAY}?(?![\\d])`, 'g');
const COMPACT_DATE = /(?<!\d)((?:19|20)\d{2})(\d{2})(\d{2})(?!\d)/g;
const THREE_NUMBERS = /(?<![\d.])(\d{1,2})([/._-])(\d{1,2})\2(\d{4}|\d{2})(?![\d/.])/g;
const SIX_DIGITS = /(?<!\d)(\d{2})(\d{2})(\d{2})(?!\d)/g;
const EN_DATE = new RegExp(`\\b${MONTH_EN}\\s+(\\d{1,2})(?:st|nd|rd|th)?,?\\s+((?:19|20)\\d{2})\\b`, 'gi');
const EN_DATE_DMY = new RegExp(`\\b(\\d{1,2})(?:st|nd|rd|th)?\\s+${MONTH_EN},?\\s+((?:19|20)\\d{2})\\b`, 'gi');
const ZH_MONTH_DAY = new RegExp(`(?<!\\d)(\\d{1,2})\\s*${MONTH}\\s*(\\d{1,2})\\s*${DAY}`, 'g');
const ORDINAL_WEEK = new RegExp(`(${anyOf(RELATIVE_WEEK_WORDS)})?\\s*${ORD}\\s*(\\d{1,2}|[${HAN_DIGITS}]{1,3})\\s*${WEEK}`, 'gi');
const EN_WEEK = new RegExp(`(${anyOf(RELATIVE_WEEK_WORDS)}\\s*)?\\b(?:${anyOf([...WEEK_WORDS_EN, ...WEEK_ABBREVIATIONS_EN])})\\s*[-_#.]?\\s*(\\d{1,2})(?!\\d)`, 'gi');
const W_WEEK = /(?:^|[^A-Za-z0-9])W(\d{1,2})(?!\d)/g;

function collect(re: RegExp, s: string, taken: [number, number][], make: (m: RegExpExecArray) => Found['source'] | null, out: Found[]): void {
  re.lastIndex = 0;
  for (let m = re.exec(s); m; m = re.exec(s)) {
    const start = m.index;
    const end = start + m[0].length;
    if (taken.some(([a, b]) => start < b && end > a)) continue;
    const src = make(m);
    // a week no year has (`第99周`) names none: title-week says so
    if (!src || (src.week && (src.week.number < 1 || src.week.number > 53))) continue;
    taken.push([start, end]);
    out.push({ index: start, length: m[0].length, source: src });
  }
}

/** A week number as written: Arabic or Chinese numerals. */
function weekNumber(s: string): number | null {
  return /^\d+$/.test(s) ? Number(s) : chineseNumber(s);
}

/** Options of `readWhen`. */
export interface WhenOptions {
  /** How to read a date of three numbers whose order the text does not settle. */
  order: DateOrder;
  /** Whether six digits alone (`report-240315`) are a YYMMDD date: in file names, not in titles. */
  sixDigits?: boolean;
  /** Whether a bare `W12` or `week12` is read (file and folder names, titles). */
  bareWeeks?: boolean;
}

/**
 * Every week and date written in a title, a file name or a folder name, in text order: ISO weeks (`2024-W12`),
 * `2023年第51周`, ranges (`2024.03.11-03.15`, `3.11-3.17`, `11.17-23`), dates (`2024-03-15`, `2024/03/15`,
 * `2024_03_15`, `20240315`, `24/03/15`, `05/11/2018`, `March 11, 2024`, `3月15日`), `第N周` in Arabic or Chinese
 * numerals, `Week N`, `W12`. Pure; `source` and `line` are the caller's.
 */
export function readWhen(raw: string, opts: WhenOptions): Omit<WhenSource, 'source' | 'line'>[] {
  const s = raw.normalize('NFKC');
  const out: Found[] = [];
  const taken: [number, number][] = [];
  collect(ISO_WEEK, s, taken, (m) => ({ text: m[0].trim(), week: { year: Number(m[1]), number: Number(m[2]) }, date: null }), out);
  collect(YEAR_ORDINAL_WEEK, s, taken, (m) => {
    const n = weekNumber(m[2]);
    return n === null ? null : { text: m[0], week: { year: Number(m[1]), number: n }, date: null };
  }, out);
  collect(FULL_RANGE, s, taken, (m) => {
    const y = Number(m[1]);
    const start = iso(y, Number(m[2]), Number(m[3]));
    const end = iso(m[4] ? Number(m[4]) : y, m[5] ? Number(m[5]) : Number(m[2]), Number(m[6]));
    return start && end && end >= start ? { text: m[0], week: null, date: start, end } : null;
  }, out);
  collect(FULL_DATE, s, taken, (m) => {
    const d = iso(Number(m[1]), Number(m[2]), Number(m[3]));
    return d ? { text: m[0], week: null, date: d } : null;
  }, out);
  collect(COMPACT_DATE, s, taken, (m) => {
    const d = iso(Number(m[1]), Number(m[2]), Number(m[3]));
    return d ? { text: m[0], week: null, date: d } : null;
  }, out);
  collect(EN_DATE, s, taken, (m) => {
    const d = iso(Number(m[3]), monthIndex(m[1]) + 1, Number(m[2]));
    return d ? { text: m[0], week: null, date: d } : null;
  }, out);
  collect(EN_DATE_DMY, s, taken, (m) => {
    const d = iso(Number(m[3]), monthIndex(m[2]) + 1, Number(m[1]));
    return d ? { text: m[0], week: null, date: d } : null;
  }, out);
  collect(THREE_NUMBERS, s, taken, (m) => {
    const d = numericDate(m[1], m[3], m[4], opts.order);
    if (!d) return null;
    const src: Found['source'] = { text: m[0], week: null, date: d.date, order: d.order };
    if (d.alternative) src.alternative = d.alternative;
    return src;
  }, out);
  if (opts.sixDigits) {
    collect(SIX_DIGITS, s, taken, (m) => {
      const d = iso(fullYear(Number(m[1])), Number(m[2]), Number(m[3]));
      return d ? { text: m[0], week: null, date: d, order: 'ymd' } : null;
    }, out);
  }
  collect(SHORT_RANGE, s, taken, (m) => {
    const [m1, d1, m2, d2] = [Number(m[1]), Number(m[2]), m[3] ? Number(m[3]) : Number(m[1]), Number(m[4])];
    // a year stands in for the real one until the note, its folder or its series gives it (2024 has 29 February)
    const start = iso(2024, m1, d1);
    const end = iso(2024, m2, d2);
    if (!start || !end) return null;
    return { text: m[0], week: null, date: start, end, yearless: true };
  }, out);
  collect(ZH_MONTH_DAY, s, taken, (m) => {
    const d = iso(2024, Number(m[1]), Number(m[2]));
    return d ? { text: m[0], week: null, date: d, yearless: true } : null;
  }, out);
  collect(ORDINAL_WEEK, s, taken, (m) => {
    const n = weekNumber(m[2]);
    if (n === null) return null;
    const src: Found['source'] = { text: m[0].trim(), week: { year: null, number: n }, date: null };
    if (m[1]) src.relative = true;
    return src;
  }, out);
  if (opts.bareWeeks !== false) {
    collect(EN_WEEK, s, taken, (m) => {
      const src: Found['source'] = { text: m[0].trim(), week: { year: null, number: Number(m[2]) }, date: null };
      if (m[1]) src.relative = true;
      return src;
    }, out);
    collect(W_WEEK, s, taken, (m) => ({ text: m[0].replace(/^[^W]*/, ''), week: { year: null, number: Number(m[1]) }, date: null }), out);
  }
  return out.sort((a, b) => a.index - b.index).map((f) => f.source);
}

/** A `YYYY-MM-DD` date moved to the year nearest `near` (a yearless `3.11` read in a 2023 note is 2023-03-11). */
export function withYear(date: string, year: number): string | null {
  return iso(year, Number(date.slice(5, 7)), Number(date.slice(8, 10)));
}

/** The year that puts a yearless month/day nearest a date. */
export function nearestYear(date: string, near: Date): number {
  let best = near.getFullYear();
  let bestDist = Infinity;
  for (const y of [near.getFullYear() - 1, near.getFullYear(), near.getFullYear() + 1]) {
    const d = withYear(date, y);
    if (!d) continue;
    const dist = Math.abs(new Date(`${d}T12:00:00`).getTime() - near.getTime());
    if (dist < bestDist) {
      bestDist = dist;
      best = y;
    }
  }
  return best;
}

/** The day a range stands for: its middle (a Saturday-to-Friday range belongs to the week of most of its days). */
export function rangeDay(start: string, end: string): string {
  const a = new Date(`${start}T12:00:00`);
  const b = new Date(`${end}T12:00:00`);
  const days = Math.round((b.getTime() - a.getTime()) / 86400000);
  return isoDate(addDays(a, Math.floor(days / 2)));
}

/** A source with its place filled in. */
export function placed(found: Omit<WhenSource, 'source' | 'line'>[], source: DatingSource, line: number | null): WhenSource[] {
  return found.map((f) => ({ source, text: f.text, line, week: f.week, ...(f.relative ? { relative: true } : {}), date: f.date, ...(f.end ? { end: f.end } : {}), ...(f.yearless ? { yearless: true } : {}), ...(f.order ? { order: f.order } : {}), ...(f.alternative ? { alternative: f.alternative } : {}) }));
}

const NUMERIC_VALUE = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4}|\d{2})(?:[T\s,]+(\d{1,2}):(\d{2})(?::\d{2})?\s*([AaPp][Mm])?)?\s*$/;
const DMY_VALUE = new RegExp(`^(\\d{1,2})(?:st|nd|rd|th)?\\s+${MONTH_EN},?\\s+((?:19|20)\\d{2})(?:,?\\s+(\\d{1,2}):(\\d{2})\\s*([AaPp][Mm])?)?\\s*$`, 'i');

const pad = (n: number) => String(n).padStart(2, '0');

function withTime(date: string, h?: string, mi?: string, ampm?: string): string | null {
  if (h === undefined) return date;
  let hour = Number(h);
  if (ampm) hour = (hour % 12) + (ampm.toLowerCase() === 'pm' ? 12 : 0);
  if (hour > 23 || Number(mi) > 59) return null;
  return `${date}T${pad(hour)}:${mi}`;
}

/**
 * A date property's value in the shapes `parseCreated` does not read: three numbers whose order depends on the
 * writer (`05/11/2018`, `11/05/2018 9:30 AM`), and day-first English (`15 March 2024`). With the order it was read
 * in and, when the text does not settle it, the date in the other order.
 */
export function readDateValue(raw: string, order: DateOrder): { created: string; order?: DateOrder; alternative?: string } | null {
  const s = raw.normalize('NFKC').trim();
  let m = NUMERIC_VALUE.exec(s);
  if (m) {
    const d = numericDate(m[1], m[2], m[3], order);
    if (!d) return null;
    const created = withTime(d.date, m[4], m[5], m[6]);
    if (!created) return null;
    return d.alternative ? { created, order: d.order, alternative: d.alternative } : { created, order: d.order };
  }
  m = DMY_VALUE.exec(s);
  if (m) {
    const d = iso(Number(m[3]), monthIndex(m[2]) + 1, Number(m[1]));
    const created = d && withTime(d, m[4], m[5], m[6]);
    return created ? { created } : null;
  }
  return null;
}
