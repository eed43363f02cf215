import { parse as parseYaml } from 'yaml';
import { TemplateError } from './errors.js';

/** A locale's name: the name of its strings file, `zh` for `templates/locales/zh.yaml`. */
export type Locale = string;

/** A locale file's contents: strings, lists of strings (month names) and maps of them, nested. */
export interface Messages {
  [key: string]: Message;
}
/** One entry of a locale file. */
export type Message = string | string[] | Messages;

/** What a locale name looks like: a file name and a `--locale` value (`zh`, `en`, `zh-TW`, `pt_BR`). */
export const LOCALE_NAME = /^[A-Za-z][A-Za-z0-9_-]*$/;

/** One file of a locale's strings: its text, and its path as shown to the user. */
export interface LocaleFile {
  text: string;
  shown: string;
}

/** Labels and number formats of one locale, made from the patterns under `format:` in its file. */
export interface Labels {
  week(year: number, number: number, withYear: boolean): string;
  month(key: string): string;
  /** A month on a chart's axis, short: `3月`, `Mar`; with the year where the year starts or changes. */
  monthTick(key: string, withYear: boolean): string;
  quarter(key: string, fiscal: boolean): string;
  year(key: string, fiscal: boolean): string;
  date(iso: string, withYear: boolean): string;
  duration(minutes: number): string;
  /** A number as written by `toFixed`, with the locale's decimal mark. */
  number(text: string): string;
  /** A week label on a team's pages: `zhang 第3周`. */
  authorWeek(author: string, week: string): string;
  /** Links (already joined) in the citation after a fact: `（[第51周](…)）`, ` ([W51](…))`. */
  cite(links: string): string;
  /** Separator of a list in running text: `、`, `, `. */
  list: string;
  stage(stage: string): string;
  verdict(v: 'better' | 'worse' | 'flat'): string;
  team: string;
  unnamed: string;
}

/** A locale's strings, ready to use: `t` for templates, `labels` for the code that builds their data. */
export interface LocaleStrings {
  readonly name: Locale;
  /** BCP 47 language tag (`zh-CN`, `en`): the HTML `lang` and the plural rules. */
  readonly lang: string;
  readonly labels: Labels;
  /** The files the strings came from, in the order they were layered. */
  readonly files: string[];
  /**
   * The string at `key` (dotted path) with each `{name}` replaced by `vars.name`. A map of strings is chosen
   * from by `vars.select` (`monthly:`, `annual:` …), then by the plural category of `vars.count` (`one:`,
   * `other:` …). Throws when there is no such string or a `{name}` has no value.
   */
  t(key: string, vars?: Record<string, unknown>): string;
  /** Whether `key` names a string (or a map of strings to choose from). */
  has(key: string): boolean;
}

const PLURAL = new Set(['zero', 'one', 'two', 'few', 'many', 'other']);
const VAR = /\{([A-Za-z_][A-Za-z0-9_]*)\}/g;

/** The variables each `format:` pattern may use; every pattern here is required. */
const FORMATS: Record<string, string[]> = {
  week: ['year', 'n', 'nn'],
  weekWithYear: ['year', 'n', 'nn'],
  authorWeek: ['author', 'week'],
  month: ['year', 'month', 'mm', 'monthName', 'monthAbbr'],
  monthTick: ['year', 'month', 'mm', 'monthName', 'monthAbbr'],
  monthTickWithYear: ['year', 'month', 'mm', 'monthName', 'monthAbbr'],
  quarter: ['year', 'q'],
  fiscalQuarter: ['year', 'q'],
  year: ['year'],
  fiscalYear: ['year'],
  date: ['year', 'month', 'mm', 'monthName', 'monthAbbr', 'day', 'dd'],
  dateWithYear: ['year', 'month', 'mm', 'monthName', 'monthAbbr', 'day', 'dd'],
  minutes: ['n'],
  hours: ['n'],
  cite: ['links'],
  decimal: [],
  list: [],
  team: [],
  unnamed: [],
};

/** Strings the HTML pages and charts use (`{{t}}` keys of the templates are checked when they are compiled). */
const CODE_KEYS = [
  'html.charts',
  'html.metrics',
  'html.incidents',
  'html.timeline',
  'html.home',
  'html.made',
  'chart.target',
  'chart.met',
  'chart.summary',
  'chart.summaryTarget',
  'chart.point',
  'chart.authorPoint',
  'chart.incidents',
  'chart.incidentMonth',
  'chart.incidentMonthDuration',
  'chart.minutes',
  'chart.hours',
  'chart.weekTick',
  'chart.item',
  'chart.since',
  'chart.done',
  'chart.open',
  'chart.separator',
  'chart.workItems',
  'chart.noObjective',
  'chart.legendDone',
  'chart.legendOpen',
  'chart.legendBefore',
  'html.appendix.heading',
  'html.appendix.metrics',
  'html.appendix.metric',
  'html.appendix.weeks',
  'html.appendix.items',
  'html.appendix.mentioned',
  'html.appendix.plans',
  'html.appendix.plan',
  'html.appendix.made',
  'html.appendix.followUp',
  'html.appendix.match',
  'html.appendix.planStatus.followed',
  'html.appendix.planStatus.not-mentioned',
  'html.appendix.planStatus.no-next-note',
  'html.appendix.other',
  'html.appendix.reflections',
  'format.verdict.better',
  'format.verdict.worse',
  'format.verdict.flat',
];

const isMap = (m: unknown): m is Messages => typeof m === 'object' && m !== null && !Array.isArray(m);

/** Parse one locale file: a YAML mapping whose leaves are strings or lists of strings. */
export function parseLocaleFile(f: LocaleFile): Messages {
  let data: unknown;
  try {
    // core schema: `yes` and `2023-12-16` stay strings; aliases bounded as in config files
    data = parseYaml(f.text, { schema: 'core', maxAliasCount: 50, prettyErrors: false, logLevel: 'error' });
  } catch (err) {
    const pos = (err as { pos?: number[] }).pos?.[0];
    // an error at the end of the text (an unclosed quote) is told on the last line, not the empty one after it
    const line = typeof pos === 'number' ? f.text.slice(0, Math.min(pos, f.text.length - 1)).split('\n').length : null;
    throw new TemplateError(`not valid YAML: ${String((err as Error).message).split('\n')[0]}`, f.shown, line);
  }
  if (data === null || data === undefined) return {};
  if (!isMap(data)) throw new TemplateError('expected a mapping of keys to strings', f.shown, null);
  const check = (m: Messages, at: string) => {
    for (const [k, v] of Object.entries(m)) {
      const key = at ? `${at}.${k}` : k;
      // a key that names an object's prototype would change the tables' prototype when merged
      if (k === '__proto__') throw new TemplateError(`\`${key}\`: not a key a locale may have`, f.shown, null);
      if (typeof v === 'string') continue;
      if (Array.isArray(v) && v.every((x) => typeof x === 'string')) continue;
      if (isMap(v)) {
        check(v, key);
        continue;
      }
      throw new TemplateError(`\`${key}\`: expected a string, a list of strings or a mapping (quote numbers and yes/no: "${String(v)}")`, f.shown, null);
    }
  };
  check(data, '');
  return data;
}

/** `b` over `a`, map by map: a user's file overrides single strings and adds new ones. */
function merge(a: Messages, b: Messages): Messages {
  const out: Messages = { ...a };
  for (const [k, v] of Object.entries(b)) out[k] = isMap(v) && isMap(out[k]) ? merge(out[k] as Messages, v) : v;
  return out;
}

function lookup(m: Messages, key: string): Message | undefined {
  let at: Message | undefined = m;
  for (const part of key.split('.')) {
    if (!isMap(at) || !Object.prototype.hasOwnProperty.call(at, part)) return undefined;
    at = at[part];
  }
  return at;
}

/** A pattern split into text and `{name}` parts, to fill many times. */
type Compiled = (string | { v: string })[];

function compile(text: string): Compiled {
  const out: Compiled = [];
  let last = 0;
  for (const m of text.matchAll(VAR)) {
    if (m.index! > last) out.push(text.slice(last, m.index));
    out.push({ v: m[1] });
    last = m.index! + m[0].length;
  }
  if (last < text.length) out.push(text.slice(last));
  return out;
}

/** At most one decimal, none when whole: 1.5, 2, 0.3. */
function oneDecimal(n: number): string {
  const r = Math.round(n * 10) / 10;
  return Number.isInteger(r) ? String(r) : r.toFixed(1);
}

/**
 * A locale's strings from its files, later files over earlier ones (the built-in file, then the user's). The
 * `format:` patterns and the strings the HTML pages use are checked here, so that a missing or misspelt one
 * is reported before anything is rendered.
 */
export function compileLocale(name: Locale, files: LocaleFile[]): LocaleStrings {
  const shown = files.map((f) => f.shown);
  const where = `the locale ${name} (${shown.join(', ')})`;
  const last = shown[shown.length - 1] ?? `locales/${name}.yaml`;
  let messages: Messages = {};
  for (const f of files) messages = merge(messages, parseLocaleFile(f));

  const lang = lookup(messages, 'lang');
  if (typeof lang !== 'string') throw new TemplateError(`\`lang\` missing: the language tag of the locale, such as "zh-CN" or "en"`, last, null);
  let plural: Intl.PluralRules;
  try {
    plural = new Intl.PluralRules(lang);
  } catch {
    throw new TemplateError(`\`lang\`: "${lang}" is not a language tag such as "zh-CN" or "en"`, last, null);
  }
  const str = (key: string, vars: readonly string[]): Compiled => {
    const v = lookup(messages, key);
    if (typeof v !== 'string') throw new TemplateError(`\`${key}\` missing: every locale needs it (see templates/locales/en.yaml)`, last, null);
    for (const m of v.matchAll(VAR)) {
      if (!vars.includes(m[1])) throw new TemplateError(`\`${key}\`: unexpected {${m[1]}}, expected ${vars.length ? vars.map((x) => `{${x}}`).join(', ') : 'no {…}'}`, last, null);
    }
    return compile(v);
  };
  const names = (key: string): string[] | null => {
    const v = lookup(messages, key);
    if (v === undefined) return null;
    if (!Array.isArray(v) || v.length !== 12) throw new TemplateError(`\`${key}\`: expected a list of the 12 month names`, last, null);
    return v;
  };
  const F = Object.fromEntries(Object.entries(FORMATS).map(([k, vars]) => [k, str(`format.${k}`, vars)]));
  const monthNames = names('format.monthNames');
  const monthAbbr = names('format.monthAbbr');
  for (const k of ['month', 'monthTick', 'monthTickWithYear', 'date', 'dateWithYear'] as const) {
    const uses = (v: string) => F[k].some((p) => typeof p !== 'string' && p.v === v);
    if ((uses('monthName') && !monthNames) || (uses('monthAbbr') && !monthAbbr)) {
      throw new TemplateError(`\`format.${k}\` uses month names: \`format.monthNames\` and \`format.monthAbbr\` list them`, last, null);
    }
  }
  for (const key of CODE_KEYS) if (lookup(messages, key) === undefined) throw new TemplateError(`\`${key}\` missing: every locale needs it (see templates/locales/en.yaml)`, last, null);

  const fill = (c: Compiled, vars: Record<string, unknown>, key: string): string => {
    let out = '';
    for (const p of c) {
      if (typeof p === 'string') out += p;
      else if (!Object.prototype.hasOwnProperty.call(vars, p.v)) throw new Error(`\`${key}\` in ${where} uses {${p.v}}, which is not given`);
      else {
        const x = vars[p.v];
        out += x === null || x === undefined ? '' : String(x);
      }
    }
    return out;
  };
  const decimal = fill(F.decimal, {}, 'format.decimal');
  const num = decimal === '.' ? (s: string) => s : (s: string) => s.replace('.', decimal);
  const monthVars = (year: string, m: number) => ({ year, month: m, mm: String(m).padStart(2, '0'), monthName: monthNames?.[m - 1], monthAbbr: monthAbbr?.[m - 1] });
  const stages = lookup(messages, 'format.stages');
  const labels: Labels = {
    week: (year, n, withYear) => fill(withYear ? F.weekWithYear : F.week, { year, n, nn: String(n).padStart(2, '0') }, 'format.week'),
    month: (k) => fill(F.month, monthVars(k.slice(0, 4), Number(k.slice(5))), 'format.month'),
    monthTick: (k, withYear) => fill(withYear ? F.monthTickWithYear : F.monthTick, monthVars(k.slice(0, 4), Number(k.slice(5))), 'format.monthTick'),
    quarter: (k, fiscal) => fill(fiscal ? F.fiscalQuarter : F.quarter, { year: k.slice(0, 4), q: k.slice(-1) }, 'format.quarter'),
    year: (k, fiscal) => fill(fiscal ? F.fiscalYear : F.year, { year: k }, 'format.year'),
    date: (iso, withYear) => {
      const day = Number(iso.slice(8, 10));
      return fill(withYear ? F.dateWithYear : F.date, { ...monthVars(iso.slice(0, 4), Number(iso.slice(5, 7))), day, dd: iso.slice(8, 10) }, 'format.date');
    },
    duration: (m) => (m < 60 ? fill(F.minutes, { n: num(oneDecimal(m)) }, 'format.minutes') : fill(F.hours, { n: num(oneDecimal(m / 60)) }, 'format.hours')),
    number: num,
    authorWeek: (author, week) => fill(F.authorWeek, { author, week }, 'format.authorWeek'),
    cite: (links) => fill(F.cite, { links }, 'format.cite'),
    list: fill(F.list, {}, 'format.list'),
    stage: (s) => (isMap(stages) && typeof stages[s] === 'string' ? (stages[s] as string) : s),
    verdict: (v) => lookup(messages, `format.verdict.${v}`) as string,
    team: fill(F.team, {}, 'format.team'),
    unnamed: fill(F.unnamed, {}, 'format.unnamed'),
  };

  const cache = new Map<string, Compiled>();
  const strings: LocaleStrings = {
    name,
    lang,
    labels,
    files: shown,
    has: (key) => lookup(messages, key) !== undefined,
    t(key, vars = {}) {
      let m = lookup(messages, key);
      if (m === undefined) throw new Error(`no string \`${key}\` in ${where}`);
      if (isMap(m) && vars.select !== undefined && vars.select !== null) {
        const s = String(vars.select);
        if (!Object.prototype.hasOwnProperty.call(m, s)) throw new Error(`\`${key}\` in ${where} has no \`${s}\``);
        m = m[s];
      }
      if (isMap(m) && typeof vars.count === 'number' && Object.keys(m).every((k) => PLURAL.has(k))) {
        const form = plural.select(vars.count);
        m = Object.prototype.hasOwnProperty.call(m, form) ? m[form] : m.other;
      }
      if (typeof m !== 'string') throw new Error(`\`${key}\` in ${where} is not a string${isMap(m) ? ` (choose one of its ${Object.keys(m).join(', ')} with select= or count=)` : ''}`);
      let c = cache.get(m);
      if (!c) cache.set(m, (c = compile(m)));
      return fill(c, vars, key);
    },
  };
  return strings;
}
