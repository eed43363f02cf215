import type { Aggregate, Scope } from '../aggregate/index.js';
import type { Report } from '../model.js';
import { cmp } from '../aggregate/text.js';
import { csvField, tidy } from './markdown.js';
import { indexView, pagePath, periodView, renderCache, type PageContext } from './view.js';
import type { TemplateSet } from './templates.js';
import type { Locale } from './locale.js';
import { contentText, type Content } from './content.js';

export { compileTemplates, TemplateError, TEMPLATE_NAMES, RENDER_LIMITS, type TemplateSet, type TemplateName, type TemplateSource } from './templates.js';
export { renderCache, type RenderCache } from './view.js';
export { compileLocale, type Locale, type LocaleStrings, type Labels } from './locale.js';
export { inline, tidy, csvField, linkPath } from './markdown.js';

/** One output tree: the team's (or the only person's) at the top, each person's under `<author>/`. */
export interface Tree {
  /** Folder of the tree inside the output folder: `''` or `<author>/`. */
  prefix: string;
  agg: Aggregate;
  scope: Scope;
  /** The models `data/report.json` holds: the tree's notes, less those in a member's tree. */
  reports: Report[];
  /** Members whose trees lie under this one (`<member>/`), in a team build. */
  members?: string[];
}

/** What to render, and where the output folder and notes are. */
export interface RenderInput {
  trees: Tree[];
  templates: TemplateSet;
  locale: Locale;
  outDir: string;
  cwd: string;
}

/** Every output file of a build, path (relative to the output folder, `/`) → content. Sorted by path. */
export function renderOutputs(input: RenderInput): Map<string, string> {
  const files = new Map<string, string>();
  for (const tree of input.trees) for (const [k, v] of renderTree(tree, input)) files.set(k, v);
  return new Map([...files].sort((a, b) => cmp(a[0], b[0])));
}

/** The output files of one tree, path (relative to the output folder) → content, in page order. */
export function renderTree(tree: Tree, input: Omit<RenderInput, 'trees'>): Map<string, string> {
  const files = new Map<string, string>();
  for (const [k, v] of renderPages(tree, input)) files.set(k, contentText(v));
  return files;
}

/** The output files of one tree, one at a time (a caller can answer other work between them); `data/report.json` in pieces. */
export function* renderPages(tree: Tree, input: Omit<RenderInput, 'trees'>): Generator<[string, Content]> {
  // the tree's pages share lookups and views; they go when its last page is rendered
  const cache = renderCache(tree.agg);
  const ctx = (page: string): PageContext => ({ agg: tree.agg, scope: tree.scope, locale: input.locale, strings: input.templates.locale, page: `${tree.prefix}${page}`, outDir: input.outDir, cwd: input.cwd, tree: tree.prefix, cache });
  const at = (page: string, content: Content): [string, Content] => [`${tree.prefix}${page}`, content];
  yield at(pagePath.index(), tidy(input.templates.render('index', indexView(ctx(pagePath.index())))));
  for (const p of tree.scope.periods.month) yield at(pagePath.month(p.key), tidy(input.templates.render('monthly', periodView(ctx(pagePath.month(p.key)), p, 'monthly'))));
  for (const p of tree.scope.periods.quarter) yield at(pagePath.quarter(p.key), tidy(input.templates.render('quarterly', periodView(ctx(pagePath.quarter(p.key)), p, 'quarterly'))));
  for (const p of tree.scope.periods.year) {
    yield at(pagePath.year(p.key), tidy(input.templates.render('annual', periodView(ctx(pagePath.year(p.key)), p, 'annual'))));
    yield at(pagePath.review(p.key), tidy(input.templates.render('review', periodView(ctx(pagePath.review(p.key)), p, 'review'))));
  }
  yield at(pagePath.json(), reportJsonPieces(tree));
  yield at(pagePath.csv(), metricsCsv(tree.agg));
}

/** The paths of a tree's output files (relative to the output folder), known before anything is rendered. */
export function treePaths(tree: Tree): string[] {
  const s = tree.scope.periods;
  return pathsOfTree(tree.prefix, { month: s.month.map((p) => p.key), quarter: s.quarter.map((p) => p.key), year: s.year.map((p) => p.key) });
}

/** The paths of the output files of a tree at `prefix` whose periods have these keys. */
export function pathsOfTree(prefix: string, keys: { month: string[]; quarter: string[]; year: string[] }): string[] {
  const pages = [pagePath.index(), ...keys.month.map(pagePath.month), ...keys.quarter.map(pagePath.quarter), ...keys.year.flatMap((k) => [pagePath.year(k), pagePath.review(k)]), pagePath.json(), pagePath.csv()];
  return pages.map((p) => `${prefix}${p}`);
}

/**
 * `data/report.json`: the notes' models and the aggregates, paths relative to the working directory. A team's
 * file, beside its members' trees, lists where each member's models are instead of repeating them: it holds
 * the models of the notes no member wrote, and `authors` names each member's `report.json`. In pieces, one per
 * note and per fact, which joined are `JSON.stringify` of the whole: a team's file runs to hundreds of
 * megabytes, which as one string would be copied and collected whole.
 */
export function* reportJsonPieces(tree: Tree): Generator<string> {
  const members = tree.members ?? [];
  const reports = [...tree.reports].sort((a, b) => cmp(a.file, b.file));
  const authors = members.map((name) => ({ name, report: `${name}/${pagePath.json()}` }));
  // compact: with a thousand notes the indented form runs to tens of megabytes
  yield* jsonPieces({ generator: 'weekly', version: 1, ...(members.length ? { authors } : {}), notes: reports, aggregate: tree.agg }, 3);
  yield '\n';
}

/** `JSON.stringify(value)` in pieces: objects and arrays are opened `depth` levels deep, the rest stringified whole. */
export function* jsonPieces(value: unknown, depth: number): Generator<string> {
  if (depth <= 0 || value === null || typeof value !== 'object' || typeof (value as { toJSON?: unknown }).toJSON === 'function') {
    yield JSON.stringify(value) ?? 'null';
    return;
  }
  const skip = (v: unknown) => v === undefined || typeof v === 'function' || typeof v === 'symbol';
  if (Array.isArray(value)) {
    yield '[';
    for (let i = 0; i < value.length; i++) {
      if (i) yield ',';
      if (skip(value[i])) yield 'null';
      else yield* jsonPieces(value[i], depth - 1);
    }
    yield ']';
    return;
  }
  yield '{';
  let first = true;
  for (const [k, v] of Object.entries(value)) {
    if (skip(v)) continue;
    yield `${first ? '' : ','}${JSON.stringify(k)}:`;
    first = false;
    yield* jsonPieces(v, depth - 1);
  }
  yield '}';
}

/**
 * `data/metrics.csv`: one row per metric value (week, author, metric, value, unit, file, line), RFC 4180
 * quoting, with a UTF-8 byte-order mark so that spreadsheet programs read the Chinese names correctly.
 */
export function metricsCsv(agg: Aggregate): string {
  const noteOf = new Map(agg.notes.map((n) => [`${n.author ?? ''}\u0000${n.week}`, n]));
  const rows: { key: string[]; cells: string[] }[] = [];
  agg.metrics.forEach((s, si) => {
    for (const p of s.points) {
      const n = noteOf.get(`${p.author ?? ''}\u0000${p.week}`);
      const week = n ? `${n.year}-W${String(n.number).padStart(2, '0')}` : p.week;
      rows.push({
        key: [p.week, p.author ?? '', String(si).padStart(6, '0'), p.file, String(p.line).padStart(8, '0')],
        cells: [csvField(week), csvField(p.author), csvField(s.name), csvField(p.value.toFixed(p.decimals), false), csvField(p.unit), csvField(p.file), csvField(p.line, false)],
      });
    }
  });
  rows.sort((a, b) => {
    for (let i = 0; i < a.key.length; i++) {
      const c = cmp(a.key[i], b.key[i]);
      if (c) return c;
    }
    return 0;
  });
  return `\ufeffweek,author,metric,value,unit,file,line\n${rows.map((r) => r.cells.join(',')).join('\n')}${rows.length ? '\n' : ''}`;
}
