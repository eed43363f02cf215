import { promises as fs } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { exampleWorkspace, genNotes, hashTree, read, tempDir, weekly } from './build-helpers.js';

const EXPECTED_FILES = [
  '.weekly-manifest.json',
  'annual/2023.md',
  'annual/2024.md',
  'data/metrics.csv',
  'data/report.json',
  'index.md',
  'monthly/2023-11.md',
  'monthly/2023-12.md',
  'monthly/2024-01.md',
  'monthly/2024-02.md',
  'quarterly/2023-Q4.md',
  'quarterly/2024-Q1.md',
  'review/2023.docx',
  'review/2023.md',
  'review/2024.docx',
  'review/2024.md',
];

describe('weekly build examples/notes', () => {
  let ws: string;
  let out: string;
  let result: Awaited<ReturnType<typeof weekly>>;
  beforeAll(async () => {
    ws = await exampleWorkspace();
    result = await weekly(ws, 'build', 'examples/notes');
    out = path.join(ws, 'dist');
  });

  it('writes every output and exits 0', async () => {
    expect(result.code).toBe(0);
    expect(result.stdout).toBe('weekly build: 17 notes → dist: 15 written, 0 unchanged\n');
    expect(Object.keys(await hashTree(out))).toEqual(EXPECTED_FILES);
  });

  it('completes 商户巡检 in 2023 第52周, citing the note line', async () => {
    const dec = await read(path.join(out, 'monthly/2023-12.md'));
    // cited by reference: the link's target is defined once, at the end of the page
    expect(dec).toContain('  - 商户巡检：上线完成（[第52周][w52-49]）');
    expect(dec).toContain('\n[w52-49]: ../../examples/notes/2023/第52周.md#L49\n');
    const review = await read(path.join(out, 'review/2023.md'));
    expect(review).toContain('  - **商户巡检**：第45周起（设计评估中），第52周上线完成（[第52周][w52-49]）');
  });

  it('finds 金融加密机对接 planned for 1/18 in 2024 第2周 slipping to 1/25 in 第3周', async () => {
    const jan = await read(path.join(out, 'monthly/2024-01.md'));
    expect(jan).toContain('- 金融加密机对接上线推迟 7 天：1月18日→1月25日（[第2周][w2-46]、[第3周][w3-39]）');
    expect(jan).toContain('\n[w2-46]: ../../examples/notes/2024/第2周.md#L46\n');
    // report.json: facts point to a note of the index (`n`) and a line, instead of repeating the path
    const json = JSON.parse(await read(path.join(out, 'data/report.json')));
    const item = json.authors[''].workItems.find((t: { name: string }) => t.name === '金融加密机对接');
    const n = (file: string) => json.notes.findIndex((x: { file: string }) => x.file === file);
    expect(item.slips).toEqual([
      {
        milestone: '上线',
        from: { n: n('examples/notes/2024/第2周.md'), line: 46, date: '2024-01-18' },
        to: { n: n('examples/notes/2024/第3周.md'), line: 39, date: '2024-01-25' },
        days: 7,
      },
    ]);
    expect(json.notes[item.slips[0].from.n]).toEqual({ file: 'examples/notes/2024/第2周.md', author: null, week: '2024-01-08', year: 2024, number: 2, numbering: 'jan1', title: '第2周' });
    expect(item.completedWeek).toBe('2024-01-22');
    // a value's decimals are left out when the number shows them, kept when it does not: 77.50% keeps its 2
    const acc = json.authors[''].metrics.find((s: { name: string }) => s.name === '离线评测准确率');
    expect(acc.points[0]).toMatchObject({ value: 77.5, decimals: 2, line: 61 });
    const inbound = json.authors[''].metrics.find((s: { name: string }) => s.name === '入金有效成功率');
    expect(inbound.points[0]).toEqual({ n: n('examples/notes/2023/第45周.md'), line: 25, value: 99.972 });
  });

  it('counts the six incidents with their durations', async () => {
    const json = JSON.parse(await read(path.join(out, 'data/report.json')));
    const incidents = json.authors[''].incidents.map((i: { date: string; durationMinutes: number }) => [i.date, i.durationMinutes]);
    // 45mins, 2小时, 30min, 60mins, 20分钟, 1.5h
    expect(incidents).toEqual([
      ['2023-11-08', 45],
      ['2023-11-23', 120],
      ['2023-12-07', 30],
      ['2023-12-16', 60],
      ['2024-01-16', 20],
      ['2024-02-14', 90],
    ]);
    // 2024: 20 + 90 minutes over 2 incidents, one in Q1's January, one in February
    const q1 = await read(path.join(out, 'quarterly/2024-Q1.md'));
    expect(q1).toContain('共 2 起，累计时长 1.8小时，平均 55分钟。');
    expect(q1).toContain('- 1月16日 09:25 EBS凭证推送任务消息积压，营收凭证延迟生成，扩容消费者后恢复（20分钟）（[第3周][w3-56]）');
    expect(q1).toContain('- 2月14日 20:18 招行代付通道批量代付响应超时，自动切换备用通道，部分出金延迟到账（1.5小时）（[第7周][w7-46]）');
    expect(q1).toContain('| [2024年1月](../monthly/2024-01.md) | 4/4 | 4 | 1 | 1 | 100% |');
    // the year's notes are all in that quarter: the annual page says so rather than repeat it
    const y2024 = await read(path.join(out, 'annual/2024.md'));
    expect(y2024).toContain('| [2024年Q1](../quarterly/2024-Q1.md) | 8/8 | 5 | 1 | 2 | 100% |');
    expect(y2024).toContain('\n本年的周报都在 [2024年Q1](../quarterly/2024-Q1.md)：指标、工作项、生产事件和重点工作见季报，不在此重复。\n');
    expect(y2024).not.toContain('## 四、生产事件');
  });

  it('lists the weeks of every summary with links to the notes', async () => {
    const nov = await read(path.join(out, 'monthly/2023-11.md'));
    // 第49周 (11-27..12-03) has its Thursday on 11-30: November
    expect(nov).toContain('\n[第45周][w45]、[第46周][w46]、[第47周][w47]、[第48周][w48]、[第49周][w49]。\n');
    for (const n of [45, 46, 47, 48, 49]) expect(nov).toContain(`\n[w${n}]: ../../examples/notes/2023/第${n}周.md\n`);
    const feb = await read(path.join(out, 'monthly/2024-02.md'));
    expect(feb.split('\n')[2]).toBe('> 根据 4 篇周报整理（第5周—第8周，1月29日—2月25日），未覆盖整月。');
  });

  it('drafts the 述职 with the six parts, marks for the author, and a citation on every fact line', async () => {
    const review = await read(path.join(out, 'review/2023.md'));
    const headings = review.split('\n').filter((l) => l.startsWith('## '));
    expect(headings).toEqual(['## 一、工作回顾', '## 二、主要业绩与数据', '## 三、重点项目', '## 四、问题与不足', '## 五、经验与反思', '## 六、来年规划', '## 周报来源']);
    expect(review.match(/^> 【待补充】/gm)!.length).toBe(6);
    // every list item that states a fact cites the note it comes from; the others head a list or name the objectives
    const items = review.split('\n## 周报来源')[0].split('\n').filter((l) => /^ *- /.test(l));
    expect(items.length).toBeGreaterThan(40);
    const heads = items.filter((l) => /：$|^- \*\*[^*]+\*\*$|^- 目标：|另有 \d+ 项$/.test(l));
    expect(heads).toEqual(['- **POS收单系统建设**', '- 生产事件 4 起，累计 4.3小时：', '- 目标：O1 服务业务；O2 系统升级；O3 安全稳定、降本提效', '- 未完成的工作项 9 项：', '  - 另有 1 项']);
    const defs = new Set([...review.matchAll(/^\[([\w-]+)\]: \.\.\/\.\.\/examples\/notes\/\d{4}\/第\d+周\.md#L\d+$/gm)].map((m) => m[1]));
    // a sub-point of a cited item (a highlight's list) is covered by the item's citation
    let parentCited = false;
    for (const l of items) {
      const cite = /（\[(?:\d{4}年)?第\d+周\]\[([\w-]+)\](?:、\[(?:\d{4}年)?第\d+周\]\[[\w-]+\])*）$/.exec(l);
      const sub = l.startsWith('  ');
      if (!sub) parentCited = cite !== null;
      if (heads.includes(l) || (sub && parentCited && !cite)) continue;
      expect(cite, l).not.toBeNull();
      expect(defs.has(cite![1]), l).toBe(true);
    }
  });

  it('writes metrics.csv with one row per value', async () => {
    const csv = await read(path.join(out, 'data/metrics.csv'));
    const lines = csv.replace(/^\ufeff/, '').trimEnd().split('\n');
    // the week by its Monday and by its number under the numbering the notes use (jan1 here, not ISO's W50)
    expect(lines[0]).toBe('week_start,year,week,numbering,author,metric,value,unit,file,line');
    expect(lines).toContain('2023-12-11,2023,51,jan1,,入金有效成功率,99.966,%,examples/notes/2023/第51周.md,25');
    expect(lines).toContain('2023-12-11,2023,51,jan1,,0级报警跟进率,67,%,examples/notes/2023/第51周.md,59');
  });

  it('keeps absolute paths and timestamps out of the outputs', async () => {
    for (const f of EXPECTED_FILES) {
      const text = await read(path.join(out, f));
      expect(text).not.toContain(ws);
      expect(text).not.toMatch(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}/);
    }
  });

  it('writes nothing on a second run and gives byte-identical output whatever order the files are listed in', async () => {
    const first = await hashTree(out);
    const again = await weekly(ws, 'build', 'examples/notes');
    expect(again.stdout).toBe('weekly build: 17 notes → dist: 0 written, 15 unchanged\n');
    expect(await hashTree(out)).toEqual(first);
    const other = await exampleWorkspace(true);
    expect((await weekly(other, 'build', 'examples/notes')).code).toBe(0);
    expect(await hashTree(path.join(other, 'dist'))).toEqual(first);
  });

  it('writes the English set with --locale en', async () => {
    const r = await weekly(ws, 'build', 'examples/notes', '--locale', 'en', '--out', 'en');
    expect(r.code).toBe(0);
    const index = await read(path.join(ws, 'en/index.md'));
    expect(index.split('\n')[0]).toBe('# Weekly notes');
    const dec = await read(path.join(ws, 'en/monthly/2023-12.md'));
    expect(dec).toContain('# December 2023 monthly report');
    expect(dec).toContain('  - 商户巡检: 上线完成 ([W52][w52-49])');
  });
});

describe('output folder safety', () => {
  it('refuses an --out that is, is inside or contains the notes folder', async () => {
    const ws = await exampleWorkspace();
    for (const out of ['examples/notes', 'examples/notes/out', 'examples', '.']) {
      const r = await weekly(ws, 'build', 'examples/notes', '--out', out);
      expect(r.code, out).toBe(2);
      expect(r.stderr).toContain('the notes folder examples/notes');
    }
  });

  it('does not overwrite files it did not write, unless --force', async () => {
    const ws = await exampleWorkspace();
    await fs.mkdir(path.join(ws, 'dist'));
    await fs.writeFile(path.join(ws, 'dist/index.md'), 'mine\n');
    const r = await weekly(ws, 'build', 'examples/notes');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('would overwrite: index.md');
    expect(await read(path.join(ws, 'dist/index.md'))).toBe('mine\n');
    expect((await weekly(ws, 'build', 'examples/notes', '--force')).code).toBe(0);
  });

  it('does not overwrite a data file it did not write, and leaves no temporary file beside it', async () => {
    // data/report.json is written piece by piece, then compared: a different path from the pages'
    const ws = await exampleWorkspace();
    await fs.mkdir(path.join(ws, 'dist/data'), { recursive: true });
    await fs.writeFile(path.join(ws, 'dist/data/report.json'), '{}\n');
    const r = await weekly(ws, 'build', 'examples/notes');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('would overwrite: data/report.json');
    expect(await fs.readdir(path.join(ws, 'dist/data'))).toEqual(['report.json']);
    expect(await read(path.join(ws, 'dist/data/report.json'))).toBe('{}\n');
    expect(await fs.readdir(path.join(ws, 'dist'))).toEqual(['data']);
  });

  it('removes outputs it wrote that are no longer produced, and keeps edited ones', async () => {
    const ws = await exampleWorkspace();
    expect((await weekly(ws, 'build', 'examples/notes')).code).toBe(0);
    await fs.appendFile(path.join(ws, 'dist/monthly/2023-11.md'), '\nmy edit\n');
    // without the 2024 notes, 2024's summaries go, and November's edited one stays
    await fs.rm(path.join(ws, 'examples/notes/2024'), { recursive: true });
    for (const w of [45, 46, 47, 48, 49]) await fs.rm(path.join(ws, `examples/notes/2023/第${w}周.md`));
    const r = await weekly(ws, 'build', 'examples/notes');
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('dist/monthly/2023-11.md: no longer produced but edited since weekly wrote it: left in place');
    const files = Object.keys(await hashTree(path.join(ws, 'dist')));
    expect(files).toContain('monthly/2023-11.md');
    expect(files.filter((f) => f.includes('2024'))).toEqual([]);
  });

  it('rejects an author that cannot name a folder', async () => {
    const ws = await exampleWorkspace();
    const f = path.join(ws, 'examples/notes/2023/第45周.md');
    await fs.writeFile(f, `---\nauthor: ../../etc\n---\n${await read(f)}`);
    const r = await weekly(ws, 'build', 'examples/notes');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('author `../../etc` contains `..` or a path separator');
  });
});

describe('exit codes', () => {
  it('is 2 without notes', async () => {
    const ws = await tempDir();
    await fs.mkdir(path.join(ws, 'empty'));
    expect((await weekly(ws, 'build', 'empty')).code).toBe(2);
    // no folder given: the workspace's (here the current folder), which holds none
    const none = await weekly(ws, 'build');
    expect(none.stderr).toBe('weekly build: no notes (*.md) found in `.`\n');
    expect(none.code).toBe(2);
    expect((await weekly(ws, 'build', 'missing')).code).toBe(2);
  });

  it('is 2 on a bad config', async () => {
    const ws = await exampleWorkspace();
    await fs.writeFile(path.join(ws, 'weekly.config.yaml'), 'build:\n  monthDay: someday\n');
    const r = await weekly(ws, 'build', 'examples/notes');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('build.monthDay');
  });

  it('reports lint problems, still builds, and exits 1 with --strict', async () => {
    const ws = await exampleWorkspace();
    const f = path.join(ws, 'examples/notes/2023/第51周.md');
    await fs.writeFile(f, (await read(f)).replace('入金有效成功率：99.966%', '入金有效成功率：109.966%'));
    const r = await weekly(ws, 'build', 'examples/notes');
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/examples\/notes\/2023\/第51周\.md:25:\d+: .* \[error\/metric-range\]/);
    expect(r.stderr).toMatch(/\d+ problems?\n/);
    const strict = await weekly(ws, 'build', 'examples/notes', '--strict', '--out', 'strict');
    expect(strict.code).toBe(1);
    // the questionable value is summarised, shown and cited in its metric's row
    expect(await read(path.join(ws, 'strict/monthly/2023-12.md'))).toContain('，含超出范围的值 109.966%（[第51周][w51-25]） |');
  });
});

describe('templates', () => {
  it('lets a user template and partial override the built-ins by file name', async () => {
    const ws = await exampleWorkspace();
    await fs.mkdir(path.join(ws, 'tpl/partials'), { recursive: true });
    await fs.writeFile(path.join(ws, 'tpl/monthly.md.hbs'), '# {{period.label}} custom\n\n{{> sources}}\n');
    await fs.writeFile(path.join(ws, 'tpl/partials/sources.md.hbs'), '{{#each notes}}\n- {{link this}}\n{{/each}}\n');
    const r = await weekly(ws, 'build', 'examples/notes', '--templates', 'tpl');
    expect(r.code).toBe(0);
    expect(await read(path.join(ws, 'dist/monthly/2023-12.md'))).toBe(
      '# 2023年12月 custom\n\n- [第50周][w50]\n- [第51周][w51]\n- [第52周][w52]\n- [第53周][w53]\n\n' +
        '[w50]: ../../examples/notes/2023/第50周.md\n[w51]: ../../examples/notes/2023/第51周.md\n[w52]: ../../examples/notes/2023/第52周.md\n[w53]: ../../examples/notes/2023/第53周.md\n',
    );
    // the overridden partial is used by built-in templates too
    expect(await read(path.join(ws, 'dist/quarterly/2023-Q4.md'))).toContain('\n- [第45周][w45]\n');
  });

  it('exits 2 on a template syntax error, naming the file and line', async () => {
    const ws = await exampleWorkspace();
    await fs.mkdir(path.join(ws, 'tpl/partials'), { recursive: true });
    await fs.writeFile(path.join(ws, 'tpl/annual.md.hbs'), '# {{period.label}}\n\n{{#each metrics}}\n- {{name}\n{{/each}}\n');
    const r = await weekly(ws, 'build', 'examples/notes', '--templates', 'tpl');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^weekly build: template tpl\/annual\.md\.hbs:4: Parse error on line 4/);
    await fs.rm(path.join(ws, 'tpl/annual.md.hbs'));
    await fs.writeFile(path.join(ws, 'tpl/partials/plans.md.hbs'), 'ok\n{{#if plans.made}}\n');
    const p = await weekly(ws, 'build', 'examples/notes', '--templates', 'tpl');
    expect(p.code).toBe(2);
    expect(p.stderr).toContain('weekly build: template tpl/partials/plans.md.hbs:');
  });

  it('exits 2 on a runtime error, naming the template and line', async () => {
    const ws = await exampleWorkspace();
    await fs.mkdir(path.join(ws, 'tpl/partials'), { recursive: true });
    await fs.writeFile(path.join(ws, 'tpl/partials/incidents.md.hbs'), 'fine\n{{incidents.nosuchfield}}\n');
    const r = await weekly(ws, 'build', 'examples/notes', '--templates', 'tpl');
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('weekly build: template tpl/partials/incidents.md.hbs:2: "nosuchfield" not defined in [object Object]\n');
    await fs.writeFile(path.join(ws, 'tpl/partials/incidents.md.hbs'), '{{shell "rm -rf /"}}\n');
    const h = await weekly(ws, 'build', 'examples/notes', '--templates', 'tpl');
    expect(h.code).toBe(2);
    expect(h.stderr).toContain('tpl/partials/incidents.md.hbs:1: You specified knownHelpersOnly, but used the unknown helper shell');
  });

  it('gives templates no prototype access', async () => {
    const ws = await exampleWorkspace();
    await fs.mkdir(path.join(ws, 'tpl'), { recursive: true });
    await fs.writeFile(path.join(ws, 'tpl/index.md.hbs'), '# x\n\n[{{notes.constructor}}] [{{notes.__proto__}}]\n');
    const r = await weekly(ws, 'build', 'examples/notes', '--templates', 'tpl');
    expect(r.code).toBe(0);
    // Handlebars resolves inherited properties to nothing unless prototype access is allowed, which it is not
    expect(await read(path.join(ws, 'dist/index.md'))).toBe('# x\n\n[] []\n');
  });

  it('treats note text as data, never as template syntax', async () => {
    const ws = await exampleWorkspace();
    const f = path.join(ws, 'examples/notes/2023/第51周.md');
    await fs.writeFile(f, (await read(f)).replace('- 【稳定性问题复盘跟进】', '- 【{{period.label}} {{> sources}} <script>x</script> a|b】'));
    expect((await weekly(ws, 'build', 'examples/notes')).code).toBe(0);
    const dec = await read(path.join(ws, 'dist/monthly/2023-12.md'));
    expect(dec).toContain('- **\\{\\{period.label\\}\\} \\{\\{\\> sources\\}\\} \\<script\\>x\\</script\\> a\\|b**：交易不成项目上线失败的复盘完成');
  });

  it('ejects the built-ins, which build exactly as the built-ins do', async () => {
    const ws = await exampleWorkspace();
    const e = await weekly(ws, 'templates', 'eject', 'mine');
    expect(e.code).toBe(0);
    const files = Object.keys(await hashTree(path.join(ws, 'mine')));
    expect(files).toContain('monthly.md.hbs');
    expect(files).toContain('partials/metric-table.md.hbs');
    expect(files).toContain('locales/en.yaml');
    expect((await weekly(ws, 'templates', 'eject', 'mine')).code).toBe(2);
    expect((await weekly(ws, 'templates', 'eject', 'mine', '--force')).code).toBe(0);
    await weekly(ws, 'build', 'examples/notes', '--out', 'a');
    await weekly(ws, 'build', 'examples/notes', '--out', 'b', '--templates', 'mine');
    expect(await hashTree(path.join(ws, 'b'))).toEqual(await hashTree(path.join(ws, 'a')));
  });
});

describe('one person\'s folder whose notes only partly carry author:', () => {
  it('is one author to build and to lint, as in the team folder', async () => {
    const ws = await tempDir();
    genNotes(path.join(ws, 'notes'), 3, 60, 1);
    const people = (await fs.readdir(path.join(ws, 'notes'), { withFileTypes: true })).filter((e) => e.isDirectory()).map((e) => e.name).sort();
    const textsOf = async (who: string) => Promise.all((await fs.readdir(path.join(ws, 'notes', who), { recursive: true })).filter((f) => f.endsWith('.md')).map((f) => read(path.join(ws, 'notes', who, f))));
    // someone the generator gave both kinds: Notion exports (no frontmatter) and Obsidian notes with `author:`
    let p = '';
    for (const who of people) {
      const texts = await textsOf(who);
      if (!p && texts.some((t) => t.includes(`\nauthor: ${who}\n`)) && texts.some((t) => !t.startsWith('---'))) p = who;
    }
    expect(p).not.toBe('');
    const r = await weekly(ws, 'build', `notes/${p}`, '--out', 'out');
    expect(r.stdout).toMatch(/^weekly build: 60 notes → out: \d+ written, 0 unchanged\n$/);
    const top = (await fs.readdir(path.join(ws, 'out'))).sort();
    expect(top).toContain('monthly');
    expect(top).not.toContain('未署名');
    // the rules across notes see one series: the same problems as when the whole team is linted
    const own = await weekly(ws, 'lint', `notes/${p}`, '--format', 'unix');
    const team = await weekly(ws, 'lint', 'notes', '--format', 'unix');
    const mine = (out: string) => out.split('\n').filter((l) => l.startsWith(`notes/${p}/`) && /missing-week|duplicate-week|required-sections/.test(l));
    expect(mine(own.stdout)).toEqual(mine(team.stdout));
  });
});

describe('a team', () => {
  it('gives per-author and team summaries for bench/gen-notes.mjs --people 3 --weeks 60 --seed 5', async () => {
    const ws = await tempDir();
    genNotes(path.join(ws, 'notes'), 3, 60, 5);
    const r = await weekly(ws, 'build', 'notes', '--out', 'out');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^weekly build: 180 notes by 3 authors → out: \d+ written, 0 unchanged\n$/);
    const people = (await fs.readdir(path.join(ws, 'notes'), { withFileTypes: true })).filter((e) => e.isDirectory()).map((e) => e.name).sort();
    expect(people).toHaveLength(3);
    const files = Object.keys(await hashTree(path.join(ws, 'out')));
    for (const p of people) {
      for (const f of ['index.md', 'monthly/2023-01.md', 'quarterly/2023-Q1.md', 'annual/2023.md', 'review/2023.md']) expect(files).toContain(`${p}/${f}`);
      // the data is written once, at the top: members' trees hold pages only
      expect(files.filter((f) => f.startsWith(`${p}/data/`))).toEqual([]);
    }
    expect(files).toContain('data/report.json');
    expect(files).toContain('data/metrics.csv');
    const index = await read(path.join(ws, 'out/index.md'));
    expect(index.split('\n')[0]).toBe('# 团队周报汇总');
    expect(index).toContain('3 位成员，180 篇周报，');
    for (const p of people) expect(index).toContain(`| [${p}](${p}/index.md) | 60 |`);
    const teamMonth = await read(path.join(ws, 'out/monthly/2023-03.md'));
    expect(teamMonth).toContain('## 要点');
    // one line per member, linking to their page of the month
    for (const p of people) expect(teamMonth).toMatch(new RegExp(`^\\| \\[${p}\\]\\(\\.\\./${p}/monthly/2023-03\\.md\\) \\| \\d+/\\d+ \\|`, 'm'));
    // team citations name the author and the note's week
    expect(teamMonth).toMatch(new RegExp(`（\\[(${people.join('|')}) 2023年第\\d+周\\]\\(\\.\\./\\.\\./notes/\\1/2023/第\\d+周\\.md#L\\d+\\)）`));
    const own = await read(path.join(ws, `out/${people[0]}/monthly/2023-03.md`));
    expect(own).toContain(`# ${people[0]} · 2023年3月月报`);
    expect(own).toContain('[团队汇总](../../index.md)');
    // one data set: every author in metrics.csv and report.json, each note once in the index
    const csv = await read(path.join(ws, 'out/data/metrics.csv'));
    for (const p of people) expect(csv).toContain(`,${p},`);
    const json = JSON.parse(await read(path.join(ws, 'out/data/report.json')));
    expect(Object.keys(json.authors)).toEqual(people);
    expect(json.notes).toHaveLength(180);
    expect(json.notes.filter((n: { author: string }) => n.author === people[0])).toHaveLength(60);
    expect(json.team).toEqual({ members: people });
  });
});
