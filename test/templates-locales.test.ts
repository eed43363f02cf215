import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { exampleWorkspace, hashTree, read, REPO, weekly } from './build-helpers.js';
import { compileLocale, type LocaleStrings } from '../src/core/render/locale.js';
import { compileTemplates, TemplateError } from '../src/core/render/templates.js';
import { metricChart, timelineChart } from '../src/core/html/charts.js';
import { BUILTIN_DIR, localeNames } from '../src/io/templates.js';

// One template set for every locale; each locale is one YAML file of strings (templates/locales/<name>.yaml).

const LOCALES = path.join(REPO, 'templates', 'locales');
const EN = readFileSync(path.join(LOCALES, 'en.yaml'), 'utf8');
const ZH = readFileSync(path.join(LOCALES, 'zh.yaml'), 'utf8');
const en = (...more: string[]) => compileLocale('en', [{ text: EN, shown: 'en.yaml' }, ...more.map((text, i) => ({ text, shown: `more-${i}.yaml` }))]);
const zh = () => compileLocale('zh', [{ text: ZH, shown: 'zh.yaml' }]);

/** The TemplateError `f` throws. */
function templateError(f: () => unknown): TemplateError {
  try {
    f();
  } catch (err) {
    expect(err).toBeInstanceOf(TemplateError);
    return err as TemplateError;
  }
  throw new Error('expected a TemplateError');
}

describe('locale strings', () => {
  it('fill {names}, choose a kind by select and a plural form by count, layer a second file over the first', () => {
    const s = en('x:\n  of: "{n} of {m}"\nperiod:\n  title:\n    annual: "Year {period}"\n');
    expect(s.t('x.of', { n: 1, m: 2 })).toBe('1 of 2');
    expect(s.t('incidents.count', { count: 1 })).toBe('1 incident');
    expect(s.t('incidents.count', { count: 0 })).toBe('0 incidents');
    expect(s.t('incidents.count', { count: 2 })).toBe('2 incidents');
    // the second file replaced one kind and kept the others
    expect(s.t('period.title', { select: 'annual', period: '2024' })).toBe('Year 2024');
    expect(s.t('period.title', { select: 'monthly', period: 'May 2024' })).toBe('May 2024 monthly report');
    // a plain string serves every kind
    expect(s.t('points.span', { select: 'monthly', from: 'a', to: 'b' })).toBe(' (a → b)');
    expect(zh().t('incidents.count', { count: 1 })).toBe('共 1 起');
  });

  it('say which string is missing, which {name} has no value, and what to choose from', () => {
    const s = en();
    expect(() => s.t('no.such')).toThrow('no string `no.such` in the locale en (en.yaml)');
    expect(() => s.t('punct.fraction', { part: 1 })).toThrow('`punct.fraction` in the locale en (en.yaml) uses {whole}, which is not given');
    expect(() => s.t('period.title', { period: 'x' })).toThrow('`period.title` in the locale en (en.yaml) is not a string (choose one of its monthly, quarterly, annual with select= or count=)');
    expect(() => s.t('period.title', { select: 'weekly', period: 'x' })).toThrow('`period.title` in the locale en (en.yaml) has no `weekly`');
  });

  it('make week, month, quarter, year, date and duration labels from the format patterns', () => {
    const z = zh().labels;
    expect([z.week(2023, 51, false), z.week(2023, 53, true), z.month('2024-01'), z.monthTick('2024-03', false), z.quarter('2024-Q1', false), z.quarter('2024-Q1', true), z.year('2024', true)]).toEqual([
      '第51周',
      '2023年第53周',
      '2024年1月',
      '3月',
      '2024年Q1',
      '2024财年Q1',
      '2024财年',
    ]);
    expect([z.date('2023-12-06', false), z.date('2023-12-16', true), z.duration(45), z.duration(90), z.duration(125), z.cite('[第51周](a.md)'), z.stage('gray'), z.verdict('worse')]).toEqual([
      '12月6日',
      '2023年12月16日',
      '45分钟',
      '1.5小时',
      '2.1小时',
      '（[第51周](a.md)）',
      '灰度',
      '变差',
    ]);
    const e = en().labels;
    expect([e.week(2024, 3, false), e.week(2024, 3, true), e.month('2023-12'), e.monthTick('2023-12', true), e.quarter('2024-Q2', true), e.date('2023-12-06', true), e.duration(90), e.cite('[W51](a.md)'), e.authorWeek('zhang', 'W3')]).toEqual([
      'W3',
      '2024-W03',
      'December 2023',
      'Dec 2023',
      'FY2024 Q2',
      'Dec 6, 2023',
      '1.5 h',
      ' ([W51](a.md))',
      'zhang W3',
    ]);
    // a locale of its own: other patterns, another decimal mark
    const de = compileLocale('de', [{ text: `${EN.replace(/^lang: en$/m, 'lang: de')}`, shown: 'en.yaml' }, { text: "format:\n  date: '{day}. {monthName}'\n  hours: '{n} Std.'\n  decimal: ','\n  monthNames: [Januar, Februar, März, April, Mai, Juni, Juli, August, September, Oktober, November, Dezember]\n", shown: 'de.yaml' }]);
    expect([de.labels.date('2024-03-05', false), de.labels.duration(90), de.labels.number('99.95')]).toEqual(['5. März', '1,5 Std.', '99,95']);
  });

  it('are checked when loaded: a missing pattern, an unknown {name}, month names not listed, bad YAML, a bad language tag', () => {
    const e1 = templateError(() => en("format:\n  month: '{year}-{week}'\n"));
    expect([e1.file, e1.message]).toEqual(['more-0.yaml', '`format.month`: unexpected {week}, expected {year}, {month}, {mm}, {monthName}, {monthAbbr}']);
    const e2 = templateError(() => compileLocale('xx', [{ text: ZH.replace(/^ {2}dateWithYear: .*\n/m, ''), shown: 'xx.yaml' }]));
    expect(e2.message).toBe('`format.dateWithYear` missing: every locale needs it (see templates/locales/en.yaml)');
    const e3 = templateError(() => compileLocale('xx', [{ text: ZH.replace("date: '{month}月{day}日'", "date: '{monthAbbr} {day}'"), shown: 'xx.yaml' }]));
    expect(e3.message).toBe('`format.date` uses month names: `format.monthNames` and `format.monthAbbr` list them');
    const e4 = templateError(() => en('x: [a, b\n'));
    expect(e4.file).toBe('more-0.yaml');
    expect(e4.message).toMatch(/^not valid YAML: /);
    expect(e4.line).toBe(1);
    const e5 = templateError(() => en('lang: not a tag\n'));
    expect(e5.message).toBe('`lang`: "not a tag" is not a language tag such as "zh-CN" or "en"');
    const e6 = templateError(() => en('html:\n  home: 3\n'));
    expect(e6.message).toBe('`html.home`: expected a string, a list of strings or a mapping (quote numbers and yes/no: "3")');
  });
});

describe('templates with the t helper', () => {
  const render = (text: string, data: unknown, s: LocaleStrings = zh()) => compileTemplates([{ name: 'index', shown: 'tpl/index.md.hbs', text }], [], s).render('index', data);

  it('fill strings from the locale, and {body} from a block that loops over data of the page', () => {
    expect(render('{{t "punct.fraction" part=n whole=m}}', { n: 3, m: 4 })).toBe('（3/4）');
    expect(render('{{t "punct.fraction" part=n whole=m}}', { n: 3, m: 4 }, en())).toBe(' (3/4)');
    // `../` inside the block reaches the page, as it does outside
    const text = '{{#t "sources.missing"}}{{#each missing}}{{../who}}:{{join weeks}}{{#unless @last}}{{t "punct.semicolon"}}{{/unless}}{{/each}}{{/t}}';
    const data = { who: 'li', missing: [{ weeks: ['第3周', '第4周'] }, { weeks: ['第9周'] }] };
    expect(render(text, data)).toBe('缺少周报：li:第3周、第4周；li:第9周。');
    expect(render(text, data, en())).toBe('No note for: li:第3周, 第4周; li:第9周.');
  });

  it('check a key written in a template when it is compiled, naming the file and line', () => {
    const e = templateError(() => render('# x\n\n{{#if a}}{{t "period.titel" select=kind}}{{/if}}\n', {}));
    expect([e.file, e.line, e.message]).toEqual(['tpl/index.md.hbs', 3, 'no string `period.titel` in the locale zh (zh.yaml)']);
  });
});

describe('the HTML charts', () => {
  it('keep a work item’s own punctuation in an English tooltip', () => {
    const weeks = [{ key: '2024-01-01', label: 'W1', title: '2024-W01' }];
    const svg = timelineChart({ weeks, groups: [{ label: 'O1', items: [{ name: '支付：路由', start: '2024-01-01', end: '2024-01-01', before: false, done: null, status: '灰度，待验证', firstSeen: '2024-W01' }] }] }, en(), 'tl');
    expect(svg).toContain('<title>支付：路由: 灰度，待验证, since 2024-W01, open</title>');
    expect(svg).toContain('<title id="tl-t">1 work items</title>');
  });

  it('write a metric point’s tooltip with the locale’s colon', () => {
    const weeks = [{ key: '2024-01-01', label: 'W1', title: '2024-W01' }];
    const data = { name: '入金有效成功率', unit: '%', target: null, weeks, series: [{ author: 'li', points: [{ week: '2024-01-01', value: 99.9, text: '99.900%', met: null }] }], attainment: null };
    expect(metricChart(data, en(), 'm1')).toContain('<title>li · 2024-W01: 99.900%</title>');
    expect(metricChart(data, zh(), 'm1')).toContain('<title>li · 2024-W01：99.900%</title>');
  });
});

describe('locales in a build', () => {
  it('lists the locales as the files of templates/locales/, and a template folder’s locales/ adds its own', async () => {
    const files = readdirSync(path.join(BUILTIN_DIR, 'locales')).filter((f) => f.endsWith('.yaml')).map((f) => f.slice(0, -5)).sort();
    expect(localeNames()).toEqual(files);
    expect(files).toEqual(['en', 'zh']);
    const ws = await exampleWorkspace();
    await fs.mkdir(path.join(ws, 'tpl/locales'), { recursive: true });
    await fs.writeFile(path.join(ws, 'tpl/locales/ja.yaml'), 'lang: ja\n');
    await fs.writeFile(path.join(ws, 'tpl/locales/Not a locale.yaml'), 'lang: ja\n');
    expect(localeNames('tpl', ws)).toEqual(['en', 'ja', 'zh']);
  });

  it('renders in a locale that is one YAML file in the template folder, named by build.locale', async () => {
    const ws = await exampleWorkspace();
    await fs.mkdir(path.join(ws, 'tpl/locales'), { recursive: true });
    const ja = EN.replace(/^lang: en$/m, 'lang: ja')
      .replace("month: '{monthName} {year}'", "month: '{year}年{month}月'")
      .replace('title: Weekly notes', 'title: 週報まとめ')
      .replace("monthly: '{period} monthly report'", "monthly: '{period}の月報'")
      .replace('home: Weekly reports', 'home: 週報');
    await fs.writeFile(path.join(ws, 'tpl/locales/ja.yaml'), ja);
    await fs.writeFile(path.join(ws, 'weekly.config.yaml'), 'build:\n  locale: ja\n  templates: tpl\n  format: both\n');
    const r = await weekly(ws, 'build', 'examples/notes', '--quiet');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect((await read(path.join(ws, 'dist/index.md'))).split('\n').slice(0, 3)).toEqual(['# 週報まとめ', '', '17 notes, 2023-W45 to 2024-W08 (Oct 30, 2023 – Feb 25, 2024).']);
    const dec = (await read(path.join(ws, 'dist/monthly/2023-12.md'))).split('\n');
    expect(dec[0]).toBe('# 2023年12月の月報');
    expect(dec[4]).toBe('[Index](../index.md) · Previous month: [2023年11月](2023-11.md) · Next month: [2024年1月](2024-01.md)');
    // the HTML pages take their language and words from the same file
    const html = await read(path.join(ws, 'dist/html/monthly/2023-12.html'));
    expect(html).toContain('<html lang="ja">');
    expect(html).toContain('<title>2023年12月の月報</title>');
    expect(html).toContain('<a class="brand" href="../index.html">週報</a>');
  });

  it('takes a template folder’s locales/zh.yaml over the built-in strings, one string at a time', async () => {
    const ws = await exampleWorkspace();
    await fs.mkdir(path.join(ws, 'tpl/locales'), { recursive: true });
    await fs.writeFile(path.join(ws, 'tpl/locales/zh.yaml'), 'index:\n  title: 周报总览\nformat:\n  cite: 〔{links}〕\n');
    expect((await weekly(ws, 'build', 'examples/notes', '--out', 'a', '--quiet')).code).toBe(0);
    expect((await weekly(ws, 'build', 'examples/notes', '--out', 'b', '--quiet', '--templates', 'tpl')).code).toBe(0);
    const a = await hashTree(path.join(ws, 'a'));
    const b = await hashTree(path.join(ws, 'b'));
    // the data files do not change; every page does (citations), and only as the two strings say
    const changed = Object.keys(a).filter((k) => a[k] !== b[k] && k !== '.weekly-manifest.json');
    // the 述职 drafts' Word documents carry the citations too
    expect(changed).toEqual(Object.keys(a).filter((k) => k.endsWith('.md') || k.endsWith('.docx')));
    for (const k of changed.filter((x) => x.endsWith('.md'))) {
      const before = await read(path.join(ws, 'a', k));
      const after = await read(path.join(ws, 'b', k));
      // citations are reference-style links: `〔[第51周][w51-25]〕`
      expect(after.replace('# 周报总览', '# 周报汇总').replace(/〔(\[[^\]]*\]\[[^\]]*\](?:、\[[^\]]*\]\[[^\]]*\])*)〕/g, '（$1）'), k).toBe(before);
    }
  });

  it('exits 2 on a locale that has no file, naming the locales there are, and writes nothing', async () => {
    const ws = await exampleWorkspace();
    await fs.writeFile(path.join(ws, 'weekly.config.yaml'), 'build:\n  locale: ja\n');
    const r = await weekly(ws, 'build', 'examples/notes', '--quiet');
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('weekly build: template templates/locales (built-in): no locale `ja`: the locales are en, zh (one <name>.yaml file each in templates/locales/)\n');
    expect(existsSync(path.join(ws, 'dist'))).toBe(false);
  });

  it('exits 2 before writing anything on a misspelt key or a locale file that is not YAML, naming the file and line', async () => {
    const ws = await exampleWorkspace();
    await fs.mkdir(path.join(ws, 'tpl/locales'), { recursive: true });
    await fs.writeFile(path.join(ws, 'tpl/monthly.md.hbs'), '# {{period.label}}\n\n{{t "period.titel" select=kind}}\n');
    const r = await weekly(ws, 'build', 'examples/notes', '--templates', 'tpl', '--quiet');
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('weekly build: template tpl/monthly.md.hbs:3: no string `period.titel` in the locale zh (templates/locales/zh.yaml (built-in))\n');
    await fs.rm(path.join(ws, 'tpl/monthly.md.hbs'));
    await fs.writeFile(path.join(ws, 'tpl/locales/zh.yaml'), 'index:\n  title: "unclosed\n');
    const y = await weekly(ws, 'build', 'examples/notes', '--templates', 'tpl', '--quiet');
    expect(y.code).toBe(2);
    expect(y.stderr).toMatch(/^weekly build: template tpl\/locales\/zh\.yaml:2: not valid YAML: [^\n]+\n$/);
    expect(existsSync(path.join(ws, 'dist'))).toBe(false);
  });

  it('shares one body between the quarterly and the annual summary', async () => {
    const ws = await exampleWorkspace();
    await fs.mkdir(path.join(ws, 'tpl/partials'), { recursive: true });
    await fs.writeFile(path.join(ws, 'tpl/partials/period-body.md.hbs'), '## body of {{kind}}: {{len highlightGroups}} groups\n');
    expect((await weekly(ws, 'build', 'examples/notes', '--templates', 'tpl', '--quiet')).code).toBe(0);
    // the body is the last part of the page, before the definitions of the citations in its head
    const lastPart = (text: string) => text.split('\n').filter((l) => l && !/^\[[^\]]+\]: /.test(l)).pop();
    expect(lastPart(await read(path.join(ws, 'dist/quarterly/2024-Q1.md')))).toBe('## body of quarterly: 2 groups');
    expect(lastPart(await read(path.join(ws, 'dist/annual/2023.md')))).toBe('## body of annual: 1 groups');
    expect(await read(path.join(ws, 'dist/monthly/2023-12.md'))).toContain('\n## 六、收获与反思\n');
  });
});

describe('weekly templates eject', () => {
  it('copies the one set with its locale files, which build in each locale exactly as the built-ins do', async () => {
    const ws = await exampleWorkspace();
    const e = await weekly(ws, 'templates', 'eject', 'mine');
    expect(e.code).toBe(0);
    const files = Object.keys(await hashTree(path.join(ws, 'mine')));
    expect(files).toEqual([
      'annual.md.hbs',
      'index.md.hbs',
      'locales/en.yaml',
      'locales/zh.yaml',
      'monthly.md.hbs',
      'note.md.hbs',
      'partials/gaps.md.hbs',
      'partials/highlights.md.hbs',
      'partials/incidents.md.hbs',
      'partials/metric-table.md.hbs',
      'partials/period-body.md.hbs',
      'partials/period-head.md.hbs',
      'partials/plans.md.hbs',
      'partials/points.md.hbs',
      'partials/review-item.md.hbs',
      'partials/sources.md.hbs',
      'partials/submissions.md.hbs',
      'partials/work-items.md.hbs',
      'quarterly.md.hbs',
      'review.md.hbs',
      'series.md.hbs',
      'team-index.md.hbs',
      'team-period.md.hbs',
    ]);
    expect(e.stdout).toBe('weekly templates eject: copied 23 templates and locale files to mine; edit them and build with `weekly build --templates mine`\n');
    for (const locale of ['zh', 'en']) {
      expect((await weekly(ws, 'build', 'examples/notes', '--out', `a-${locale}`, '--locale', locale, '--format', 'both', '--quiet')).code).toBe(0);
      expect((await weekly(ws, 'build', 'examples/notes', '--out', `b-${locale}`, '--locale', locale, '--format', 'both', '--quiet', '--templates', 'mine')).code).toBe(0);
      expect(await hashTree(path.join(ws, `b-${locale}`))).toEqual(await hashTree(path.join(ws, `a-${locale}`)));
    }
    // an edited locale file is read
    const enFile = path.join(ws, 'mine/locales/en.yaml');
    await fs.writeFile(enFile, (await read(enFile)).replace('  index: Index\n', '  index: Contents\n'));
    expect((await weekly(ws, 'build', 'examples/notes', '--out', 'c', '--locale', 'en', '--quiet', '--templates', 'mine')).code).toBe(0);
    expect((await read(path.join(ws, 'c/monthly/2023-12.md'))).split('\n')[4]).toBe('[Contents](../index.md) · Previous month: [November 2023](2023-11.md) · Next month: [January 2024](2024-01.md)');
  });

  it('warns that a template folder’s en/ of the earlier layout is not read', async () => {
    const ws = await exampleWorkspace();
    await fs.mkdir(path.join(ws, 'tpl/en'), { recursive: true });
    await fs.writeFile(path.join(ws, 'tpl/en/monthly.md.hbs'), '# {{title}}\n');
    const r = await weekly(ws, 'build', 'examples/notes', '--templates', 'tpl', '--locale', 'en', '--quiet');
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('weekly build: tpl/en: not read: the templates are one set for every locale, their words in locales/<locale>.yaml (weekly templates eject shows the layout)\n');
    expect((await read(path.join(ws, 'dist/monthly/2023-12.md'))).split('\n')[0]).toBe('# December 2023 monthly report');
  });
});
