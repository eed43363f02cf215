import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseNote, harmonizeWeeks, fileTitle } from '../src/core/parse/index.js';
import { Report } from '../src/core/model.js';

const fixture = (name: string) => readFileSync(fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url)), 'utf8');
const reference = fixture('reference-w51.md');
const ref = parseNote(reference, 'notes/2023/第51周.md');

describe('reference note (第51周)', () => {
  it('is a valid model with no diagnostics', () => {
    expect(Report.safeParse(ref).success).toBe(true);
    expect(ref.diagnostics).toEqual([]);
  });

  it('reads title, week, created and properties', () => {
    expect(ref.title).toBe('第51周');
    expect(ref.week).toEqual({ year: 2023, number: 51 });
    expect(ref.weekNumbering).toBe('jan1');
    expect(ref.created).toBe('2023-12-16T08:02');
    expect(ref.createdLine).toBe(3);
    expect(ref.author).toBeNull();
    expect(ref.properties).toEqual({ Created: '2023年12月16日 08:02' });
    expect(ref.lineCount).toBe(93);
  });

  it('recognises every section by name, at any heading level', () => {
    expect(ref.sections.map((s) => [s.id, s.objective ?? null, s.name ?? null, s.line, s.endLine])).toEqual([
      ['highlights', null, null, 5, 18],
      ['metrics', null, null, 21, 31],
      ['objective', 'O1', '服务业务', 33, 40],
      ['objective', 'O2', '系统升级', 42, 53],
      ['objective', 'O3', '安全稳定、降本提效', 55, 63],
      ['incidents', null, null, 65, 67],
      ['other', null, null, 69, 74],
      ['reflection', null, null, 76, 86],
      ['next-week', null, null, 88, 93],
    ]);
  });

  it('reads every metric of FORMAT.md with its value, unit and position', () => {
    const got = ref.metrics.map((m) => [m.name, m.value, m.unit, `${m.line}:${m.column}`]);
    expect(got).toEqual([
      ['入金有效成功率', 99.966, '%', '25:11'],
      ['出金有效成功率', 99.984, '%', '26:11'],
      ['一次支付成功率', 99.256, '%', '26:28'],
      ['支付系统年度可用性', 99.998, '%', '30:13'],
      ['事故数AB级', 0, '次', '31:9'],
      ['事故数CD级', 1, '次', '31:15'],
      ['健康分', 717, null, '58:24'],
      ['0级报警跟进率', 67, '%', '59:14'],
      ['总告警数', 464, '个', '59:30'],
      ['代码bug服务数', 11, '个', '60:15'],
      ['慢查服务数', 13, '个', '60:24'],
      ['漏洞服务数', 0, '个', '60:34'],
      ['CodeLink周活率覆盖率', 100, '%', '62:24'],
      ['采纳率', 22.3, '%', '62:33'],
      ['问题', 72, '条', '63:42'],
      ['正确回答', 65, '条', '63:50'],
      ['准确率', 90.28, '%', '63:57'],
    ]);
  });

  it('reads ratios, explicit and implicit, and the written precision', () => {
    const follow = ref.metrics.find((m) => m.name === '0级报警跟进率')!;
    expect([follow.numerator, follow.denominator, follow.ratio, follow.text]).toEqual([16, 24, 'explicit', '67%（16/24）']);
    const acc = ref.metrics.find((m) => m.name === '准确率')!;
    expect([acc.numerator, acc.denominator, acc.ratio, acc.decimals]).toEqual([65, 72, 'implicit', 2]);
    expect(ref.metrics.find((m) => m.name === '入金有效成功率')!.decimals).toBe(3);
  });

  it('groups metrics under their paragraph label and keeps metrics out of prose', () => {
    expect(ref.metrics.filter((m) => m.section === 'metrics').map((m) => m.group)).toEqual([
      '支付成功率', '支付成功率', '支付成功率', '系统可用性', '系统可用性', '系统可用性',
    ]);
    // 267笔 is an impact count in a cause clause, 重要100倍 is reflection prose, 进度80% is progress
    expect(ref.metrics.some((m) => m.value === 267 || m.value === 361 || m.value === 100 && m.unit !== '%' || m.value === 80)).toBe(false);
    expect(ref.metrics.every((m) => m.section === 'metrics' || m.section === 'objective')).toBe(true);
  });

  it('reads work items with status, progress and resolved dates', () => {
    const items = Object.fromEntries(ref.workItems.map((w) => [w.name, w]));
    expect(ref.workItems.filter((w) => w.objective === 'O1').map((w) => [w.name, w.status, w.dates])).toEqual([
      ['物保二期', '提测', []],
      ['资金安全', '测试中', ['2023-12-26']],
      ['交易不成退代', null, ['2024-01-09']],
      ['商户重构一期', '待优化', []],
      ['贝好家意向金', '完成系统上线', []],
      ['聚合支付', '上线完成', ['2023-12-21', '2024-01-11']],
    ]);
    expect(items['商户巡检']).toMatchObject({ objective: 'O2', parent: 'POS收单系统建设', status: '测试进度80%', stage: 'testing', progress: 80, line: 49 });
    expect(items['核心支付链路']).toMatchObject({ parent: 'POS收单系统建设', stage: 'done' });
    expect(items['风险数据指标']).toMatchObject({ progress: 50, line: 53 });
    const allDates = ref.workItems.flatMap((w) => w.dates);
    expect(allDates).toEqual(expect.arrayContaining(['2023-12-26', '2024-01-09', '2024-01-11']));
  });

  it('reads the incident', () => {
    expect(ref.incidents).toEqual([
      {
        date: '2023-12-16',
        time: '15:36',
        durationMinutes: 60,
        summary: '监控发现非法扫描导致的域名报警，waf 已拦截，未对业务产生影响',
        impact: '未对业务产生影响',
        level: null,
        line: 67,
        column: 3,
        endColumn: 58,
        text: '12/16  15:36  监控发现非法扫描导致的域名报警，waf 已拦截，未对业务产生影响，持续60mins',
      },
    ]);
  });

  it('reads highlights, other, reflection and next week', () => {
    expect(ref.highlights.map((h) => [h.title, h.line])).toEqual([
      ['2023年度核心述职', 7],
      ['稳定性问题复盘跟进', 16],
    ]);
    expect(ref.highlights[0].text.startsWith('对年底述职每个同学投入了较多的精力')).toBe(true);
    expect(ref.other.map((o) => o.text)).toEqual(['核心团队年度述职', '2023年度绩效评估与上报', '年度优秀项目以及技术总结会准备', '胖东来游学']);
    expect(ref.reflection?.startsWith('胖东来研学前听到很多关于它的传奇。')).toBe(true);
    expect(ref.nextWeek).toEqual([
      { text: '年度绩效沟通', line: 90 },
      { text: '年结保障以及稳定性工作跟进', line: 91 },
      { text: '2024工作规划与部分专题研讨', line: 92 },
      { text: '重点项目月度review', line: 93 },
    ]);
  });

  it('keeps decades in prose out of the dates (90/00年代)', () => {
    expect(ref.dates.map((d) => [d.text, d.date, d.line])).toEqual([
      ['12/26', '2023-12-26', 36],
      ['1/9', '2024-01-09', 37],
      ['12/21', '2023-12-21', 40],
      ['1/11', '2024-01-11', 40],
      ['12.12', '2023-12-12', 63],
      ['12.20', '2023-12-20', 63],
      ['12/16', '2023-12-16', 67],
    ]);
  });
});

describe('variants real notes show', () => {
  it('CRLF line endings give the same model', () => {
    const crlf = parseNote(reference.replace(/\n/g, '\r\n'), 'notes/2023/第51周.md');
    expect(crlf).toEqual(ref);
  });

  it('a BOM is ignored', () => {
    expect(parseNote(`\uFEFF${reference}`, 'notes/2023/第51周.md')).toEqual(ref);
  });

  it('YAML frontmatter: week, author, created; a metrics table takes this week\'s column', () => {
    const r = parseNote(fixture('obsidian-frontmatter.md'), 'obsidian-frontmatter.md');
    expect(r.week).toEqual({ year: 2024, number: 10 });
    expect(r.weekSource).toBe('frontmatter');
    expect(r.weekNumbering).toBe('iso');
    expect(r.author).toBe('zhang.wei');
    expect(r.created).toBe('2024-03-07T18:30');
    expect(r.properties).toMatchObject({ week: '2024-W10', tags: ['周报'] });
    expect(r.metrics.map((m) => [m.name, m.value, m.unit, `${m.line}:${m.column}`, m.numerator ?? null, m.denominator ?? null])).toEqual([
      ['入金有效成功率', 99.971, '%', '19:13', null, null],
      ['健康分', 731, null, '20:9', null, null],
      ['事故数CD级', 2, '次', '21:12', null, null],
      ['变更成功率', 98.5, '%', '22:11', 197, 200],
    ]);
    // half-width `:` and `,` in headings and items
    expect(r.sections.find((s) => s.id === 'objective')).toMatchObject({ objective: 'O1', name: '服务业务' });
    expect(r.workItems.map((w) => [w.name, w.stage, w.progress, w.dates])).toEqual([
      ['聚合支付', 'testing', null, ['2024-03-14']],
      ['资金安全二期', 'developing', 60, []],
    ]);
    expect(r.incidents[0]).toMatchObject({ date: '2024-03-05', time: '10:20', durationMinutes: 90, impact: '影响312笔交易' });
  });

  it('English headings and an English Notion date', () => {
    const r = parseNote(fixture('english-headings.md'), 'week-50.md');
    expect(r.sections.map((s) => s.id)).toEqual(['highlights', 'metrics', 'objective', 'incidents', 'reflection', 'next-week']);
    expect(r.created).toBe('2023-12-16T20:02');
    expect(r.week).toEqual({ year: 2023, number: 50 });
    expect(r.weekNumbering).toBe('iso');
    expect(r.metrics.map((m) => m.name)).toEqual(['入金有效成功率', '事故数AB级', '事故数CD级']);
    expect(r.incidents[0].durationMinutes).toBe(45);
    expect(r.nextWeek.map((n) => n.text)).toEqual(['Release review', 'Capacity planning']);
  });

  it('headings without 【】, half-width colons, reordered and unknown sections', () => {
    const r = parseNote(fixture('reordered-no-brackets.md'), 'x/第5周.md');
    expect(r.sections.map((s) => [s.id, s.line])).toEqual([
      ['next-week', 5],
      ['metrics', 9],
      ['unknown', 15],
      ['objective', 19],
      ['highlights', 23],
    ]);
    expect(r.sections[2]).toMatchObject({ title: '本周杂记', text: '随手记几件事。' });
    expect(r.sections[3]).toMatchObject({ objective: 'O3', name: '安全稳定、降本提效' });
    expect(r.metrics.map((m) => [m.name, m.value, `${m.line}:${m.column}`, m.group])).toEqual([
      ['入金有效成功率', 99.95, '13:11', '支付成功率'],
      ['出金有效成功率', 99.98, '13:27', '支付成功率'],
    ]);
  });

  it('a missing section is simply absent', () => {
    const r = parseNote(reference.replace(/## 【其他】[\s\S]*?(?=## 收获与反思)/, ''), 'n.md');
    expect(r.sections.map((s) => s.id)).not.toContain('other');
    expect(r.other).toEqual([]);
  });

  it('Notion file names: the 32-hex suffix is dropped, and a title cut to 50 characters still names its week', () => {
    expect(fileTitle('notes/第51周 0123456789abcdef0123456789abcdef.md')).toBe('第51周');
    const long = `第51周 ${'支付平台周报'.repeat(10)}`;
    const r = parseNote(reference.replace('# 第51周', `# ${long}`), `${long.slice(0, 50)} 0123456789abcdef0123456789abcdef.md`);
    expect(r.title).toBe(long);
    expect(r.week).toEqual({ year: 2023, number: 51 });
    const untitled = parseNote(reference.replace('# 第51周\n', ''), '第51周 0123456789abcdef0123456789abcdef.md');
    expect(untitled.title).toBeNull();
    expect(untitled.week).toEqual({ year: 2023, number: 51 });
  });

  it('zero-padded and ISO-named weeks', () => {
    const r = parseNote('# 第05周\n\nCreated: 2023年02月02日 10:00\n', 'a.md');
    expect(r.week).toEqual({ year: 2023, number: 5 });
    expect(r.weekNumbering).toBe('iso');
    expect(r.created).toBe('2023-02-02T10:00');
    expect(parseNote('# 2024-W10\n', 'b.md').week).toEqual({ year: 2024, number: 10 });
  });

  it('a code block never holds sections or metrics', () => {
    const r = parseNote('# 第1周\n\n## 系统运行数据\n\n```\n## 其他\n- 成功率：120%\n```\n', 'c.md');
    expect(r.sections.map((s) => s.id)).toEqual(['metrics']);
    expect(r.metrics).toEqual([]);
  });
});

describe('week numbering', () => {
  it('infers the convention per folder so a date weeks away from its title is still read under it', () => {
    const mk = (file: string, title: string, created: string) => parseNote(`# ${title}\n\nCreated: ${created}\n`, file);
    // ISO-numbered folder (2023: ISO week = jan1 week - 1)
    const a = [mk('iso/2023/第10周.md', '第10周', '2023年3月10日 10:00'), mk('iso/2023/第11周.md', '第11周', '2023年3月17日 10:00'), mk('iso/2023/第12周.md', '第12周', '2023年3月31日 10:00')];
    harmonizeWeeks(a);
    expect(a.map((r) => r.weekNumbering)).toEqual(['iso', 'iso', 'iso']);
    // the third note's date (ISO week 13, jan1 week 13) is a week away from 第12周 under ISO
    expect(a[2].week).toEqual({ year: 2023, number: 12 });
  });

  it('resolves the year of week 1 and week 53 across the year boundary', () => {
    const w1 = parseNote('# 第1周\n\nCreated: 2024年1月5日 18:22\n', 'a.md');
    expect(w1.week).toEqual({ year: 2024, number: 1 });
    const w53 = parseNote('# 第53周\n\nCreated: 2023年12月31日 15:10\n', 'b.md');
    expect(w53.week).toEqual({ year: 2023, number: 53 });
    expect(w53.weekNumbering).toBe('jan1');
    // ISO week 1 of 2025 starts on 2024-12-30
    const iso1 = parseNote('---\nweek: 2025-W01\ncreated: 2024-12-31 09:00\n---\n# 第1周\n', 'c.md');
    expect(iso1.week).toEqual({ year: 2025, number: 1 });
  });
});

describe('what is not a metric', () => {
  const metricsOf = (line: string) => parseNote(`# 第1周\n\nCreated: 2024年1月5日 10:00\n\n## 【O2系统升级】\n\n${line}\n`, 'm.md').metrics.map((m) => `${m.name}=${m.value}${m.unit ?? ''}`);

  it.each([
    ['- POS收单系统建设，试点机具扩至100台', []],
    ['- 商户重构一期，无锡商户切换至300家，可用性提升到99.99%', []],
    ['- 风险数据指标，核查单开发50%，总体进度60%', []],
    ['- 支付系统双活，导致2个通道签名失败', []],
    ['- 系统稳定性度量与提升，支付中心本周健康分为717，排名第三', ['健康分=717']],
    ['- 慢SQL治理，慢查服务数13个及漏洞服务数为0个', ['慢查服务数=13个', '漏洞服务数=0个']],
  ])('%s', (line, expected) => {
    expect(metricsOf(line)).toEqual(expected);
  });
});

describe('work-item status words', () => {
  const statusOf = (item: string) => {
    const w = parseNote(`# 第1周\n\nCreated: 2024年1月5日 10:00\n\n## 【O1 服务业务】\n\n- ${item}\n`, 's.md').workItems[0];
    return [w.status, w.stage];
  };
  it.each([
    ['聚合支付，投产演练完成，预计1/11投产安理保险业务', [null, null]],
    ['聚合支付，安理保险业务1/11投产完成', ['投产完成', 'done']],
    ['营收收入对接EBS，投产后首次对账无差异，消息积压问题待优化', ['待优化', 'optimizing']],
    ['风险数据指标，核查单测试完成，计划下周上线', ['测试完成', 'testing']],
    ['资金安全，C端单单提醒功能测试中，计划12/26上线', ['测试中', 'testing']],
    ['交易不成退代，与QA一起完成全链路改造范围Review，1/9上线', [null, null]],
    ['商户重构一期，一期结项', ['结项', 'done']],
    ['电子签约，已完成', ['完成', 'done']],
    ['POS终端申请，上线完成', ['上线完成', 'done']],
  ])('%s', (item, expected) => {
    expect(statusOf(item)).toEqual(expected);
  });
});

describe('a title whose words name a kind', () => {
  const note = (title: string) => `${title}\n\n## ✅ Done\n- Migrated billing to Postgres 15\n\n## ➡️ Next\n- Auth flow to 10%\n`;

  it('`# Notes 24/03/11` above `##` sections is the title (dated), not an empty notes section', () => {
    const r = parseNote(note('# Notes 24/03/11'), 'notes/report-240311.md');
    expect(r.title).toBe('Notes 24/03/11');
    expect(r.titleLine).toBe(1);
    expect(r.sections.map((s) => s.id)).toEqual(['progress', 'next-week']);
    expect(r.created).toBe('2024-03-11');
  });

  it('without a date it stays a section: `# Notes` is the notes kind', () => {
    const r = parseNote(note('# Notes'), 'notes/a.md');
    expect(r.title).toBeNull();
    expect(r.sections.map((s) => s.id)).toEqual(['notes', 'progress', 'next-week']);
  });
});
