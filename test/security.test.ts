import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { tempDir, weekly } from './build-helpers.js';
import { weeklyBin } from './robustness-helpers.js';
import { parseNote } from '../src/core/parse/index.js';
import { loadConfig } from '../src/io/config-file.js';

// Nothing a note, a config or a template says runs: note text is data everywhere it goes (HTML, Markdown,
// templates, the terminal), YAML is read in the core schema with a bound on aliases, and a config is data.

/** A note whose every part tries to become markup, script or template syntax. */
const HOSTILE = [
  '# 第51周 <script>alert("title")</script>',
  '',
  'Created: 2023年12月16日 08:02',
  '',
  '## 【重点工作】',
  '',
  '- 【<img src=x onerror=alert("highlight")>】 [点我](javascript:alert("link")) <a href="javascript:alert(2)">a</a>',
  '    <iframe src="https://evil.example/"></iframe> ![pic](https://evil.example/x.png)',
  '',
  '## 【系统运行数据】',
  '',
  '- 入金有效成功率：99.966%',
  '- <b onmouseover=alert("metric")>出金成功率</b>：99.9%',
  '',
  '## 【O1 服务业务】',
  '',
  '- {{constructor.constructor "alert(1)"}}，上线完成',
  '- [数据链接](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)项目，测试中',
  '- <javascript:alert("autolink")> 项目，开发中',
  '- {{> sources}} {{{raw}}} {{#each notes}}loop{{/each}} 项目，评估中',
  '',
  '### 【生产事件】',
  '',
  '- 12/16 15:36 <svg onload=alert("incident")>告警</svg>，未对业务产生影响，持续5分钟',
  '',
  '## 【其他】',
  '',
  '1. <div onclick="alert(\'other\')">点</div> <style>body{display:none}</style>',
  '',
  '<div onclick="alert(\'block\')">',
  '<script>alert("raw html block")</script>',
  '</div>',
  '',
  '## 收获与反思',
  '',
  '<meta http-equiv="refresh" content="0;url=https://evil.example/"> <base href="https://evil.example/">',
  '',
  '# 下周工作及目标',
  '',
  '1. <form action="https://evil.example/"><input name=x></form> [x](vbscript:msgbox) [y](//evil.example/)',
].join('\n');

function walk(dir: string, ext: string): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...walk(p, ext));
    else if (e.name.endsWith(ext)) out.push(p);
  }
  return out;
}

/** Every real tag of an HTML page: note text reaches a page escaped, so a `<` that starts a tag is weekly's own. */
const tags = (html: string) => html.match(/<[A-Za-z][^>]*>/g) ?? [];

describe('the HTML report escapes all note text', () => {
  let ws: string;
  let pages: Map<string, string>;
  beforeAll(async () => {
    ws = await tempDir('weekly-sec-');
    mkdirSync(path.join(ws, 'notes/2023'), { recursive: true });
    writeFileSync(path.join(ws, 'notes/2023/第51周.md'), HOSTILE);
    writeFileSync(path.join(ws, 'notes/2023/第50周.md'), HOSTILE.replace('第51周', '第50周').replace('2023年12月16日', '2023年12月9日'));
    const r = await weekly(ws, 'build', 'notes', '--out', 'out', '--format', 'both', '--quiet');
    expect(r.code, r.stderr).toBe(0);
    pages = new Map(walk(path.join(ws, 'out/html'), '.html').map((f) => [path.relative(ws, f), readFileSync(f, 'utf8')]));
    expect(pages.size).toBeGreaterThan(3);
  });

  it('no script, frame, image, form, base, meta refresh or style element from a note; only weekly\'s own tags', () => {
    const allowed = new Set(['html', 'head', 'meta', 'title', 'style', 'body', 'header', 'main', 'footer', 'nav', 'section', 'article', 'div', 'span', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'p', 'ul', 'ol', 'li', 'a', 'strong', 'em', 'code', 'pre', 'blockquote', 'hr', 'br', 'table', 'thead', 'tbody', 'tr', 'th', 'td', 'svg', 'g', 'path', 'line', 'rect', 'circle', 'text', 'title', 'desc', 'polyline', 'figure', 'figcaption', 'details', 'summary', 'small', 'del', 's', 'sup', 'sub', 'time', 'tspan', 'caption', 'dl', 'dt', 'dd', 'abbr', 'mark', 'b', 'i']);
    for (const [file, html] of pages) {
      for (const t of tags(html)) {
        const name = /^<([A-Za-z][A-Za-z0-9-]*)/.exec(t)![1].toLowerCase();
        expect(allowed.has(name), `${file}: <${name}> in ${t}`).toBe(true);
        // attribute names only: values are quoted, with `"` escaped, so a value cannot open an attribute
        const names = t.replace(/"[^"]*"/g, '""');
        expect(names, `${file}: event handler`).not.toMatch(/\son[a-z]+\s*=/i);
        expect(names, `${file}: src`).not.toMatch(/\ssrc\s*=/i);
        if (name === 'meta') expect(t, file).not.toMatch(/http-equiv\s*=\s*"?refresh/i);
        if (name === 'style') expect(html.match(/<style[\s>]/g)?.length, `${file}: one style element, weekly's`).toBe(1);
        for (const href of t.matchAll(/\shref\s*=\s*"([^"]*)"/gi)) {
          // http(s), in-page and relative links only: javascript:, data:, vbscript:, //host and /path are dropped
          expect(href[1], `${file}: ${t}`).toMatch(/^(https?:|#|(?![a-z][a-z0-9+.-]*:)(?!\/)[^\\])/i);
        }
      }
    }
  });

  it('every page forbids scripts by its Content-Security-Policy', () => {
    for (const [file, html] of pages) {
      expect(html, file).toMatch(/<meta http-equiv="Content-Security-Policy" content="default-src 'none';/);
      expect(html, file).not.toMatch(/script-src/);
    }
  });

  it('the payloads are shown as text', () => {
    const all = [...pages.values()].join('\n');
    for (const shown of ['&lt;img src=x onerror=alert(&quot;highlight&quot;)&gt;', '&lt;svg onload=alert(&quot;incident&quot;)&gt;', '{{constructor.constructor &quot;alert(1)&quot;}}', '{{&gt; sources}} {{{raw}}} {{#each notes}}loop{{/each}}']) {
      expect(all).toContain(shown);
    }
  });

  it('the Markdown summaries show note text as text: HTML and link syntax escaped, template syntax literal', () => {
    const md = walk(path.join(ws, 'out'), '.md').filter((f) => !f.includes(`${path.sep}html${path.sep}`)).map((f) => readFileSync(f, 'utf8')).join('\n');
    expect(md).toContain('\\<img src=x onerror=alert("highlight")\\>');
    expect(md).toContain('\\{\\{constructor.constructor "alert(1)"\\}\\}');
    expect(md).toContain('\\{\\{\\> sources\\}\\} \\{\\{\\{raw\\}\\}\\} \\{\\{#each notes\\}\\}loop\\{\\{/each\\}\\}');
    expect(md).not.toMatch(/(?<!\\)<(script|img|iframe|svg|div|form|meta|base|style)\b/);
    expect(md).not.toMatch(/(?<!\\)\]\((javascript|data|vbscript):/);
  });
});

describe('templates: Handlebars with prototype access off and no helper that evaluates note text', () => {
  async function render(template: string, note = HOSTILE): Promise<{ code: number; out: string; stderr: string }> {
    const ws = await tempDir('weekly-sec-tpl-');
    mkdirSync(path.join(ws, 'notes/2023'), { recursive: true });
    mkdirSync(path.join(ws, 'tpl'));
    writeFileSync(path.join(ws, 'notes/2023/第51周.md'), note);
    writeFileSync(path.join(ws, 'tpl/index.md.hbs'), template);
    const r = await weekly(ws, 'build', 'notes', '--out', 'out', '--templates', 'tpl', '--quiet');
    let out = '';
    try {
      out = readFileSync(path.join(ws, 'out/index.md'), 'utf8');
    } catch {
      // not written
    }
    return { code: r.code, out, stderr: r.stderr };
  }

  it('constructor, __proto__, prototype and their chains give nothing: an empty value, or an error naming the template', async () => {
    const probes = [
      '{{constructor}}',
      '{{constructor.name}}',
      '{{__proto__}}',
      '{{notes.constructor.constructor}}',
      '{{@root.constructor.prototype}}',
      '{{lookup this "constructor"}}',
      '{{lookup (lookup this "constructor") "name"}}',
      '{{#with constructor}}[{{name}}]{{/with}}',
      '{{#each notes}}{{constructor.name}}{{__proto__.constructor}}{{/each}}',
      '{{__defineGetter__}}{{hasOwnProperty}}{{toString}}{{valueOf}}',
    ];
    let rendered = 0;
    for (const p of probes) {
      const r = await render(`# x\n\n[${p}]\n`);
      if (r.code === 0) {
        rendered++;
        expect(r.out, p).toBe('# x\n\n[]\n');
      } else {
        // strict mode: a value the template may not read is missing, and reading below it is an error; `lookup` is
        // not one of the helpers templates have (8cb31ad), so a probe through it does not compile
        expect(r.code, p).toBe(2);
        expect(r.stderr, p).toMatch(/^weekly build: template tpl\/index\.md\.hbs:\d+: ("\w+" not defined in|You specified knownHelpersOnly, but used the unknown helper lookup$)/m);
      }
    }
    expect(rendered).toBeGreaterThan(3);
  });

  it('only weekly\'s helpers exist: one that is not known is a compile error, before anything is written', async () => {
    for (const t of ['{{log "x"}}{{helperMissing}}{{blockHelperMissing}}', '{{#if (eval "1")}}x{{/if}}', '{{{compile notes}}}']) {
      const r = await render(`${t}\n`);
      if (r.code === 0) expect(r.out).not.toMatch(/[^\s\n]/);
      else expect(r.stderr).toMatch(/^weekly build: template tpl\/index\.md\.hbs/m);
    }
  });
});

describe('YAML: core schema, aliases bounded, no tags that make code or objects', () => {
  it('frontmatter tags (!!js/function, !!binary, custom) give strings or a diagnostic, never functions or objects', () => {
    const r = parseNote('---\nauthor: !!js/function "function () { return process.exit(1) }"\nweek: !!binary aGVsbG8=\nx: !custom {a: 1}\ndate: 2023-12-16\nmerge: {<<: {a: 1}}\n---\n# 第51周\n', 'n.md');
    for (const v of Object.values(r.properties)) expect(typeof v === 'function').toBe(false);
    expect(typeof r.author === 'string' || r.author === null).toBe(true);
    // the core schema: a date stays a string, `<<` is an ordinary key
    expect(r.properties.date).toBe('2023-12-16');
    expect(r.properties.merge).toEqual({ '<<': { a: 1 } });
  });

  it('an unknown tag prints nothing of the yaml package\'s own on stderr', async () => {
    const ws = await tempDir('weekly-sec-tag-');
    writeFileSync(path.join(ws, 'n.md'), '---\nauthor: !!js/function "function () {}"\nx: !custom 1\n---\n# 第51周\n');
    writeFileSync(path.join(ws, 'weekly.config.yaml'), 'notes: !custom .\n');
    const r = weeklyBin(ws, ['parse', 'n.md']);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(JSON.parse(r.stdout).author).toBe('function () {}');
    const lint = weeklyBin(ws, ['lint', 'n.md']);
    expect(lint.code).toBe(1);
    expect(lint.stderr).toBe('');
  });

  it('frontmatter nested 100,000 deep is a diagnostic, not a crash', () => {
    const r = parseNote(`---\na: ${'['.repeat(100000)}\n---\n# 第51周\n`, 'deep.md');
    expect(r.title).toBe('第51周');
    expect(r.diagnostics.some((d) => /frontmatter/.test(d.message))).toBe(true);
  });

  it('a config with a JavaScript tag is data: refused by the schema, nothing run', async () => {
    const ws = await tempDir('weekly-sec-cfg-');
    writeFileSync(path.join(ws, 'weekly.config.yaml'), 'notes: !!js/function "function () { require(\'fs\').writeFileSync(\'pwned\', \'x\') }"\nmaxFileSize: !!js/undefined\n');
    await expect(loadConfig(ws)).rejects.toThrow(/^config weekly\.config\.yaml/);
    expect(readdirSync(ws)).toEqual(['weekly.config.yaml']);
    // the core schema: what a default YAML 1.1 parser would turn into a date or an octal stays as written
    expect(parseYaml('d: 2023-12-16\no: 0o17\nb: yes', { schema: 'core' })).toEqual({ d: '2023-12-16', o: 15, b: 'yes' });
  });
});

describe('the terminal: control characters from a note or a file name are shown, not sent', () => {
  const ESC = '\u001b';
  const note = `# 周报 ${ESC}]0;pwned\u0007${ESC}[2J\u202e\n\n## 【系统运行数据】\n\n- 入金有效成功率：101%\n`;

  it('lint messages quote note text with its control characters escaped, in every format', async () => {
    const ws = await tempDir('weekly-sec-term-');
    mkdirSync(path.join(ws, 'notes'));
    // a file name that names no week either (a name such as 第51周.md now gives the note its week)
    writeFileSync(path.join(ws, `notes/周报${ESC}[31m.md`), note);
    for (const format of ['stylish', 'unix', 'github', 'json', 'sarif']) {
      const r = await weekly(ws, 'lint', 'notes', '--format', format);
      expect(r.code).toBe(1);
      expect(r.stdout, format).not.toContain(ESC);
      expect(r.stdout, format).not.toContain('\u0007');
      expect(r.stdout, format).not.toContain('\u202e');
    }
    const unix = await weekly(ws, 'lint', 'notes', '--format', 'unix');
    expect(unix.stdout).toContain('notes/周报\\u{1b}[31m.md:1:1: Unexpected title `周报 \\u{1b}]0;pwned\\u{7}\\u{1b}[2J\\u{202e}` that names no week');
  });

  it('what weekly prints on stderr (build problems, file names) carries no control characters', async () => {
    const ws = await tempDir('weekly-sec-stderr-');
    mkdirSync(path.join(ws, 'notes/2023'), { recursive: true });
    writeFileSync(path.join(ws, `notes/2023/第51周${ESC}]0;x\u0007.md`), note.replace('周报', '第51周'));
    writeFileSync(path.join(ws, `notes/2023/${ESC}[2J.md`), Buffer.from([0, 1, 2]));
    const r = weeklyBin(ws, ['build', 'notes', '--out', 'out']);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('\\u{1b}[2J.md:1:1: Unexpected file that cannot be read as a note: binary file');
    expect(r.stderr).not.toContain(ESC);
    expect(r.stderr).not.toContain('\u0007');
  });
});

describe('the output folder: nothing outside it is written or removed', () => {
  it('a manifest edited to list files outside the output folder does not make the next build remove them', async () => {
    const ws = await tempDir('weekly-sec-manifest-');
    mkdirSync(path.join(ws, 'notes/2023'), { recursive: true });
    writeFileSync(path.join(ws, 'notes/2023/第51周.md'), readFileSync(new URL('./bad-inputs/files/note.md', import.meta.url)));
    expect((await weekly(ws, 'build', 'notes', '--out', 'out', '--quiet')).code).toBe(0);
    const victim = 'precious\n';
    writeFileSync(path.join(ws, 'victim.txt'), victim);
    const hash = createHash('sha256').update(victim).digest('hex');
    const manifestFile = path.join(ws, 'out/.weekly-manifest.json');
    const manifest = JSON.parse(readFileSync(manifestFile, 'utf8'));
    Object.assign(manifest.files, { '../victim.txt': hash, 'monthly/../../victim.txt': hash, [path.join(ws, 'victim.txt')]: hash, '..\\victim.txt': hash });
    writeFileSync(manifestFile, JSON.stringify(manifest));
    const r = await weekly(ws, 'build', 'notes', '--out', 'out', '--quiet');
    expect(r.code, r.stderr).toBe(0);
    expect(readFileSync(path.join(ws, 'victim.txt'), 'utf8')).toBe(victim);
  });
});

describe('docs/security.md cites tests that exist', () => {
  it('every `test/… › title › title` names a file of the repository and titles found in it; every corpus name is a case', async () => {
    const { CASES } = await import('./bad-inputs/cases.js');
    const doc = readFileSync(new URL('../docs/security.md', import.meta.url), 'utf8');
    const names = new Set(CASES.map((c) => c.name));
    const problems: string[] = [];
    let cited = 0;
    // a bullet and the lines indented under it
    for (const bullet of doc.split(/\n(?=- |\n|[^ ])/).filter((b) => b.startsWith('- '))) {
      const spans = [...bullet.matchAll(/``\s?(.+?)\s?``|`([^`]+)`/g)].map((m) => m[1] ?? m[2]);
      if (bullet.startsWith('- corpus:')) {
        for (const name of spans.filter((x) => !x.includes('…'))) {
          cited++;
          if (!names.has(name)) problems.push(`corpus: no case named \`${name}\``);
        }
        continue;
      }
      let source: string | null = null;
      for (const span of spans) {
        let titles: string[];
        if (span.startsWith('test/')) {
          const [file, ...rest] = span.split(' › ');
          titles = rest;
          try {
            // titles in the source, as they print: quotes unescaped
            source = readFileSync(new URL(`../${file}`, import.meta.url), 'utf8').replace(/\\'/g, "'");
          } catch {
            problems.push(`no file ${file}`);
            source = null;
            continue;
          }
        } else if (span.startsWith('› ') && source !== null) {
          titles = span.slice(2).split(' › ');
        } else continue;
        for (const t of titles.map((x) => x.replace(/\s*›$/, '').trim()).filter((x) => x && !x.includes('…'))) {
          cited++;
          if (!source.includes(t)) problems.push(`${span.split(' › ')[0]}: no test titled \`${t}\``);
        }
      }
    }
    expect(problems).toEqual([]);
    expect(cited).toBeGreaterThan(100);
  });
});
