import { describe, expect, it } from 'vitest';
import { parseNote } from '../src/core/parse/index.js';

describe('parser: what lint needs from the model', () => {
  it('keeps HTML comments with their lines, where lint reads its control comments', () => {
    const r = parseNote('# 第1周\n\n<!-- weekly-disable metric-range -->\n\n## 【重点工作】\n\n<!--\nweekly-enable\n-->\n- a', 'a.md');
    expect(r.comments).toEqual([
      { text: '<!-- weekly-disable metric-range -->', line: 3, endLine: 3 },
      { text: '<!--\nweekly-enable\n-->', line: 7, endLine: 9 },
    ]);
  });

  it('places the text of each section heading', () => {
    const r = parseNote('# 第1周\n\n## 【重点工作】\n\n- a\n\n###   收获与反思 ##\n\n文字\n\n下周工作\n===\n\n1. b', 'a.md');
    expect(r.sections.map((s) => [s.title, s.line, s.column])).toEqual([
      ['【重点工作】', 3, 4],
      ['收获与反思', 7, 7],
      ['下周工作', 11, 1],
    ]);
  });
});
