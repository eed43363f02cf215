import { describe, expect, it, vi } from 'vitest';
import type { SectionKind } from '../src/core/sections.js';

// The registry with one more kind, `problems` (遇到的问题 / Issues), placed after 其他; nothing else is changed.
vi.mock('../src/core/sections.js', async (importOriginal) => {
  const real = await importOriginal<typeof import('../src/core/sections.js')>();
  const { readItems } = await import('../src/core/parse/readers.js');
  const problems: SectionKind = {
    id: 'problems',
    names: { zh: ['遇到的问题', '风险与问题'], en: ['Issues', 'Blockers'] },
    required: false,
    repeats: false,
    metrics: false,
    dates: true,
    read: (b, r) => void r.other.push(...readItems(b)),
    heading: { brackets: true },
  };
  const kinds = [...real.SECTION_KINDS.slice(0, 5), problems, ...real.SECTION_KINDS.slice(5)];
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
  '## 【遇到的问题】',
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
    expect(SectionId.options).toEqual(['highlights', 'metrics', 'objective', 'incidents', 'other', 'problems', 'reflection', 'next-week', 'unknown']);
    expect(Config.safeParse({ sections: { problems: { aliases: ['困难'], required: true } } }).success).toBe(true);
    const config = configJsonSchema() as { properties: { sections: { properties: Record<string, unknown> } } };
    expect(Object.keys(config.properties.sections.properties)).toContain('problems');
    expect(JSON.stringify(reportJsonSchema())).toContain('"other","problems","reflection"');
    expect(DEFAULT_REQUIRED_SECTIONS).toEqual(['highlights', 'metrics', 'next-week']);
  });

  it('is recognised by its names and configured aliases, and read by its reader with its dates', () => {
    const r = parseNote(NOTE, 'n.md');
    expect(r.sections.map((s) => s.id)).toEqual(['highlights', 'metrics', 'problems', 'reflection', 'next-week']);
    expect(r.other).toEqual([{ text: '灰度期间延迟上升，12/18复盘', line: 15 }]);
    expect(r.dates.map((d) => [d.text, d.section])).toEqual([['12/18', 'problems']]);
    const aliased = parseNote(NOTE.replace('【遇到的问题】', 'Blockers：').replace('## 收获与反思', '## 困难'), 'n.md', parseOptionsOf({ sections: { problems: { aliases: ['困难'] } } }));
    expect(aliased.sections.map((s) => s.id)).toEqual(['highlights', 'metrics', 'problems', 'problems', 'next-week']);
  });

  it('is asked for by required-sections when configured, at its place, and may not repeat', () => {
    const without = NOTE.replace('## 【遇到的问题】\n\n- 灰度期间延迟上升，12/18复盘\n\n', '');
    expect(messages(without, { sections: { problems: { required: true } } }, 'required-sections')).toEqual([
      '13:1: Unexpected missing section `遇到的问题`, expected it before `收获与反思` fix "## 【遇到的问题】\\n\\n"',
    ]);
    expect(messages(NOTE, {}, 'duplicate-section')).toEqual([]);
    expect(messages(NOTE.replace('## 收获与反思', '## Issues'), {}, 'duplicate-section')).toEqual([
      '17:4: Unexpected second section `Issues`, expected each section once (first at line 13)',
    ]);
  });

  it('gets a heading in weekly new', () => {
    expect(noteHeadings(null)).toMatchObject({ other: '## 【其他】', problems: '## 【遇到的问题】', reflection: '## 收获与反思' });
    expect(noteHeadings(parseNote(NOTE.replace('【遇到的问题】', '风险与问题'), 'n.md'))).toMatchObject({ problems: '## 风险与问题' });
  });
});
