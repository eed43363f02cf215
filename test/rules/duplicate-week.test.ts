import { describe, expect, it } from 'vitest';
import { lintFiles, VALID_NOTE } from './helper.js';

/** A note of week `n` of 2023 (jan1 numbering), created on that week's Friday. */
function week(n: number, title = `第${n}周`): string {
  const friday = new Date(2023, 0, 6 + 7 * (n - 1));
  const created = `Created: ${friday.getFullYear()}年${friday.getMonth() + 1}月${friday.getDate()}日 10:00`;
  return VALID_NOTE.replace('# 第51周', `# ${title}`).replace('Created: 2023年12月16日 08:02', created);
}

describe('duplicate-week', () => {
  it('accepts one note per week per author', () => {
    const out = lintFiles({ 'zhang/2023/第10周.md': week(10), 'zhang/2023/第11周.md': week(11), 'li/2023/第10周.md': week(10) }, 'duplicate-week');
    expect(Object.values(out).flat()).toEqual([]);
  });

  it('reports both notes of one author that claim a week, naming the other', () => {
    const out = lintFiles({ 'zhang/2023/第10周.md': week(10), 'zhang/2023/第10周 copy.md': week(10), 'li/2023/第10周.md': week(10) }, 'duplicate-week');
    expect(out).toEqual({
      'zhang/2023/第10周.md': ['1:1: Unexpected note for week 10 of 2023 of `zhang` that `zhang/2023/第10周 copy.md` also claims, expected one note per week'],
      'zhang/2023/第10周 copy.md': ['1:1: Unexpected note for week 10 of 2023 of `zhang` that `zhang/2023/第10周.md` also claims, expected one note per week'],
      'li/2023/第10周.md': [],
    });
  });

  it('groups by the notes folder given as root, and notes without an author form one series', () => {
    const out = lintFiles({ 'team/2023/a.md': week(10), 'team/2023/b.md': week(10) }, 'duplicate-week', {}, 'team');
    expect(out['team/2023/a.md']).toEqual(['1:1: Unexpected note for week 10 of 2023 that `team/2023/b.md` also claims, expected one note per week']);
  });

  it('takes the notes that name no one in one named person\'s folder as theirs (a Notion export beside notes with author:)', () => {
    const fm = (author: string, n: number) => `---\nauthor: ${author}\n---\n\n${week(n)}`;
    const out = lintFiles({ 'zhang/2023/第10周.md': fm('zhang', 10), 'zhang/2023/第10周 Notion.md': week(10), 'zhang/2023/第11周.md': week(11) }, 'duplicate-week', {}, 'zhang');
    expect(out).toEqual({
      'zhang/2023/第10周.md': ['5:1: Unexpected note for week 10 of 2023 of `zhang` that `zhang/2023/第10周 Notion.md` also claims, expected one note per week'],
      'zhang/2023/第10周 Notion.md': ['1:1: Unexpected note for week 10 of 2023 of `zhang` that `zhang/2023/第10周.md` also claims, expected one note per week'],
      'zhang/2023/第11周.md': [],
    });
  });

  it('sees a frontmatter author', () => {
    const fm = (author: string) => `---\nauthor: ${author}\n---\n\n${week(10)}`;
    const out = lintFiles({ 'a.md': fm('wang'), 'b.md': fm('zhao') }, 'duplicate-week');
    expect(Object.values(out).flat()).toEqual([]);
  });
});
