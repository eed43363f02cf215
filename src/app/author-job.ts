import path from 'node:path';
import type { Config } from '../core/config.js';
import type { Report } from '../core/model.js';
import { aggregate, type NoteRef } from '../core/aggregate/index.js';
import { noteWeekKey } from '../core/aggregate/weeks.js';
import { metricsCsvRows, reportAuthor } from '../core/data.js';
import { WeeklyError, type FailureKind } from '../core/errors.js';
import { activeRules, factsOf, lintNote, type LintMessage, type NoteFacts } from '../core/lint/index.js';
import { harmonizeWeeks } from '../core/parse/index.js';
import { notNoteReason, unknownHeadings, type UnknownHeading } from '../core/parse/kind.js';
import { parseOptionsOf, seriesOptionsOf } from '../core/parse/options.js';
import { renderPages, type Locale, type TemplateSet, type Tree } from '../core/render/index.js';
import { markdownToDocx } from '../core/render/docx.js';
import { contentText } from '../core/render/content.js';
import { tidy } from '../core/render/markdown.js';
import { seriesView } from '../core/render/series.js';
import { memberPart, type MemberPart } from '../core/team.js';
import type { ModelStore } from '../io/cache.js';
import { readNote } from '../io/read.js';
import { loadTemplates } from '../io/templates.js';
import { Stager, type StageReport, type StageSetup } from '../io/writer.js';
import { gitDatesFor } from './load.js';
import { createRunner, type NoteCache } from './tasks.js';

/** What every author's job of one build shares; sent once to each worker thread. Plain data. */
export interface AuthorSetup {
  config: Config;
  locale: Locale;
  userTemplates: string | null;
  cwd: string;
  /** The notes' folder, relative to `cwd` (the workspace's root): the notes' HTML pages keep their paths under it. */
  root: string;
  format: 'md' | 'html' | 'both';
  stage: StageSetup;
  /** The content-addressed model cache (`--cache`), when used. */
  models: ModelStore | null;
  /** Whether the notes are a team's: each author's part of the team pages is then made. */
  team: boolean;
}

/** One author's notes: rendered as the tree at `prefix` (`''` for a single author, `<author>/` in a team). */
export interface AuthorJob {
  author: string | null;
  prefix: string;
  files: string[];
  /** Each file's place in the build's note index (`report.json`'s `n`). */
  ids: number[];
}

/** A failure in a job, as plain data (it may cross from a worker thread). */
export type JobError = { kind: 'template'; message: string; file: string; line: number | null } | { kind: 'user'; message: string; failure: FailureKind } | { kind: 'bug'; message: string };

/** What one author's job made: staged pages, what the build keeps of the author (small), and the data pieces. */
export interface AuthorResult {
  author: string | null;
  stage: StageReport;
  error?: JobError;
  /** Per note read: what rules across notes read, and its own problems (weeks settled within the author's notes). */
  linted: { facts: NoteFacts; messages: LintMessage[] }[];
  failures: { file: string; reason: string }[];
  /** Notes with no week and no date. */
  unplaced: string[];
  /** Notes placed only by a relative week (a term's week 6), summarised on the series page of an author with no dated note. */
  relative: string[];
  /** Each placed note's week, for the note index. */
  placed: [string, { author: string | null; ref: NoteRef }][];
  /** The author's entry of `report.json` (without a leading comma) and rows of `metrics.csv`. */
  json: string;
  csv: string;
  /** The team pages' share of this author (a team build only). */
  part: MemberPart | null;
  /** Markdown pages of the tree, relative to the output folder. */
  pages: string[];
  /** Files that are no weekly notes (a README.md, a Notion page of another kind): neither linted nor summarised. */
  skipped: string[];
  /** Headings of no known kind in the author's notes, with how many notes have each. */
  unknown: UnknownHeading[];
}

/** A thrown error as plain data. */
export function jobError(err: unknown): JobError {
  const e = err as { name?: string; message?: string; file?: string; line?: number | null; stack?: string };
  if (e?.name === 'TemplateError') return { kind: 'template', message: String(e.message), file: String(e.file), line: e.line ?? null };
  if (err instanceof WeeklyError) return { kind: 'user', message: err.message, failure: err.kind };
  return { kind: 'bug', message: e?.stack ?? String(err) };
}

/** The error a `JobError` stands for. */
export function fromJobError(e: JobError): Error {
  if (e.kind === 'template') return new WeeklyError(`template ${e.file}${e.line ? `:${e.line}` : ''}: ${e.message}`, 'template');
  if (e.kind === 'user') return new WeeklyError(e.message, e.failure);
  return new Error(e.message);
}

/** A tree's outputs with its HTML pages: beside the Markdown (`both`) or in its place (`html`). */
export function withSite(files: Map<string, string>, html: Map<string, string>, format: 'html' | 'both' | 'md'): Map<string, string> {
  return new Map([...(format === 'both' ? files : [...files].filter(([k]) => !k.endsWith('.md'))), ...html]);
}

/**
 * The function that runs authors' jobs under one setup, the same in a worker thread and in-process: read and
 * parse the author's notes (through the model cache), settle their weeks, run the per-note rules, aggregate,
 * render and stage the author's pages, and hand back what the build keeps. Only one author's notes are in
 * memory at a time.
 */
export async function authorRunner(setup: AuthorSetup, noteCache?: NoteCache, onNote?: () => void): Promise<(job: AuthorJob) => Promise<AuthorResult>> {
  const templates: TemplateSet = await loadTemplates({ locale: setup.locale, userDir: setup.userTemplates, cwd: setup.cwd });
  const { config } = setup;
  const rules = activeRules(config);
  const parse = parseOptionsOf(config);
  const read = createRunner({ parse, read: { encoding: config.encoding, maxBytes: config.maxFileSize }, ...(setup.models ? { models: setup.models } : {}) }, noteCache);
  const stager = new Stager(setup.stage);
  const site = setup.format === 'md' ? null : await import('../core/html/site.js');
  const htmlPrefix = setup.format === 'both' ? 'html/' : '';

  // the notes' text, for their pages in an HTML build
  const noteTexts = async (reports: Report[]) => {
    const notes = new Map<string, string>();
    for (const r of reports) {
      const text = await readNote(path.resolve(setup.cwd, r.file), { encoding: config.encoding, maxBytes: config.maxFileSize });
      if (text.ok) notes.set(r.file, text.text);
    }
    return notes;
  };

  const run = async (job: AuthorJob): Promise<AuthorResult> => {
    const reports: Report[] = [];
    const failures: AuthorResult['failures'] = [];
    for (const file of job.files) {
      const o = await read({ file, abs: path.resolve(setup.cwd, file) });
      onNote?.();
      if (!o.ok) {
        if ('error' in o) throw new Error(o.error);
        failures.push({ file: o.file, reason: o.reason });
      } else if ('report' in o) reports.push(o.report);
    }
    // the author's series settles weeks, years, date order and relative weeks, as lint's loader does
    harmonizeWeeks(reports, { ...seriesOptionsOf(config), gitDates: await gitDatesFor(setup.cwd, reports) });
    const skipped = reports.filter((r) => notNoteReason(r)).map((r) => r.file);
    if (skipped.length) {
      const out = new Set(skipped);
      reports.splice(0, reports.length, ...reports.filter((r) => !out.has(r.file)));
    }
    const linted = reports.map((r) => ({ facts: factsOf(r), messages: lintNote(r, rules, config) }));
    const noteIds = new Map(job.files.map((f, i) => [f, job.ids[i]]));
    const agg = aggregate(reports, config, { authorOf: () => job.author });
    const placed = agg.notes.map((n): [string, { author: string | null; ref: NoteRef }] => [n.file, { author: job.author, ref: n }]);
    const result: AuthorResult = {
      author: job.author,
      stage: { hashes: {}, staged: [], unchanged: [], blocked: [] },
      linted,
      failures,
      unplaced: agg.unplaced,
      relative: [],
      placed,
      json: reportAuthor(job.author, agg, (f) => noteIds.get(f) ?? -1, true),
      csv: metricsCsvRows(agg),
      // a member none of whose notes could be placed still has a line on the team's pages
      skipped,
      unknown: unknownHeadings(reports),
      part: setup.team && job.author !== null ? (agg.scopes.length ? memberPart(agg, job.author) : { author: job.author, notes: 0, weeks: [], periods: { month: [], quarter: [], year: [] } }) : null,
      pages: [],
    };
    if (!agg.notes.length) {
      // a term's or a project's weeks and no date: one page of the series, in the place of the tree's index
      const relative = reports.filter((r) => r.relativeWeek && !noteWeekKey(r));
      if (!relative.length) return result;
      const page = `${job.prefix}index.md`;
      const md = new Map([[page, tidy(templates.render('series', seriesView(relative, { strings: templates.locale, page, outDir: setup.stage.outDir, cwd: setup.cwd })))]]);
      result.relative = relative.map((r) => r.file);
      result.unplaced = result.unplaced.filter((f) => !result.relative.includes(f));
      result.pages = [page];
      if (!site) await stager.put([...md]);
      else {
        const notes = await noteTexts(relative);
        await stager.put(withSite(md, site.renderHtmlSite({ trees: [], markdown: md, all: new Set(md.keys()), locale: templates.locale, outDir: setup.stage.outDir, prefix: htmlPrefix, notes, cwd: setup.cwd, notesRoot: setup.root }), setup.format));
      }
      return result;
    }
    const tree: Tree = { prefix: job.prefix, agg, scope: agg.scopes[0], reports };
    const input = { templates, locale: setup.locale, outDir: setup.stage.outDir, cwd: setup.cwd };
    const md = new Map<string, string>();
    for (const [k, v] of renderPages(tree, input)) {
      const text = contentText(v);
      md.set(k, text);
      // staged as they come, a batch at a time: a tree's pages are never all kept as files are written
      if (!site && md.size % 16 === 0) await stager.put([...md].slice(-16));
    }
    result.pages = [...md.keys()];
    if (!site) await stager.put([...md].slice(md.size - (md.size % 16)));
    else {
      const all = new Set([...md.keys(), 'index.md', 'data/report.json']);
      // the notes as pages of the site, so that a citation opens its note at the cited line
      const notes = await noteTexts(reports);
      await stager.put(withSite(md, site.renderHtmlSite({ trees: [tree], markdown: md, all, locale: templates.locale, outDir: setup.stage.outDir, prefix: htmlPrefix, notes, cwd: setup.cwd, notesRoot: setup.root }), setup.format));
    }
    // the 述职 draft as a Word document too: how 述职 is submitted
    for (const [k, v] of md) {
      if (!/(^|\/)review\/[^/]+\.md$/.test(k)) continue;
      await stager.put([[k.replace(/\.md$/, '.docx'), await markdownToDocx(v, { lang: templates.locale.lang })]]);
    }
    return result;
  };

  // what was staged before a failure goes back too, for the build to drop
  return async (job) => {
    try {
      const r = await run(job);
      r.stage = stager.take();
      return r;
    } catch (err) {
      return { author: job.author, stage: stager.take(), error: jobError(err), linted: [], failures: [], unplaced: [], relative: [], placed: [], json: '', csv: '', part: null, pages: [], skipped: [], unknown: [] };
    }
  };
}
