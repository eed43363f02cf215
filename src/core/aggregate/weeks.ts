import { addDays } from 'date-fns/addDays';
import { differenceInCalendarDays } from 'date-fns/differenceInCalendarDays';
import type { Report, WeekNumbering, WeekRef } from '../model.js';
import { isoDate, parseIsoDate, weekOf, weekStart } from '../dates.js';

/** Day of the week that decides a week's month (config `build.monthDay`). */
export type MonthDay = 'monday' | 'tuesday' | 'wednesday' | 'thursday' | 'friday' | 'saturday' | 'sunday';

const DAY_OFFSET: Record<MonthDay, number> = { monday: 0, tuesday: 1, wednesday: 2, thursday: 3, friday: 4, saturday: 5, sunday: 6 };

/** How weeks are grouped into periods. */
export interface PeriodSettings {
  monthDay: MonthDay;
  /** First month of the (fiscal) year, 1 = January. */
  fiscalYearStart: number;
}

/** The periods a week belongs to. Month keys are calendar `YYYY-MM`; quarter and year keys follow the fiscal year. */
export interface WeekPeriods {
  month: string;
  quarter: string;
  year: string;
}

/** A week as a place in time: its Monday (`YYYY-MM-DD`, the key used everywhere) and its number under a numbering. */
export interface WeekSlot {
  key: string;
  start: string;
  end: string;
  year: number;
  number: number;
  numbering: WeekNumbering;
}

/** Parse a `YYYY-MM-DD` key into a local noon Date (keys are always valid). */
export function keyDate(key: string): Date {
  return parseIsoDate(key)!;
}

/** The key of the week `n` weeks after (or before, when negative) another. */
export function addWeeks(key: string, n: number): string {
  // plain calendar arithmetic at noon, as the keys are local dates
  const d = new Date(Number(key.slice(0, 4)), Number(key.slice(5, 7)) - 1, Number(key.slice(8, 10)) + 7 * n, 12);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/** Whole weeks from `a` to `b` (positive when `b` is later). */
export function weeksBetween(a: string, b: string): number {
  return Math.round(differenceInCalendarDays(keyDate(b), keyDate(a)) / 7);
}

/** Monday key of the week holding a date (Monday-started weeks under both numberings). */
export function mondayOf(d: Date): string {
  const day = (d.getDay() + 6) % 7;
  return isoDate(addDays(d, -day));
}

/**
 * The week a note is about: the week it names (under the numbering it was read with), else the week of its
 * `Created` date, else null (such a note cannot be placed in any period). Lint's week rules and the build place a
 * note by this one key.
 */
export function noteWeekKey(r: Pick<Report, 'week' | 'weekNumbering' | 'created'>): string | null {
  if (r.week) {
    const s = weekStart(r.week, r.weekNumbering ?? 'jan1');
    if (s) return isoDate(s);
  }
  const c = r.created ? parseIsoDate(r.created) : null;
  return c ? mondayOf(c) : null;
}

/**
 * Where a note stands in its series: a calendar week (its Monday), else a relative week (week 6 of a term or a
 * project, ordered and summarised as a series of its own), else nowhere.
 */
export function notePlace(r: Pick<Report, 'week' | 'weekNumbering' | 'created'> & Partial<Pick<Report, 'relativeWeek'>>): { key: string } | { relative: number } | null {
  const key = noteWeekKey(r);
  if (key) return { key };
  return r.relativeWeek ? { relative: r.relativeWeek } : null;
}

/** Slot of a week key under a numbering. */
export function slotOf(key: string, numbering: WeekNumbering): WeekSlot {
  const monday = keyDate(key);
  const ref: WeekRef = weekOf(addDays(monday, 3), numbering);
  return { key, start: key, end: isoDate(addDays(monday, 6)), year: ref.year, number: ref.number, numbering };
}

/** The month, quarter and year a week belongs to: the month holding its `monthDay` (Thursday by default). */
export function periodsOfWeek(key: string, s: PeriodSettings): WeekPeriods {
  const d = addDays(keyDate(key), DAY_OFFSET[s.monthDay]);
  const calYear = d.getFullYear();
  const month = d.getMonth() + 1;
  const fiscalYear = month >= s.fiscalYearStart ? calYear : calYear - 1;
  const q = Math.floor(((month - s.fiscalYearStart + 12) % 12) / 3) + 1;
  return { month: `${calYear}-${String(month).padStart(2, '0')}`, quarter: `${fiscalYear}-Q${q}`, year: String(fiscalYear) };
}

/** Every week key from `first` to `last`, inclusive. */
export function weekRange(first: string, last: string): string[] {
  const out: string[] = [];
  for (let k = first; k <= last; k = addWeeks(k, 1)) out.push(k);
  return out;
}

/** Period kinds, from the shortest. */
export type PeriodKind = 'month' | 'quarter' | 'year';

/** The key of the period before `key` (`2024-01` → `2023-12`, `2024-Q1` → `2023-Q4`, `2024` → `2023`). */
export function previousPeriodKey(kind: PeriodKind, key: string): string {
  if (kind === 'year') return String(Number(key) - 1);
  if (kind === 'quarter') {
    const [y, q] = key.split('-Q').map(Number);
    return q === 1 ? `${y - 1}-Q4` : `${y}-Q${q - 1}`;
  }
  const [y, m] = key.split('-').map(Number);
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
}

/** All weeks that belong to a period (whatever notes exist), found by walking the weeks around it. */
export function weeksOfPeriod(kind: PeriodKind, key: string, s: PeriodSettings): string[] {
  // a period starts at most a week before the calendar start of its first month
  let startYear: number;
  let startMonth: number;
  let months: number;
  if (kind === 'month') {
    [startYear, startMonth] = key.split('-').map(Number);
    months = 1;
  } else if (kind === 'quarter') {
    const [y, q] = key.split('-Q').map(Number);
    const m0 = s.fiscalYearStart - 1 + (q - 1) * 3;
    startYear = y + Math.floor(m0 / 12);
    startMonth = (m0 % 12) + 1;
    months = 3;
  } else {
    startYear = Number(key);
    startMonth = s.fiscalYearStart;
    months = 12;
  }
  const from = mondayOf(addDays(new Date(startYear, startMonth - 1, 1, 12), -7));
  const out: string[] = [];
  const limit = months * 5 + 4;
  for (let i = 0, k = from; i < limit; i++, k = addWeeks(k, 1)) {
    const p = periodsOfWeek(k, s);
    const pk = kind === 'month' ? p.month : kind === 'quarter' ? p.quarter : p.year;
    if (pk === key) out.push(k);
  }
  return out;
}
