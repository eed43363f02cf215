// one module per function: the package's index loads all ~250 of them (0.2 s, in every worker thread)
import { addDays } from 'date-fns/addDays';
import { lightFormat } from 'date-fns/lightFormat';
import { getISOWeek } from 'date-fns/getISOWeek';
import { getISOWeekYear } from 'date-fns/getISOWeekYear';
import { getWeek } from 'date-fns/getWeek';
import { getWeekYear } from 'date-fns/getWeekYear';
import { isValid } from 'date-fns/isValid';
import { setISOWeek } from 'date-fns/setISOWeek';
import { setWeek } from 'date-fns/setWeek';
import { startOfISOWeek } from 'date-fns/startOfISOWeek';
import { startOfWeek } from 'date-fns/startOfWeek';
import { WEEK_STARTS, WEEKS_OF } from './memo.js';
import type { WeekNumbering, WeekRef } from './model.js';

// jan1: week 1 is the Monday-started week holding 1 January (Excel WEEKNUM(date, 2)).
const JAN1 = { weekStartsOn: 1, firstWeekContainsDate: 1 } as const;

/** Parse `YYYY-MM-DD` into a local Date, or null when it is not a real calendar date. */
export function parseIsoDate(iso: string): Date | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  if (!m) return null;
  return makeDate(Number(m[1]), Number(m[2]), Number(m[3]));
}

/** A local Date for year/month/day, or null when that day does not exist (`2/30`). */
export function makeDate(year: number, month: number, day: number): Date | null {
  if (month < 1 || month > 12 || day < 1 || day > 31) return null;
  const d = new Date(year, month - 1, day, 12);
  if (!isValid(d) || d.getFullYear() !== year || d.getMonth() !== month - 1 || d.getDate() !== day) return null;
  return d;
}

/** `YYYY-MM-DD` of a Date. */
export function isoDate(d: Date): string {
  const y = d.getFullYear();
  // by hand: date-fns parses its pattern on every call, and this runs for every date of every note
  if (y < 0 || y > 9999 || Number.isNaN(y)) return lightFormat(d, 'yyyy-MM-dd');
  return `${String(y).padStart(4, '0')}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/** The week holding a date, under a numbering. */
export function weekOf(d: Date, numbering: WeekNumbering): WeekRef {
  const key = `${numbering}${d.getTime()}`;
  const known = WEEKS_OF.get(key);
  if (known) return { year: known.year, number: known.number };
  const w = numbering === 'iso' ? { year: getISOWeekYear(d), number: getISOWeek(d) } : { year: getWeekYear(d, JAN1), number: getWeek(d, JAN1) };
  WEEKS_OF.set(key, { year: w.year, number: w.number });
  return w;
}

/** Monday of a week, or null when the year has no such week. */
export function weekStart(week: WeekRef, numbering: WeekNumbering): Date | null {
  if (week.number < 1 || week.number > 53) return null;
  const key = `${numbering}${week.year}:${week.number}`;
  if (WEEK_STARTS.has(key)) {
    const t = WEEK_STARTS.get(key);
    return t == null ? null : new Date(t);
  }
  const d = mondayOf(week, numbering);
  WEEK_STARTS.set(key, d ? d.getTime() : null);
  return d;
}

function mondayOf(week: WeekRef, numbering: WeekNumbering): Date | null {
  let d: Date;
  if (numbering === 'iso') {
    d = startOfISOWeek(setISOWeek(new Date(week.year, 0, 4, 12), week.number));
  } else {
    d = startOfWeek(setWeek(new Date(week.year, 0, 1, 12), week.number, JAN1), JAN1);
  }
  const back = weekOf(addDays(d, 3), numbering);
  return back.year === week.year && back.number === week.number ? new Date(d.getFullYear(), d.getMonth(), d.getDate(), 12) : null;
}

/** Monday..Sunday of a week as ISO dates. */
export function weekRange(week: WeekRef, numbering: WeekNumbering): { start: string; end: string } | null {
  const s = weekStart(week, numbering);
  return s ? { start: isoDate(s), end: isoDate(addDays(s, 6)) } : null;
}

/** Days from a date to the nearest day of a week (0 when inside it). */
export function daysOutsideWeek(d: Date, week: WeekRef, numbering: WeekNumbering): number | null {
  const s = weekStart(week, numbering);
  if (!s) return null;
  const day = Math.round((new Date(d.getFullYear(), d.getMonth(), d.getDate(), 12).getTime() - s.getTime()) / 86400000);
  if (day < 0) return day;
  if (day > 6) return day - 6;
  return 0;
}

/**
 * The year a week number belongs to, given a date near it: the note's year is rarely written, so the
 * week-numbering year whose week N lies closest to the note's date is chosen.
 */
export function resolveWeekYear(number: number, near: Date, numbering: WeekNumbering): number {
  const y = weekOf(near, numbering).year;
  let best = y;
  let bestDist = Infinity;
  for (const cand of [y - 1, y, y + 1]) {
    const dist = daysOutsideWeek(near, { year: cand, number }, numbering);
    // half a year away is no reading of the date: `第53周` dated 2024-12-30 is not ISO week 53 of 2026
    if (dist !== null && Math.abs(dist) <= 183 && Math.abs(dist) < bestDist) {
      bestDist = Math.abs(dist);
      best = cand;
    }
  }
  return best;
}

/** Resolve a month/day written without a year against the note's date: the nearest such day. */
export function resolveMonthDay(month: number, day: number, near: Date | null): Date | null {
  if (!near) return null;
  const y = near.getFullYear();
  let best: Date | null = null;
  let bestDist = Infinity;
  for (const cand of [y - 1, y, y + 1]) {
    const d = makeDate(cand, month, day);
    if (!d) continue;
    const dist = Math.abs(d.getTime() - near.getTime());
    if (dist < bestDist) {
      bestDist = dist;
      best = d;
    }
  }
  return best;
}

/** Whether month/day exists in some year (29 February does). */
export function monthDayExists(month: number, day: number): boolean {
  return makeDate(2024, month, day) !== null;
}
