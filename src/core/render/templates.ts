import Handlebars from 'handlebars';
import { TemplateError } from './errors.js';
import type { LocaleStrings } from './locale.js';

export { TemplateError } from './errors.js';

/** The templates `build` renders, by file name without `.md.hbs`. */
export const TEMPLATE_NAMES = ['index', 'monthly', 'quarterly', 'annual', 'review', 'team-index', 'team-period', 'series'] as const;
export type TemplateName = (typeof TEMPLATE_NAMES)[number];

const NAME_RE = /^[A-Za-z0-9][A-Za-z0-9_-]*$/;

/** A template or partial name usable as a file name: no `..`, no path separators. */
export function checkTemplateName(name: string): void {
  if (!NAME_RE.test(name) || name.includes('..')) throw new Error(`unexpected template name \`${name}\`, expected letters, digits, \`-\` and \`_\``);
}

/** A template's source and where it came from. */
export interface TemplateSource {
  name: string;
  /** Path shown in messages: relative to the working directory for the user's, `templates/…` for built-ins. */
  shown: string;
  text: string;
}

/** The compiled templates of one build. */
export interface TemplateSet {
  render(name: TemplateName, data: unknown): string;
  /** The strings the templates were compiled with: `t` reads them, and the page data's labels come from them. */
  locale: LocaleStrings;
  /** Notes about the user's template folder (files that override nothing). */
  warnings: string[];
  /** Which file each template and partial was read from (`monthly`, `partials/plans`, `locales/zh`). */
  sources: Record<string, string>;
}

type CompileOptions = Parameters<typeof Handlebars.compile>[1];

// Handlebars' own helpers that templates may not use: `log` writes to the console past every escape, `lookup`
// looks a property up by a data value
const BARRED_HELPERS = ['log', 'lookup'];

const COMPILE_OPTIONS = (helpers: string[]): CompileOptions => ({
  strict: true,
  noEscape: true,
  knownHelpersOnly: true,
  // false overrides the compiler's defaults, which know both: a template using one does not compile
  knownHelpers: { ...Object.fromEntries(BARRED_HELPERS.map((h) => [h, false])), ...Object.fromEntries(helpers.map((h) => [h, true])) },
});

/** A Handlebars environment with only the project's helpers and the built-in blocks (`each`, `if`, `unless`, `with`). */
function createEnv(): typeof Handlebars {
  const env = Handlebars.create();
  for (const h of BARRED_HELPERS) env.unregisterHelper(h);
  return env;
}

/**
 * The deepest nesting of blocks (`{{#if}}`, `{{#each}}`, `{{^x}}`) in a template and the line where it is first
 * reached, counted on the text before Handlebars parses it: its compiler recurses once per level, and thousands
 * of levels exhaust the stack.
 */
function blockDepth(text: string): { depth: number; line: number } {
  let depth = 0;
  let max = 0;
  let line = 1;
  let at = 1;
  const re = /\{\{~?\s*([#^/])|\n/g;
  for (const m of text.matchAll(re)) {
    if (m[0] === '\n') {
      line++;
      continue;
    }
    if (m[1] === '/') depth = Math.max(0, depth - 1);
    else if (++depth > max) {
      max = depth;
      at = line;
    }
  }
  return { depth: max, line: at };
}

/** Whether `{{#if}}` would take a value as true: an empty list is false there, unlike in JavaScript. */
const truthy = (v: unknown) => (Array.isArray(v) ? v.length > 0 : Boolean(v));

/** Line of a Handlebars error: from its location, or from a parser message (`Parse error on line 3`). */
function lineOf(err: unknown): number | null {
  const e = err as { lineNumber?: number; message?: string };
  if (typeof e.lineNumber === 'number') return e.lineNumber;
  const m = /on line (\d+)/.exec(e.message ?? '') ?? / - (\d+):\d+$/.exec(e.message ?? '');
  return m ? Number(m[1]) : null;
}

const TAG = Symbol('weekly.template');
type Tagged = Error & { [TAG]?: { file: string; line: number | null } };

function tag(err: unknown, file: string): Tagged {
  const e = (err instanceof Error ? err : new Error(String(err))) as Tagged;
  if (!e[TAG]) e[TAG] = { file, line: lineOf(e) };
  return e;
}

function toTemplateError(err: unknown, file: string): TemplateError {
  if (err instanceof TemplateError) return err;
  const e = tag(err, file);
  // an inline partial (`{{#*inline}}`) that includes itself ends in a stack overflow rather than at the depth bound
  const first = e instanceof RangeError && /call stack/.test(e.message)
    ? 'partials nested too deep: stopped (does a partial include itself?)'
    : String(e.message).split('\n')[0].replace(/ - \d+:\d+$/, '');
  return new TemplateError(first, e[TAG]!.file, e[TAG]!.line);
}

/** Bounds on rendering one page: a user's template can nest loops over every note or include itself. */
export const RENDER_LIMITS = {
  /** Partials inside partials: deeper than this, a partial includes itself. */
  partialDepth: 64,
  /** Blocks inside blocks in one template or partial. */
  blockDepth: 100,
  /** Characters produced by loop bodies and partials, counted at every level they pass through. */
  output: 64 * 1024 * 1024,
  /** Milliseconds for one page. */
  time: 10_000,
};

/** A render over its bounds: thrown from inside the template, so the error names the file it happened in. */
class RenderLimitError extends Error {}

/**
 * Handlebars' only loops are `each` and partials, so counting there bounds a render: the built-in `each` is
 * wrapped to count its iterations' output and check the clock, and partials count their depth.
 */
function boundRendering(env: typeof Handlebars): { start(): void; enterPartial(): void; leavePartial(): void; produced(s: unknown): void } {
  let started = 0;
  let depth = 0;
  let output = 0;
  let ticks = 0;
  const check = () => {
    if ((++ticks & 1023) === 0 && Date.now() - started > RENDER_LIMITS.time) {
      throw new RenderLimitError(`rendering took more than ${RENDER_LIMITS.time / 1000} s: stopped (does it loop over every note inside a loop over every note?)`);
    }
  };
  const budget = {
    start() {
      started = Date.now();
      depth = 0;
      output = 0;
      ticks = 0;
    },
    enterPartial() {
      if (++depth > RENDER_LIMITS.partialDepth) throw new RenderLimitError(`partials nested more than ${RENDER_LIMITS.partialDepth} deep: stopped (does a partial include itself?)`);
      check();
    },
    leavePartial() {
      depth--;
    },
    produced(s: unknown) {
      if (typeof s === 'string') output += s.length;
      if (output > RENDER_LIMITS.output) throw new RenderLimitError(`output over ${RENDER_LIMITS.output / 1048576} MB: stopped (does it loop over every note inside a loop over every note?)`);
      check();
    },
  };
  const each = env.helpers.each as (this: unknown, context: unknown, options: Handlebars.HelperOptions) => unknown;
  env.registerHelper('each', function (this: unknown, context: unknown, options: Handlebars.HelperOptions) {
    const fn = options.fn;
    const body = ((c: unknown, o?: Handlebars.RuntimeOptions) => {
      const out = fn(c, o);
      budget.produced(out);
      return out;
    }) as Handlebars.TemplateDelegate;
    return each.call(this, context, { ...options, fn: Object.assign(body, fn) });
  });
  return budget;
}

/**
 * A Handlebars environment whose renders are bounded as `build`'s are (for `weekly new`'s note template):
 * render a compiled template with `run`, which starts the clock and the output count.
 */
export function boundedHandlebars(): { env: typeof Handlebars; run(fn: Handlebars.TemplateDelegate, data: unknown): string } {
  const env = createEnv();
  const budget = boundRendering(env);
  return {
    env,
    run(fn, data) {
      budget.start();
      return fn(data);
    },
  };
}

interface AstNode {
  type?: string;
  path?: { type?: string; original?: unknown };
  params?: { type?: string; value?: unknown }[];
  loc?: { start: { line: number } };
  [k: string]: unknown;
}

/**
 * Every `{{t "key"}}` of a template whose key is written out, with its line: checked against the locale when
 * the template is compiled, so that a misspelt key stops the build before anything is written.
 */
function literalKeys(text: string): { key: string; line: number | null }[] {
  const out: { key: string; line: number | null }[] = [];
  const walk = (n: unknown) => {
    if (Array.isArray(n)) {
      for (const x of n) walk(x);
      return;
    }
    if (typeof n !== 'object' || n === null) return;
    const node = n as AstNode;
    if ((node.type === 'MustacheStatement' || node.type === 'SubExpression' || node.type === 'BlockStatement') && node.path?.type === 'PathExpression' && node.path.original === 't') {
      const ps = node.params ?? [];
      if (ps.length && ps.every((p) => p.type === 'StringLiteral')) out.push({ key: ps.map((p) => String(p.value)).join('.'), line: node.loc?.start.line ?? null });
    }
    for (const [k, v] of Object.entries(node)) if (k !== 'loc' && k !== 'strip' && typeof v === 'object') walk(v);
  };
  walk(Handlebars.parse(text));
  return out;
}

/**
 * Compile a set of templates and partials with the project's helpers and `t` reading `locale`. Pure: sources
 * in, a renderer out. A template that does not compile, or asks for a string the locale lacks, is a
 * `TemplateError` naming its file.
 */
export function compileTemplates(templates: TemplateSource[], partials: TemplateSource[], locale: LocaleStrings, warnings: string[] = []): TemplateSet {
  const env = createEnv();
  const budget = boundRendering(env);
  const refs = new References();
  const helpers = registerHelpers(env, locale, refs);
  const options = COMPILE_OPTIONS(helpers);
  const compile = (s: TemplateSource) => {
    const nested = blockDepth(s.text);
    if (nested.depth > RENDER_LIMITS.blockDepth) throw new TemplateError(`blocks nested more than ${RENDER_LIMITS.blockDepth} deep (${nested.depth}): unexpected for a template, expected a flatter one`, s.shown, nested.line);
    try {
      // precompiling runs the whole compiler now, so a bad template fails before anything is written
      env.precompile(s.text, options);
      const fn = env.compile(s.text, options);
      for (const k of literalKeys(s.text)) {
        if (!locale.has(k.key)) throw new TemplateError(`no string \`${k.key}\` in the locale ${locale.name} (${locale.files.join(', ')})`, s.shown, k.line);
      }
      return fn;
    } catch (err) {
      throw toTemplateError(err, s.shown);
    }
  };
  for (const p of [...partials].sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const fn = compile(p);
    // a function partial, so that an error inside it names its own file
    env.registerPartial(p.name, ((context: unknown, o: unknown) => {
      try {
        budget.enterPartial();
        const out = fn(context, o as Handlebars.RuntimeOptions);
        budget.produced(out);
        return out;
      } catch (err) {
        throw tag(err, p.shown);
      } finally {
        budget.leavePartial();
      }
    }) as unknown as Handlebars.Template);
  }
  const compiled = new Map<string, { fn: Handlebars.TemplateDelegate; shown: string }>();
  for (const t of templates) compiled.set(t.name, { fn: compile(t), shown: t.shown });
  const sources: Record<string, string> = {};
  for (const t of templates) sources[t.name] = t.shown;
  for (const p of partials) sources[`partials/${p.name}`] = p.shown;
  sources[`locales/${locale.name}`] = locale.files.join(', ');
  return {
    locale,
    warnings,
    sources,
    render(name, data) {
      const t = compiled.get(name)!;
      try {
        budget.start();
        refs.start();
        const text = t.fn(data);
        // the definitions of the page's reference-style citations, once each, at its end
        return refs.size ? `${text.replace(/\s+$/, '')}\n\n${refs.definitions()}\n` : text;
      } catch (err) {
        throw toTemplateError(err, t.shown);
      }
    },
  };
}

interface NumLike {
  value: number;
  decimals: number;
  unit?: string | null;
}

interface SrcLike {
  label: string;
  href: string;
  /** A reference id (`w51-25`): cited as `[第51周][w51-25]`, defined once at the page's end. */
  ref?: string;
}

const REF_ID = /^[A-Za-z0-9][A-Za-z0-9_-]*$/;

/**
 * The reference-style links of the page being rendered: each target gets one id (the one its source suggests,
 * `w51-25`, or that id with `-2`, `-3` when another target took it), and the page ends with their definitions,
 * so that its lines stay short and read in an editor.
 */
class References {
  private byHref = new Map<string, string>();
  private hrefOf = new Map<string, string>();

  start(): void {
    this.byHref.clear();
    this.hrefOf.clear();
  }

  get size(): number {
    return this.byHref.size;
  }

  /** The id of a target, made on its first citation. */
  id(href: string, suggested: string): string {
    let id = this.byHref.get(href);
    if (id !== undefined) return id;
    const base = REF_ID.test(suggested) ? suggested : 'ref';
    id = base;
    for (let n = 2; this.hrefOf.has(id.toLowerCase()); n++) id = `${base}-${n}`;
    this.byHref.set(href, id);
    this.hrefOf.set(id.toLowerCase(), href);
    return id;
  }

  /** `[id]: href` lines, in the order the page first cites them. */
  definitions(): string {
    return [...this.byHref].map(([href, id]) => `[${id}]: ${href}`).join('\n');
  }
}

const isNum = (v: unknown): v is NumLike => typeof v === 'object' && v !== null && typeof (v as NumLike).value === 'number';
const isSrc = (v: unknown): v is SrcLike => typeof v === 'object' && v !== null && typeof (v as SrcLike).href === 'string';

/** Register the helpers; returns their names. None of them compiles or looks up anything by a data value. */
function registerHelpers(env: typeof Handlebars, locale: LocaleStrings, refs: References): string[] {
  const L = locale.labels;
  const sep = L.list;
  // a source with a reference id is cited by reference (`[第51周][w51-25]`), so long paths stay out of the text
  const link = (s: SrcLike) => (s.ref ? `[${s.label}][${refs.id(s.href, s.ref)}]` : `[${s.label}](${s.href})`);
  const unitOf = (u: string | null | undefined) => (u ? (u === '%' || u === 'pp' ? u : /^[A-Za-z]/.test(u) ? ` ${u}` : u) : '');
  // the last argument of a helper is Handlebars' options object
  const args = (a: unknown[]) => a.slice(0, -1);
  const h: Record<string, (...a: unknown[]) => unknown> = {
    /** `{{num v}}`: a value at its written precision with its unit, `99.966%`, `5次`. */
    num: (v) => (isNum(v) ? `${L.number(v.value.toFixed(v.decimals))}${unitOf(v.unit)}` : '—'),
    /** `{{signed v}}`: with its sign, `+0.011pp`, `-3次`. */
    signed: (v) => {
      if (!isNum(v)) return '—';
      const t = Math.abs(v.value).toFixed(v.decimals);
      const zero = Number(t) === 0;
      return `${zero ? '±' : v.value > 0 ? '+' : '-'}${L.number(t)}${unitOf(v.unit)}`;
    },
    /** `{{percent ratio 1}}`: a ratio (0..1) as a percent, `66.7%`; default no decimals. */
    percent: (...a) => {
      const [r, d] = args(a) as [unknown, unknown];
      return typeof r === 'number' ? `${L.number((r * 100).toFixed(typeof d === 'number' ? d : 0))}%` : '—';
    },
    /** `{{trend change}}`: ↑, ↓ or → by the sign of a change at its precision. */
    trend: (v) => {
      if (!isNum(v)) return '';
      const r = Number(v.value.toFixed(v.decimals));
      return r > 0 ? '↑' : r < 0 ? '↓' : '→';
    },
    /** `{{verdict change direction}}`: better, worse or flat, when the better direction is known. */
    verdict: (...a) => {
      const [v, dir] = args(a) as [unknown, unknown];
      if (!isNum(v) || (dir !== 'higher' && dir !== 'lower')) return '';
      const r = Number(v.value.toFixed(v.decimals));
      if (r === 0) return L.verdict('flat');
      return L.verdict((r > 0) === (dir === 'higher') ? 'better' : 'worse');
    },
    /** `{{date iso}}` → `12月16日` / `Dec 16`; `{{date iso true}}` with the year. */
    date: (...a) => {
      const [d, y] = args(a) as [unknown, unknown];
      return typeof d === 'string' && /^\d{4}-\d{2}-\d{2}/.test(d) ? L.date(d, y === true) : '—';
    },
    /** `{{duration minutes}}` → `45分钟`, `1.5小时` / `45 min`, `1.5 h`. */
    duration: (m) => (typeof m === 'number' ? L.duration(m) : '—'),
    /** `{{stage s}}`: a work item's stage in words. */
    stage: (s) => (typeof s === 'string' ? L.stage(s) : ''),
    /** `{{link src}}` → `[第51周](../../notes/2023/第51周.md#L40)`. */
    link: (s) => (isSrc(s) ? link(s) : ''),
    /** `{{links list}}`: several links, joined. */
    links: (l) => (Array.isArray(l) ? l.filter(isSrc).map(link).join(sep) : ''),
    /** `{{cite src}}` → `（[第51周](…)）`: the citation after a fact, spaced as the locale writes it. */
    cite: (s) => (isSrc(s) ? L.cite(link(s)) : ''),
    /** `{{cites list}}` → `（[第49周](…)、[第51周](…)）`. */
    cites: (l) => (Array.isArray(l) && l.some(isSrc) ? L.cite(l.filter(isSrc).map(link).join(sep)) : ''),
    /** `{{linkAs src label}}` → `[label][w51-25]`: a citation under other words (`L28 \`99.9.6%\``). */
    linkAs: (...a) => {
      const [src, label] = args(a) as [unknown, unknown];
      return isSrc(src) && typeof label === 'string' ? link({ ...src, label }) : '';
    },
    /** `{{list a b}}`: its arguments as a list, for `cites`. */
    list: (...a) => args(a),
    /** `{{concat a b …}}`: its arguments as one string. */
    concat: (...a) => args(a).map((x) => (x === null || x === undefined ? '' : String(x))).join(''),
    /** `{{code text}}`: a code span around text that is already one line of inline Markdown, its escapes undone (a code span shows them). */
    code: (v) => {
      if (typeof v !== 'string') return '';
      const raw = v.replace(/\\([\\`*_{}[\]<>|~#+\-.!()])/g, '$1').replace(/&amp;/g, '&');
      const run = Math.max(0, ...(raw.match(/`+/g) ?? []).map((x) => x.length));
      const fence = '`'.repeat(run + 1);
      const pad = raw.startsWith('`') || raw.endsWith('`') ? ' ' : '';
      return `${fence}${pad}${raw}${pad}${fence}`;
    },
    /** `{{join list sep}}`: strings joined (default `、` / `, `). */
    join: (...a) => {
      const [l, s] = args(a) as [unknown, unknown];
      return Array.isArray(l) ? l.map(String).join(typeof s === 'string' ? s : sep) : '';
    },
    /** `{{inc @index}}`: one more, for numbered lists. */
    inc: (n) => (typeof n === 'number' ? n + 1 : n),
    /** `{{len list}}`: its length. */
    len: (l) => (Array.isArray(l) ? l.length : 0),
    eq: (...a) => args(a)[0] === args(a)[1],
    ne: (...a) => args(a)[0] !== args(a)[1],
    gt: (...a) => (args(a)[0] as number) > (args(a)[1] as number),
    lt: (...a) => (args(a)[0] as number) < (args(a)[1] as number),
    // true and false as `{{#if}}` has them: an empty list is false (`(or completed slips)` of two empty lists)
    and: (...a) => args(a).every(truthy),
    or: (...a) => args(a).some(truthy),
    not: (v) => !truthy(v),
  };
  for (const [name, fn] of Object.entries(h)) {
    // one-argument helpers also receive the options object last; they ignore it
    env.registerHelper(name, fn as Handlebars.HelperDelegate);
  }
  /**
   * `{{t "key" name=value}}`: the locale's string at `key` with `{name}` filled in; several literal arguments
   * are joined with dots. As a block, `{{#t "key"}}…{{/t}}` fills `{body}` with the block's output, for a
   * sentence around a loop.
   */
  env.registerHelper('t', function (this: unknown, ...a: unknown[]) {
    const o = a[a.length - 1] as Handlebars.HelperOptions;
    const vars: Record<string, unknown> = { ...o.hash };
    if (typeof o.fn === 'function') vars.body = o.fn(this);
    return locale.t(args(a).map(String).join('.'), vars);
  });
  return [...Object.keys(h), 't'];
}
