import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { markdownToHtml } from '../src/core/html/markdown.js';
import { linkMapOf } from '../src/core/html/site.js';
import { notePagePath } from '../src/core/html/notes.js';
import { cli, EXAMPLES, tempDir, withExamples } from './everyday-helpers.js';

/** Every file under a folder, relative path → content. */
function tree(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const e of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (e.isFile()) out.set(path.relative(dir, path.join(e.parentPath, e.name)).split(path.sep).join('/'), readFileSync(path.join(e.parentPath, e.name), 'utf8'));
  }
  return new Map([...out].sort());
}

const TAGS = new Set(['html', 'head', 'meta', 'title', 'style', 'body', 'header', 'nav', 'main', 'footer', 'section', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'p', 'ul', 'ol', 'li', 'a', 'strong', 'em', 'code', 'pre', 'blockquote', 'hr', 'br', 'div', 'table', 'thead', 'tbody', 'tr', 'th', 'td', 'span', 'figure', 'figcaption', 'svg', 'g', 'line', 'path', 'circle', 'rect', 'text', 'del', 's', 'details', 'summary']);
const ATTRS = new Set(['lang', 'charset', 'name', 'content', 'http-equiv', 'class', 'href', 'rel', 'title', 'viewBox', 'role', 'aria-labelledby', 'aria-label', 'id', 'x', 'y', 'x1', 'x2', 'y1', 'y2', 'cx', 'cy', 'r', 'rx', 'dy', 'd', 'width', 'height', 'text-anchor', 'data-metric', 'data-points', 'data-series', 'data-count', 'data-months', 'data-items', 'start']);

/**
 * The markup of a page, checked: only known elements and attributes (no `on…` handlers, no `src`, no
 * `style` attribute), one `<style>` (ours), and every link http(s) or relative. Text can hold no `<`: it is
 * escaped, so every `<` begins a tag.
 */
function checkMarkup(html: string): string[] {
  const problems: string[] = [];
  for (const m of html.matchAll(/<(\/?)([A-Za-z][\w-]*)([^>]*)>/g)) {
    const [, , tag, rest] = m;
    if (!TAGS.has(tag)) problems.push(`element <${tag}>`);
    for (const a of rest.matchAll(/([^\s=/]+)(?:="([^"]*)")?/g)) {
      if (!ATTRS.has(a[1])) problems.push(`attribute ${a[1]} on <${tag}>`);
      if (a[1] === 'href' && /^[a-z][a-z0-9+.-]*:/i.test(a[2]) && !/^https?:/i.test(a[2])) problems.push(`href ${a[2]}`);
      if (a[1] === 'href' && /^(\/|\\)/.test(a[2])) problems.push(`href ${a[2]}`);
    }
  }
  if ((html.match(/<style>/g) ?? []).length > 1) problems.push('a second <style>');
  if (/<!doctype/i.test(html) && !html.startsWith('<!doctype html>')) problems.push('doctype');
  return problems;
}

const HOSTILE = `# 第51周

Created: 2023年12月16日 08:02

## 【重点工作】

- 【<script>alert('title')</script>年度述职】

    <img src=x onerror=alert(1)> 述职材料见 [点我](javascript:alert(2)) 与 [图](data:text/html,<b>x</b>) 和 ![logo](https://evil.example/track.png) 以及 [正常链接](https://example.com/a?b=1&c=2)、<https://example.com/auto>。

<div onclick="alert(3)">raw html block</div>

<iframe src="https://evil.example/"></iframe>

## 【系统运行数据】

- 入金有效成功率：99.966%

## 【O1 服务业务】

- <b onmouseover=alert(4)>聚合支付</b>，开发中，[x](vbscript:msgbox(5))
- 资金安全"><svg onload=alert(6)>，测试中

### 【生产事件】

- 12/16  15:36  <svg/onload=alert(7)> 域名报警，持续60mins

## 【其他】

1. <style>body{display:none}</style>其他
2. [mail](mailto:a@b.example) 与 //evil.example/x 与 [协议相对](//evil.example/y)

## 收获与反思

</textarea><script>alert(8)</script> 反思 &lt;已转义&gt; &amp;

# 下周工作及目标

1. <a href="javascript:alert(9)">计划</a>
`;

describe('HTML report: escaping', () => {
  it('never lets note text become markup: every page holds only known elements, attributes and safe links', async () => {
    const d = tempDir({ 'notes/第51周.md': HOSTILE });
    const r = await cli(d, ['build', 'notes', '--out', 'out', '--format', 'html']);
    expect(r.code).toBe(0);
    const files = tree(path.join(d, 'out'));
    const pages = [...files.keys()].filter((f) => f.endsWith('.html'));
    expect(pages.length).toBeGreaterThan(4);
    for (const p of pages) {
      const html = files.get(p)!;
      expect(checkMarkup(html), p).toEqual([]);
      // every `<` of note text is escaped, so these can only be real elements
      expect(html, p).not.toMatch(/<(script|img|iframe|div(?! class="(?:table-wrap|grid|charts|reflection)")|b|svg onload|textarea|style>body)\b/i);
      // the hostile words survive only as escaped text, never inside a tag
      for (const tag of html.match(/<[^>]*>/g) ?? []) expect(tag, p).not.toMatch(/javascript:|vbscript:|data:|\bon[a-z]+=|mailto:|evil\.example/i);
    }
    const month = files.get('monthly/2023-12.html')!;
    // the hostile text is there, as text
    expect(month).toContain('&lt;script&gt;alert(');
    expect(month).toContain('&lt;b onmouseover=alert(4)&gt;');
    const index = files.get('index.html')!;
    // no Markdown output: --format html writes the site in place of it
    expect([...files.keys()].some((f) => f.endsWith('.md'))).toBe(false);
    expect(index).toContain('<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; style-src \'sha256-');
  });

  it('markdownToHtml: raw HTML is text, only http(s) and relative links survive, images become their alt text', () => {
    const link = linkMapOf('monthly/2024-01.md', new Set(['index.md', 'monthly/2024-01.md', 'annual/2024.md']), 'html/', '/out');
    const html = markdownToHtml(
      [
        '<script>alert(1)</script>',
        '',
        '[js](javascript:alert(1)) [JS](JAVASCRIPT:alert(1)) [data](data:text/html;base64,xx) [file](file:///etc/passwd) [mail](mailto:a@b.c) [pr](//evil.example/x) [abs](/etc/passwd)',
        '',
        '[web](https://example.com/?a=1&b=2) [up](../index.md) [year](../annual/2024.md#h) [note](../../notes/第51周.md#L4) [data](../data/report.json) [frag](#x)',
        '',
        '![x](https://evil.example/t.png) <img src=x onerror=alert(1)>',
        '',
        '| a | b |',
        '| --- | ---: |',
        '| 1 | 2 |',
      ].join('\n'),
      link,
    );
    expect(html).toContain('<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>');
    expect(html).toContain('<p>js JS data file mail pr abs</p>');
    expect(html).toContain('<a href="https://example.com/?a=1&amp;b=2" rel="noopener noreferrer">web</a>');
    expect(html).toContain('<a href="../index.html">up</a>');
    expect(html).toContain('<a href="../annual/2024.html#h">year</a>');
    // a note lies outside the site: one more `../` from html/
    expect(html).toContain(`<a href="../../../notes/${encodeURIComponent('第51周.md')}#L4">note</a>`);
    expect(html).toContain('<a href="../../data/report.json">data</a>');
    expect(html).toContain('<a href="#x">frag</a>');
    expect(html).toContain('<span class="img-alt">x</span> &lt;img src=x onerror=alert(1)&gt;');
    expect(html).toContain('<th class="align-right">b</th>');
    expect(html).toContain('<div class="table-wrap"><table>');
    expect(html).not.toContain('style=');
  });
});

describe('HTML report of the example notes', () => {
  it('writes an index and a page per summary beside the Markdown, links between them, and the same bytes every time', async () => {
    const d = withExamples();
    const r = await cli(d, ['build', 'notes', '--out', 'out', '--format', 'both']);
    expect(r.code).toBe(0);
    const first = tree(path.join(d, 'out'));
    const md = [...first.keys()].filter((f) => f.endsWith('.md'));
    const html = [...first.keys()].filter((f) => f.endsWith('.html'));
    // each summary page, and each note as a page with its lines anchored
    const notePages = html.filter((f) => f.startsWith('html/notes/'));
    expect(html.filter((f) => !f.startsWith('html/notes/'))).toEqual(md.map((f) => `html/${f.replace(/\.md$/, '.html')}`).sort());
    expect(notePages).toHaveLength(17);
    // under html/notes/, each note keeps its path under the notes folder (notes/2024/第1周.md)
    expect(notePages).toContain('html/notes/2024/第1周.html');
    expect(html).toContain('html/index.html');
    expect(html).toContain('html/review/2023.html');
    const annual = first.get('html/annual/2024.html')!;
    expect(annual).toContain('<a href="../index.html">目录</a>');
    // a citation opens the note's page at the cited line
    expect(annual).toContain(`<a href="../notes/2024/${encodeURIComponent('第8周.html')}#L53"`);
    expect(annual).toContain('<title>2024年年报</title>');
    expect(checkMarkup(annual)).toEqual([]);
    // nothing to load: no external resource, no script
    for (const f of html) expect(first.get(f)!, f).not.toMatch(/<(script|link|img|iframe|object|embed)\b|src=|@import|url\(/);

    rmSync(path.join(d, 'out'), { recursive: true });
    await cli(d, ['build', 'notes', '--out', 'out', '--format', 'both']);
    const hash = (m: Map<string, string>) => createHash('sha256').update(JSON.stringify([...m])).digest('hex');
    expect(hash(tree(path.join(d, 'out')))).toBe(hash(first));
  });

  it('draws each metric with one point per week that reports it, its target, incidents per month and the timeline', async () => {
    const d = withExamples();
    const { writeFileSync } = await import('node:fs');
    writeFileSync(path.join(d, 'weekly.config.yaml'), 'metrics:\n  入金有效成功率: {target: ">= 99.95%"}\n');
    expect((await cli(d, ['build', 'notes', '--out', 'out', '--format', 'html'])).code).toBe(0);
    const annual = readFileSync(path.join(d, 'out/annual/2024.html'), 'utf8');
    const weeks = JSON.parse((await cli(d, ['metrics', 'notes', '-m', '入金有效成功率', '--from', '2024-01-01', '--to', '2024-12-31', '-f', 'json'])).stdout).metrics[0].points.length;
    expect(weeks).toBe(8);
    const fig = /<figure class="chart metric" data-metric="入金有效成功率" data-points="(\d+)" data-series="1">[\s\S]*?<\/figure>/.exec(annual)!;
    expect(Number(fig[1])).toBe(weeks);
    expect(fig[0].match(/<circle class="pt/g)!.length).toBe(weeks);
    expect(fig[0]).toContain('<line class="target"');
    expect(fig[0]).toContain('目标 ≥ 99.95%');
    // the week it missed the target is drawn as a miss
    expect(fig[0].match(/class="pt miss"/g)!.length).toBe(1);
    expect(annual).toMatch(/<figure class="chart incidents" data-months="2">/);
    expect(annual).toMatch(/<figure class="chart timeline" data-items="\d+">/);
    expect(annual).toContain('<text class="group" x="0" y="');
    // a month page has no incident chart; the index has no timeline
    const month = readFileSync(path.join(d, 'out/monthly/2024-01.html'), 'utf8');
    expect(month).not.toContain('chart incidents');
    expect(readFileSync(path.join(d, 'out/index.html'), 'utf8')).not.toContain('chart timeline');
  });

  it('on a team, the team page summarises and links to each member\'s HTML pages, where the charts are', async () => {
    const d = tempDir();
    const { cpSync } = await import('node:fs');
    cpSync(path.join(EXAMPLES, '2024'), path.join(d, 'notes/zhang'), { recursive: true });
    for (const n of [1, 2, 3]) cpSync(path.join(EXAMPLES, `2024/第${n}周.md`), path.join(d, `notes/li/第${n}周.md`));
    expect((await cli(d, ['build', 'notes', '--out', 'out', '--format', 'html'])).code).toBe(0);
    const team = readFileSync(path.join(d, 'out/annual/2024.html'), 'utf8');
    // a row per member linking to their page; no chart of every member's lines
    expect(team).toContain('<a href="../zhang/annual/2024.html">zhang</a>');
    expect(team).toContain('<a href="../li/annual/2024.html">li</a>');
    expect(team).not.toContain('<figure class="chart');
    // the shared metric in one row: the members' last values of the year, 99.974% (li, 第3周) and 99.978% (zhang)
    expect(team).toMatch(/<td>入金有效成功率<\/td>\s*<td[^>]*>2<\/td>\s*<td[^>]*>99\.974%<\/td>/);
    const own = readFileSync(path.join(d, 'out/zhang/annual/2024.html'), 'utf8');
    expect(own).toContain('data-metric="入金有效成功率" data-points="8" data-series="1"');
  });
});

describe('HTML report: notes as pages, charts in their sections, readable axes', () => {
  /** The site of some notes, made in-process from core (the notes' text given, as the build will give it). */
  async function site(files: Record<string, string>) {
    const { parseNote, harmonizeWeeks } = await import('../src/core/parse/index.js');
    const { aggregate } = await import('../src/core/aggregate/index.js');
    const { compileLocale, compileTemplates, renderPages } = await import('../src/core/render/index.js');
    const { renderHtmlSite } = await import('../src/core/html/site.js');
    const T = path.join(path.dirname(EXAMPLES), '..', 'templates');
    const cwd = tempDir(files);
    const reports = Object.entries(files).map(([f, text]) => parseNote(text, f));
    harmonizeWeeks(reports);
    const agg = aggregate(reports, {});
    const locale = compileLocale('zh', [{ text: readFileSync(path.join(T, 'locales/zh.yaml'), 'utf8'), shown: 'zh.yaml' }]);
    const names = ['index', 'monthly', 'quarterly', 'annual', 'review'];
    const templates = compileTemplates(
      names.map((n) => ({ name: n, shown: `${n}.md.hbs`, text: readFileSync(path.join(T, `${n}.md.hbs`), 'utf8') })),
      readdirSync(path.join(T, 'partials')).map((f) => ({ name: f.replace(/\.md\.hbs$/, ''), shown: f, text: readFileSync(path.join(T, 'partials', f), 'utf8') })),
      locale,
    );
    const tree = { prefix: '', agg, scope: agg.scopes[0], reports };
    const outDir = path.join(cwd, 'out');
    const markdown = new Map<string, string>();
    for (const [k, v] of renderPages(tree, { templates, locale: 'zh', outDir, cwd })) markdown.set(k, typeof v === 'string' ? v : [...v].join(''));
    return renderHtmlSite({ trees: [tree], markdown, locale: templates.locale, outDir, prefix: 'html/', notes: new Map(Object.entries(files)), cwd, notesRoot: 'notes' });
  }

  const examples = () => Object.fromEntries(['2023/第50周.md', '2023/第51周.md', '2023/第52周.md', '2023/第53周.md'].map((f) => [`notes/${f}`, readFileSync(path.join(EXAMPLES, f), 'utf8')]));

  it('renders each note as a page with an anchor on every line, and citations open it at the cited line', async () => {
    const out = await site(examples());
    const note = out.get('html/notes/2023/第51周.html')!;
    const lines = readFileSync(path.join(EXAMPLES, '2023/第51周.md'), 'utf8').split('\n').length;
    const ids = [...note.matchAll(/ id="L(\d+)"/g)].map((m) => Number(m[1]));
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.sort((a, b) => a - b)).toEqual(Array.from({ length: lines }, (_, i) => i + 1));
    // line 37 is the list item 交易不成退代, the target of the slip's citation
    expect(note).toContain('<li id="L37">交易不成退代，与QA一起完成全链路改造范围Review');
    const dec = out.get('html/monthly/2023-12.html')!;
    expect(dec).toContain(`<a href="../notes/2023/${encodeURIComponent('第51周')}.html#L37">第51周</a>`);
    expect(checkMarkup(note)).toEqual([]);
  });

  it('shows a hostile note as text on its page', async () => {
    const out = await site({ 'notes/第51周.md': HOSTILE });
    const note = out.get(`html/notes/第51周.html`)!;
    expect(checkMarkup(note)).toEqual([]);
    expect(note).toContain('&lt;script&gt;alert(');
    for (const tag of note.match(/<[^>]*>/g) ?? []) expect(tag).not.toMatch(/javascript:|vbscript:|data:|\bon[a-z]+=|mailto:|evil\.example/i);
  });

  it('places each chart in the section it illustrates, folds the details into an appendix, and gives the timeline a legend', async () => {
    const out = await site(examples());
    const dec = out.get('html/monthly/2023-12.html')!;
    const order = [...dec.matchAll(/<h2>([^<]*)<\/h2>|<figure class="chart (\w+)"|<details><summary>([^<]*)/g)].map((m) => m[1] ?? m[2] ?? `[${m[3]}]`);
    const seq = order.filter((x, i) => x !== order[i - 1]);
    expect(seq).toEqual(['本月要点', '一、重点工作', '二、指标', 'metric', '三、工作项', 'timeline', '四、生产事件', '五、下周计划跟进', '六、收获与反思', '周报来源', '附录', '[逐周指标]', 'metric', '[工作项逐周状态]', '[下周计划与跟进]', '[其他]', '[收获与反思全文]']);
    // the metrics of the section's table are charted there; every other in the appendix
    const section = dec.split('<h2>二、指标</h2>')[1].split('<h2>')[0];
    expect(section.match(/<figure class="chart metric"/g)).toHaveLength(10);
    expect(dec.match(/<figure class="chart metric"/g)).toHaveLength(23);
    expect(dec).toContain('<g class="legend">');
    expect(dec).toContain('已完成（圆点为完成周）');
    const q4 = out.get('html/review/2023.html')!;
    expect(q4.split('<h2>四、问题与不足</h2>')[1].split('<h2>')[0]).toContain('<figure class="chart incidents"');
  });

  it('labels an axis at the values’ own precision: 99.998% is on a 99.998 gridline, not rounded to 100', async () => {
    const out = await site(examples());
    const fig = /<figure class="chart metric" data-metric="支付系统年度可用性"[\s\S]*?<\/figure>/.exec(out.get('html/monthly/2023-12.html')!)![0];
    const ticks = [...fig.matchAll(/<line class="grid"[^>]*y1="([\d.]+)"[^>]*\/><text class="tick"[^>]*>([^<]*)<\/text>/g)].map((m) => [Number(m[1]), m[2]] as const);
    expect(ticks.map((t) => t[1])).toEqual(['99.996', '99.997', '99.998', '99.999', '100.000']);
    const at = ticks.find((t) => t[1] === '99.998')![0];
    const points = [...fig.matchAll(/<circle class="pt" cx="[\d.]+" cy="([\d.]+)"/g)].map((m) => Number(m[1]));
    expect(points).toEqual([at, at, at, at]);
  });
});

describe('note pages', () => {
  it('keep a note\'s path under the notes folder; a note outside it keeps its whole path, `..` made `__`', () => {
    expect(notePagePath('notes/2024/第1周.md', 'html/', 'notes')).toBe('html/notes/2024/第1周.html');
    expect(notePagePath('notes/2024/第1周.md', '', '.')).toBe('notes/notes/2024/第1周.html');
    expect(notePagePath('../tiny/notes/第41周.md', '', '../tiny/notes')).toBe('notes/第41周.html');
    expect(notePagePath('../other/第1周.md', '', 'notes')).toBe('notes/__/other/第1周.html');
    // a folder that only starts like the root is not under it
    expect(notePagePath('notes2/第1周.md', '', 'notes')).toBe('notes/notes2/第1周.html');
  });
});
