import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Config } from '../core/config.js';
import type { MemberJob } from './build-plan.js';
import { aggregate, type Aggregate } from '../core/aggregate/index.js';
import { WeeklyError, type FailureKind } from '../core/errors.js';
import { renderPages, renderTree, treePaths, type Tree } from '../core/render/index.js';
import { loadTemplates, TemplateError, type TemplateSet } from '../io/templates.js';
import type { Locale } from '../core/render/locale.js';
import { pipeline, Stager, type StageReport } from '../io/writer.js';
import { dispatch } from '../runtime/dispatch.js';

/** What every member's tree of one build shares; sent once to each worker. Plain data. */
export interface MemberSetup {
  config: Config;
  locale: Locale;
  userTemplates: string | null;
  cwd: string;
  outDir: string;
  format: 'md' | 'html' | 'both';
  /** Every Markdown output of the build (the HTML pages link to one another's twins). */
  all: string[];
  /** The team's span of weeks: a member's summaries cover it, so their missing weeks show. */
  span: { first: string; last: string };
  /** The previous build's manifest, and whether files weekly did not write may be overwritten. */
  before: Record<string, string>;
  force: boolean;
}


/** A failure of a member's tree, as plain data (it may cross from a worker thread). */
export type JobError = { kind: 'template'; message: string; file: string; line: number | null } | { kind: 'user'; message: string; failure: FailureKind } | { kind: 'bug'; message: string };

/** Renders members' trees under one setup: in a worker thread or in-process, the same way. */
export async function memberRenderer(setup: MemberSetup, aggOf?: (job: MemberJob) => Aggregate): Promise<(job: MemberJob) => Promise<{ report: StageReport; error?: JobError }>> {
  const templates: TemplateSet = await loadTemplates({ locale: setup.locale, userDir: setup.userTemplates, cwd: setup.cwd });
  const stager = await Stager.open(setup.outDir, { force: setup.force, before: setup.before });
  stager.take();
  const all = new Set(setup.all);
  const prefix = setup.format === 'both' ? 'html/' : '';
  const site = setup.format === 'md' ? null : await import('../core/html/site.js');
  const render = async (job: MemberJob) => {
    // a thread that has the team's aggregation cuts the member's from it; a worker aggregates the member's notes,
    // which gives the same (test/aggregate-slice.test.ts)
    const agg = aggOf ? aggOf(job) : aggregate(job.reports, setup.config, { authorOf: () => job.author, span: setup.span });
    const tree: Tree = { prefix: `${job.author}/`, agg, scope: agg.scopes[0], reports: job.reports };
    const paths = treePaths(tree);
    if (paths.join('\n') !== job.paths.join('\n')) throw new Error(`the pages of ${job.author} differ from those planned`);
    const input = { templates, locale: setup.locale, outDir: setup.outDir, cwd: setup.cwd };
    if (!site) {
      // staged page by page: a tree's pages are never all in memory at once
      const pipe = pipeline((files) => stager.put(files));
      try {
        for (const page of renderPages(tree, input)) await pipe.add(page);
      } finally {
        // what is under way is staged (or failed) before the tree's report is taken
        await pipe.settle();
      }
      return pipe.flush();
    }
    const files = renderTree(tree, input);
    await stager.put(withSite(files, site.renderHtmlSite({ trees: [tree], markdown: files, all, locale: templates.locale, outDir: setup.outDir, prefix }), setup.format));
  };
  // what was staged before a failure goes back too, for the build to remove
  return async (job) => {
    try {
      await render(job);
      return { report: stager.take() };
    } catch (err) {
      return { report: stager.take(), error: jobError(err) };
    }
  };
}

/** A tree's outputs with its HTML pages: beside the Markdown (`both`) or in its place (`html`; the data files stay). */
export function withSite(files: Map<string, string>, html: Map<string, string>, format: 'html' | 'both' | 'md'): Map<string, string> {
  return new Map([...(format === 'both' ? files : [...files].filter(([k]) => !k.endsWith('.md'))), ...html]);
}

/** A thrown error as plain data. */
export function jobError(err: unknown): JobError {
  if (err instanceof TemplateError) return { kind: 'template', message: err.message, file: err.file, line: err.line };
  if (err instanceof WeeklyError) return { kind: 'user', message: err.message, failure: err.kind };
  return { kind: 'bug', message: (err as Error)?.stack ?? String(err) };
}

/** The error a `JobError` stands for. */
export function fromJobError(e: JobError): Error {
  if (e.kind === 'template') return new TemplateError(e.message, e.file, e.line);
  if (e.kind === 'user') return new WeeklyError(e.message, e.failure);
  return new Error(e.message);
}

const WORKER_URL = new URL('./render-worker.js', import.meta.url);

/** Members' trees queued per worker. */
const QUEUE = 32;

/** Members' trees being rendered: `done` settles when all are, `stop` feeds no more and waits for those under way. */
export interface MemberRun {
  done: Promise<void>;
  stop(): Promise<void>;
  /**
   * Render in this thread, with `aggOf`, the trees no worker has been sent yet, until none is left (a caller
   * free before the workers are done shares their work). Throws the first error of those trees.
   */
  help(aggOf: (job: MemberJob) => Aggregate): Promise<void>;
  /** Keep only `n` trees queued per worker from now on (the caller answers messages again). */
  queueAhead(n: number): void;
}

/**
 * Render members' trees in `size` worker threads while the caller goes on (the team's tree, in the main thread).
 * Each tree's staged files go to `adopt`, also those staged before a failure. `done` rejects with the first error
 * a tree met; trees a worker could not finish (it died) are rendered in-process. With `size` 0, in-process, where
 * `aggOf` (when given) supplies each member's aggregation.
 */
export function renderMembers(jobs: MemberJob[], setup: MemberSetup, size: number, adopt: (r: StageReport) => void, aggOf?: (job: MemberJob) => Aggregate): MemberRun {
  let stopped = false;
  const inProcess = async (list: MemberJob[]) => {
    const run = await memberRenderer(setup, aggOf);
    for (const j of list) {
      if (stopped) return;
      const r = await run(j);
      adopt(r.report);
      if (r.error) throw fromJobError(r.error);
    }
  };
  if (size < 1 || !jobs.length || !existsSync(fileURLToPath(WORKER_URL))) {
    const done = inProcess(jobs);
    done.catch(() => {});
    return { done, stop: async () => { stopped = true; await done.catch(() => {}); }, help: async () => {}, queueAhead: () => {} };
  }
  const run = dispatch<{ id: number; report?: StageReport; error?: JobError }>({
    url: WORKER_URL,
    workerData: setup,
    count: jobs.length,
    size,
    // a queue deep enough to last while the main thread aggregates the team without answering messages, but no
    // more than a worker's share: the main thread takes what the workers have not been sent once the team is done
    depth: Math.min(QUEUE, Math.ceil(jobs.length / (size + 1))),
    message: (id) => ({ id, job: jobs[id] }),
    receive: (reply) => {
      if (reply.report) adopt(reply.report);
      return reply.error ? fromJobError(reply.error) : undefined;
    },
    fallback: (ids) => inProcess(ids.map((i) => jobs[i])),
    stopped: () => stopped,
  });
  const done = run.done;
  done.catch(() => {});
  let helping: Promise<void> | null = null;
  return {
    get done() {
      return helping ? Promise.all([done, helping]).then(() => {}) : done;
    },
    help(aggOf) {
      // few trees queued ahead from now on, so that most of what is left can be taken here
      run.setDepth(1);
      helping = (async () => {
        let renderer: Awaited<ReturnType<typeof memberRenderer>> | null = null;
        for (let id = run.take(); id !== undefined; id = run.take()) {
          renderer ??= await memberRenderer(setup, aggOf);
          const r = await renderer(jobs[id]);
          adopt(r.report);
          if (r.error) throw fromJobError(r.error);
          // let the workers' replies in: each one feeds that worker its next tree
          await new Promise((resolve) => setImmediate(resolve));
        }
      })();
      helping.catch(() => {});
      return helping;
    },
    queueAhead: (n) => run.setDepth(n),
    async stop() {
      stopped = true;
      // jobs under way finish (so their staged files are known and can be removed); none start
      run.check();
      await Promise.all([done.catch(() => {}), helping?.catch(() => {})]);
    },
  };
}
