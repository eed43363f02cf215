import { describe, expect, it } from 'vitest';
import { normaliseHeading } from '../../src/rules/heading-punctuation.js';
import { ruleTester, edit, VALID_NOTE } from './helper.js';

ruleTester('heading-punctuation', {
  valid: [
    VALID_NOTE,
    // no brackets at all is a style of its own, as in the reference note
    edit('## 【重点工作】', '## 重点工作'),
    edit('## 【重点工作】', '## Highlights'),
    // unknown headings are left alone
    edit('- 【年度述职】', '- 【年度述职】\n\n## [备注]:\n\n文字'),
  ],
  invalid: [
    { md: edit('## 【系统运行数据】', '## [系统运行数据]'), errors: ['9:4: Unexpected heading `[系统运行数据]`, expected `【系统运行数据】`'] },
    { md: edit('## 【系统运行数据】', '## 【系统运行数据】:'), errors: ['9:4: Unexpected heading `【系统运行数据】:`, expected `【系统运行数据】`'] },
    { md: edit('## 【系统运行数据】', '## 系统运行数据：'), errors: ['9:4: Unexpected heading `系统运行数据：`, expected `系统运行数据`'] },
    { md: edit('## 【系统运行数据】', '##   【系统运行数据]'), errors: ['9:6: Unexpected heading `【系统运行数据]`, expected `【系统运行数据】`'] },
    { md: edit('## 【O1 服务业务】', '## [O1 服务业务]'), errors: ['14:4: Unexpected heading `[O1 服务业务]`, expected `【O1 服务业务】`'] },
  ],
});

describe('normaliseHeading', () => {
  it.each([
    ['[系统运行数据]', '【系统运行数据】'],
    ['【系统运行数据：】', '【系统运行数据】'],
    ['系统运行数据 :', '系统运行数据'],
    ['【重点工作】', '【重点工作】'],
    ['收获与反思', '收获与反思'],
  ])('%s → %s', (from, to) => {
    expect(normaliseHeading(from)).toBe(to);
  });
});
