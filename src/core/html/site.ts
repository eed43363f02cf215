import { createHash } from 'node:crypto';
import path from 'node:path';
import type { PeriodAgg } from '../aggregate/index.js';
import type { Tree } from '../render/index.js';
import { pagePath } from '../render/view.js';
import type { LocaleStrings } from '../render/locale.js';
import { incidentChart, metricChart, timelineChart } from './charts.js';
import { pageCharts, type ChartScope, type PageCharts } from './chart-data.js';
import { esc } from './escape.js';
import { encodePath, markdownToHtml, type LinkMap } from './markdown.js';
import { CSS } from './style.js';

/** What the HTML site is made from: the build's trees and the Markdown it rendered from them. */
export interface HtmlSiteInput {
  trees: Tree[];
  /** The build's outputs, path (relative to the output folder, `/`) → content; the `.md` pages are converted. */
  markdown: Map<string, string>;
  /** The strings of the build's locale, as its templates compiled them (with the user's overrides). */
  locale: LocaleStrings;
  /** The output folder, absolute. */
  outDir: string;
  /** Folder of the site inside the output folder: `html/` beside the Markdown, `''` when it is the only output. */
  prefix: string;
  /**
   * Every output of the build, when `markdown` holds only some of them (a build renders tree by tree): links
   * to pages are re-aimed at their HTML twins, and pages link to `data/report.json`, only when these list them.
   */
  all?: Set<string>;
}

// scripts, frames, fonts, images and connections are all refused: the report is text, styles and inline SVG
const CSP = `default-src 'none'; style-src 'sha256-${createHash('sha256').update(CSS).digest('base64')}'; base-uri 'none'; form-action 'none'`;

/** The HTML path of a Markdown page. */
export const htmlPathOf = (md: string, prefix: string) => `${prefix}${md.replace(/\.md$/, '.html')}`;

/**
 * Links of one page, rewritten for its HTML twin: links to summary pages go to their HTML pages, other
 * relative links (notes, data files) are re-aimed from the HTML page's folder, `http(s)` links are kept and
 * every other scheme (`javascript:`, `data:`, `file:`, `mailto:`) or protocol-relative and absolute path is dropped.
 */
export function linkMapOf(page: string, pages: Set<string>, prefix: string, outDir: string): LinkMap {
  const root = outDir.split(path.sep).join('/');
  const from = path.posix.dirname(path.posix.join(root, htmlPathOf(page, prefix)));
  return (href) => {
    if (href.startsWith('#')) return href;
    const scheme = /^([A-Za-z][A-Za-z0-9+.-]*):/.exec(href);
    if (scheme) return /^https?$/i.test(scheme[1]) ? href : null;
    if (href.startsWith('/') || href.startsWith('\\')) return null;
    const cut = href.search(/[?#]/);
    const rawPath = cut < 0 ? href : href.slice(0, cut);
    const rest = cut < 0 ? '' : href.slice(cut);
    let p: string;
    try {
      p = decodeURIComponent(rawPath);
    } catch {
      p = rawPath;
    }
    if (p === '') return rest || null;
    const target = path.posix.normalize(path.posix.join(path.posix.dirname(page), p));
    const dest = pages.has(target) ? htmlPathOf(target, prefix) : target;
    return encodePath(path.posix.relative(from, path.posix.join(root, dest))) + rest;
  };
}

function chartsHtml(c: PageCharts, S: LocaleStrings): string {
  const parts: string[] = [];
  if (c.metrics.length) parts.push(`<h3>${esc(S.t('html.metrics'))}</h3><div class="grid">${c.metrics.map((m, i) => metricChart(m, S, `m${i + 1}`)).join('')}</div>`);
  if (c.incidents && c.incidents.months.length) parts.push(`<h3>${esc(S.t('html.incidents'))}</h3>${incidentChart(c.incidents, S, 'inc')}`);
  if (c.timeline) parts.push(`<h3>${esc(S.t('html.timeline'))}</h3>${timelineChart(c.timeline, S, 'tl')}`);
  const charts = esc(S.t('html.charts'));
  return parts.length ? `<section class="charts" aria-label="${charts}"><h2>${charts}</h2>${parts.join('')}</section>` : '';
}

/** Where the charts go: before the `n`-th section (`<h2>`, from 1), else at the end. */
function sectionStart(body: string, n: number): number {
  let at = -1;
  for (let i = 0; i < n; i++) {
    const next = body.indexOf('<h2>', at + 1);
    if (next < 0) return i === 0 ? -1 : at;
    at = next;
  }
  return at;
}

/** A whole page: the summary's HTML with the charts before its `chartsAt`-th section (after a period's overview). */
export function htmlPage(o: { body: string; charts: string; chartsAt: number; locale: LocaleStrings; home: string | null; data: string | null }): string {
  const S = o.locale;
  const home = esc(S.t('html.home'));
  const h1 = /<h1>([\s\S]*?)<\/h1>/.exec(o.body);
  const title = h1 ? h1[1].replace(/<[^>]+>/g, '') : home;
  const at = sectionStart(o.body, o.chartsAt);
  const main = o.charts ? (at < 0 ? o.body + o.charts : o.body.slice(0, at) + o.charts + o.body.slice(at)) : o.body;
  return `<!doctype html>
<html lang="${esc(S.lang)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="${CSP}">
<meta name="generator" content="weekly">
<title>${title}</title>
<style>${CSS}</style>
</head>
<body>
<header class="site"><nav>${o.home ? `<a class="brand" href="${esc(o.home)}">${home}</a>` : `<span class="brand">${home}</span>`}</nav></header>
<main>
${main}</main>
<footer class="foot">${esc(S.t('html.made'))}${o.data ? ` · <a href="${esc(o.data)}">report.json</a>` : ''}</footer>
</body>
</html>
`;
}

/**
 * The HTML site of a build: each Markdown page of `markdown` as a page of its own, with inline SVG charts of
 * its period drawn at build time. Pure: the same input gives the same bytes.
 */
export function renderHtmlSite(input: HtmlSiteInput): Map<string, string> {
  const S = input.locale;
  const scopes = new Map<string, ChartScope>();
  for (const t of input.trees) {
    const at = (page: string, period: PeriodAgg | null) => scopes.set(`${t.prefix}${page}`, { agg: t.agg, scope: t.scope, period, locale: S });
    at(pagePath.index(), null);
    for (const p of t.scope.periods.month) at(pagePath.month(p.key), p);
    for (const p of t.scope.periods.quarter) at(pagePath.quarter(p.key), p);
    for (const p of t.scope.periods.year) {
      at(pagePath.year(p.key), p);
      at(pagePath.review(p.key), p);
    }
  }
  const all = input.all ?? new Set(input.markdown.keys());
  const pages = new Set([...all].filter((k) => k.endsWith('.md')));
  const out = new Map<string, string>();
  for (const page of [...input.markdown.keys()].filter((k) => k.endsWith('.md')).sort()) {
    const link = linkMapOf(page, pages, input.prefix, input.outDir);
    const body = markdownToHtml(input.markdown.get(page)!, link);
    const scope = scopes.get(page);
    const charts = scope ? chartsHtml(pageCharts(scope), S) : '';
    const json = all.has(pagePath.json()) ? link(path.posix.relative(path.posix.dirname(page), pagePath.json())) : null;
    out.set(htmlPathOf(page, input.prefix), htmlPage({ body, charts, chartsAt: scope?.period ? 2 : 1, locale: S, home: page === pagePath.index() ? null : link(path.posix.relative(path.posix.dirname(page), pagePath.index())), data: json }));
  }
  return out;
}
