import { format } from 'date-fns/format';
import { describe, expect, it } from 'vitest';
import { isoDate } from '../src/core/dates.js';
import { scanBlocks } from '../src/core/parse/blocks.js';
import { DEFAULT_SECTION_NAMES, sectionRecogniser } from '../src/core/parse/sections.js';
import { parseNote } from '../src/core/parse/index.js';
import { aggregate, authorAggregate } from '../src/core/aggregate/index.js';
import { AUTHOR_GROUPS, clearMemos } from '../src/core/memo.js';
import type { Report } from '../src/core/model.js';

// shortcuts taken for speed must give what the slow way gives
describe('speed shortcuts', () => {
  it('isoDate formats as date-fns does', () => {
    for (let t = Date.UTC(1999, 11, 25); t < Date.UTC(2031, 1, 3); t += 86_400_000 * 3 + 3_600_000) {
      const d = new Date(t);
      expect(isoDate(d)).toBe(format(d, 'yyyy-MM-dd'));
    }
    expect(isoDate(new Date(5, 0, 1))).toBe(format(new Date(5, 0, 1), 'yyyy-MM-dd'));
  });

  it('one micromark parser serves note after note: no state carries over', () => {
    const lazy = '> # q\nlazy\n\n- a\nlazy\n# h\n';
    const setext = 'Title\n=====\n\n[a]: /url\n\nSub\n---\n';
    const first = [scanBlocks(lazy), scanBlocks(setext)];
    expect([scanBlocks(setext), scanBlocks(lazy)]).toEqual([first[1], first[0]]);
  });

  it('a recogniser reads the names it was made with, and no other', () => {
    const other = { ...DEFAULT_SECTION_NAMES, other: ['杂项'] };
    expect(sectionRecogniser(other)('杂项')).toEqual({ id: 'other' });
    expect(sectionRecogniser(other)('其他')).toBeNull();
    expect(sectionRecogniser()('杂项')).toBeNull();
    expect(sectionRecogniser()('其他')).toEqual({ id: 'other' });
  });

  it('a member cut from the team through the memo is the cut made from scratch; clearMemos forgets the grouping', () => {
    const note = (who: string, week: number, item: string) =>
      parseNote(`---\nauthor: ${who}\n---\n\n# 第${week}周\n\nCreated: 2024-01-${String(week * 7).padStart(2, '0')} 10:00\n\n## O1 服务\n\n- ${item}，开发中\n\n## 生产事件\n\n- 1/${week * 7}  10:00  报警，持续5分钟\n`, `${who}/w${week}.md`);
    const reports: Report[] = [note('甲', 1, '对账'), note('乙', 1, '路由'), note('甲', 2, '对账'), note('乙', 3, '限流')];
    const team = aggregate(reports, {}, { authorScopes: false });
    const cut = (who: string) => authorAggregate(team, who, reports.filter((r) => r.author === who), {});
    expect(AUTHOR_GROUPS.get(team)).toBeUndefined();
    const first = cut('乙');
    expect([...AUTHOR_GROUPS.get(team)!.keys()]).toEqual(['乙', '甲']);
    expect(cut('乙')).toEqual(first);
    expect(first.workItems.map((t) => t.key)).toEqual(['路由', '限流']);
    expect(first.incidents.map((i) => i.week)).toEqual(['2024-01-01', '2024-01-15']);
    clearMemos();
    expect(AUTHOR_GROUPS.get(team)).toBeUndefined();
    expect(cut('乙')).toEqual(first);
  });
});
