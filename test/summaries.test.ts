import { promises as fs, readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { exampleWorkspace, genNotes, hashTree, read, tempDir, weekly } from './build-helpers.js';
import { bodyOf, chars, definitions, longLines, notesByPeriod, ratio } from './summaries-helpers.js';
import { aggregate } from '../src/core/aggregate/index.js';
import { harmonizeWeeks, parseNote } from '../src/core/parse/index.js';
import { notesUnder } from './summaries-helpers.js';

/** Every summary page of a build: `monthly/2023-12.md` → its key `2023-12` and kind. */
async function pages(out: string): Promise<{ file: string; kind: string; key: string; text: string }[]> {
  const list: { file: string; kind: string; key: string; text: string }[] = [];
  for (const kind of ['monthly', 'quarterly', 'annual', 'review']) {
    for (const f of (await fs.readdir(path.join(out, kind))).filter((x) => x.endsWith('.md')).sort()) list.push({ file: `${kind}/${f}`, kind, key: f.replace(/\.md$/, ''), text: await read(path.join(out, kind, f)) });
  }
  return list;
}

/** The properties every build's summaries must have, on any series of notes. */
async function checkSummaries(notesDir: string, out: string) {
  const byPeriod = notesByPeriod(notesDir);
  const all = await pages(out);
  expect(all.length).toBeGreaterThan(3);
  for (const p of all) {
    const notes = byPeriod.get(p.key)!;
    // the page says how many notes it was made from, and it is the number of notes of its period
    expect(bodyOf(p.text), p.file).toMatch(new RegExp(`(?:根据|从) ${notes.length} 篇周报`));
    if (p.kind === 'monthly') expect(ratio(p.text, notes), p.file).toBeLessThanOrEqual(0.4);
    if (p.kind === 'quarterly' || p.kind === 'annual') expect(ratio(p.text, notes), p.file).toBeLessThanOrEqual(0.25);
    expect(longLines(p.text), p.file).toEqual([]);
    // each citation is a reference with one definition, and each definition is cited
    const defs = definitions(p.text);
    const cited = new Set([...bodyOf(p.text).matchAll(/\]\[([^\]]+)\]/g)].map((m) => m[1]));
    expect([...cited].filter((id) => !defs.has(id)), p.file).toEqual([]);
    expect([...defs.keys()].filter((id) => !cited.has(id)), p.file).toEqual([]);
    expect(new Set(defs.values()).size, p.file).toBe(defs.size);
  }
  return all;
}

describe('the summaries of examples/notes', () => {
  let ws: string;
  let out: string;
  const page = (f: string) => read(path.join(out, f));
  beforeAll(async () => {
    ws = await exampleWorkspace();
    out = path.join(ws, 'dist');
    expect((await weekly(ws, 'build', 'examples/notes', '--quiet')).code).toBe(0);
  });

  it('are shorter than their notes: a month at most 40% of its notes’ characters, a quarter or a year at most 25%; no line over 200 characters outside tables; every citation defined once', async () => {
    const all = await checkSummaries(path.join(ws, 'examples/notes'), out);
    expect(all.map((p) => p.file)).toEqual([
      'monthly/2023-11.md',
      'monthly/2023-12.md',
      'monthly/2024-01.md',
      'monthly/2024-02.md',
      'quarterly/2023-Q4.md',
      'quarterly/2024-Q1.md',
      'annual/2023.md',
      'annual/2024.md',
      'review/2023.md',
      'review/2024.md',
    ]);
  });

  it('lead with what matters: a 要点 list before the sections', async () => {
    for (const [f, heading] of [['monthly/2023-12.md', '本月要点'], ['quarterly/2023-Q4.md', '本季要点'], ['annual/2024.md', '本年要点']]) {
      const sections = bodyOf(await page(f)).split('\n').filter((l) => l.startsWith('## '));
      expect(sections[0], f).toBe(`## ${heading}`);
    }
    const dec = bodyOf(await page('monthly/2023-12.md'));
    const points = dec.split('## 本月要点\n\n')[1].split('\n\n')[0].split('\n');
    expect(points).toContain('- 交易不成退代上线推迟 33 天：12月7日→1月9日（[第51周][w51-37]）');
    expect(points).toContain('- 交易不成退代：12/7上线失败已回滚，复盘中，待重新排期（[第50周][w50-39]）');
    expect(points).toContain('- 完成 5 项：资金安全、商户重构一期、POS终端申请等 5 项');
  });

  it('0级报警跟进率, December 2023: +8.9pp, the mean of its four weeks (68.5%) less November’s five (59.58%), not of rounded means', async () => {
    // (61 + 67 + 71 + 75) / 4 = 68.5; (52 + 52 + 64 + 61.9 + 68) / 5 = 59.58; 68.5 − 59.58 = 8.92
    const dec = await page('monthly/2023-12.md');
    expect(dec).toContain('| 0级报警跟进率 | 61%→75% | 68.5% | ↑ +8.9pp（改善） |');
    expect(await page('monthly/2023-11.md')).not.toContain('+9.4pp');
  });

  it('事故数CD级 is a count of the week’s incidents: a month adds its weeks up (2 in November’s five weeks, 2 in December’s four, 1 in January)', async () => {
    expect(await page('monthly/2023-12.md')).toContain('| 事故数CD级 | — | 2次（合计） | → ±0次（持平） |');
    expect(await page('monthly/2024-01.md')).toContain('| 事故数CD级 | — | 1次（合计） | ↓ -1次（改善） |');
    // the year adds up its weeks too: 第46周, 第48周, 第50周, 第51周
    expect(await page('review/2023.md')).toContain('| 事故数CD级 | 全年合计 4次 | — |');
  });

  it('plans of 2023 are all followed up, 36 of 36: 第45周’s “POS收单子模块里程碑跟进” by POS收单系统建设 and its sub-items in 第46周', async () => {
    const reports = notesUnder(path.join(ws, 'examples/notes')).map((f) => parseNote(readFileSync(f, 'utf8'), path.relative(ws, f)));
    harmonizeWeeks(reports);
    const agg = aggregate(reports, {});
    const y2023 = agg.scopes[0].periods.year.find((p) => p.key === '2023')!;
    expect(y2023.plans).toMatchObject({ made: 36, followed: 36, notMentioned: 0, rate: 1 });
    const pos = agg.plans.find((p) => p.text === 'POS收单子模块里程碑跟进')!;
    expect(pos.match).toMatchObject({ kind: 'work-item', text: 'POS收单系统建设', line: 40, file: 'examples/notes/2023/第46周.md' });
    const q4 = await page('quarterly/2023-Q4.md');
    expect(q4).toContain('| [2023年11月](../monthly/2023-11.md) | 5/5 | 3 | 0 | 2 | 100% |');
    expect(q4).toContain('| [2023年12月](../monthly/2023-12.md) | 4/4 | 5 | 1 | 2 | 100% |');
  });

  it('ARK过检 is done when 第53周 says 检测通过; 营收收入对接EBS stays done after 1/10投产完成 through its follow-ups; neither goes silent', async () => {
    const dec = await page('monthly/2023-12.md');
    expect(dec).toContain('  - ARK过检：检测通过（[第53周][w53-43]）');
    expect(await page('monthly/2024-01.md')).toContain('  - 营收收入对接EBS：投产完成（[第2周][w2-53]）');
    for (const p of await pages(out)) expect(bodyOf(p.text), p.file).not.toMatch(/停滞.*(ARK过检|营收收入对接EBS|贝小理)/);
  });

  it('正确回答 is four series, as the notes count four things: the offline test set, a week’s questions, the running total, the holiday', async () => {
    const reports = notesUnder(path.join(ws, 'examples/notes')).map((f) => parseNote(readFileSync(f, 'utf8'), path.relative(ws, f)));
    harmonizeWeeks(reports);
    const agg = aggregate(reports, {});
    const series = (name: string) => agg.metrics.find((s) => s.name === name)!;
    expect(series('离线评测正确回答').points.map((p) => p.value)).toEqual([31, 38, 45, 51, 56, 62]);
    expect(series('正确回答').points.map((p) => p.value)).toEqual([65, 126, 88, 95, 109, 116, 83, 124]);
    expect(series('累计正确回答')).toMatchObject({ kind: 'total', qualifier: '累计' });
    expect(series('累计正确回答').points.map((p) => p.value)).toEqual([197, 247]);
    expect(series('假期正确回答').points.map((p) => p.value)).toEqual([38]);
    expect(series('离线评测准确率').points.map((p) => p.value)).toEqual([77.5, 79.17, 81.82, 85, 87.5, 88.57]);
    expect(agg.metrics.filter((s) => /正确回答$/.test(s.name)).map((s) => s.name)).toEqual(['离线评测正确回答', '正确回答', '累计正确回答', '假期正确回答']);
  });

  it('a sentence of metrics is not a work item (系统稳定性度量与提升，支付中心本周健康分为712): in the 述职 draft it is the numbers the item moved', async () => {
    for (const f of ['monthly/2023-12.md', 'quarterly/2023-Q4.md']) expect(await page(f), f).not.toContain('支付中心本周健康分');
    const review = await page('review/2023.md');
    expect(review).toContain('- **系统稳定性度量与提升**：健康分 692→726（+34）（[第53周][w53-51]）；0级报警跟进率 52%→75%（+23pp）（[第53周][w53-52]）');
  });
});

describe('the summaries of a damaged copy of examples/notes', () => {
  let ws: string;
  const page = (f: string) => read(path.join(ws, 'dist', f));
  beforeAll(async () => {
    ws = await exampleWorkspace();
    const at = (f: string) => path.join(ws, 'examples/notes', f);
    const edit = async (f: string, from: string | RegExp, to: string) => {
      const text = await read(at(f));
      const changed = text.replace(from, to);
      expect(changed, f).not.toBe(text);
      await fs.writeFile(at(f), changed);
    };
    await edit('2024/第3周.md', '入金有效成功率：99.974%', '入金有效成功率：99.9.4%');
    await edit('2024/第4周.md', '入金有效成功率：99.938%', '入金有效成功率：99.9.6%');
    // two edits from its name: a heading no reader can take for 系统运行数据
    await edit('2024/第2周.md', '## 【系统运行数据】', '## 【系统运形数剧】');
    await fs.rm(at('2024/第6周.md'));
    await edit('2024/第7周.md', /^Created: .*$/m, 'Created: 2024年2月28日 10:00');
    await edit('2024/第7周.md', '- 2/14  20:18  招行', '- 2/14  招行');
    const r = await weekly(ws, 'build', 'examples/notes', '--quiet');
    expect(r.code).toBe(0);
  });

  it('names each unreadable value in the metric’s row where it would have counted, and counts the month’s figure as partial', async () => {
    const jan = bodyOf(await page('monthly/2024-01.md'));
    expect(jan).toContain('| 入金有效成功率 | 99.983% | 99.983%（1/4 周可读） | ↑ +0.009pp（改善） |');
    expect(jan).toContain('- 入金有效成功率：第2周、第3周、第4周的值无法读取（章节「【系统运形数剧】」未识别，[L22][w2-22]、[L20 `99.9.4%`][w3-20]、[L28 `99.9.6%`][w4-28]）');
    expect(jan).toContain('- 出金有效成功率：第2周的值无法读取（章节「【系统运形数剧】」未识别，[L22][w2-22]）');
  });

  it('marks the partial weeks in the head and the 要点, claims no move for a metric read in part, and lists what could not be read', async () => {
    const jan = bodyOf(await page('monthly/2024-01.md'));
    expect(jan.split('\n')[2]).toBe('> 根据 4 篇周报整理（第1周—第4周，1月1日—1月28日），第2周、第3周、第4周部分内容无法读取。');
    expect(jan).toContain('- 第2周、第3周、第4周的周报部分无法读取（2 个值、1 个章节），相关数字未计入，见文末');
    expect(jan).not.toMatch(/^- 入金有效成功率 本月/m);
    expect(jan.split('## 无法读取的内容\n\n')[1].split('\n\n')[0].split('\n')).toEqual([
      '- 第2周：章节「【系统运形数剧】」未识别（[L22][w2-22]），该周部分内容未计入。',
      '- 第3周：入金有效成功率 的值无法读取（[L20 `99.9.4%`][w3-20]），该周部分内容未计入。',
      '- 第4周：入金有效成功率 的值无法读取（[L28 `99.9.6%`][w4-28]），该周部分内容未计入。',
    ]);
  });

  it('names the missing week, the date outside its week and the incident without a time', async () => {
    const feb = bodyOf(await page('monthly/2024-02.md'));
    expect(feb.split('\n')[2]).toBe('> 根据 3 篇周报整理（第5周—第8周，1月29日—2月25日），缺 第6周，未覆盖整月。');
    expect(feb).toContain('- 第7周：Created 日期 2024年2月28日 不在该周（[L3][w7-3]）。');
    expect(feb).toMatch(/^- 2月14日 时间未写 招行代付通道批量代付响应超时/m);
    expect(feb).toContain('缺少周报：第6周。');
  });
});

describe('the summaries of a generated series (bench/gen-notes.mjs: 1 person × 60 weeks, seed 11), checked as examples/notes', () => {
  it('are shorter than their notes, with short lines and every citation defined, and the same bytes from run to run', async () => {
    const ws = await tempDir();
    genNotes(path.join(ws, 'notes'), 1, 60, 11);
    expect((await weekly(ws, 'build', 'notes', '--out', 'a', '--quiet')).code).toBe(0);
    const all = await checkSummaries(path.join(ws, 'notes'), path.join(ws, 'a'));
    expect(all.filter((p) => p.kind === 'monthly').length).toBeGreaterThanOrEqual(13);
    // a year of notes: the 述职 draft still keeps to a few pages' worth
    expect(chars(bodyOf(all.find((p) => p.file === 'review/2023.md')!.text))).toBeLessThan(6500);
    expect((await weekly(ws, 'build', 'notes', '--out', 'b', '--quiet')).code).toBe(0);
    const a = await hashTree(path.join(ws, 'a'));
    const b = await hashTree(path.join(ws, 'b'));
    delete a['.weekly-manifest.json'];
    delete b['.weekly-manifest.json'];
    expect(b).toEqual(a);
  });
});

describe('what could not be read, for stderr', () => {
  it('is one line per value, section and date, file:line first, in file order', async () => {
    const { unreadNotices } = await import('../src/core/aggregate/index.js');
    const note = (week: number, body: string) => parseNote(`# 第${week}周\n\nCreated: 2024年1月${week * 7 - 3}日 10:00\n\n${body}\n`, `n/第${week}周.md`);
    const agg = aggregate(
      [
        note(2, '## 【系统运行数据】\n\n- 入金有效成功率：99.9.6%\n'),
        note(3, '## 【系统运形数剧】\n\n- 入金有效成功率：99.974%\n'),
        parseNote('# 第4周\n\nCreated: 2024年2月28日 10:00\n\n## 【系统运行数据】\n\n- 入金有效成功率：99.970%\n', 'n/第4周.md'),
      ],
      {},
    );
    expect(unreadNotices(agg)).toEqual([
      'n/第2周.md:7: 入金有效成功率: value `99.9.6%` could not be read, left out of the summaries',
      'n/第3周.md:5: section `【系统运形数剧】` not recognised: what it holds is left out of the summaries',
      'n/第4周.md:3: Created date 2024-02-28 lies outside the week the note names: the note counts in the week it names',
    ]);
  });
});
