/** Files found beside the notes that are no weekly notes: listed as skipped, never reported or fixed. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { lint, skippedNotice } from '../src/app/lint.js';
import { tempDir } from './everyday-helpers.js';

const README = '# 平台组周报\n\n这里存放平台组每周的周报。\n\n## 写法\n\n- 每周五提交\n';
const NOTE = (day: string) => `# 周报\n\n## 本周工作\n\n- 网关限流改造\n\n## 下周计划\n\n- 压测\n`.replace('周报', `周报 ${day}`);

describe('lint skips what is no weekly note', () => {
  it('lists a README.md and a Notion page beside the notes, reports nothing of theirs, fixes neither', async () => {
    const d = tempDir({
      'notes/README.md': README,
      'notes/Vendor call 4e5f60718293a4b5c6d7e8f90a1b2c3d.md': '# Vendor call\n\nCreated: April 2, 2020 10:00 AM\n\n## Agenda\n\n- Renewal\n',
      'notes/2024-03-08.md': NOTE('2024-03-08'),
      'notes/2024-03-15.md': NOTE('2024-03-15'),
    });
    const out = await lint({ cwd: d, inputs: ['notes'], fix: true });
    expect(out.results.map((r) => r.filePath)).toEqual(['notes/2024-03-08.md', 'notes/2024-03-15.md']);
    expect(out.results.flatMap((r) => r.messages.filter((m) => m.severity === 'error'))).toEqual([]);
    expect(out.notices).toEqual([
      'skipped 2 files that are no weekly notes (no week or date in the title, file name or frontmatter, and no section weekly knows): notes/README.md, notes/Vendor call 4e5f60718293a4b5c6d7e8f90a1b2c3d.md',
    ]);
    expect(out.fixed).toEqual([]);
    expect(readFileSync(path.join(d, 'notes/README.md'), 'utf8')).toBe(README);
  });

  it('lints a file named on the command line as a note, whatever it holds', async () => {
    const d = tempDir({ 'notes/README.md': README });
    const out = await lint({ cwd: d, inputs: ['notes/README.md'] });
    expect(out.notices).toEqual([]);
    expect(out.results[0].messages.map((m) => m.ruleId)).toContain('title-week');
  });

  it('names the first five and counts the rest', () => {
    expect(skippedNotice(['a.md', 'b.md', 'c.md', 'd.md', 'e.md', 'f.md', 'g.md'])).toBe(
      'skipped 7 files that are no weekly notes (no week or date in the title, file name or frontmatter, and no section weekly knows): a.md, b.md, c.md, d.md, e.md, and 2 more',
    );
    expect(skippedNotice(['README.md'])).toBe('skipped 1 file that is no weekly note (no week or date in the title, file name or frontmatter, and no section weekly knows): README.md');
  });
});
