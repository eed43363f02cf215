import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { NoteRef } from '../core/aggregate/index.js';
import { cmp } from '../core/aggregate/text.js';
import { METRICS_CSV_HEADER, noteIndex, reportHead, reportTail } from '../core/data.js';
import { WeeklyError } from '../core/errors.js';
import { activeRules, lintAcross, noteResult, totals, unreadableResult, type LintMessage, type LintResult, type NoteFacts } from '../core/lint/index.js';
import { tidy, type Locale, type TemplateSet } from '../core/render/index.js';
import { teamPagePath, teamViews, type MemberPart } from '../core/team.js';
import type { InputEncoding } from '../core/parse/decode.js';
import { unknownHeadingsLine } from '../core/parse/kind.js';
import { noteLanguage } from '../core/parse/dating.js';
import { readNote } from '../io/read.js';
import { cachePaths, modelStore } from '../io/cache.js';
import { loadTemplates } from '../io/templates.js';
import { OutputWriter, realOrResolved, type WriteResult } from '../io/writer.js';
import { dispatch } from '../runtime/dispatch.js';
import { idleCores, workerCount, workersFromEnv } from '../runtime/cores.js';
import { authorRunner, fromJobError, withSite, type AuthorJob, type AuthorResult, type AuthorSetup } from './author-job.js';
import { groupByAuthor } from './authors.js';
import { planBuild } from './build-plan.js';
import { cacheLocation } from './load.js';
import type { NoteCache } from './tasks.js';
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
export interface BuildOutcome extends WriteResult {
  notes: number;
  authors: number;
  /** The output folder as the user named it. */
  out: string;
  /** The problems of the notes (lint as it reads), and the notes that could not be read, by file. */
  problems: LintResult[];
  /** Notes with no week and no date: left out of the summaries. */
  unplaced: string[];
  /** Files that are no weekly notes: neither linted nor summarised. */
  skipped: string[];
  /** The line that names the headings of no known kind (kept as written), or null. */
  unknownHeadings: string | null;
}

const inside = (child: string, parent: string) => child === parent || child.startsWith(parent.endsWith(path.sep) ? parent : parent + path.sep);

/** A template that could not be compiled or rendered, as a failure of the build naming the file and line. */
function templateFailure(err: unknown): WeeklyError | null {
  const e = err as { name?: string; file?: string; line?: number | null; message?: string };
  if (e?.name !== 'TemplateError') return null;
  return new WeeklyError(`template ${e.file}${e.line ? `:${e.line}` : ''}: ${e.message}`, 'template');
}

const WORKER_URL = new URL('./build-worker.js', import.meta.url);

/**
 * Build the summaries, author by author: each author's notes are read, parsed, linted, aggregated and rendered
 * (in worker threads when there are many), their pages staged and their rows of the data files written, and only
 * what the team's pages need is kept; then the team's pages, and every output is published together (nothing
 * is replaced unless everything rendered).
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

  const locale: Locale = req.locale ?? config.build?.locale ?? (await notesLanguage(ws.files, ws.cwd, config));
  const format = req.format ?? config.build?.format ?? 'md';
  const userTemplates = req.templates ?? (config.build?.templates ? ws.fromConfig(config.build.templates) : null);
  let templates: TemplateSet;
  try {
    templates = await loadTemplates({ locale, userDir: userTemplates, cwd: ws.cwd });
  } catch (err) {
    throw templateFailure(err) ?? err;
  }
  for (const w of templates.warnings) req.onNotice?.(w);

  // the cores free for this build, sampled once, before its own threads keep them busy
  const cores = await freeCores();
  const plan = planBuild(await groupByAuthor(ws), ws.files, templates.locale.labels.unnamed);
  const models = req.cache ? modelStore((await cachePaths(cacheLocation(ws.cwd, req.cacheLocation))).models, { version: req.version ?? '0', config }) : null;

  const writer = await OutputWriter.open(outDir, { force: req.force, shown: outRel });
  const setup: AuthorSetup = { config, locale, userTemplates, cwd: ws.cwd, root: ws.root, format, stage: writer.setup, models, team: plan.team };
  const json = writer.stream('data/report.json');
  const csv = writer.stream('data/metrics.csv');
  const linted: { facts: NoteFacts; messages: LintMessage[] }[] = [];
  const failures: { file: string; reason: string }[] = [];
  const unplaced: string[] = [];
  let relative = 0;
  const skipped: string[] = [];
  const unknown = new Map<string, number>();
  const placed = new Map<string, { author: string | null; ref: NoteRef | null }>();
  const parts: MemberPart[] = [];
  const pages = new Set<string>();
  let entries = 0;
  let read = 0;
  try {
    await json.write(reportHead());
    await csv.write(`\ufeff${METRICS_CSV_HEADER}`);
    // results are taken in the plan's order, whichever thread finishes first: the data files come out the same
    const take = async (r: AuthorResult) => {
      writer.adopt(r.stage);
      if (r.error) throw fromJobError(r.error);
      linted.push(...r.linted);
      failures.push(...r.failures);
      unplaced.push(...r.unplaced);
      relative += r.relative.length;
      skipped.push(...r.skipped);
      for (const u of r.unknown) unknown.set(u.title, (unknown.get(u.title) ?? 0) + u.count);
      for (const [f, p] of r.placed) placed.set(f, p);
      if (r.part) parts.push(r.part);
      for (const p of r.pages) pages.add(p);
      if (r.json) await json.write(`${entries++ ? ',' : ''}${r.json}`);
      await csv.write(r.csv);
    };
    // notes read in this thread count one by one, a worker's as its author is done
    const progress = (n: number) => {
      read += n;
      req.onProgress?.(read, ws.files.length);
    };
    await runJobs(plan.jobs, setup, renderWorkers(ws.files.length, plan.jobs.length, cores, Boolean(req.noteCache)), take, progress, req.noteCache);
    if (!placed.size && !linted.length) throw new WeeklyError('no note could be read', 'input');
    if (!placed.size && !relative) throw new WeeklyError('no note names its week or date, so there is nothing to summarise', 'input');

    // the team's pages, from what each author's job kept
    if (plan.team) {
      const weeks = [...placed.values()].map((p) => p.ref?.week).filter((w): w is string => Boolean(w)).sort(cmp);
      const fiscalYearStart = config.build?.fiscalYearStart ?? 1;
      const views = teamViews(parts, {
        labels: templates.locale.labels,
        settings: { monthDay: config.build?.monthDay ?? 'thursday', fiscalYearStart },
        fiscal: fiscalYearStart !== 1,
        outDir,
        cwd: ws.cwd,
        span: { first: weeks[0], last: weeks[weeks.length - 1] },
        hasPage: (p) => pages.has(p),
      });
      const md = new Map<string, string>([[teamPagePath.index(), tidy(templates.render('team-index', views.index))]]);
      for (const v of views.periods) md.set(teamPagePath.period(v.kind, v.key), tidy(templates.render('team-period', v)));
      if (format === 'md') await writer.put(md);
      else {
        const { htmlPathOf, renderHtmlSite } = await import('../core/html/site.js');
        // links to members' pages go to their HTML twins, and citations to the notes' pages their jobs made
        const all = new Set([...md.keys(), ...pages, 'data/report.json']);
        const notes = new Map([...placed.keys()].map((f) => [f, '']));
        const html = renderHtmlSite({ trees: [], markdown: md, all, locale: templates.locale, outDir, prefix: format === 'both' ? 'html/' : '', notes, cwd: ws.cwd, notesRoot: ws.root });
        const own = new Set([...md.keys()].map((k) => htmlPathOf(k, format === 'both' ? 'html/' : '')));
        await writer.put(withSite(md, new Map([...html].filter(([k]) => own.has(k))), format));
      }
    }

    await json.write(reportTail(noteIndex(ws.files, placed), plan.team ? { members: parts.map((p) => p.author) } : null));
    await json.close();
    await csv.close();
    const blocked = writer.conflicts;
    if (blocked.length) {
      const more = blocked.length > 5 ? ` and ${blocked.length - 5} more` : '';
      throw new WeeklyError(`${outRel} holds files weekly would overwrite: ${blocked.slice(0, 5).map((b) => `${b.rel} (${b.why})`).join(', ')}${more}; use --force to overwrite files weekly did not write, or choose another --out`, 'output');
    }
  } catch (err) {
    await writer.abort();
    throw templateFailure(err) ?? err;
  }
  const result = await writer.commit();

  // lint as we read: the rules across notes see every author's notes
  const rules = activeRules(config);
  const across = lintAcross(linted.map((n) => n.facts), rules, config, ws.root);
  const problems = [...linted.map((n) => noteResult(n.facts, [...n.messages, ...(across.get(n.facts.file) ?? [])])), ...failures.map((f) => unreadableResult(f.file, f.reason))]
    .filter((r) => r.messages.length)
    .sort((a, b) => cmp(a.filePath, b.filePath));
  const named = plan.jobs.filter((j) => j.author !== null).length;
  const headings = [...unknown].map(([title, count]) => ({ title, count })).sort((a, b) => b.count - a.count || cmp(a.title, b.title));
  const configName = ws.configFile ? path.relative(ws.cwd, ws.configFile) || ws.configFile : 'weekly.config.yaml';
  return { notes: linted.length, authors: named, out: outRel, ...result, problems, unplaced: unplaced.sort(cmp), skipped: skipped.sort(cmp), unknownHeadings: unknownHeadingsLine(headings, configName) };
}

/** Whether a build's problems fail `--strict`: any error, an unreadable note included. */
export const hasErrors = (problems: LintResult[]) => totals(problems).errors > 0;

/**
 * Run the authors' jobs in `workers` worker threads (in this thread when none, or when every worker died) and
 * hand each result to `take` in the order of `jobs`.
 */
async function runJobs(jobs: AuthorJob[], setup: AuthorSetup, workers: number, take: (r: AuthorResult) => Promise<void>, progress: (notes: number) => void, noteCache?: NoteCache): Promise<void> {
  let runner: Promise<(job: AuthorJob) => Promise<AuthorResult>> | null = null;
  const local = async (job: AuthorJob) => (await (runner ??= authorRunner(setup, noteCache, () => progress(1))))(job);
  if (workers < 1 || !existsSync(fileURLToPath(WORKER_URL))) {
    for (const j of jobs) await take(await local(j));
    return;
  }
  const results = new Map<number, AuthorResult>();
  let next = 0;
  let taking: Promise<void> = Promise.resolve();
  const drain = () => {
    taking = taking.then(async () => {
      while (results.has(next)) {
        const r = results.get(next)!;
        results.delete(next++);
        await take(r);
      }
    });
    return taking;
  };
  let failed = false;
  // this thread only hands out jobs and writes their results: a job run here would keep the workers waiting for
  // their next one (it runs without yielding), and this thread's default young generation would copy its notes
  // over and over (see resourceLimits). Free, it answers a reply at once, so one job at a time per worker costs
  // no wait and leaves no worker with a queued job while the other has none at the end
  const run = dispatch<{ id: number; result: AuthorResult }>({
    url: WORKER_URL,
    workerData: setup,
    count: jobs.length,
    size: workers,
    depth: 1,
    // an author's parsed notes live through aggregating and rendering, so the default young generation (16 MB
    // semi-spaces) copies them over and over: 2,600 scavenges took 15 s of a 100 × 100 build; 192 MB (64 MB
    // semi-spaces) saves about a sixth of the build for ~30 MB more peak memory
    resourceLimits: { maxYoungGenerationSizeMb: 192 },
    message: (id) => ({ id, job: jobs[id] }),
    receive: (reply) => {
      progress(jobs[reply.id].files.length);
      results.set(reply.id, reply.result);
      if (reply.result.error) failed = true;
      void drain().catch(() => {});
    },
    fallback: async (ids) => {
      for (const id of ids) results.set(id, await local(jobs[id]));
      await drain();
    },
    stopped: () => failed,
  });
  await run.done;
  await drain();
  if (next < jobs.length && !failed) throw new Error(`authors' jobs ended at ${next} of ${jobs.length}`);
}

/** Cores other programs leave idle (Linux), at most one per core; null when `WEEKLY_WORKERS` decides or it cannot be read. */
async function freeCores(): Promise<number | null> {
  if (workersFromEnv() !== null) return null;
  const idle = await idleCores();
  return idle === null ? null : Math.max(1, Math.min(workerCount(), Math.floor(idle + 0.5)));
}

/**
 * Worker threads for the authors' jobs, one per free core (this thread then only hands out jobs and writes; one
 * worker on a busy machine still has the young generation an author's job needs): none for a small build
 * (starting one costs more than it saves) or in watch mode (its parsed notes live in this thread).
 */
function renderWorkers(notes: number, jobs: number, cores: number | null, watching: boolean): number {
  if (jobs < 2 || watching) return 0;
  const forced = workersFromEnv();
  if (forced !== null) return Math.min(forced, jobs);
  return notes < RENDER_MIN_NOTES ? 0 : Math.min(cores ?? workerCount(), jobs);
}

/**
 * The language most of the notes are written in, from up to 8 of them spread over the list (the same ones on
 * every run): `en` when most are English, else `zh`. The summaries follow it unless `--locale` or `build.locale`
 * says otherwise.
 */
async function notesLanguage(files: string[], cwd: string, config: { encoding?: InputEncoding; maxFileSize?: number }): Promise<Locale> {
  const step = Math.max(1, Math.floor(files.length / 8));
  let en = 0;
  let read = 0;
  for (let i = 0; i < files.length && read < 8; i += step) {
    const r = await readNote(path.resolve(cwd, files[i]), { encoding: config.encoding, maxBytes: config.maxFileSize });
    if (!r.ok) continue;
    read++;
    if (noteLanguage(r.text) === 'en') en++;
  }
  return read && en * 2 > read ? 'en' : 'zh';
}

/** Below this many notes a build runs in one thread: a worker's start-up would outweigh its share. */
const RENDER_MIN_NOTES = 200;
