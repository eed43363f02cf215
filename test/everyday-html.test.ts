import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { markdownToHtml } from '../src/core/html/markdown.js';
import { linkMapOf } from '../src/core/html/site.js';
import { cli, EXAMPLES, tempDir, withExamples } from './everyday-helpers.js';

/** Every file under a folder, relative path → content. */
function tree(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const e of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (e.isFile()) out.set(path.relative(dir, path.join(e.parentPath, e.name)).split(path.sep).join('/'), readFileSync(path.join(e.parentPath, e.name), 'utf8'));
  }
  return new Map([...out].sort());
}

const TAGS = new Set(['html', 'head', 'meta', 'title', 'style', 'body', 'header', 'nav', 'main', 'footer', 'section', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'p', 'ul', 'ol', 'li', 'a', 'strong', 'em', 'code', 'pre', 'blockquote', 'hr', 'br', 'div', 'table', 'thead', 'tbody', 'tr', 'th', 'td', 'span', 'figure', 'figcaption', 'svg', 'g', 'line', 'path', 'circle', 'rect', 'text', 'del', 's']);
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
      expect(html, p).not.toMatch(/<(script|img|iframe|div(?! class="(?:table-wrap|grid)")|b|svg onload|textarea|style>body)\b/i);
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
    expect(html).toEqual(md.map((f) => `html/${f.replace(/\.md$/, '.html')}`).sort());
    expect(html).toContain('html/index.html');
    expect(html).toContain('html/review/2023.html');
    const annual = first.get('html/annual/2024.html')!;
    expect(annual).toContain('<a href="../index.html">目录</a>');
    expect(annual).toContain(`<a href="../../../notes/2024/${encodeURIComponent('第1周.md')}#L`);
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

  it('on a team, draws one chart per metric with a line per author', async () => {
    const d = tempDir();
    const { cpSync } = await import('node:fs');
    cpSync(path.join(EXAMPLES, '2024'), path.join(d, 'notes/zhang'), { recursive: true });
    for (const n of [1, 2, 3]) cpSync(path.join(EXAMPLES, `2024/第${n}周.md`), path.join(d, `notes/li/第${n}周.md`));
    expect((await cli(d, ['build', 'notes', '--out', 'out', '--format', 'html'])).code).toBe(0);
    const team = readFileSync(path.join(d, 'out/annual/2024.html'), 'utf8');
    const fig = /<figure class="chart metric" data-metric="入金有效成功率" data-points="(\d+)" data-series="(\d+)">[\s\S]*?<\/figure>/.exec(team)!;
    expect([Number(fig[1]), Number(fig[2])]).toEqual([11, 2]);
    expect(fig[0].match(/<path class="line s\d"/g)).toHaveLength(2);
    expect(fig[0]).toContain('<span class="key s0">li 99.974%</span><span class="key s1">zhang 99.978%</span>');
    expect(team.match(/data-metric="入金有效成功率"/g)).toHaveLength(1);
    const own = readFileSync(path.join(d, 'out/zhang/annual/2024.html'), 'utf8');
    expect(own).toContain('data-metric="入金有效成功率" data-points="8" data-series="1"');
  });
});
