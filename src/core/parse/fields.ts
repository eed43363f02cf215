import type { DateRef, Incident, SectionId, Stage } from '../model.js';
import { isoDate, makeDate, monthDayExists, resolveMonthDay } from '../dates.js';
import { tooManyDigits } from './metrics.js';
import {
  anyOf,
  escapeRegExp,
  APPROX_WORDS,
  CLAUSE_END_PARTICLES,
  DAY_MARKS,
  DECADE_WORD,
  DONE_PREFIXES,
  DONE_WORD,
  DURATION_WORDS,
  GRADE_MARK,
  GRADING_WORD,
  HOUR_UNITS,
  IMPACT_WORDS,
  INCIDENT_NOUNS,
  MINUTE_UNITS,
  MONTH_MARK,
  MONTH_NAMES_EN,
  NO_INCIDENT_WORDS,
  ORDINAL,
  PERCENT_SIGNS,
  PLAN_WORDS,
  RANGE_WORDS,
  SHORT_MINUTE_UNITS,
  STAGE_WORDS,
  WEEK_MARK,
  WEEK_WORDS_EN,
  YEAR_MARK,
} from '../vocabulary.js';

const YEAR = escapeRegExp(YEAR_MARK);
const MONTH = escapeRegExp(MONTH_MARK);
const DAY = anyOf(DAY_MARKS);
const RANGE = `(?:[-~]|${anyOf(RANGE_WORDS)})`;
const ORD = escapeRegExp(ORDINAL);
const WEEK = escapeRegExp(WEEK_MARK);

const CREATED_ZH = new RegExp(`^(\\d{4})\\s*${YEAR}\\s*(\\d{1,2})\\s*${MONTH}\\s*(\\d{1,2})\\s*${DAY}?(?:\\s+(\\d{1,2}):(\\d{2})(?::\\d{2})?)?`);

const pad = (n: number) => String(n).padStart(2, '0');

/**
 * Read a `Created` value as an ISO local date-time: `2023年12月16日 08:02`, `December 16, 2023 8:02 AM`,
 * `2023-12-16 08:02`, `2023/12/16`, `2023-12-16T08:02:00`. Null when it is none of these or not a real date.
 */
export function parseCreated(raw: string): string | null {
  const s = raw.normalize('NFKC').trim();
  let y: number, mo: number, d: number;
  let h = -1;
  let mi = 0;
  let m = CREATED_ZH.exec(s);
  if (m) {
    [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
    if (m[4]) [h, mi] = [Number(m[4]), Number(m[5])];
  } else if ((m = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[T\s]+(\d{1,2}):(\d{2})(?::\d{2}(?:\.\d+)?)?)?/.exec(s))) {
    [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
    if (m[4]) [h, mi] = [Number(m[4]), Number(m[5])];
  } else if ((m = /^([A-Za-z]+)\.?\s+(\d{1,2}),?\s+(\d{4})(?:\s+(\d{1,2}):(\d{2})(?::\d{2})?\s*([AaPp][Mm])?)?/.exec(s))) {
    const month = MONTH_NAMES_EN.findIndex((n) => n.startsWith(m![1].toLowerCase()) && m![1].length >= 3);
    if (month < 0) return null;
    [y, mo, d] = [Number(m[3]), month + 1, Number(m[2])];
    if (m[4]) {
      h = Number(m[4]) % 12;
      mi = Number(m[5]);
      if (m[6] && m[6].toLowerCase() === 'pm') h += 12;
      if (!m[6]) h = Number(m[4]);
    }
  } else {
    return null;
  }
  if (!makeDate(y, mo, d)) return null;
  if (h > 23 || mi > 59) return null;
  return h < 0 ? `${y}-${pad(mo)}-${pad(d)}` : `${y}-${pad(mo)}-${pad(d)}T${pad(h)}:${pad(mi)}`;
}

const YEAR_WEEK = new RegExp(`(\\d{4})\\s*${YEAR}\\s*${ORD}\\s*(\\d{1,2})\\s*${WEEK}`);
const ORDINAL_WEEK = new RegExp(`${ORD}\\s*(\\d{1,2})\\s*${WEEK}`);
const EN_WEEK = new RegExp(`\\b${anyOf(WEEK_WORDS_EN)}\\s*(\\d{1,2})(?!\\d)`, 'i');

/** Week named by a title or frontmatter value: `第51周`, `Week 5`, `2024-W10`, `2023年第51周`. */
export function parseWeekName(raw: string): { year: number | null; number: number } | null {
  const s = raw.normalize('NFKC');
  let m = /(\d{4})\s*-?\s*W(\d{1,2})(?!\d)/i.exec(s);
  if (m) return { year: Number(m[1]), number: Number(m[2]) };
  m = YEAR_WEEK.exec(s);
  if (m) return { year: Number(m[1]), number: Number(m[2]) };
  m = ORDINAL_WEEK.exec(s);
  if (m) return { year: null, number: Number(m[1]) };
  m = EN_WEEK.exec(s);
  if (m) return { year: null, number: Number(m[1]) };
  m = /(?:^|[^A-Za-z])W(\d{1,2})(?!\d)/.exec(s);
  if (m) return { year: null, number: Number(m[1]) };
  return null;
}

const DATE_PATTERNS: RegExp[] = [
  /(?<![\d/.-])(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?![\d/])/g,
  new RegExp(`(?<![\\d])()(\\d{1,2})\\s*${MONTH}\\s*(\\d{1,2})\\s*${DAY}`, 'g'),
  /(?<![\d/.:])()(\d{1,2})\/(\d{1,2})(?![\d/%])/g,
  // `12.12-12.20号`: a dotted date only with 号/日 or as a range, so `99.9` is never a date
  new RegExp(`(?<![\\d.])()(\\d{1,2})\\.(\\d{1,2})(?=\\s*(?:${DAY}|${RANGE}\\s*\\d{1,2}\\.\\d{1,2}))`, 'g'),
  new RegExp(`(?<=\\d{1,2}\\.\\d{1,2}\\s*${RANGE}\\s*)()(\\d{1,2})\\.(\\d{1,2})(?![\\d.%])`, 'g'),
];

/** Month/day dates written in a line, resolved against the note's date (a December note's `1/9` is next January). */
export function findDates(text: string, line: number, column: number, section: SectionId, near: Date | null): DateRef[] {
  const found: DateRef[] = [];
  const taken: [number, number][] = [];
  for (const re of DATE_PATTERNS) {
    re.lastIndex = 0;
    for (let m = re.exec(text); m; m = re.exec(text)) {
      const start = m.index;
      const end = start + m[0].length;
      if (taken.some(([a, b]) => start < b && end > a)) continue;
      // `（16/24）` right after a percent is a ratio, `90/00年代` is a decade
      if (/[（(]\s*$/.test(text.slice(0, start)) && /^\s*[)）]/.test(text.slice(end))) continue;
      if (text.startsWith(DECADE_WORD, end)) continue;
      const year = m[1] ? Number(m[1]) : null;
      const month = Number(m[2]);
      const day = Number(m[3]);
      let date: string | null = null;
      if (year !== null) {
        const d = makeDate(year, month, day);
        date = d ? isoDate(d) : null;
      } else if (monthDayExists(month, day)) {
        const d = resolveMonthDay(month, day, near);
        date = d ? isoDate(d) : null;
        if (!near) continue;
      }
      taken.push([start, end]);
      found.push({ text: m[0], date, line, column: column + start, endColumn: column + end, section });
    }
  }
  return found.sort((a, b) => a.column - b.column);
}

const CLAUSE_END = `(?=${anyOf(CLAUSE_END_PARTICLES)}|[，,。；;]|$)`;
const STATUS: [RegExp, Stage][] = STAGE_WORDS.map(({ stage, words, progress, clauseEnd }) => {
  const alternatives = [anyOf(words)];
  if (progress) alternatives.push(`${anyOf(progress)}\\s*\\d+(?:\\.\\d+)?\\s*${anyOf(PERCENT_SIGNS)}`);
  // `1/11投产` is a plan's date, not a status
  if (clauseEnd) alternatives.push(`(?<![\\d/.]\\s*)${anyOf(clauseEnd)}${CLAUSE_END}`);
  return [new RegExp(alternatives.join('|'), 'g'), stage];
});
// a plan word earlier in the clause: what follows it is planned
const PLANNED = new RegExp(`${anyOf(PLAN_WORDS)}[^，,；;。]*$`);
const BARE_DONE = new RegExp(`(?:^|[，,；;。]\\s*)${anyOf(DONE_PREFIXES)}?${escapeRegExp(DONE_WORD)}(?=[。.；;，,]?\\s*$|[，,；;。])`);

/**
 * The status of a work item: the first status word in its text that is not part of a plan (`计划12/26上线`
 * names a date, not a status), with its canonical stage. A clause ending in `完成` counts as done last.
 */
export function findStatus(text: string): { status: string; stage: Stage } | null {
  let best: { index: number; status: string; stage: Stage } | null = null;
  for (const [re, stage] of STATUS) {
    re.lastIndex = 0;
    for (let m = re.exec(text); m; m = re.exec(text)) {
      if (PLANNED.test(text.slice(0, m.index))) continue;
      if (!best || m.index < best.index || (m.index === best.index && m[0].length > best.status.length)) {
        best = { index: m.index, status: m[0], stage };
      }
      break;
    }
  }
  if (best) return { status: best.status, stage: best.stage };
  // a bare `完成` counts only as the whole clause (`，已完成。`), not `演练完成` or `方案评审完成`
  const done = BARE_DONE.exec(text);
  if (done && !PLANNED.test(text.slice(0, done.index))) return { status: DONE_WORD, stage: 'done' };
  return null;
}

// a unit never runs on into letters: `60mins`, not `60minx`
const DURATION = new RegExp(`${anyOf(DURATION_WORDS)}\\s*${anyOf(APPROX_WORDS)}?\\s*(\\d+(?:\\.\\d+)?)\\s*(${anyOf([...MINUTE_UNITS, ...SHORT_MINUTE_UNITS, ...HOUR_UNITS])})(?![a-z])`, 'i');
const DURATION_BARE = new RegExp(`(\\d+(?:\\.\\d+)?)\\s*(${anyOf([...MINUTE_UNITS, ...HOUR_UNITS])})(?![a-z])\\s*[。.]?\\s*$`, 'i');
const HOURS = new RegExp(`^${anyOf(HOUR_UNITS)}$`, 'i');
const NO_INCIDENT = new RegExp(`^${anyOf(NO_INCIDENT_WORDS)}[。.]?$`, 'i');
const INCIDENT_DATE = new RegExp(`^\\s*(?:(\\d{4})[-/.])?(\\d{1,2})(?:[/.\\-]|${MONTH})(\\d{1,2})${DAY}?`);
const LEADING_DATE = new RegExp(`^\\d{1,4}(?:[/.\\-]|${MONTH})`);
const IMPACT = new RegExp(anyOf(IMPACT_WORDS));
const GRADED = new RegExp(`${escapeRegExp(GRADING_WORD)}\\s*([A-Za-z0-9]{1,2})\\s*${escapeRegExp(GRADE_MARK)}`);
const GRADE_NOUN = new RegExp(`(?:^|[^A-Za-z])([A-D])\\s*${escapeRegExp(GRADE_MARK)}${anyOf(INCIDENT_NOUNS)}`);

/** Minutes from a duration unit: `60mins`, `1.5h`, `2小时`, `20分钟`. */
function toMinutes(value: number, unit: string): number {
  return HOURS.test(unit) ? Math.round(value * 60 * 100) / 100 : value;
}

/** Does an incident line say there was none (`- 无`)? */
export function isNoIncident(text: string): boolean {
  return NO_INCIDENT.test(text.trim());
}

/** Does a plain line open with a date (`12/16`, `12月16日`), as an incident written without a bullet does? */
export function startsWithDate(text: string): boolean {
  return LEADING_DATE.test(text);
}

/**
 * An incident line: `12/16  15:36  监控发现…，未对业务产生影响，持续60mins`. Missing parts stay null so that
 * lint can say which is missing.
 */
export function readIncident(text: string, line: number, column: number, near: Date | null): Omit<Incident, 'endColumn'> & { endColumn: number } {
  let rest = text;
  let offset = 0;
  let date: string | null = null;
  let time: string | null = null;
  const dm = INCIDENT_DATE.exec(rest);
  if (dm) {
    const month = Number(dm[2]);
    const day = Number(dm[3]);
    const d = dm[1] ? makeDate(Number(dm[1]), month, day) : resolveMonthDay(month, day, near);
    date = d ? isoDate(d) : null;
    offset += dm[0].length;
    rest = text.slice(offset);
  }
  const tm = /^\s*(\d{1,2})[:：](\d{2})(?!\d)/.exec(rest);
  if (tm && Number(tm[1]) < 24 && Number(tm[2]) < 60) {
    time = `${pad(Number(tm[1]))}:${tm[2]}`;
    offset += tm[0].length;
    rest = text.slice(offset);
  }
  let durationMinutes: number | null = null;
  let body = rest.trim();
  const du = DURATION.exec(body) ?? DURATION_BARE.exec(body);
  if (du) {
    durationMinutes = tooManyDigits(du[1]) ? null : toMinutes(Number(du[1]), du[2]);
    body = (body.slice(0, du.index) + body.slice(du.index + du[0].length)).replace(/[，,；;。\s]+$/, '').replace(/[，,]\s*[，,]/, '，');
  }
  const clauses = body.split(/[，,；;。]/).map((c) => c.trim()).filter(Boolean);
  const impact = clauses.find((c) => IMPACT.test(c)) ?? null;
  const lv = GRADED.exec(body) ?? GRADE_NOUN.exec(body);
  return {
    date,
    time,
    durationMinutes,
    summary: body,
    impact,
    level: lv ? lv[1].toUpperCase() : null,
    line,
    column,
    endColumn: column + text.length,
    text,
  };
}
