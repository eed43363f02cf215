import { describe, expect, it, vi } from 'vitest';
import type { SectionKind } from '../src/core/sections.js';

// The registry with one more kind, `decisions` (本周决策 / Decisions), placed after 其他; nothing else is changed.
vi.mock('../src/core/sections.js', async (importOriginal) => {
  const real = await importOriginal<typeof import('../src/core/sections.js')>();
  const { readItems } = await import('../src/core/parse/readers.js');
  const decisions: SectionKind = {
    id: 'decisions',
    names: { zh: ['本周决策', '决策与取舍'], en: ['Decisions', 'Trade-offs'] },
    required: false,
    repeats: false,
    metrics: false,
    dates: true,
    read: (b, r) => void r.other.push(...readItems(b)),
    heading: { brackets: true },
  };
  const at = real.SECTION_KINDS.findIndex((k) => k.id === 'other') + 1;
  const kinds = [...real.SECTION_KINDS.slice(0, at), decisions, ...real.SECTION_KINDS.slice(at)];
  return { ...real, SECTION_KINDS: kinds, ...real.deriveRegistry(kinds) };
});

const { SectionId, reportJsonSchema } = await import('../src/core/model.js');
const { Config, configJsonSchema, DEFAULT_REQUIRED_SECTIONS } = await import('../src/core/config.js');
const { parseNote } = await import('../src/core/parse/index.js');
const { parseOptionsOf } = await import('../src/core/parse/options.js');
const { lintReports } = await import('../src/core/lint/index.js');
const { noteHeadings } = await import('../src/core/new-note.js');

const NOTE = [
  '# 第51周',
  '',
  'Created: 2023年12月16日 08:02',
  '',
  '## 【重点工作】',
  '',
  '- 【述职】',
  '',
  '## 【系统运行数据】',
  '',
  '- 可用性：99.9%',
  '',
  '## 【本周决策】',
  '',
  '- 灰度期间延迟上升，12/18复盘',
  '',
  '## 收获与反思',
  '',
  '复盘很重要',
  '',
  '# 下周工作及目标',
  '',
  '1. 压测',
].join('\n');

const messages = (text: string, config: Record<string, unknown>, rule: string) => {
  const cfg = Config.parse(config);
  const [r] = lintReports([parseNote(text, 'n/第51周.md', parseOptionsOf(cfg))], cfg, { root: '.' });
  return r.messages.filter((m) => m.ruleId === rule).map((m) => `${m.line}:${m.column}: ${m.message}${m.fix ? ` fix ${JSON.stringify(m.fix.text)}` : ''}`);
};

describe('a section kind added as one registry entry', () => {
  it('is in the model enum, the config schema and both JSON schemas', () => {
    expect(SectionId.options).toEqual(['highlights', 'progress', 'metrics', 'objective', 'incidents', 'problems', 'help', 'other', 'decisions', 'notes', 'reflection', 'next-week', 'unknown']);
    expect(Config.safeParse({ sections: { decisions: { aliases: ['拍板事项'], required: true } } }).success).toBe(true);
    const config = configJsonSchema() as { properties: { sections: { properties: Record<string, unknown> } } };
    expect(Object.keys(config.properties.sections.properties)).toContain('decisions');
    expect(JSON.stringify(reportJsonSchema())).toContain('"other","decisions","notes"');
    expect(DEFAULT_REQUIRED_SECTIONS).toEqual(['highlights', 'metrics', 'next-week']);
  });

  it('is recognised by its names and configured aliases, and read by its reader with its dates', () => {
    const r = parseNote(NOTE, 'n.md');
    expect(r.sections.map((s) => s.id)).toEqual(['highlights', 'metrics', 'decisions', 'reflection', 'next-week']);
    expect(r.other).toEqual([{ text: '灰度期间延迟上升，12/18复盘', line: 15 }]);
    expect(r.dates.map((d) => [d.text, d.section])).toEqual([['12/18', 'decisions']]);
    const aliased = parseNote(NOTE.replace('【本周决策】', 'Decisions：').replace('## 收获与反思', '## 拍板事项'), 'n.md', parseOptionsOf({ sections: { decisions: { aliases: ['拍板事项'] } } }));
    expect(aliased.sections.map((s) => s.id)).toEqual(['highlights', 'metrics', 'decisions', 'decisions', 'next-week']);
  });

  it('is asked for by required-sections when configured, at its place, and may not repeat', () => {
    const without = NOTE.replace('## 【本周决策】\n\n- 灰度期间延迟上升，12/18复盘\n\n', '');
    expect(messages(without, { sections: { decisions: { required: true } } }, 'required-sections')).toEqual([
      '13:1: Unexpected missing section `本周决策`, expected it before `收获与反思` fix "## 【本周决策】\\n\\n"',
    ]);
    expect(messages(NOTE, {}, 'duplicate-section')).toEqual([]);
    expect(messages(NOTE.replace('## 收获与反思', '## Trade-offs'), {}, 'duplicate-section')).toEqual([
      '17:4: Unexpected second section `Trade-offs`, expected each section once (first at line 13)',
    ]);
  });

  it('gets a heading in weekly new', () => {
    expect(noteHeadings(null)).toMatchObject({ other: '## 【其他】', decisions: '## 【本周决策】', reflection: '## 收获与反思' });
    expect(noteHeadings(parseNote(NOTE.replace('【本周决策】', '决策与取舍'), 'n.md'))).toMatchObject({ decisions: '## 决策与取舍' });
  });
});
