import type { DateRef, Incident, SectionId, Stage } from '../model.js';
import { isoDate, makeDate, monthDayExists, resolveMonthDay } from '../dates.js';
import { tooManyDigits } from './metrics.js';

const EN_MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];

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
  let m = /^(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日?(?:\s+(\d{1,2}):(\d{2})(?::\d{2})?)?/.exec(s);
  if (m) {
    [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
    if (m[4]) [h, mi] = [Number(m[4]), Number(m[5])];
  } else if ((m = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[T\s]+(\d{1,2}):(\d{2})(?::\d{2}(?:\.\d+)?)?)?/.exec(s))) {
    [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
    if (m[4]) [h, mi] = [Number(m[4]), Number(m[5])];
  } else if ((m = /^([A-Za-z]+)\.?\s+(\d{1,2}),?\s+(\d{4})(?:\s+(\d{1,2}):(\d{2})(?::\d{2})?\s*([AaPp][Mm])?)?/.exec(s))) {
    const month = EN_MONTHS.findIndex((n) => n.startsWith(m![1].toLowerCase()) && m![1].length >= 3);
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

/** Week named by a title or frontmatter value: `第51周`, `Week 5`, `2024-W10`, `2023年第51周`. */
export function parseWeekName(raw: string): { year: number | null; number: number } | null {
  const s = raw.normalize('NFKC');
  let m = /(\d{4})\s*-?\s*W(\d{1,2})(?!\d)/i.exec(s);
  if (m) return { year: Number(m[1]), number: Number(m[2]) };
  m = /(\d{4})\s*年\s*第\s*(\d{1,2})\s*周/.exec(s);
  if (m) return { year: Number(m[1]), number: Number(m[2]) };
  m = /第\s*(\d{1,2})\s*周/.exec(s);
  if (m) return { year: null, number: Number(m[1]) };
  m = /\bweek\s*(\d{1,2})(?!\d)/i.exec(s);
  if (m) return { year: null, number: Number(m[1]) };
  m = /(?:^|[^A-Za-z])W(\d{1,2})(?!\d)/.exec(s);
  if (m) return { year: null, number: Number(m[1]) };
  return null;
}

const DATE_PATTERNS: RegExp[] = [
  /(?<![\d/.-])(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?![\d/])/g,
  /(?<![\d])()(\d{1,2})\s*月\s*(\d{1,2})\s*[日号]/g,
  /(?<![\d/.:])()(\d{1,2})\/(\d{1,2})(?![\d/%])/g,
  // `12.12-12.20号`: a dotted date only with 号/日 or as a range, so `99.9` is never a date
  /(?<![\d.])()(\d{1,2})\.(\d{1,2})(?=\s*(?:号|日|[-~至到]\s*\d{1,2}\.\d{1,2}))/g,
  /(?<=\d{1,2}\.\d{1,2}\s*[-~至到]\s*)()(\d{1,2})\.(\d{1,2})(?![\d.%])/g,
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
      if (/^年代/.test(text.slice(end))) continue;
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

const STATUS: [RegExp, Stage][] = [
  [/上线完成|完成上线|完成系统上线|已上线|已全量|全量上线|投产完成|已投产|验收完成|项目结项|已结项|结项|(?<![\d/.]\s*)投产(?=了|[，,。；;]|$)/g, 'done'],
  [/灰度中?|放量/g, 'gray'],
  [/测试进度\s*\d+(?:\.\d+)?\s*%|测试中|测试完成|提测|联调中?|回归测试中?|验收中/g, 'testing'],
  [/开发中|开发进度\s*\d+\s*%|开发\s*\d+\s*%|开发完成|对接中|改造中/g, 'developing'],
  [/设计评估中|方案设计中?|技术方案设计中|设计中|详细设计|概要设计/g, 'designing'],
  [/评估中|需求评估|调研中?|排期中|待启动/g, 'evaluating'],
  [/待优化|优化中/g, 'optimizing'],
];
const PLANNED = /(?:计划|预计|预期|争取|目标|下周|后续)[^，,；;。]*$/;

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
  const done = /(?:^|[，,；;。]\s*)(?:已|全部|整体)?完成(?=[。.；;，,]?\s*$|[，,；;。])/.exec(text);
  if (done && !PLANNED.test(text.slice(0, done.index))) return { status: '完成', stage: 'done' };
  return null;
}

const DURATION = /(?:持续|历时|耗时|时长)\s*(?:约|共)?\s*(\d+(?:\.\d+)?)\s*(mins?|minutes?|分钟|m(?![a-z])|h(?:ours?|rs?)?|小时|hr)(?![a-z])/i;
const DURATION_BARE = /(\d+(?:\.\d+)?)\s*(mins?|minutes?|分钟|h(?:ours?|rs?)?|小时)(?![a-z])\s*[。.]?\s*$/i;

/** Minutes from a duration unit: `60mins`, `1.5h`, `2小时`, `20分钟`. */
function toMinutes(value: number, unit: string): number {
  return /^(h|hr|hrs|hour|hours|小时)$/i.test(unit) ? Math.round(value * 60 * 100) / 100 : value;
}

/** Does an incident line say there was none (`- 无`)? */
export function isNoIncident(text: string): boolean {
  return /^(?:无|暂无|没有|本周无|none|n\/a|nil|-)[。.]?$/i.test(text.trim());
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
  const dm = /^\s*(?:(\d{4})[-/.])?(\d{1,2})[/.\-月](\d{1,2})[日号]?/.exec(rest);
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
  const impact = clauses.find((c) => /影响|受损|资损|无损/.test(c)) ?? null;
  const lv = /定级\s*([A-Za-z0-9]{1,2})\s*级/.exec(body) ?? /(?:^|[^A-Za-z])([A-D])\s*级(?:事故|事件|故障)/.exec(body);
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
