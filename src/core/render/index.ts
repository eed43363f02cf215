import type { Aggregate, Scope } from '../aggregate/index.js';
import type { Report } from '../model.js';
import { cmp } from '../aggregate/text.js';
import { tidy } from './markdown.js';
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
  /** The tree's notes. */
  reports: Report[];
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

/** The pages of one tree, one at a time (a caller can answer other work between them). The data files are the build's (`src/core/data.ts`). */
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
}

/** The paths of a tree's output files (relative to the output folder), known before anything is rendered. */
export function treePaths(tree: Tree): string[] {
  const s = tree.scope.periods;
  return pathsOfTree(tree.prefix, { month: s.month.map((p) => p.key), quarter: s.quarter.map((p) => p.key), year: s.year.map((p) => p.key) });
}

/** The paths of the output files of a tree at `prefix` whose periods have these keys. */
export function pathsOfTree(prefix: string, keys: { month: string[]; quarter: string[]; year: string[] }): string[] {
  const pages = [pagePath.index(), ...keys.month.map(pagePath.month), ...keys.quarter.map(pagePath.quarter), ...keys.year.flatMap((k) => [pagePath.year(k), pagePath.review(k)])];
  return pages.map((p) => `${prefix}${p}`);
}
