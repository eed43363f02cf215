import { describe, expect, it } from 'vitest';
import { describeWeeks } from '../../src/rules/missing-week.js';
import { lintFiles, VALID_NOTE } from './helper.js';

function week(n: number): string {
  const friday = new Date(2023, 0, 6 + 7 * (n - 1));
  const created = `Created: ${friday.getFullYear()}年${friday.getMonth() + 1}月${friday.getDate()}日 10:00`;
  return VALID_NOTE.replace('# 第51周', `# 第${n}周`).replace('Created: 2023年12月16日 08:02', created);
}

describe('missing-week', () => {
  it('accepts a series without gaps, also across the new year', () => {
    const out = lintFiles(
      {
        'zhang/2023/第52周.md': VALID_NOTE.replace('# 第51周', '# 第52周').replace('12月16日', '12月22日'),
        'zhang/2023/第53周.md': VALID_NOTE.replace('# 第51周', '# 第53周').replace('12月16日', '12月29日'),
        'zhang/2024/第1周.md': VALID_NOTE.replace('# 第51周', '# 第1周').replace('2023年12月16日', '2024年1月5日'),
      },
      'missing-week',
    );
    expect(Object.values(out).flat()).toEqual([]);
  });

  it('names the missing weeks on the note after the gap, per author', () => {
    const out = lintFiles(
      { 'zhang/2023/第10周.md': week(10), 'zhang/2023/第13周.md': week(13), 'zhang/2023/第15周.md': week(15), 'li/2023/第12周.md': week(12) },
      'missing-week',
    );
    expect(out).toEqual({
      'zhang/2023/第10周.md': [],
      'zhang/2023/第13周.md': ['1:1: Unexpected gap before week 13 of 2023 of `zhang`: no note for weeks 11–12 of 2023, expected one note per week'],
      'zhang/2023/第15周.md': ['1:1: Unexpected gap before week 15 of 2023 of `zhang`: no note for week 14 of 2023, expected one note per week'],
      'li/2023/第12周.md': [],
    });
  });

  it('reads one person\'s folder as one series when only some notes carry author: (no gap between the two kinds)', () => {
    const fm = (n: number) => `---\nauthor: zhang\n---\n\n${week(n)}`;
    const files = { 'zhang/2023/第10周.md': week(10), 'zhang/2023/第11周.md': fm(11), 'zhang/2023/第12周.md': week(12), 'zhang/2023/第14周.md': fm(14) };
    expect(lintFiles(files, 'missing-week', {}, 'zhang')).toEqual({
      'zhang/2023/第10周.md': [],
      'zhang/2023/第11周.md': [],
      'zhang/2023/第12周.md': [],
      'zhang/2023/第14周.md': ['5:1: Unexpected gap before week 14 of 2023 of `zhang`: no note for week 13 of 2023, expected one note per week'],
    });
    // two named people and notes that name no one: those stay a series of their own
    const two = lintFiles({ ...files, 'zhang/2023/第13周.md': `---\nauthor: li\n---\n\n${week(13)}` }, 'missing-week', {}, 'zhang');
    expect(two['zhang/2023/第12周.md']).toEqual(['1:1: Unexpected gap before week 12 of 2023: no note for week 11 of 2023, expected one note per week']);
  });

  it('describes runs of weeks, across years', () => {
    expect(describeWeeks([{ year: 2023, number: 52 }, { year: 2023, number: 53 }, { year: 2024, number: 1 }])).toBe('weeks 52–53 of 2023, week 1 of 2024');
  });
});
