import { describe, expect, it } from 'vitest';
import { parseNote } from '../src/core/parse/index.js';
import { Report } from '../src/core/model.js';
import { lintReports } from '../src/core/lint/index.js';
import { positionProblems } from './fuzz/arbitraries.js';

/** Parse and lint one note; the model must validate and every position lie inside the file. */
function lintOne(text: string, file = 'notes/2023/第51周.md') {
  const report = parseNote(text, file);
  const valid = Report.safeParse(report);
  expect(valid.success, valid.success ? '' : JSON.stringify(valid.error.issues.slice(0, 2))).toBe(true);
  const messages = lintReports([report], {})[0].messages;
  expect(positionProblems(text, report, messages)).toEqual([]);
  return { report, messages, shown: messages.map((m) => `${m.line}:${m.column}-${m.endLine}:${m.endColumn} ${m.ruleId}`) };
}

const NOTE = [
  '# 第51周',
  '',
  'Created: 2023年12月16日 08:02',
  '',
  '## 【重点工作】',
  '',
  '- 【年度述职】',
  '',
  '## 【系统运行数据】',
  '',
  '- 入金有效成功率：99.966%',
  '',
  '# 下周工作及目标',
  '',
  '1. 年度绩效沟通',
].join('\n');

describe('bugs the fuzz suite found, each with the smallest note that showed it', () => {
  it('title-week: a title of a bare `#` was underlined past the end of its line', () => {
    const { shown } = lintOne('#', 'notes/note.md');
    expect(shown).toContain('1:1-1:1 title-week');
  });

  it('required-sections and heading-punctuation: a setext heading over two lines was underlined by the length of both', () => {
    // `表格 |` and `|` above `---` make one heading whose title, `表格 | |`, is longer than its first line
    const { shown } = lintOne('# 第10周\n\n## 重点工作\n\n- x\n\n表格 |\n|\n---\n');
    expect(shown).toContain('7:1-7:1 required-sections');
    const twoLines = lintOne('# 第51周\n\n系统运行\n数据：\n---\n');
    expect(twoLines.report.sections[0]).toMatchObject({ id: 'metrics', line: 3 });
    expect(twoLines.report.sections[0].column).toBeUndefined();
    expect(twoLines.shown).toContain('3:1-3:1 heading-punctuation');
    const punct = lintOne('# 第51周\n\n【系统运行数据】\n：\n---\n\n- 入金有效成功率：99.9%\n');
    expect(punct.report.sections[0]).toMatchObject({ title: '【系统运行数据】 ：' });
    expect(punct.report.sections[0].column).toBeUndefined();
    expect(punct.shown).toContain('3:1-3:1 heading-punctuation');
    // the fix, which would replace text by the title's length, is offered only where the title lies on its line
    expect(punct.messages.find((m) => m.ruleId === 'heading-punctuation')?.fix).toBeUndefined();
  });

  it('week-date: `Created：` (full-width colon, no space) was underlined one past the end of its line', () => {
    const { shown } = lintOne(NOTE.replace('Created: 2023年12月16日 08:02', 'Created：2023年12月30日'));
    expect(shown).toContain('3:1-3:9 week-date');
    // and with an unreadable `Date` before it, the span is the key the date was read from
    const two = lintOne(NOTE.replace('Created: 2023年12月16日 08:02', 'Date：上周\nCreated：2023年12月30日'));
    expect(two.shown).toContain('4:1-4:9 week-date');
  });

  it('a metric of 400 digits was read as Infinity, which the model cannot hold and JSON prints as null', () => {
    const { report, messages } = lintOne(NOTE.replace('99.966%', `${'9'.repeat(400)}.315%`));
    expect(report.metrics.map((m) => m.name)).not.toContain('入金有效成功率');
    expect(messages.find((m) => m.ruleId === 'metric-number')?.message).toBe(
      `Unexpected \`${'9'.repeat(400)}.315%\` for \`入金有效成功率\`, expected a number of at most 15 digits`,
    );
  });

  it('a metric with 300 decimals would make toFixed throw when a summary shows it', () => {
    const { report, messages } = lintOne(NOTE.replace('99.966%', `0.${'0'.repeat(300)}1%`));
    expect(report.metrics.every((m) => m.decimals <= 15)).toBe(true);
    expect(messages.map((m) => m.ruleId)).toContain('metric-number');
  });

  it('huge ratios, progress, table cells and durations are not read as numbers', () => {
    const big = '9'.repeat(30);
    const text = [
      '# 第51周',
      '',
      '## 【系统运行数据】',
      '',
      `- 0级报警跟进率67%（${big}/24）`,
      '',
      `| 指标 | 本周 |`,
      '| --- | --- |',
      `| 健康分 | ${big} |`,
      `| 成功率 | 99%（1/${big}） |`,
      '',
      '## 【O1 服务业务】',
      '',
      `- 聚合支付，进度${big}%`,
      '',
      '### 【生产事件】',
      '',
      `- 12/16 15:36 域名报警，未对业务产生影响，持续${big}分钟`,
    ].join('\n');
    const { report } = lintOne(text);
    expect(report.metrics.find((m) => m.name === '0级报警跟进率')).toMatchObject({ value: 67 });
    expect(report.metrics.find((m) => m.name === '0级报警跟进率')?.numerator).toBeUndefined();
    expect(report.metrics.map((m) => m.name)).not.toContain('健康分');
    expect(report.metrics.map((m) => m.name)).not.toContain('成功率');
    expect(report.workItems[0]).toMatchObject({ name: '聚合支付', progress: null });
    expect(report.incidents[0]).toMatchObject({ time: '15:36', durationMinutes: null });
  });

  it('frontmatter `__proto__:` stays a property of the note, never the prototype of its properties', () => {
    const { report } = lintOne('---\n__proto__:\n  week: 2024-W99\n  polluted: yes\n---\n# 周报\n', 'notes/周报.md');
    expect(Object.getPrototypeOf(report.properties)).toBe(Object.prototype);
    expect((report.properties as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.keys(report.properties)).toEqual(['__proto__']);
    expect(report.week).toBeNull();
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
