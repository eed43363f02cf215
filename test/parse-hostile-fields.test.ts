/** Issue 17, items 8, 10, 17 and 22: what one note's frontmatter or size can do to the run, and what it may not. */
import { describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { noteWeekKey } from '../src/core/aggregate/weeks.js';
import { harmonizeWeeks, MAX_LINES, parseNote } from '../src/core/parse/index.js';
import { cli, tempDir } from './everyday-helpers.js';

const BODY = '# 第51周\n\nCreated: 2023年12月16日 08:02\n\n## 重点工作\n\n- 述职\n';
const parserMessages = (text: string, file = 'n/第51周.md') => parseNote(text, file).diagnostics.map((d) => `${d.line}:${d.column}: ${d.message}`);

describe('a frontmatter alias inside its own anchor (item 8)', () => {
  it('is that note\'s error: the model stays a tree that JSON can print', () => {
    const r = parseNote(`---\nauthor: zhang\nx: &a [*a]\n---\n\n${BODY}`, 'n/第51周.md');
    expect(() => JSON.stringify(r)).not.toThrow();
    expect(Object.keys(r.properties)).toEqual(['author', 'Created']);
    expect(r.author).toBe('zhang');
    expect(r.diagnostics.map((d) => `${d.line}: ${d.message}`)).toEqual([
      '3: Unexpected frontmatter `x` whose value contains itself (a YAML alias inside its own anchor), expected a value without such an alias; the key was not read',
    ]);
  });

  it('does not stop `weekly parse` of a folder: the other notes are printed, the run is no internal error', async () => {
    const d = tempDir({ 'notes/第50周.md': BODY.replace('51', '50').replace('16日', '9日'), 'notes/第51周.md': `---\nx: &a [*a]\n---\n\n${BODY}` });
    const r = await cli(d, ['parse', 'notes', '--format', 'jsonl']);
    expect(r.stderr).not.toContain('internal error');
    expect(r.code).not.toBe(2);
    expect(r.stdout.trim().split('\n').map((l) => JSON.parse(l).file)).toEqual(['notes/第50周.md', 'notes/第51周.md']);
  });
});

describe('a note of more lines than are read (item 10)', () => {
  it('is read up to MAX_LINES, with a positioned message naming the lines not read', () => {
    const items = Array.from({ length: MAX_LINES + 5 }, (_, i) => `- 事项${i}`);
    const text = `# 第51周\n\n## 下周计划\n\n${items.join('\n')}\n`;
    const r = parseNote(text, 'n.md');
    const total = text.split('\n').length;
    expect(r.lineCount).toBe(total);
    expect(r.nextWeek.length).toBe(MAX_LINES - 4);
    expect(r.diagnostics.map((d) => `${d.line}:${d.column}: ${d.message}`)).toEqual([
      `${MAX_LINES + 1}:1: Unexpected note of ${total} lines, expected at most ${MAX_LINES}; lines ${MAX_LINES + 1} to ${total} were not read`,
    ]);
  });
});

describe('frontmatter weeks that name no week, and week 53 a year lacks (item 17)', () => {
  it.each(['2024-W99', '2024-W00', 'banana'])('`week: %s` beside a title that names a week is reported, not ignored', (week) => {
    expect(parserMessages(`---\nweek: ${week}\n---\n\n${BODY}`)).toEqual([
      `2:1: Unexpected week \`${week}\` in frontmatter \`week\`, expected a week such as \`2024-W10\` (week 1 to 53); it was not read`,
    ]);
  });

  it('a note dated 2024-12-30 titled 第53周 under ISO numbering is placed in its date\'s week, not in 2026', () => {
    const r = parseNote('# 第53周\n\nCreated: 2024年12月30日 09:00\n\n## 重点工作\n\n- a\n', 'n/第53周.md', { weekNumbering: 'iso' });
    harmonizeWeeks([r], { weekNumbering: 'iso' });
    expect([r.week, noteWeekKey(r), r.weekSource]).toEqual([{ year: 2025, number: 1 }, '2024-12-30', 'property']);
  });
});

describe('a frontmatter author that is no name (item 22)', () => {
  it.each([['[zhang, li]', 'list'], ['{name: zhang}', 'object'], ['42', 'number']])('`author: %s` is a positioned message and no author', (value, what) => {
    const r = parseNote(`---\nauthor: ${value}\n---\n\n${BODY}`, 'n/第51周.md');
    expect(r.author).toBeNull();
    expect(r.diagnostics.map((d) => `${d.line}: ${d.message}`)).toEqual([`2: Unexpected ${what} as frontmatter \`author\`, expected a name such as \`author: 张三\`; the note has no author`]);
  });

  it('never becomes a folder named [object Object]', async () => {
    const d = tempDir({ 'notes/第51周.md': `---\nauthor: {name: zhang}\n---\n\n${BODY}` });
    writeFileSync(path.join(d, 'weekly.config.yaml'), 'notes: notes\n');
    const r = await cli(d, ['parse', 'notes/第51周.md']);
    expect(JSON.parse(r.stdout).author).toBeNull();
  });
});
