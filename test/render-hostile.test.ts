import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import MarkdownIt from 'markdown-it';
import { describe, expect, it } from 'vitest';
import { read, tempDir, weekly } from './build-helpers.js';
import { autolinkRanges, inline } from '../src/core/render/markdown.js';
import { compileLocale, compileTemplates, RENDER_LIMITS, TemplateError } from '../src/core/render/index.js';
import { matchPlans, type MatchStats } from '../src/core/aggregate/plans.js';
import { aggregate } from '../src/core/aggregate/index.js';
import { parseNote } from '../src/core/parse/index.js';
import { REPO } from './build-helpers.js';
import { readFileSync } from 'node:fs';

// Issue 17, items 9, 11, 18, 19 and the last clause of 21: what a note or a template can make the renderer do.

const zh = () => compileLocale('zh', [{ text: readFileSync(path.join(REPO, 'templates/locales/zh.yaml'), 'utf8'), shown: 'zh.yaml' }]);
const compile = (text: string) => compileTemplates([{ name: 'index', shown: 'tpl/index.md.hbs', text }], [], zh());
const templateError = (f: () => unknown): TemplateError => {
  try {
    f();
  } catch (err) {
    if (err instanceof TemplateError) return err;
    throw err;
  }
  throw new Error('expected a TemplateError');
};

describe('autolinks in note text (item 9: was quadratic; item 19: a | split a table cell)', () => {
  it('finds URLs and e-mail addresses as before', () => {
    expect(inline('mail a.b@x.com or see https://x.com/a.')).toBe('mail <a.b@x.com> or see <https://x.com/a.>');
    expect(inline('no address: x@y, @z.com, a@b.co@c.org')).toBe('no address: x@y, @z.com, <a@b.co>@c.org');
    // an address inside a URL is the URL's
    expect(autolinkRanges('https://a.com/x@y.com z@w.org')).toEqual([
      [0, 21],
      [22, 29],
    ]);
  });

  it('reads a run of 1.5 MB of the characters of an address in one pass (150 KB took 23 s of build)', () => {
    // a long run: with the old pattern every start of the run was tried to its end
    const run = 'a.'.repeat(750_000);
    expect(autolinkRanges(run)).toEqual([]);
    expect(inline(`${run}@example.com`)).toBe(`<${run}@example.com>`);
    expect(autolinkRanges('a@'.repeat(500_000))).toEqual([]);
  });

  it('a | in a bare URL is percent-encoded, so a table row keeps its cells', () => {
    const cell = inline('see https://x.com/q?a=1|2 now');
    expect(cell).toBe('see <https://x.com/q?a=1%7C2> now');
    const md = new MarkdownIt();
    const html = md.render(`| a | b |\n| --- | --- |\n| ${cell} | x |\n`);
    expect(html.match(/<td>/g)).toHaveLength(2);
    expect(html).toContain('<a href="https://x.com/q?a=1%7C2">');
  });

  it('a highlight of such a run builds (a smoke test ten times the size that took 23 s)', async () => {
    const ws = await tempDir('weekly-hostile-');
    mkdirSync(path.join(ws, 'notes'));
    const run = 'x'.repeat(1_500_000);
    writeFileSync(path.join(ws, 'notes/第51周.md'), `# 第51周\n\nCreated: 2023年12月16日 08:02\n\n## 【重点工作】\n\n- 【长行】\n\n    ${run}\n`);
    const r = await weekly(ws, 'build', 'notes', '--quiet');
    expect(r.code).toBe(0);
    expect(await read(path.join(ws, 'dist/monthly/2023-12.md'))).toContain('- **长行**');
  }, 120_000);
});

describe('templates have only the project’s helpers (item 18)', () => {
  it('log and lookup do not compile: a template cannot write to the console past the escaping', () => {
    expect(templateError(() => compile('{{log "\\u001b]0;x\\u0007"}}')).message).toBe('You specified knownHelpersOnly, but used the unknown helper log');
    expect(templateError(() => compile('{{lookup this "a"}}')).message).toBe('You specified knownHelpersOnly, but used the unknown helper lookup');
    // the blocks the templates are written with are there
    expect(compile('{{#each xs}}{{#if this}}{{this}}{{else}}-{{/if}}{{/each}}{{#with y}}{{z}}{{/with}}{{#unless n}}!{{/unless}}').render('index', { xs: [1, 0], y: { z: 2 }, n: false })).toBe('1-2!');
  });
});

describe('deep blocks are named as such (item 21)', () => {
  it('5,000 nested {{#if}} stop with their own message and line, not as partials nested too deep', () => {
    const text = `x\n${'{{#if a}}'.repeat(5000)}y${'{{/if}}'.repeat(5000)}\n`;
    const e = templateError(() => compile(text));
    expect(e.message).toBe(`blocks nested more than ${RENDER_LIMITS.blockDepth} deep (5000): unexpected for a template, expected a flatter one`);
    expect([e.file, e.line]).toEqual(['tpl/index.md.hbs', 2]);
    // as deep as the bound compiles
    const ok = `${'{{#if a}}'.repeat(RENDER_LIMITS.blockDepth)}y${'{{/if}}'.repeat(RENDER_LIMITS.blockDepth)}`;
    expect(compile(ok).render('index', { a: true })).toBe('y');
  });
});

describe('plan matching is not quadratic (item 11: two notes of 10,000 plans and items took 130 s)', () => {
  const notes = (n: number) => {
    const plans = Array.from({ length: n }, (_, i) => `${i + 1}. 模块${i}的接口性能优化`).join('\n');
    const items = Array.from({ length: n }, (_, i) => `- 模块${i}接口性能优化，开发中`).join('\n');
    const a = parseNote(`# 第10周\n\nCreated: 2024年3月8日 10:00\n\n# 下周工作及目标\n\n${plans}\n`, 'n/第10周.md');
    const b = parseNote(`# 第11周\n\nCreated: 2024年3月15日 10:00\n\n## 【O1 服务业务】\n\n${items}\n`, 'n/第11周.md');
    return [a, b];
  };

  it('compares each plan with the few items that share its rarest words, not with every item', () => {
    const [a, b] = notes(10_000);
    const stats: MatchStats = { compared: 0, postings: 0 };
    const plans = matchPlans([
      { report: a, week: '2024-03-04', author: null },
      { report: b, week: '2024-03-11', author: null },
    ], stats);
    expect(plans).toHaveLength(10_000);
    expect(plans.filter((p) => p.status === 'followed')).toHaveLength(10_000);
    // plan i is followed up by item i
    expect(plans[1234].match).toMatchObject({ text: '模块1234接口性能优化，开发中', line: 7 + 1234 });
    // 10^8 comparisons before; a handful per plan now
    expect(stats.compared).toBeLessThan(5 * 10_000);
    expect(stats.postings).toBeLessThan(50 * 10_000);
  });

  it('builds such a pair of notes through aggregate (a smoke test)', () => {
    const agg = aggregate(notes(10_000), {});
    expect(agg.scopes[0].periods.month[0].plans).toMatchObject({ made: 10_000, followed: 10_000 });
  });
});
