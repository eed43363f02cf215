import { describe, expect, it } from 'vitest';
import { lintFiles, lintText } from './helper.js';

const NOTE = (title: string) => `# ${title}\n\n## 本周工作\n\n- 网关限流全量上线\n`;

describe('week-sources', () => {
  it('accepts places that name one week, in either numbering, and weeks of a term', () => {
    expect(lintText(NOTE('2024-03-15 周报'), 'week-sources', {}, 'notes/2024-03-15.md')).toEqual([]);
    expect(lintText(NOTE('周报（2024.03.11-03.15）'), 'week-sources', {}, 'notes/2024-03-15.md')).toEqual([]);
    // 第51周 counted from 1 January and ISO week 50 are the week of 2023-12-16
    expect(lintText(`---\nweek: 2023-W50\n---\n\n${NOTE('第51周')}`, 'week-sources', {}, 'notes/第51周.md')).toEqual([]);
    // a week of a term lies where its date puts it
    expect(lintText(`第三周周报告\n日期：2024年3月15日\n\n1.本周完成的工作\n（1）读完综述\n`, 'week-sources', {}, 'notes/第三周周报告.md')).toEqual([]);
  });

  it('says which place was used when two name other weeks', () => {
    expect(lintText(NOTE('2024-03-15 周报'), 'week-sources', {}, 'notes/2024-03-08.md')).toEqual([
      '1:1: Unexpected date `2024-03-08` in the file name, expected a day of week 11 of 2024 (2024-03-11 – 2024-03-17) as the title says; the note was read as week 11 of 2024',
    ]);
    expect(lintText(`---\nweek: 2024-W12\n---\n\n${NOTE('周报')}`, 'week-sources', {}, 'notes/2024-W13.md')).toEqual([
      '5:1: Unexpected week `2024-W13` in the file name, expected week 12 as the frontmatter says; the note was read as week 12 of 2024',
    ]);
  });

  it('leaves a week its year does not have to week-date, which reads the note from its date', () => {
    const md = '# 第53周\n\nCreated: 2024年12月30日 10:00\n\n## 重点工作\n\n- a\n';
    expect(lintFiles({ 'n/a.md': md }, 'week-sources', { weekNumbering: 'iso' })['n/a.md']).toEqual([]);
    expect(lintFiles({ 'n/a.md': md }, 'week-date', { weekNumbering: 'iso' })['n/a.md']).toEqual([
      '1:1: Unexpected week `2025-W53`, expected a week that year has (ISO numbering); the note was read as week 1 of 2025 from its date',
    ]);
  });
});
