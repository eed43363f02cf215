import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { configJsonSchema, Config, DEFAULT_REQUIRED_SECTIONS } from '../src/core/config.js';
import { reportJsonSchema, SectionId } from '../src/core/model.js';
import { NAMED_KINDS, SECTION_IDS, SECTION_KINDS } from '../src/core/sections.js';
import { DEFAULT_SECTION_NAMES, foldName, sectionRecogniser } from '../src/core/parse/sections.js';
import { parseNote } from '../src/core/parse/index.js';
import { noteHeadings } from '../src/core/new-note.js';
import { requiredSections } from '../src/rules/required-sections.js';
import { lintText } from './rules/helper.js';

const read = (p: string) => readFileSync(new URL(`../${p}`, import.meta.url), 'utf8');

type Schema = { properties: Record<string, { properties?: Record<string, unknown> }>; $defs?: Record<string, unknown> };

/** The `enum` of the `id` property of the Section definition in a report JSON schema, wherever zod put it. */
function sectionIdEnum(schema: unknown): string[] {
  const found: string[][] = [];
  const walk = (node: unknown) => {
    if (!node || typeof node !== 'object') return;
    const o = node as Record<string, unknown>;
    const props = o.properties as Record<string, { enum?: string[] }> | undefined;
    if (props?.id?.enum && props.title && props.level) found.push(props.id.enum);
    for (const v of Object.values(o)) walk(v);
  };
  walk(schema);
  return found[0];
}

describe('the section registry', () => {
  it('lists the kinds in note order', () => {
    expect(SECTION_IDS).toEqual(['highlights', 'progress', 'metrics', 'objective', 'incidents', 'problems', 'help', 'other', 'notes', 'reflection', 'next-week']);
  });

  it('every id is in the model enum, the config schema and both JSON schemas (generated and committed)', () => {
    expect(SectionId.options).toEqual([...SECTION_IDS, 'unknown']);
    expect(Object.keys(Config.shape.sections.unwrap().shape)).toEqual(SECTION_IDS);
    expect(Object.keys((configJsonSchema() as Schema).properties.sections.properties!)).toEqual(SECTION_IDS);
    expect(Object.keys((JSON.parse(read('docs/config.schema.json')) as Schema).properties.sections.properties!)).toEqual(SECTION_IDS);
    expect(sectionIdEnum(reportJsonSchema())).toEqual([...SECTION_IDS, 'unknown']);
    expect(sectionIdEnum(JSON.parse(read('docs/report.schema.json')))).toEqual([...SECTION_IDS, 'unknown']);
    for (const id of SECTION_IDS) expect(read('docs/model.md')).toContain(`\`"${id}"\``);
  });

  it('required kinds are the default required sections', () => {
    expect(DEFAULT_REQUIRED_SECTIONS).toEqual(['highlights', 'metrics', 'next-week']);
    expect(requiredSections({})).toEqual(['highlights', 'metrics', 'next-week']);
    expect(requiredSections({ sections: { incidents: { required: true }, metrics: { required: false } } })).toEqual(['highlights', 'incidents', 'next-week']);
  });

  it('recognises every name of every named kind, bracketed, with a colon, in full width', () => {
    const recognise = sectionRecogniser();
    for (const k of NAMED_KINDS) {
      for (const n of [...k.names.zh, ...k.names.en]) {
        expect(recognise(n)).toEqual({ id: k.id });
        expect(recognise(`【${n}】：`)).toEqual({ id: k.id });
        expect(recognise(`[${n.toUpperCase()}]:`)).toEqual({ id: k.id });
      }
    }
    expect(recognise('【O2系统升级】')).toEqual({ id: 'objective', objective: 'O2', name: '系统升级' });
    expect(recognise('ｏ３：安全稳定')).toEqual({ id: 'objective', objective: 'O3', name: '安全稳定' });
    expect(recognise('小结')).toBeNull();
  });

  it('no name belongs to two kinds', () => {
    const owner = new Map<string, string>();
    for (const [id, names] of Object.entries(DEFAULT_SECTION_NAMES)) {
      for (const n of names) {
        expect(owner.get(foldName(n)) ?? id).toBe(id);
        owner.set(foldName(n), id);
      }
    }
    expect(owner.size).toBe(Object.values(DEFAULT_SECTION_NAMES).flat().length);
  });

  it('the parser reads each kind with its reader, metrics and dates as the kind says', () => {
    const note = [
      '# 第51周',
      'Created: 2023年12月16日 08:02',
      '## 重点工作',
      '- 【述职】12/18答辩',
      '## 本周进展',
      '### 网关',
      '- [x] 限流12/14上线，成功率99%',
      '## 系统运行数据',
      '- 可用性：99.9%',
      '## O1 服务业务',
      '- 聚合支付，测试中，采纳率20%',
      '## 生产事件',
      '- 12/16  15:36  报警，持续60mins',
      '## 遇到的问题',
      '- 12/13压测超时',
      '## 需要的支持',
      '- 12/22前申请机器',
      '## 其他',
      '- 招聘12/20面试',
      '## 学习笔记',
      '读完第5章，12/17讨论',
      '## 收获与反思',
      '重要100倍，12/19想到',
      '## 下周工作及目标',
      '1. 年度绩效12/25（约2天）',
    ].join('\n');
    const r = parseNote(note, 'n.md');
    expect(r.sections.map((s) => s.id)).toEqual(SECTION_IDS);
    expect(r.highlights).toEqual([{ title: '述职', text: '12/18答辩', line: 4 }]);
    expect(r.progress).toEqual([{ text: '限流12/14上线，成功率99%', line: 7, project: '网关', done: true }]);
    expect(r.metrics.map((m) => [m.name, m.value, m.section])).toEqual([
      ['可用性', 99.9, 'metrics'],
      ['采纳率', 20, 'objective'],
    ]);
    expect(r.workItems.map((w) => [w.objective, w.name, w.stage, w.project ?? false])).toEqual([
      [null, '网关', 'done', true],
      ['O1', '聚合支付', 'testing', false],
    ]);
    expect(r.incidents.map((i) => [i.date, i.time, i.durationMinutes])).toEqual([['2023-12-16', '15:36', 60]]);
    expect(r.problems).toEqual([{ text: '12/13压测超时', line: 15 }]);
    expect(r.help).toEqual([{ text: '12/22前申请机器', line: 17 }]);
    expect(r.other).toEqual([{ text: '招聘12/20面试', line: 19 }]);
    expect(r.notes).toEqual([{ text: '读完第5章，12/17讨论', line: 21 }]);
    expect(r.reflection).toBe('重要100倍，12/19想到');
    expect(r.nextWeek).toEqual([{ text: '年度绩效12/25（约2天）', line: 25, estimate: { value: 2, unit: 'day', text: '约2天' } }]);
    // the kinds shown as written keep their text
    expect(r.sections.filter((s) => s.text !== undefined).map((s) => s.id)).toEqual(['progress', 'problems', 'help', 'notes']);
    // every kind but notes and reflection has its dates read; prose has neither dates nor metrics
    expect(r.dates.map((d) => [d.text, d.section])).toEqual([
      ['12/18', 'highlights'],
      ['12/14', 'progress'],
      ['12/16', 'incidents'],
      ['12/13', 'problems'],
      ['12/22', 'help'],
      ['12/20', 'other'],
      ['12/25', 'next-week'],
    ]);
  });

  it('only a kind that repeats may stand twice, once per objective id', () => {
    const twice = (heading: string) => `# 第51周\n\nCreated: 2023年12月16日 08:02\n\n${heading}\n\n- a，开发中\n\n${heading}\n\n- b，开发中\n`;
    expect(lintText(twice('## O1 服务'), 'duplicate-section')).toEqual(['9:4: Unexpected second section `O1 服务`, expected each section once (first at line 5)']);
    expect(lintText(twice('## 其他'), 'duplicate-section')).toEqual(['9:4: Unexpected second section `其他`, expected each section once (first at line 5)']);
    expect(lintText(twice('## O1 服务').replace(/O1 服务(?![\s\S]*O1 服务)/, 'O2 服务'), 'duplicate-section')).toEqual([]);
    expect(SECTION_KINDS.filter((k) => k.repeats).map((k) => k.id)).toEqual(['objective']);
  });

  it('weekly new heads each kind with a heading, bracketed or not as the registry says', () => {
    expect(noteHeadings(null)).toEqual({
      highlights: '## 【重点工作】',
      progress: '## 本周工作',
      metrics: '## 【系统运行数据】',
      incidents: '## 【生产事件】',
      problems: '## 遇到的问题',
      help: '## 需要的支持',
      other: '## 【其他】',
      notes: '## 学习笔记',
      reflection: '## 收获与反思',
      nextWeek: '## 下周工作及目标',
    });
    const english = parseNote('# Week 5\n\n## Highlights\n\n- a\n\n## Plans\n\n- b\n', 'w.md');
    expect(noteHeadings(english)).toEqual({
      highlights: '## Highlights',
      progress: '## Progress',
      metrics: '## Metrics',
      incidents: '## Incidents',
      problems: '## Issues',
      help: '## Asks',
      other: '## Other',
      notes: '## Notes',
      reflection: '## Reflection',
      nextWeek: '## Plans',
    });
  });
});
