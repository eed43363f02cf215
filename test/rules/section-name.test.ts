import { describe, expect, it } from 'vitest';
import { applyFixes } from '../../src/core/lint/fix.js';
import { lintReports } from '../../src/core/lint/index.js';
import { parseNote } from '../../src/core/parse/index.js';
import { ruleTester, edit, lintText, VALID_NOTE } from './helper.js';

ruleTester('section-name', {
  valid: [
    VALID_NOTE,
    // a name that is no typo of one kind only (as near 本周工作 as 下周工作) is not read as either
    edit('## 【重点工作】', '## 上周工作'),
  ],
  invalid: [
    { md: edit('## 【系统运行数据】', '## 【系统运行数剧】'), errors: ['9:4: Unexpected heading `【系统运行数剧】`, expected `【系统运行数据】` (read as that section)'] },
    { md: edit('# 下周工作及目标', '# 下周工做及目标'), errors: ['22:3: Unexpected heading `下周工做及目标`, expected `下周工作及目标` (read as that section)'] },
    { md: edit('## 【系统运行数据】', '## System Metircs:'), errors: ['9:4: Unexpected heading `System Metircs:`, expected `System Metrics:` (read as that section)'] },
  ],
});

describe('section-name and the sections around it', () => {
  it('a misspelt section is read as its kind: its metrics are read, and it is never reported missing', () => {
    const md = edit('## 【系统运行数据】', '## 【系统远行数据】');
    const r = parseNote(md, 'notes/第51周.md');
    expect(r.sections.map((s) => [s.id, s.near ?? null])).toEqual([
      ['highlights', null],
      ['metrics', '系统运行数据'],
      ['objective', null],
      ['incidents', null],
      ['next-week', null],
    ]);
    expect(r.metrics.map((m) => m.name)).toEqual(['入金有效成功率', '0级报警跟进率', '总告警数']);
    expect(lintText(md, 'required-sections')).toEqual([]);
  });

  it('--fix renames the heading and changes no other byte', () => {
    const md = edit('## 【系统运行数据】', '## 1. 【系统运行数剧】：');
    const [result] = lintReports([parseNote(md, 'n.md')], {});
    // heading-punctuation's fix of the colon overlaps it: each is applied on its own run
    const fixes = result.messages.filter((m) => m.ruleId === 'section-name' && m.fix).map((m) => m.fix!);
    expect(applyFixes(md, fixes).text).toBe(edit('## 【系统运行数据】', '## 1. 【系统运行数据】：'));
  });
});
