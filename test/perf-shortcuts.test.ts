import { format } from 'date-fns/format';
import { describe, expect, it } from 'vitest';
import { isoDate } from '../src/core/dates.js';
import { scanBlocks } from '../src/core/parse/blocks.js';
import { DEFAULT_SECTION_NAMES, sectionRecogniser } from '../src/core/parse/sections.js';

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
});
