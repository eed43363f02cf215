import { describe, expect, it } from 'vitest';
import * as V from '../src/core/vocabulary.js';
import { findDates, findStatus, isNoIncident, parseCreated, readIncident } from '../src/core/parse/fields.js';
import { readLineMetrics, readProgress } from '../src/core/parse/metrics.js';
import { parseNote } from '../src/core/parse/index.js';
import { directionOf } from '../src/core/aggregate/metrics.js';
import { plannedDates } from '../src/core/aggregate/work-items.js';
import { tokens, workItemKey } from '../src/core/aggregate/text.js';
import { noteData } from '../src/core/new-note.js';
import type { WorkItem } from '../src/core/model.js';

const near = new Date(2023, 11, 16, 12);
const place = { line: 1, column: 1, section: 'metrics' as const, objective: null, group: null };
const metrics = (text: string) => readLineMetrics(text, place).metrics.map((m) => [m.name, m.value, m.unit]);

/** A work item as the parser makes it from one line of an objective section. */
function item(text: string): WorkItem {
  return parseNote(`# 第51周\n\nCreated: 2023年12月16日 08:02\n\n## O1 服务\n\n- ${text}\n`, 'n.md').workItems[0];
}

/** Every word list the module exports, by name (section names as one list per kind, stage words per stage). */
function wordLists(): [string, readonly string[]][] {
  const out: [string, readonly string[]][] = [];
  for (const [name, v] of Object.entries(V)) {
    if (Array.isArray(v) && v.every((w) => typeof w === 'string')) out.push([name, v as string[]]);
    else if (v && typeof v === 'object' && 'zh' in v) out.push([name, [...(v as V.SectionNames).zh, ...(v as V.SectionNames).en]]);
  }
  for (const s of V.STAGE_WORDS) out.push([`STAGE_WORDS.${s.stage}`, [...s.words, ...(s.progress ?? []), ...(s.clauseEnd ?? [])]]);
  return out;
}

describe('the vocabulary', () => {
  it('anyOf matches its words literally', () => {
    const re = new RegExp(`^${V.anyOf(['n/a', 'a.b', '(x)', '-'])}$`);
    expect(['n/a', 'a.b', '(x)', '-'].map((w) => re.test(w))).toEqual([true, true, true, true]);
    expect(['axb', 'x', 'n-a'].map((w) => re.test(w))).toEqual([false, false, false]);
  });

  it('each list holds distinct, trimmed, non-empty words', () => {
    const lists = wordLists();
    expect(lists.length).toBeGreaterThan(40);
    for (const [name, words] of lists) {
      expect(words.length, name).toBeGreaterThan(0);
      expect(new Set(words).size, name).toBe(words.length);
      for (const w of words) expect(w, name).toBe(w.trim());
      for (const w of words) expect(w.length, name).toBeGreaterThan(0);
    }
  });

  it('no word comes after a shorter word it starts with (a regex tries words in order, so it would never be reached)', () => {
    // section names are looked up whole, not tried in order
    const ordered = wordLists().filter(([name]) => !name.endsWith('_NAMES'));
    for (const [name, words] of ordered) {
      words.forEach((w, i) => {
        const shadow = words.slice(0, i).find((earlier) => w.startsWith(earlier));
        expect(shadow, `${name}: ${w} after ${shadow}`).toBeUndefined();
      });
    }
  });
});

describe('every word is read where its list says', () => {
  it('status words give their stage; a clause-end word only at the end and not after a date', () => {
    for (const { stage, words, progress, clauseEnd } of V.STAGE_WORDS) {
      for (const w of words) expect(findStatus(`接口改造，${w}`), w).toEqual({ status: w, stage });
      for (const w of progress ?? []) expect(findStatus(`接口改造，${w}30%`), w).toEqual({ status: `${w}30%`, stage });
      for (const w of clauseEnd ?? []) {
        expect(findStatus(`接口改造，${w}`), w).toEqual({ status: w, stage });
        expect(findStatus(`接口改造，${w}了`), w).toEqual({ status: w, stage });
        expect(findStatus(`接口改造，1/11${w}`), w).toBeNull();
      }
    }
    expect(findStatus('接口改造，已完成。')).toEqual({ status: '完成', stage: 'done' });
    expect(findStatus('接口改造，演练完成')).toBeNull();
  });

  it('one list of plan words: after each, a status is no status and a date is a planned date', () => {
    expect(findStatus('接口改造，12/26提测')).toEqual({ status: '提测', stage: 'testing' });
    expect(plannedDates(item('接口改造，12/26，届时提测'), '2023-12-11', near)).toEqual([]);
    for (const w of V.PLAN_WORDS) {
      expect(findStatus(`接口改造，${w}12/26提测`), w).toBeNull();
      expect(plannedDates(item(`接口改造，${w}12/26，届时提测`), '2023-12-11', near), w).toEqual([{ date: '2023-12-26', milestone: '提测' }]);
    }
  });

  it('milestones name what a date is for; an outcome word makes the clause no plan', () => {
    for (const m of V.MILESTONES) expect(plannedDates(item(`接口改造，12/26${m}`), '2023-12-11', near), m).toEqual([{ date: '2023-12-26', milestone: m }]);
    for (const w of V.OUTCOME_WORDS) expect(plannedDates(item(`接口改造，12/26上线${w}`), '2023-12-11', near), w).toEqual([]);
  });

  it('progress words give a work item its progress, and a percent after them is no metric', () => {
    for (const w of [V.PROGRESS_WORD, ...V.PROGRESS_WORDS]) expect(readProgress(`接口改造，${w}40%`), w).toBe(40);
    for (const w of V.PROGRESS_NAME_WORDS) expect(metrics(`接口${w}40%`), w).toEqual([]);
    expect(readProgress('开发50%，测试进度20%')).toBe(20);
  });

  it('units, percent signs, value words and conjunctions in metrics', () => {
    for (const u of [...V.COUNT_UNITS, ...V.TIME_UNITS]) expect(metrics(`告警数为5${u}`), u).toEqual([['告警数', 5, u]]);
    for (const p of V.PERCENT_SIGNS) expect(metrics(`成功率99.9${p}`), p).toEqual([['成功率', 99.9, '%']]);
    for (const w of V.VALUE_LINKS) expect(metrics(`健康分${w}717`), w).toEqual([['健康分', 717, null]]);
    // a lead that ends in a movement word (达到) makes a goal, not a reading
    const goal = (w: string) => V.MOVEMENT_WORDS.some((m) => w.endsWith(m));
    for (const w of V.VALUE_LEADS) expect(metrics(`覆盖率${w}80%`), w).toEqual(goal(w) ? [] : [['覆盖率', 80, '%']]);
    expect(V.VALUE_LEADS.filter(goal)).toEqual(['达到']);
    for (const w of V.CONJUNCTIONS) expect(metrics(`慢查数3个${w}漏洞数0个`), w).toEqual([['慢查数', 3, '个'], ['漏洞数', 0, '个']]);
    // 其中 also opens context, which is checked first
    for (const w of V.NAME_OPENERS) expect(metrics(`${w}采纳率20%`), w).toEqual(V.CONTEXT_OPENERS.includes(w) ? [] : [['采纳率', 20, '%']]);
    for (const w of V.CURRENT_PERIOD_WORDS) expect(metrics(`支付中心${w}健康分为717`), w).toEqual([['健康分', 717, null]]);
    for (const w of V.BARE_VALUE_NAME_ENDINGS) expect(metrics(`指标${w}717`), w).toEqual([[`指标${w}`, 717, null]]);
    expect(metrics('排名第3')).toEqual([]);
  });

  it('a context opener ends the metrics of a line; a movement word makes a number no reading', () => {
    for (const w of V.CONTEXT_OPENERS) expect(metrics(`成功率99.9%，${w}某事5笔`), w).toEqual([['成功率', 99.9, '%']]);
    for (const w of V.MOVEMENT_WORDS) expect(metrics(`机具${w}100台`), w).toEqual([]);
  });

  it('this week\'s column of a metrics table', () => {
    for (const w of V.CURRENT_COLUMN_WORDS) {
      const r = parseNote(`## 系统运行数据\n\n| 指标 | 上周 | ${w.toUpperCase()} |\n| --- | --- | --- |\n| 可用性 | 99.1% | 99.9% |\n`, 'n.md');
      expect(r.metrics.map((m) => [m.name, m.value]), w).toEqual([['可用性', 99.9]]);
    }
  });

  it('incident words: none, duration, impact, grade', () => {
    for (const w of V.NO_INCIDENT_WORDS) expect(isNoIncident(`${w.toUpperCase()}。`), w).toBe(true);
    for (const w of V.DURATION_WORDS) {
      for (const a of ['', ...V.APPROX_WORDS]) {
        for (const [u, minutes] of [...V.MINUTE_UNITS.map((x) => [x, 90]), ...V.SHORT_MINUTE_UNITS.map((x) => [x, 90]), ...V.HOUR_UNITS.map((x) => [x, 5400])] as [string, number][]) {
          expect(readIncident(`12/16  15:36  报警，${w}${a}90${u}，恢复`, 1, 1, near).durationMinutes, `${w}${a}90${u}`).toBe(minutes);
        }
      }
    }
    for (const u of [...V.MINUTE_UNITS, ...V.HOUR_UNITS]) expect(readIncident(`12/16  15:36  报警 2${u}`, 1, 1, near).durationMinutes, u).toBe(V.HOUR_UNITS.includes(u) ? 120 : 2);
    expect(readIncident('12/16  15:36  报警 2m', 1, 1, near).durationMinutes).toBeNull();
    for (const w of V.IMPACT_WORDS) expect(readIncident(`12/16  15:36  报警，业务${w}小，持续5分钟`, 1, 1, near).impact, w).toBe(`业务${w}小`);
    expect(readIncident('12/16  15:36  报警，定级C级', 1, 1, near).level).toBe('C');
    for (const w of V.INCIDENT_NOUNS) expect(readIncident(`12/16  15:36  一起B级${w}`, 1, 1, near).level, w).toBe('B');
  });

  it('date marks, range words and the created keys', () => {
    for (const d of V.DAY_MARKS) expect(findDates(`12月18${d}答辩`, 1, 1, 'other', near).map((x) => x.date), d).toEqual(['2023-12-18']);
    for (const w of V.RANGE_WORDS) expect(findDates(`12.12${w}12.20评审`, 1, 1, 'other', near).map((x) => x.date), w).toEqual(['2023-12-12', '2023-12-20']);
    expect(findDates('90/00年代', 1, 1, 'other', near)).toEqual([]);
    expect(parseCreated('2023年12月16号 08:02')).toBe('2023-12-16T08:02');
    expect(parseCreated('Dec 16, 2023 8:02 PM')).toBe('2023-12-16T20:02');
    for (const k of V.CREATED_KEYS) {
      const r = parseNote(`# 第51周\n\n${k.toUpperCase()}: 2023-12-16 08:02\n\n## 重点工作\n\n- a\n`, 'n.md');
      expect([r.created, r.createdLine], k).toEqual(['2023-12-16T08:02', 3]);
    }
  });

  it('direction words', () => {
    for (const w of V.LOWER_IS_BETTER_RATES) expect(directionOf(`支付${w}${V.RATE_MARK}`, null).direction, w).toBe('lower');
    for (const w of V.HIGHER_IS_BETTER) expect(directionOf(`支付${w.toUpperCase()}`, null).direction, w).toBe('higher');
    for (const w of V.LOWER_IS_BETTER) expect(directionOf(`支付${w.toUpperCase()}`, null).direction, w).toBe('lower');
    expect(directionOf('支付笔数', null).direction).toBeNull();
  });

  it('stop words split a text into tokens; an ongoing status glued to a name is dropped from its identity', () => {
    for (const w of V.STOP_WORDS) expect([...tokens(`支付${w}对账`)], w).toEqual(['支付', '对账']);
    for (const v of V.ONGOING_VERBS) expect(workItemKey(`加密机${v}${V.ONGOING_MARK}`), v).toBe(`加密机${v}`);
    for (const w of V.ITEM_VALUE_LEADS) expect(workItemKey(`覆盖率${w}100%`), w).toBe('覆盖率');
    expect(workItemKey('接口设计12')).toBe('接口设计');
  });

  it('weekly new rewrites every frontmatter key the parser reads as the week or the date', () => {
    for (const k of [...V.WEEK_KEYS, ...V.CREATED_KEYS]) {
      const text = `---\n${k}: 2024-01-05T10:00\nauthor: 张三\n---\n\n# 第1周\n\n## 重点工作\n\n- a\n`;
      const data = noteData({ week: { year: 2024, number: 2 }, numbering: 'iso', range: { start: '2024-01-08', end: '2024-01-14' }, created: new Date(2024, 0, 12, 9, 30), prev: { report: parseNote(text, 'n.md'), text } });
      expect(data.frontmatter, k).toEqual([V.WEEK_KEYS.includes(k) ? `${k}: 2024-W02` : `${k}: 2024-01-12T09:30`, 'author: 张三']);
    }
  });
});
