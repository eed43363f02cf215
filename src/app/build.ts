import path from 'node:path';
import type { Report } from '../core/model.js';
import { WeeklyError } from '../core/errors.js';
import { lintReports, totals, unreadableResult, type LintResult } from '../core/lint/index.js';
import { aggregate, authorAggregate } from '../core/aggregate/index.js';
import { renderPages, treePaths, type Locale, type Tree } from '../core/render/index.js';
import type { InputEncoding } from '../core/parse/decode.js';
import { loadTemplates } from '../io/templates.js';
import { contentText, OutputWriter, pipeline, realOrResolved, type StageReport } from '../io/writer.js';
import { idleCores, workerCount, workersFromEnv } from '../runtime/cores.js';
import { renderMembers, withSite, type MemberSetup } from './build-members.js';
import { planBuild, type MemberJob } from './build-plan.js';
import { cacheLocation, loadNotes, type NoteCache } from './load.js';
import { resolveWorkspace } from './workspace.js';

/** What `weekly build` is asked to do. */
export interface BuildRequest {
  cwd: string;
  /** Note files, folders or globs; default the config's `notes`, else `.`. */
  inputs: string[];
  out?: string;
  locale?: Locale;
  templates?: string;
  config?: string;
  encoding?: InputEncoding;
  /** Overwrite files in the output folder that weekly did not write. */
  force?: boolean;
  /** `md` (default: build.format, else md), `html` (a static site with charts) or `both` (the site in `html/`). */
  format?: 'md' | 'html' | 'both';
  /** Called as notes are read (the CLI draws a progress bar with it). */
  onProgress?: (done: number, total: number) => void;
  /** Parsed notes kept across runs (`--watch`): only changed notes are parsed again. */
  noteCache?: NoteCache;
  /** Reuse and store report models in the on-disk cache (shared with lint), at `cacheLocation`. */
  cache?: boolean;
  cacheLocation?: string;
  /** The version of weekly, part of the cache key. */
  version?: string;
  /** Told what the user should know while the build goes on (template warnings), one line at a time. */
  onNotice?: (line: string) => void;
}

/** What a build read and wrote. */
export interface BuildOutcome {
  notes: number;
  authors: number;
  /** The output folder as the user named it. */
  out: string;
  written: string[];
  unchanged: string[];
  removed: string[];
  /** Outputs no longer produced but edited since weekly wrote them: left in place. */
  kept: string[];
  /** The problems of the notes (lint as it reads), and the notes that could not be read, by file. */
  problems: LintResult[];
  /** Notes with no week and no date: left out of the summaries. */
  unplaced: string[];
}

const inside = (child: string, parent: string) => child === parent || child.startsWith(parent.endsWith(path.sep) ? parent : parent + path.sep);

/** A template that could not be compiled or rendered, as a failure of the build naming the file and line. */
function templateFailure(err: unknown): WeeklyError | null {
  const e = err as { name?: string; file?: string; line?: number | null; message?: string };
  if (e?.name !== 'TemplateError') return null;
  return new WeeklyError(`template ${e.file}${e.line ? `:${e.line}` : ''}: ${e.message}`, 'template');
}

/**
 * Build the summaries: read and lint the notes, plan the trees, aggregate and render them, and publish the
 * outputs together (nothing is replaced unless every page rendered).
 */
export async function build(req: BuildRequest): Promise<BuildOutcome> {
  const ws = await resolveWorkspace({ cwd: req.cwd, inputs: req.inputs, config: req.config, encoding: req.encoding });
  const { config } = ws;

  const outRel = req.out ?? (config.build?.out ? ws.fromConfig(config.build.out) : 'dist');
  const outDir = path.resolve(ws.cwd, outRel);
  const outReal = await realOrResolved(outDir);
  for (const r of ws.roots) {
    const rootReal = await realOrResolved(r.root);
    if (inside(outReal, rootReal) || inside(rootReal, outReal)) {
      const how = outReal === rootReal ? 'is' : inside(outReal, rootReal) ? 'is inside' : 'contains';
      throw new WeeklyError(`the output folder ${outRel} ${how} the notes folder ${path.relative(ws.cwd, r.root) || '.'}: choose another --out`, 'usage');
    }
  }

  const locale: Locale = req.locale ?? config.build?.locale ?? 'zh';
  const format = req.format ?? config.build?.format ?? 'md';
  const userTemplates = req.templates ?? (config.build?.templates ? ws.fromConfig(config.build.templates) : null);
  let templates;
  try {
    templates = await loadTemplates({ locale, userDir: userTemplates, cwd: ws.cwd });
  } catch (err) {
    throw templateFailure(err) ?? err;
  }
  for (const w of templates.warnings) req.onNotice?.(w);

  // the cores free for this build, sampled once, before its own threads keep them busy: loading and rendering use them
  const cores = await freeCores();
  const cache = req.cache ? { location: cacheLocation(ws.cwd, req.cacheLocation), version: req.version ?? '0' } : null;
  const { reports, failures } = await loadNotes(ws.files, { cwd: ws.cwd, config, workers: cores ?? undefined, onProgress: req.onProgress, noteCache: req.noteCache, cache });
  if (!reports.length) throw new WeeklyError('no note could be read', 'input');

  // lint as we read: problems are reported, and a note with errors is still summarised
  const problems = [...lintReports(reports, config, { root: ws.root }), ...failures.map((f) => unreadableResult(f.file, f.reason))]
    .filter((r) => r.messages.length)
    .sort((a, b) => (a.filePath < b.filePath ? -1 : a.filePath > b.filePath ? 1 : 0));

  const authorOf = (r: Report) => ws.authorOf(r);
  const plan = planBuild(reports, authorOf, config);
  const htmlPrefix = format === 'both' ? 'html/' : '';
  const produced = new Set(format === 'html' ? plan.mdPaths.filter((k) => !k.endsWith('.md')) : plan.mdPaths);
  let htmlOf: ((tree: Tree, files: Map<string, string>) => Map<string, string>) | null = null;
  if (format !== 'md') {
    const { renderHtmlSite, htmlPathOf } = await import('../core/html/site.js');
    const all = new Set(plan.mdPaths);
    for (const k of plan.mdPaths) if (k.endsWith('.md')) produced.add(htmlPathOf(k, htmlPrefix));
    htmlOf = (tree, files) => renderHtmlSite({ trees: [tree], markdown: files, all, locale: templates.locale, outDir, prefix: htmlPrefix });
  }

  const writer = await OutputWriter.open(outDir, { force: req.force });
  const setup: MemberSetup = { config, locale, userTemplates: userTemplates ?? null, cwd: ws.cwd, outDir, format, all: plan.mdPaths, span: plan.span, before: writer.manifestBefore, force: req.force ?? false };
  const adopt = (r: StageReport) => writer.adopt(r);
  const workers = renderWorkers(reports.length, plan.members.length, cores);
  // with workers, members start now, beside the team, and this thread joins them after it; without, they follow it
  let run = workers ? renderMembers(plan.members, setup, workers, adopt) : null;
  const pipe = pipeline((files) => writer.put(files));
  let result;
  try {
    const team = aggregate(reports, config, { authorOf, authorScopes: false });
    // this thread answers the workers again between pages: a short queue leaves more trees for it to share
    run?.queueAhead(2);
    const tree: Tree = { prefix: '', agg: team, scope: team.scopes[0], reports: plan.teamReports, ...(plan.isTeam ? { members: plan.members.map((m) => m.author) } : {}) };
    if (treePaths(tree).join('\n') !== plan.teamPaths.join('\n')) throw new Error('the team pages differ from those planned');
    // page by page, letting the workers' messages in between: they wait on this thread for their next member.
    // Markdown pages are staged as they come; the HTML site is made from all of them.
    let files = new Map<string, string>();
    for (const [k, v] of renderPages(tree, { templates, locale, outDir, cwd: ws.cwd })) {
      if (htmlOf) files.set(k, contentText(v));
      else await pipe.add([k, v]);
      await new Promise((r) => setImmediate(r));
    }
    await pipe.flush();
    if (htmlOf) {
      files = withSite(files, htmlOf(tree, files), format);
      await writer.put(files);
    }
    const cut = (j: MemberJob) => authorAggregate(team, j.author, j.reports, config);
    // the team done, this thread renders members' trees too, cut from the team's aggregation
    if (run) await run.help(cut);
    else run = renderMembers(plan.members, setup, 0, adopt, cut);
    await run.done;
    const blocked = writer.conflicts;
    if (blocked.length) {
      const more = blocked.length > 5 ? ` and ${blocked.length - 5} more` : '';
      throw new WeeklyError(`${outRel} holds files weekly did not write and would overwrite: ${blocked.slice(0, 5).join(', ')}${more}; use --force to overwrite them, or choose another --out`, 'output');
    }
    result = await writer.commit(produced);
  } catch (err) {
    await run?.stop();
    await pipe.settle();
    await writer.abort();
    throw templateFailure(err) ?? err;
  }
  return { notes: reports.length, authors: plan.authors.length, out: outRel, ...result, problems, unplaced: plan.unplaced };
}

/** Whether a build's problems fail `--strict`: any error, an unreadable note included. */
export const hasErrors = (problems: LintResult[]) => totals(problems).errors > 0;

/** Cores other programs leave idle (Linux), at most one per core; null when `WEEKLY_WORKERS` decides or it cannot be read. */
async function freeCores(): Promise<number | null> {
  if (workersFromEnv() !== null) return null;
  const idle = await idleCores();
  return idle === null ? null : Math.max(1, Math.min(workerCount(), Math.floor(idle + 0.5)));
}

/**
 * Worker threads for the members' trees: none for a small build (starting one costs more than it saves) or when
 * no core is free; else one per free core beside this thread's, which renders the team's.
 */
function renderWorkers(notes: number, members: number, cores: number | null): number {
  if (members < 2) return 0;
  const forced = workersFromEnv();
  if (forced !== null) return Math.min(Math.max(0, forced - 1), members);
  if (notes < RENDER_MIN_NOTES) return 0;
  return Math.max(0, Math.min((cores ?? workerCount()) - 1, members));
}

/** Below this many notes a build renders in one thread: a render worker's start-up would outweigh its share. */
const RENDER_MIN_NOTES = 200;
