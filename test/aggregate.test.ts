import { describe, expect, it } from 'vitest';
import { parseNote } from '../src/core/parse/index.js';
import { aggregate, periodsOfWeek, weeksOfPeriod, tokens } from '../src/core/aggregate/index.js';
import { isFollowUp, overlap, tokenKeys } from '../src/core/aggregate/text.js';
import { planParts } from '../src/core/aggregate/plans.js';
import type { Aggregate, PeriodAgg } from '../src/core/aggregate/index.js';
import type { Config } from '../src/core/config.js';

// Four tiny notes of 2024 (week 1 holds 1 January, a Monday: jan1 and ISO numbers agree).
// 第10周 = 03-04..03-10, 第11周 = 03-11..17, (第12周 = 03-18..24, no note), 第13周 = 03-25..31 (Thursday 03-28:
// March), 第14周 = 04-01..07 (April).
const W10 = '2024-03-04';
const W11 = '2024-03-11';
const W12 = '2024-03-18';
const W13 = '2024-03-25';
const W14 = '2024-04-01';

const NOTES: Record<string, string> = {
  'n/第10周.md': `# 第10周

Created: 2024年3月8日 10:00

## 【重点工作】

- 【灰度发布】

    新网关灰度完成。

## 【系统运行数据】

- 支付成功率：99.90%
- 告警数5次

## 【O1 服务业务】

- 新网关，开发中，计划3/20上线
- 对账系统，测试进度40%
- 旧系统下线，评估中

### 【生产事件】

- 3/6  10:00  网关超时，影响20笔，持续30min

## 【其他】

1. 招聘面试

## 收获与反思

先想清楚再动手。

# 下周工作及目标

1. 新网关提测
2. 年度预算评审
`,
  'n/第11周.md': `# 第11周

Created: 2024年3月15日 10:00

## 【重点工作】

- 【新网关提测】

    新网关提测完成。

## 【系统运行数据】

- 支付成功率：99.95%
- 告警数3次

## 【O1 服务业务】

- 新网关，提测，计划3/27上线
- 对账系统，测试进度80%

### 【生产事件】

- 无

## 【其他】

1. 团队周会

# 下周工作及目标

1. 新网关上线
2. 对账系统上线
`,
  'n/第13周.md': `# 第13周

Created: 2024年3月29日 10:00

## 【系统运行数据】

- 支付成功率：99.80%
- 告警数8次

## 【O1 服务业务】

- 新网关，上线完成
- 对账系统，测试中

### 【生产事件】

- 3/26  14:00  数据库主从切换，未影响业务，持续1.5h

# 下周工作及目标

1. 对账系统上线
`,
  'n/第14周.md': `# 第14周

Created: 2024年4月5日 10:00

## 【重点工作】

- 【对账系统上线】

    对账系统上线完成。

## 【系统运行数据】

- 成功率：99.99%

## 【O1 服务业务】

- 新网关，上线完成
- 对账系统，上线完成

# 下周工作及目标

1. 复盘
`,
};

const CONFIG: Config = {
  metrics: { 支付成功率: { aliases: ['成功率'], target: '>= 99.9%' } },
  build: { silentWeeks: 2 },
};

function build(config: Config = CONFIG, files = Object.keys(NOTES)): Aggregate {
  // reversed on purpose: the result must not depend on input order
  return aggregate(files.reverse().map((f) => parseNote(NOTES[f], f)), config);
}

const period = (a: Aggregate, kind: 'month' | 'quarter' | 'year', key: string): PeriodAgg => a.scopes[0].periods[kind].find((p) => p.key === key)!;
const series = (a: Aggregate, name: string) => a.metrics.find((m) => m.name === name)!;
const track = (a: Aggregate, name: string) => a.workItems.find((t) => t.name === name)!;

describe('periods', () => {
  it('puts a week in the month holding its Thursday, or the configured day', () => {
    // 2023-11-27..12-03: Thursday 11-30
    expect(periodsOfWeek('2023-11-27', { monthDay: 'thursday', fiscalYearStart: 1 })).toEqual({ month: '2023-11', quarter: '2023-Q4', year: '2023' });
    expect(periodsOfWeek('2023-11-27', { monthDay: 'friday', fiscalYearStart: 1 }).month).toBe('2023-12');
    // 2022-12-26..2023-01-01: jan1 week 1 of 2023, but its Thursday is in December 2022
    expect(periodsOfWeek('2022-12-26', { monthDay: 'thursday', fiscalYearStart: 1 })).toEqual({ month: '2022-12', quarter: '2022-Q4', year: '2022' });
  });

  it('names fiscal years by the calendar year they start in', () => {
    const fy = { monthDay: 'thursday' as const, fiscalYearStart: 4 };
    expect(periodsOfWeek(W13, fy)).toEqual({ month: '2024-03', quarter: '2023-Q4', year: '2023' });
    expect(periodsOfWeek(W14, fy)).toEqual({ month: '2024-04', quarter: '2024-Q1', year: '2024' });
    expect(weeksOfPeriod('quarter', '2024-Q1', fy)[0]).toBe(W14);
  });

  it('lists the weeks of a period', () => {
    const s = { monthDay: 'thursday' as const, fiscalYearStart: 1 };
    expect(weeksOfPeriod('month', '2024-03', s)).toEqual([W10, W11, W12, W13]);
    // 2024-01-29..02-04 has its Thursday on 02-01, 2024-02-26..03-03 on 02-29: five weeks
    expect(weeksOfPeriod('month', '2024-02', s)).toEqual(['2024-01-29', '2024-02-05', '2024-02-12', '2024-02-19', '2024-02-26']);
    expect(weeksOfPeriod('year', '2024', s)).toHaveLength(52);
  });
});

describe('aggregate on a hand-computed fixture', () => {
  const a = build();

  it('places notes and finds the span and missing weeks', () => {
    expect(a.span).toEqual({ first: W10, last: W14 });
    expect(a.notes.map((n) => [n.week, n.number])).toEqual([[W10, 10], [W11, 11], [W13, 13], [W14, 14]]);
    expect(a.scopes).toHaveLength(1);
    const march = period(a, 'month', '2024-03');
    expect(march.weeksInSpan).toEqual([W10, W11, W12, W13]);
    expect(march.partial).toBe(false);
    expect(march.submissions).toEqual([{ author: null, weeks: [W10, W11, W13], missing: [W12] }]);
    // April runs to 04-28 but the notes stop at 04-07
    expect(period(a, 'month', '2024-04').partial).toBe(true);
    expect(a.scopes[0].periods.month.map((p) => p.key)).toEqual(['2024-03', '2024-04']);
    expect(a.scopes[0].periods.quarter.map((p) => p.key)).toEqual(['2024-Q1', '2024-Q2']);
  });

  it('computes metric figures per period', () => {
    const s = series(a, '支付成功率');
    expect(s.points.map((p) => [p.week, p.value])).toEqual([[W10, 99.9], [W11, 99.95], [W13, 99.8], [W14, 99.99]]);
    // the alias `成功率` in 第14周 is merged
    expect(s.points[3].writtenName).toBe('成功率');
    const m = period(a, 'month', '2024-03').metrics.find((x) => x.series === '支付成功率')!;
    expect(m.count).toBe(3);
    expect(s.points[m.first].week).toBe(W10);
    expect(s.points[m.last].value).toBe(99.8);
    expect(m.min).toEqual({ value: 99.8, points: [2] });
    expect(m.max).toEqual({ value: 99.95, points: [1] });
    // (99.90 + 99.95 + 99.80) / 3 = 99.8833…, kept unrounded, shown at the written two decimals
    expect(m.kind).toBe('level');
    expect(m.mean.decimals).toBe(2);
    expect(m.mean.value).toBeCloseTo(99.883333, 6);
    expect(m.figure).toEqual(m.mean);
    expect(m.change).toBeNull();
    // >= 99.9: 99.90 and 99.95 meet it, 99.80 does not
    expect(m.attainment).toEqual({ met: 2, total: 3, ratio: 2 / 3 });
    expect(s.points[m.worst!].week).toBe(W13);
    const apr = period(a, 'month', '2024-04').metrics.find((x) => x.series === '支付成功率')!;
    // 99.99 − 99.8833… = 0.10667: the change of the unrounded means, shown as 0.11
    expect(apr.change!.previous).toBe('2024-03');
    expect(apr.change!.decimals).toBe(2);
    expect(apr.change!.value).toBeCloseTo(0.106667, 6);
    expect(apr.change!.previousFigure.value).toBeCloseTo(99.883333, 6);
    expect(apr.attainment).toEqual({ met: 1, total: 1, ratio: 1 });
    // a single value has no worst week
    expect(apr.worst).toBeNull();
  });

  it('takes the better direction from the name when no target is set', () => {
    const s = series(a, '告警数');
    // counted in 次: a count of the week's events, which a period adds up
    expect(s).toMatchObject({ unit: '次', target: null, direction: 'lower', directionFrom: 'name', kind: 'count', kindFrom: 'unit' });
    const m = period(a, 'month', '2024-03').metrics.find((x) => x.series === '告警数')!;
    // 5 + 3 + 8 = 16 alerts in March (a mean of 5.3 a week, shown with one decimal); worst is the highest, 8 in 第13周
    expect(m.total).toEqual({ value: 16, decimals: 0 });
    expect(m.figure).toEqual(m.total);
    expect(m.mean.decimals).toBe(1);
    expect(m.mean.value).toBeCloseTo(5.333333, 6);
    expect(m.attainment).toBeNull();
    expect(s.points[m.worst!].week).toBe(W13);
  });

  it('follows work items: statuses, completion, progress and slips', () => {
    const gw = track(a, '新网关');
    expect(gw.mentions.map((m) => [m.week, m.status, m.stage])).toEqual([
      [W10, '开发中', 'developing'],
      [W11, '提测', 'testing'],
      [W13, '上线完成', 'done'],
      [W14, '上线完成', 'done'],
    ]);
    expect(gw.completedWeek).toBe(W13);
    // 计划3/20上线 in 第10周, 计划3/27上线 in 第11周: seven days later
    expect(gw.slips).toEqual([
      {
        milestone: '上线',
        from: { week: W10, author: null, file: 'n/第10周.md', line: 18, date: '2024-03-20' },
        to: { week: W11, author: null, file: 'n/第11周.md', line: 18, date: '2024-03-27' },
        days: 7,
      },
    ]);
    const rec = track(a, '对账系统');
    expect(rec.mentions.map((m) => m.progress)).toEqual([40, 80, null, null]);
    expect(rec.completedWeek).toBe(W14);

    const march = period(a, 'month', '2024-03');
    const byId = Object.fromEntries(march.items.map((i) => [i.item, i]));
    expect(byId['新网关']).toEqual({ item: '新网关', mentions: [0, 1, 2], completedWeek: W13, milestones: [], slips: [0] });
    // 对账系统 completes in April, not March
    expect(byId['对账系统'].completedWeek).toBeNull();
    expect(period(a, 'month', '2024-04').items.find((i) => i.item === '对账系统')!.completedWeek).toBe(W14);
  });

  it('lists items gone silent, counting the author’s notes without mention', () => {
    // 旧系统下线: last seen 第10周; 第11周 and 第13周 say nothing (silentWeeks 2) → silent in March
    expect(period(a, 'month', '2024-03').silent).toEqual([{ item: '旧系统下线', lastWeek: W10, weeks: 2 }]);
    expect(period(a, 'month', '2024-04').silent).toEqual([]);
    expect(a.scopes[0].open).toEqual([{ item: '旧系统下线', lastWeek: W10, silentWeeks: 3 }]);
  });

  it('counts incidents and their durations', () => {
    // 30min + 1.5h = 120 minutes over 2 incidents
    const march = period(a, 'month', '2024-03');
    expect(march.incidents.stats).toEqual({ count: 2, withDuration: 2, totalMinutes: 120, meanMinutes: 60 });
    expect(march.incidents.list.map((i) => a.incidents[i].date)).toEqual(['2024-03-06', '2024-03-26']);
    const q1 = period(a, 'quarter', '2024-Q1');
    // only the months the notes cover
    expect(q1.incidents.byMonth).toEqual([{ month: '2024-03', count: 2, withDuration: 2, totalMinutes: 120, meanMinutes: 60 }]);
    const y = period(a, 'year', '2024');
    expect(y.incidents.byQuarter.map((q) => [q.quarter, q.count])).toEqual([['2024-Q1', 2], ['2024-Q2', 0]]);
  });

  it('matches plans against the next week’s note', () => {
    expect(a.plans.map((p) => [p.week, p.text, p.status, p.match?.kind ?? null])).toEqual([
      [W10, '新网关提测', 'followed', 'highlight'],
      [W10, '年度预算评审', 'not-mentioned', null],
      [W11, '新网关上线', 'no-next-note', null],
      [W11, '对账系统上线', 'no-next-note', null],
      [W13, '对账系统上线', 'followed', 'highlight'],
      [W14, '复盘', 'no-next-note', null],
    ]);
    // March: 5 plans, 2 followed, 1 not mentioned, 2 without a next note → 2 / 3
    expect(period(a, 'month', '2024-03').plans).toMatchObject({ made: 5, followed: 2, notMentioned: 1, noNextNote: 2, rate: 2 / 3 });
    expect(period(a, 'month', '2024-04').plans).toMatchObject({ made: 1, followed: 0, rate: null });
  });

  it('matches a plan against the next note’s own account of its week (本周工作), where a dialect note reports it', () => {
    const notes = {
      'p/2024年第10周工作周报.md': '# 2024年第10周工作周报\n\n### 一、本周工作完成情况\n\n1. 订单服务拆分：完成库存模块迁移\n\n### 二、下周工作计划\n\n1. 订单服务拆分：迁移结算模块\n2. 压测报告\n',
      'p/2024年第11周工作周报.md': '# 2024年第11周工作周报\n\n### 一、本周工作完成情况\n\n1. 订单服务拆分：结算模块迁移完成\n\n### 二、下周工作计划\n\n1. 灰度发布\n',
    };
    const b = aggregate(Object.entries(notes).map(([file, text]) => parseNote(text, file)), {});
    expect(b.plans.map((p) => [p.text, p.status, p.match?.kind ?? null, p.match?.line ?? null])).toEqual([
      ['订单服务拆分：迁移结算模块', 'followed', 'progress', 5],
      ['压测报告', 'not-mentioned', null, null],
      ['灰度发布', 'no-next-note', null, null],
    ]);
  });

  it('collects highlights, reflections and other items per period', () => {
    const march = period(a, 'month', '2024-03');
    expect(march.highlights.map((i) => a.highlights[i].title)).toEqual(['灰度发布', '新网关提测']);
    expect(march.reflections.map((i) => a.reflections[i].text)).toEqual(['先想清楚再动手。']);
    expect(march.other.map((i) => a.other[i].text)).toEqual(['招聘面试', '团队周会']);
  });

  it('gives the same result whatever order the notes come in', () => {
    const again = aggregate(Object.keys(NOTES).map((f) => parseNote(NOTES[f], f)), CONFIG);
    expect(JSON.stringify(again)).toBe(JSON.stringify(a));
  });
});

describe('several authors', () => {
  it('builds a team scope listing who handed in which weeks', () => {
    const reports = [
      ...['n/第10周.md', 'n/第11周.md', 'n/第13周.md'].map((f) => parseNote(NOTES[f], `zhang/${f}`)),
      ...['n/第10周.md', 'n/第14周.md'].map((f) => parseNote(NOTES[f], `li/${f}`)),
    ];
    const a = aggregate(reports, CONFIG, { authorOf: (r) => r.file.split('/')[0] });
    expect(a.authors).toEqual(['li', 'zhang']);
    expect(a.scopes.map((s) => [s.kind, s.author])).toEqual([['team', null], ['author', 'li'], ['author', 'zhang']]);
    expect(a.scopes[0].submissions).toEqual([
      { author: 'li', weeks: [W10, W14], missing: [W11, W12, W13] },
      { author: 'zhang', weeks: [W10, W11, W13], missing: [W12, W14] },
    ]);
    // identity is per author: the same name of two people is two items
    expect(a.workItems.filter((t) => t.name === '新网关').map((t) => t.id)).toEqual(['li/新网关', 'zhang/新网关']);
    expect(a.metrics.filter((m) => m.name === '支付成功率').map((m) => m.points.length)).toEqual([2, 3]);
  });
});

describe('plan tokens', () => {
  it('drops stop words without joining the words around them', () => {
    expect([...tokens('年结保障以及稳定性工作跟进')]).toEqual(['年结', '结保', '保障', '稳定', '定性']);
    expect([...tokens('重点项目月度Review')]).toEqual(['重点', '点项', '项目', '目月', '月度', 'review']);
  });

  it('keeps English words apart, as their stems, without the little words; a word and its number stay one', () => {
    expect([...tokens('Referral program in the remaining regions')]).toEqual(['referr', 'program', 'remain', 'region']);
    expect([...tokens('Referral program live everywhere')]).toEqual(['referr', 'program', 'live', 'everywher']);
    expect(isFollowUp(overlap(tokenKeys('Referral program in the remaining regions'), tokenKeys('Referral program live everywhere')))).toBe(true);
    expect(isFollowUp(overlap(tokenKeys('Finish the billing migration'), tokenKeys('Billing migration finished')))).toBe(true);
    expect(isFollowUp(overlap(tokenKeys('Referral dashboard for the sales team'), tokenKeys('Cleaned up the signup funnel events')))).toBe(false);
    // as fold made them: `JDK 17` and `JDK17` are the same token, Chinese loses its spaces
    expect([...tokens('JDK 17升级')]).toEqual([...tokens('JDK17升级')]);
    expect([...tokens('支付 成功率')]).toEqual([...tokens('支付成功率')]);
  });

  it('splits an English plan at `and` as a word, not inside one', () => {
    expect(planParts('Finish billing migration and update the docs').map((p) => [...p])).toEqual([['bill', 'migrat', 'updat', 'doc'], ['bill', 'migrat'], ['updat', 'doc']]);
    expect(planParts('Brand standards review')).toHaveLength(1);
  });
});
