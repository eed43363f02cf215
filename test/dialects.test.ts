/**
 * The dialect corpus (test/fixtures/dialects/<series>/, one folder per way of writing a weekly note, written for
 * the project from the shapes of ../shared/docs/DIALECTS.md), read value by value: each note's week and date with
 * where they came from and how sure they are, the kind of each heading, items, metrics and plans; default lint on
 * each series, what `weekly init` writes for it, and what `weekly build` makes of it. `expected.json` beside the
 * series holds the per-note values `bench/dialects-check.mjs` measures too.
 */
import { mkdtempSync, readFileSync, readdirSync, cpSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { noteWeekKey } from '../src/core/aggregate/weeks.js';
import { validateConfig, type Config } from '../src/core/config.js';
import { lintReports } from '../src/core/lint/index.js';
import type { Report } from '../src/core/model.js';
import { notNoteReason, unknownHeadings, unknownHeadingsLine } from '../src/core/parse/index.js';
import { configYaml, learnDialect } from '../src/core/scaffold.js';
import { NAMED_KINDS } from '../src/core/sections.js';
import { HEADING_HEADS_EN, HEADING_HEADS_ZH } from '../src/core/vocabulary.js';
import { cli } from './everyday-helpers.js';
import { readSeries } from './dialects-helpers.js';

const ROOT = new URL('./fixtures/dialects/', import.meta.url);
interface Expected {
  week: string | null;
  date: string | null;
  relative?: number;
  headings: Record<string, string>;
  projects?: string[];
}
const EXPECTED = JSON.parse(readFileSync(new URL('expected.json', ROOT), 'utf8')) as { series: Record<string, { cadence: string; notes: Record<string, Expected>; skip?: string[] }> };
const SERIES = Object.keys(EXPECTED.series);

/** Every note of a series (paths inside its folder), parsed and settled as the loader does, under `config`. */
const read = (series: string, config: Config = {}): Report[] => readSeries(new URL(`${encodeURI(series)}/`, ROOT), config);

const byFile = (reports: Report[], file: string) => reports.find((r) => r.file === file)!;

/** Errors lint reports on a series' notes, skipping files that are no notes (as `weekly lint` does). */
function errors(reports: Report[], config: Config = {}): string[] {
  const notes = reports.filter((r) => !notNoteReason(r));
  return lintReports(notes, config, { root: '.' }).flatMap((r) => r.messages.filter((m) => m.severity === 'error').map((m) => `${r.filePath}:${m.line} ${m.ruleId}: ${m.message}`));
}

describe.each(SERIES)('%s', (series) => {
  const spec = EXPECTED.series[series];
  const reports = read(series);

  it('gives each note the week (its Monday), date and relative week expected', () => {
    for (const [file, want] of Object.entries(spec.notes)) {
      const r = byFile(reports, file);
      expect({ file, week: noteWeekKey(r), date: r.created?.slice(0, 10) ?? null, relative: r.relativeWeek }).toEqual({ file, week: want.week, date: want.date, relative: want.relative });
    }
  });

  it('gives each heading the kind expected, and finds the projects', () => {
    for (const [file, want] of Object.entries(spec.notes)) {
      const r = byFile(reports, file);
      expect(Object.fromEntries(r.sections.map((s) => [s.title, s.id]))).toEqual(want.headings);
      expect(r.workItems.filter((w) => w.project).map((w) => w.name)).toEqual(want.projects ?? []);
    }
  });

  it('skips what is no weekly note, and nothing else', () => {
    expect(reports.filter((r) => notNoteReason(r)).map((r) => r.file).sort()).toEqual((spec.skip ?? []).slice().sort());
  });

  it('default lint reports no error', () => {
    expect(errors(reports)).toEqual([]);
  });

  it('weekly init writes a config that states the dialect, under which lint is clean', () => {
    const text = configYaml({ notes: '.', dialect: learnDialect(reports) });
    const v = validateConfig(parseYaml(text));
    expect(v.ok ? [] : v.problems).toEqual([]);
    const config = (v as { config: Config }).config;
    expect(config.cadence).toBe(spec.cadence);
    expect(errors(read(series, config), config)).toEqual([]);
  });
});

describe('where each week and date came from, and how sure it is', () => {
  /** weekSource, weekConfidence, dateSource, dateConfidence of a note, `-` where omitted. */
  const sources = (r: Report) => [r.weekSource, r.weekConfidence ?? '-', r.dateSource ?? '-', r.dateConfidence ?? '-'].join(' ');
  const table: [string, string, string][] = [
    ['zh-dated-numbered', '2024-03-08.md', 'file - file -'],
    ['zh-yymmdd', 'report-240304.md', 'title - title -'],
    // a week of a term with no date anywhere: numbered, placed nowhere in the calendar
    ['zh-relative-term', 'reports/week6.md', 'title - - -'],
    // 03/08/2024 could be 3 August: the file name status-240308.md settles it
    ['en-status-us', 'status-240308.md', 'property - - -'],
    ['zh-biweekly-frontmatter', '2024-09-02-platform-biweekly.md', 'frontmatter - - -'],
    ['en-notion-export', 'Team Space/Weekly Report 0a1b2c3d4e5f60718293a4b5c6d7e8f9.md', 'property - - -'],
    // W11 takes its year from the title's range, W12 from a range without a year (its folder's 2024)
    ['zh-ranges-yearfolder', 'weekly/2024/W11.md', 'file - - -'],
    ['zh-ranges-yearfolder', 'weekly/2024/W12.md', 'file inferred - -'],
    ['zh-ranges-yearfolder', 'weekly/2024/W14.md', 'title - - -'],
    ['zh-plain-text', '第三周周报告.md', 'property - - -'],
    ['en-obsidian-week', '2024-W12.md', 'frontmatter - - -'],
    ['zh-numbered-projects', '2024/第12周.md', 'title inferred - -'],
    // 05/11/2018 and 12/11/2018 read day first because 19/11/2018 in the same series can only be
    ['en-ambiguous-dmy', 'update-1.md', 'property inferred - inferred'],
    ['en-ambiguous-dmy', 'update-3.md', 'property - - -'],
    ['zh-folder-weeks', 'alice/week7/周报.md', 'folder - - -'],
    ['en-week-of', 'team-weekly-01.md', 'title - title -'],
  ];
  it.each(table)('%s %s', (series, file, want) => {
    expect(sources(byFile(read(series), file))).toBe(want);
  });

  it('lists every place a week or date was found, and says nothing more for the reference way', () => {
    const r = byFile(read('zh-ranges-yearfolder'), 'weekly/2024/W12.md');
    expect(r.when).toEqual([
      { source: 'title', text: '03.18-03.22', line: 1, week: null, date: '2024-03-18', end: '2024-03-22', yearless: true },
      { source: 'file', text: 'W12', line: null, week: { year: null, number: 12 }, date: null },
    ]);
    const dmy = byFile(read('en-ambiguous-dmy'), 'update-1.md');
    expect(dmy.when).toEqual([{ source: 'property', text: '05/11/2018', line: 3, week: null, date: '2018-11-05', order: 'dmy', alternative: '2018-05-11' }]);
    expect(byFile(read('en-obsidian-week'), '2024-W12.md').when).toBeUndefined();
  });

  it('reads every date the other way round when the config says so, and the series no longer guesses', () => {
    const r = read('en-ambiguous-dmy', { dateOrder: 'mdy' });
    expect(r.map((n) => n.created)).toEqual(['2018-05-11', '2018-12-11', '2018-11-19', '2018-11-26']);
  });

  it('places a relative week in the calendar when the config gives week 1', () => {
    const r = read('zh-relative-term', { weekOne: '2024-02-26' });
    expect(r.map((n) => [n.relativeWeek, noteWeekKey(n), n.weekSource, n.weekConfidence])).toEqual([
      [6, '2024-04-01', 'config', 'inferred'],
      [7, '2024-04-08', 'config', 'inferred'],
      [8, '2024-04-15', 'config', 'inferred'],
      [9, '2024-04-22', 'config', 'inferred'],
    ]);
  });

  it('reads English notes as English', () => {
    expect(read('en-status-us').every((r) => r.language === 'en')).toBe(true);
    expect(read('zh-yymmdd').every((r) => r.language === undefined)).toBe(true);
  });
});

describe('items, metrics and plans, value by value', () => {
  it('numbered headings, problems and plan estimates (zh-dated-numbered)', () => {
    const r = byFile(read('zh-dated-numbered'), '2024-03-08.md');
    expect(r.progress).toEqual([
      { text: '网关限流改造完成灰度，覆盖 30% 流量', line: 5 },
      { text: '对账任务迁移到新调度平台', line: 6 },
      { text: '清理了三个废弃的定时任务', line: 7 },
    ]);
    expect(r.problems).toEqual([{ text: '灰度期间 P99 延迟上升 12ms，已定位为连接池配置', line: 11 }]);
    expect(r.nextWeek).toEqual([
      { text: '限流全量（约2天）', line: 15, estimate: { value: 2, unit: 'day', text: '约2天' } },
      { text: '调度平台压测（约3天）', line: 16, estimate: { value: 3, unit: 'day', text: '约3天' } },
    ]);
    // a heading of no kind keeps its text
    const book = byFile(read('zh-dated-numbered'), '2024-03-15.md').sections.find((s) => s.id === 'unknown')!;
    expect([book.title, book.text]).toEqual(['四、读书分享', '- 读完《数据密集型应用系统设计》第五章，复制与分区的取舍讲得很清楚']);
  });

  it('every value column of a metric table, and a misspelt heading read as its section (zh-yymmdd)', () => {
    const r = byFile(read('zh-yymmdd'), 'report-240311.md');
    expect(r.sections[1]).toMatchObject({ id: 'metrics', title: '【系统运行数剧】', near: '系统运行数据' });
    expect(r.metrics.map((m) => [m.name, m.value, m.unit, m.others!.map((o) => [o.label, o.role, o.value, o.unit])])).toEqual([
      ['接口成功率', 99.97, '%', [['上周', 'previous', 99.95, '%'], ['目标', 'target', 99.9, '%']]],
      ['P99延迟', 176, 'ms', [['上周', 'previous', 182, 'ms'], ['目标', 'target', 200, 'ms']]],
      ['告警数', 9, '个', [['上周', 'previous', 12, '个'], ['目标', 'target', 10, '个']]],
    ]);
  });

  it('projects as work items, checklists as status, a project with no update (zh-relative-term)', () => {
    const notes = read('zh-relative-term');
    const w7 = byFile(notes, 'reports/week7.md');
    expect(w7.progress).toEqual([
      { text: '广播', line: 7, project: 'UDP 适配', done: true },
      { text: '测试用例全部通过', line: 8, project: 'UDP 适配' },
      { text: '完成三次握手与四次挥手', line: 12, project: 'TCP 协议栈' },
      { text: '超时重传', line: 13, project: 'TCP 协议栈', done: false },
    ]);
    expect(w7.workItems.map((w) => [w.name, w.status, w.stage, w.line])).toEqual([
      ['UDP 适配', '[x]', 'done', 5],
      ['TCP 协议栈', null, null, 10],
    ]);
    // `### 文档` with 本周暂无更新: the project is there, with nothing to report
    const w8 = byFile(notes, 'reports/week8.md');
    expect(w8.workItems.map((w) => [w.name, w.stage])).toEqual([
      ['TCP 协议栈', 'done'],
      ['文档', null],
    ]);
    expect(w8.progress!.some((i) => i.project === '文档')).toBe(false);
  });

  it('an English status report: a no-update section, table columns, estimates (en-status-us)', () => {
    const r = byFile(read('en-status-us'), 'status-240322.md');
    expect(r.sections[0]).toMatchObject({ id: 'problems', title: 'Progress and Issues', noUpdate: true });
    expect(r.problems).toEqual([]);
    expect(r.metrics.map((m) => [m.name, m.value, m.unit, m.others!.map((o) => `${o.role} ${o.value}`)])).toEqual([
      ['Availability', 99.98, '%', ['previous 99.97', 'target 99.9']],
      ['p99 latency', 165, 'ms', ['previous 168', 'target 200']],
    ]);
    expect(r.nextWeek.map((i) => i.estimate ?? null)).toEqual([{ value: 1, unit: 'day', text: '~1 day' }, null]);
  });

  it('a side-by-side table as two lists, grouping bullets as projects (zh-biweekly-frontmatter)', () => {
    const r = byFile(read('zh-biweekly-frontmatter'), '2024-09-16-platform-biweekly.md');
    expect(r.metrics.map((m) => [m.name, m.value, m.line])).toEqual([
      ['perlbench', 37.8, 18],
      ['gcc', 41.2, 19],
      ['bwaves', 66.1, 18],
      ['milc', 40.3, 19],
    ]);
    expect(r.progress).toEqual([
      { text: '修复分支预测器的一处时序问题 ([#3492](https://example.org/pr/3492))', line: 10, project: '前端' },
      { text: '新增预取器开关', line: 12, project: '访存' },
    ]);
    expect(r.help).toEqual([{ text: '申请两台 FPGA 开发板做预取器验证', line: 23 }]);
  });

  it('plain-text headings and a date line in a note without Markdown (zh-plain-text)', () => {
    const r = byFile(read('zh-plain-text'), '第三周周报告.md');
    expect([r.title, r.titleLine, r.properties['日期']]).toEqual(['第三周周报告', 1, '2024年3月15日']);
    expect(r.sections.map((s) => [s.title, s.style])).toEqual([
      ['1.本周完成的工作', 'plain'],
      ['2.遇到难题及解决方法', 'plain'],
      ['3.学习笔记', 'plain'],
      ['4.下周学习计划', 'plain'],
    ]);
    expect(r.notes).toEqual([{ text: 'HNSW 的 efConstruction 越大建索引越慢，但召回越高', line: 12 }]);
  });

  it('benchmark figures in prose, checklists in plans (en-obsidian-week)', () => {
    const r = byFile(read('en-obsidian-week'), '2024-W12.md');
    expect(r.metrics.map((m) => [m.name, m.value, m.unit])).toEqual([
      ['Requests per second', 5186.12, null],
      ['p99 latency', 182, 'ms'],
      ['Cache hit rate', 97.34, '%'],
    ]);
    expect(r.progress!.map((i) => [i.text, i.done])).toEqual([
      ['Connection pool sizing for the gateway', true],
      ['Dashboard for queue depth', true],
      ['Retry budget for the payment client', false],
    ]);
    expect(r.nextWeek[0]).toEqual({ text: 'Retry budget for the payment client (~2 days)', line: 31, done: false, estimate: { value: 2, unit: 'day', text: '~2 days' } });
  });

  it('incidents, and counts with thousands separators (en-week-of)', () => {
    const r = byFile(read('en-week-of'), 'team-weekly-01.md');
    expect(r.incidents.map((i) => [i.date, i.time, i.durationMinutes, i.summary])).toEqual([['2024-03-12', '02:15', 35, 'Login service down after a bad deploy, rolled back']]);
    expect(r.metrics.map((m) => [m.name, m.value, m.unit])).toEqual([
      ['Signups', 1240, null],
      ['Activation rate', 41.5, '%'],
    ]);
  });

  it('"nothing" lines are no problems (en-ambiguous-dmy)', () => {
    const r = byFile(read('en-ambiguous-dmy'), 'update-3.md');
    expect(r.problems).toEqual([]);
    expect(r.sections.find((s) => s.id === 'problems')!.noUpdate).toBe(true);
  });
});

describe('docs/reading.md', () => {
  it('lists every name and head word of every kind, as the vocabulary has them', () => {
    const doc = readFileSync(new URL('../docs/reading.md', import.meta.url), 'utf8');
    for (const k of NAMED_KINDS) {
      const row = doc.split('\n').find((l) => l.includes(`(\`${k.id}\`) |`));
      expect(row, k.id).toBeDefined();
      const cells = row!.split(' | ').map((c) => c.split(', ').map((w) => w.trim()));
      expect(cells[1], k.id).toEqual([...k.names.zh]);
      expect(cells[2], k.id).toEqual([...k.names.en]);
      expect(cells[3].filter((w) => w !== '–'), k.id).toEqual([...(HEADING_HEADS_ZH[k.id] ?? [])]);
      expect(cells[4].map((w) => w.replace(/ \|$/, '')).filter((w) => w !== '–'), k.id).toEqual([...(HEADING_HEADS_EN[k.id] ?? [])]);
    }
  });
});

describe('headings of no known kind', () => {
  it('are counted over the notes, numbering removed, files that are no notes left out, for the line build ends with', () => {
    const all = SERIES.flatMap((series) => read(series));
    const list = unknownHeadings(all);
    // README.md's `## 写法` and the Notion pages' `## Agenda` are in files that are no notes
    expect(list).toEqual([{ title: '读书分享', count: 1 }]);
    expect(unknownHeadingsLine(list)).toBe('headings of no known kind, kept as written: 读书分享 ×1: add aliases in weekly.config.yaml');
    expect(unknownHeadingsLine([])).toBeNull();
  });
});

describe('weekly build on English notes with no highlights section (en-week-of)', () => {
  it('writes English summaries, and the work of the month as its notes report it where the highlights would be', async () => {
    const d = mkdtempSync(path.join(tmpdir(), 'weekly-dialect-en-'));
    cpSync(new URL('en-week-of/', ROOT), path.join(d, 'notes'), { recursive: true });
    expect((await cli(d, ['build', 'notes', '--out', 'dist'])).code).toBe(0);
    const march = readFileSync(path.join(d, 'dist/monthly/2024-03.md'), 'utf8');
    expect(march.split('\n')[0]).toBe('# March 2024 monthly report');
    const highlights = march.split('## 1. Highlights\n\n')[1].split('\n## ')[0];
    expect(highlights.split('\n').slice(0, 3)).toEqual([
      'The notes of this month have no highlights; this is the work they report week by week:',
      '',
      // cut before a word, not inside one
      '- Launched the referral program in two… ([W11][w11-3])',
    ]);
    // shown once: not again among the other content of the notes
    expect(march).not.toContain('### This week');
    // English plans are matched word by word: `Referral program in the remaining regions` is followed up by
    // `Referral program live everywhere` the next week (each of the month's four plans is)
    expect(march).toContain('Plans followed up: 100% (4/4), judged by whether the next note mentions them.');
    // an English rate of a known better direction (activation) is tabled and pointed out
    expect(march).toContain('| Activation rate | 41.5%→43.0% | 42.2% |');
    expect(march).toContain('- Activation rate: 42.2% this month (41.5% → 43.0%) ([W13][w13-15])');
    // a month whose metrics none is tabled names them, rather than say there are none
    const april = readFileSync(path.join(d, 'dist/monthly/2024-04.md'), 'utf8');
    expect(april).toContain('\n2 metrics were reported (Signups, Activation rate); none missed a target or had an unreadable value.');
    expect(april).not.toContain("No metrics in this period's notes.");
    // a section with nothing to list says so (`or` of empty lists is false, as `{{#if}}` has it)
    expect(march).toContain('## 3. Work items\n\nNo work item completed, slipped or went silent.\n');
    // the year and the 述职 draft point to the months rather than say there is no work
    for (const page of ['annual/2024.md', 'review/2024.md']) {
      const text = readFileSync(path.join(d, 'dist', page), 'utf8');
      expect(text).toContain('\nThe notes of this year have no highlights section; their week-by-week work is on the month pages.\n');
      expect(text, page).toContain('| Activation rate | 41.5%');
    }
    // --locale still decides
    expect((await cli(d, ['build', 'notes', '--out', 'zh', '--locale', 'zh'])).code).toBe(0);
    expect(readFileSync(path.join(d, 'zh/monthly/2024-03.md'), 'utf8').split('\n')[0]).toBe('# 2024年3月月报');
  });
});

describe('weekly build on each series', () => {
  // the text of every section the summaries show as written must reach them (not how they lay it out)
  const SHOWN = new Set(['progress', 'problems', 'help', 'notes', 'unknown']);
  it.each(SERIES)('%s: exits 0 and its summaries hold every section it shows as written', async (series) => {
    const d = mkdtempSync(path.join(tmpdir(), 'weekly-dialect-build-'));
    cpSync(new URL(`${encodeURI(series)}/`, ROOT), path.join(d, 'notes'), { recursive: true });
    const r = await cli(d, ['build', 'notes', '--out', 'dist']);
    expect(r.code, r.stderr).toBe(0);
    const pages: string[] = [];
    const walk = (dir: string) => {
      for (const e of readdirSync(dir, { withFileTypes: true })) {
        if (e.isDirectory()) walk(path.join(dir, e.name));
        else if (e.name.endsWith('.md')) pages.push(readFileSync(path.join(dir, e.name), 'utf8'));
      }
    };
    walk(path.join(d, 'dist'));
    // the pages' text as a reader sees it: Markdown's backslash escapes (`send\\_to`) read as their character
    const all = pages.join('\n').replace(/\\([\\`*_{}[\]<>|~#+-])/g, '$1');
    const missing: string[] = [];
    for (const rep of read(series)) {
      if (notNoteReason(rep)) continue;
      for (const s of rep.sections) {
        if (!SHOWN.has(s.id) || !s.text || s.noUpdate) continue;
        for (const line of s.text.split('\n')) {
          const words = line.replace(/^(?:[-*+]|\d+[.)])\s+(?:\[[ xX]\]\s+)?/, '').replace(/^#+\s+/, '').trim();
          if (words.length >= 4 && !all.includes(words.slice(0, 24))) missing.push(`${rep.file}: ${words}`);
        }
      }
    }
    expect(missing).toEqual([]);
  }, 120_000);
});
