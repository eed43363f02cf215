import { createHash } from 'node:crypto';
import path from 'node:path';
import type { PeriodAgg } from '../aggregate/index.js';
import type { Tree } from '../render/index.js';
import { pagePath } from '../render/view.js';
import { budgetOf, selectMetrics } from '../render/summary.js';
import type { LocaleStrings } from '../render/locale.js';
import type { Source } from '../aggregate/index.js';
import { incidentChart, metricChart, timelineChart } from './charts.js';
import { pageCharts, type ChartScope, type PageCharts } from './chart-data.js';
import { appendixHtml } from './appendix.js';
import { esc } from './escape.js';
import { encodePath, markdownToHtml, type LinkMap } from './markdown.js';
import { notePagePath, noteHtml } from './notes.js';
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
  /**
   * The notes' text by file (relative to `cwd`, as in the models): each becomes a page of the site
   * (`notePagePath`) with an anchor on every line, and citations open it at the line they cite. Without it,
   * citations link to the notes' Markdown files.
   */
  notes?: Map<string, string>;
  /** The working directory, absolute: note files are relative to it. */
  cwd?: string;
  /** The notes' folder, relative to `cwd` with `/` (`.` for it): the notes' pages keep their paths under it. */
  notesRoot?: string;
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
export function linkMapOf(page: string, pages: Set<string>, prefix: string, outDir: string, notes?: { files: Set<string>; cwd: string; root?: string }): LinkMap {
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
    if (notes) {
      // a note of the build: its own page, at the cited line
      const file = path.relative(notes.cwd, path.resolve(outDir, target)).split(path.sep).join('/');
      if (notes.files.has(file)) return encodePath(path.posix.relative(from, path.posix.join(root, notePagePath(file, prefix, notes.root)))) + rest;
    }
    const dest = pages.has(target) ? htmlPathOf(target, prefix) : target;
    return encodePath(path.posix.relative(from, path.posix.join(root, dest))) + rest;
  };
}

/** The charts of a page, drawn, by the section they illustrate. */
interface DrawnCharts {
  /** Metric charts of the series the page's section shows, and of the others (for the appendix). */
  metrics: string;
  moreMetrics: string;
  incidents: string;
  timeline: string;
}

function drawCharts(c: PageCharts, S: LocaleStrings, shown: Set<string> | null): DrawnCharts {
  const grid = (list: PageCharts['metrics'], from: number) => (list.length ? `<div class="grid">${list.map((m, i) => metricChart(m, S, `m${from + i + 1}`)).join('')}</div>` : '');
  const first = shown ? c.metrics.filter((m) => shown.has(m.name)) : c.metrics;
  const rest = shown ? c.metrics.filter((m) => !shown.has(m.name)) : [];
  return {
    metrics: grid(first, 0),
    moreMetrics: grid(rest, first.length),
    incidents: c.incidents && c.incidents.months.length ? incidentChart(c.incidents, S, 'inc') : '',
    timeline: c.timeline ? timelineChart(c.timeline, S, 'tl') : '',
  };
}

/** The charts of a page with no section for them (the index): one section of their own. */
function chartsSection(d: DrawnCharts, S: LocaleStrings): string {
  const parts: string[] = [];
  if (d.metrics) parts.push(`<h3>${esc(S.t('html.metrics'))}</h3>${d.metrics}`);
  if (d.incidents) parts.push(`<h3>${esc(S.t('html.incidents'))}</h3>${d.incidents}`);
  if (d.timeline) parts.push(`<h3>${esc(S.t('html.timeline'))}</h3>${d.timeline}`);
  const charts = esc(S.t('html.charts'));
  return parts.length ? `<section class="charts" aria-label="${charts}"><h2>${charts}</h2>${parts.join('')}</section>` : '';
}

/** The headings (locale strings) of the sections each kind of chart illustrates, on any page kind. */
const CHART_SECTIONS = {
  metrics: ['sections.metrics', 'sections.metricsBody', 'review.results'],
  incidents: ['sections.incidents', 'sections.incidentsBody', 'review.problems'],
  timeline: ['sections.workItems', 'sections.workItemsBody', 'review.work'],
} as const;

/**
 * Each chart at the end of the section it illustrates (the metric charts under 指标, incidents per month under
 * 生产事件, the timeline under 工作项), found by the section's heading; what finds no section goes in a section
 * of its own at the end.
 */
function placeCharts(body: string, d: DrawnCharts, S: LocaleStrings): string {
  let out = body;
  const left: DrawnCharts = { metrics: '', moreMetrics: '', incidents: '', timeline: '' };
  for (const kind of ['metrics', 'incidents', 'timeline'] as const) {
    const html = d[kind];
    if (!html) continue;
    const titles = CHART_SECTIONS[kind].filter((k) => S.has(k)).map((k) => `<h2>${esc(S.t(k))}</h2>`);
    const at = titles.map((t) => out.indexOf(t)).filter((i) => i >= 0).sort((a, b) => a - b)[0];
    if (at === undefined) {
      left[kind] = html;
      continue;
    }
    const next = out.indexOf('<h2>', at + 4);
    const end = next < 0 ? out.length : next;
    out = `${out.slice(0, end)}<div class="charts">${html}</div>\n${out.slice(end)}`;
  }
  return out + chartsSection(left, S);
}

/** A whole page: the summary's HTML (charts placed), in the site's frame. */
export function htmlPage(o: { body: string; locale: LocaleStrings; home: string | null; data: string | null }): string {
  const S = o.locale;
  const home = esc(S.t('html.home'));
  const h1 = /<h1>([\s\S]*?)<\/h1>/.exec(o.body);
  const title = h1 ? h1[1].replace(/<[^>]+>/g, '') : home;
  const main = o.body;
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
  const notes = input.notes && input.cwd ? { files: new Set(input.notes.keys()), cwd: input.cwd, root: input.notesRoot } : undefined;
  const root = input.outDir.split(path.sep).join('/');
  const out = new Map<string, string>();
  for (const page of [...input.markdown.keys()].filter((k) => k.endsWith('.md')).sort()) {
    const link = linkMapOf(page, pages, input.prefix, input.outDir, notes);
    let body = markdownToHtml(input.markdown.get(page)!, link);
    const scope = scopes.get(page);
    if (scope) {
      const shown = scope.period ? new Set(shownMetrics(scope, page)) : null;
      const drawn = drawCharts(pageCharts(scope), S, shown);
      body = placeCharts(body, drawn, S);
      // a person's period pages: the details, folded, at the end (a team's pages link to its members')
      if (scope.period && scope.scope.kind === 'author') {
        const from = path.posix.dirname(path.posix.join(root, htmlPathOf(page, input.prefix)));
        const href = (src: Source) => {
          const at = notes && notes.files.has(src.file) ? notePagePath(src.file, input.prefix, input.notesRoot) : path.relative(input.outDir, path.resolve(input.cwd ?? input.outDir, src.file)).split(path.sep).join('/');
          return `${encodePath(path.posix.relative(from, path.posix.join(root, at)))}#L${src.line}`;
        };
        body += appendixHtml({ agg: scope.agg, scope: scope.scope, period: scope.period, locale: S, href, charted: shown ?? new Set(), moreCharts: drawn.moreMetrics });
      }
    }
    const json = all.has(pagePath.json()) ? link(path.posix.relative(path.posix.dirname(page), pagePath.json())) : null;
    out.set(htmlPathOf(page, input.prefix), htmlPage({ body, locale: S, home: page === pagePath.index() ? null : link(path.posix.relative(path.posix.dirname(page), pagePath.index())), data: json }));
  }
  // the notes, as pages a citation opens at its line
  for (const [file, text] of [...(input.notes ?? new Map<string, string>())].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))) {
    const at = notePagePath(file, input.prefix, input.notesRoot);
    const home = encodePath(path.posix.relative(path.posix.dirname(at), htmlPathOf(pagePath.index(), input.prefix)));
    out.set(at, htmlPage({ body: `<p class="note-file">${esc(file)}</p>${noteHtml(text)}`, locale: S, home, data: null }));
  }
  return out;
}

/** The names of the metrics a period page's section shows (its Markdown table): their charts go there. */
function shownMetrics(c: ChartScope, page: string): string[] {
  const kind = /(?:^|\/)review\//.test(page) ? 'review' : c.period!.kind === 'month' ? 'monthly' : c.period!.kind === 'quarter' ? 'quarterly' : 'annual';
  const series = new Map(c.agg.metrics.map((s) => [s.id, s]));
  const size = c.period!.notes.reduce((a, i) => a + c.agg.notes[i].size, 0);
  return selectMetrics(c.period!.metrics, series, budgetOf(kind, size).metrics).shown.map((st) => series.get(st.series)!.name);
}
