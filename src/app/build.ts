import { promises as fs } from 'node:fs';
import path from 'node:path';
import { isDynamicPattern } from 'tinyglobby';
import { loadConfig } from '../io/config-file.js';
import { findNotes, readIgnoreFile } from '../io/find.js';
import { cacheLocation, loadNotes, type NoteCache } from './load.js';
import { authorOf } from '../core/authors.js';
import type { Report } from '../core/model.js';
import { lintReports, ruleConfigProblems, totals } from '../core/lint/index.js';
import { unix } from '../core/formatters/unix.js';
import { EXIT, ExitError } from '../core/errors.js';
import { aggregate, authorAggregate, periodsOfWeek, settingsOf } from '../core/aggregate/index.js';
import { noteWeekKey } from '../core/aggregate/weeks.js';
import { loadTemplates, pathsOfTree, renderPages, TemplateError, treePaths, type Locale, type Tree } from '../core/render/index.js';
import { renderMembers, withSite, type MemberJob, type MemberSetup } from './build-members.js';
import { idleCores, workerCount, workersFromEnv } from './pool.js';
import { contentText, MANIFEST, OutputWriter, pipeline, type StageReport } from '../io/writer.js';

/** Options of `weekly build`. */
export interface BuildOptions {
  cwd: string;
  /** Note files, folders or globs; default: the config's `notes`. */
  inputs: string[];
  out?: string;
  locale?: Locale;
  templates?: string;
  config?: string;
  /** Exit 1 when any note has errors. */
  strict?: boolean;
  /** Overwrite files in the output folder that weekly did not write. */
  force?: boolean;
  /** `md` (default: build.format, else md), `html` (a static site with charts) or `both` (the site in `html/`). */
  format?: 'md' | 'html' | 'both';
  /** No summary line. */
  quiet?: boolean;
  /** Called as notes are read (the CLI draws a progress bar with it). */
  onProgress?: (done: number, total: number) => void;
  /** Parsed notes kept across runs (`--watch`): only changed notes are parsed again. */
  noteCache?: NoteCache;
  /** Reuse and store report models in the on-disk cache (shared with lint), at `cacheLocation`. */
  cache?: boolean;
  cacheLocation?: string;
  /** The version of weekly, part of the cache key. */
  version?: string;
  stdout: (s: string) => void;
  stderr: (s: string) => void;
}

/** Names an author folder may not take: they are the team tree's own files and folders. */
const RESERVED = new Set(['index.md', 'index.html', 'monthly', 'quarterly', 'annual', 'review', 'data', 'html', MANIFEST]);

/** Why an author name cannot name an output folder, or null when it can. */
export function authorFolderProblem(name: string): string | null {
  if (!name.trim()) return 'is empty';
  if (name.includes('..') || /[\\/]/.test(name)) return 'contains `..` or a path separator';
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f<>:"|?*]/.test(name)) return 'contains a character that file systems reject';
  if (name.startsWith('.') || /[. ]$/.test(name)) return 'starts with `.` or ends with `.` or a space';
  if (RESERVED.has(name.toLowerCase())) return 'is the name of a folder or file of the team summary';
  return null;
}

/** The folder a note input stands for: itself, a file's folder, or a glob's fixed leading part. */
function inputRoot(cwd: string, input: string, isDir: boolean): string {
  if (isDynamicPattern(input)) {
    const parts = input.split('/');
    const fixed: string[] = [];
    for (const p of parts) {
      if (isDynamicPattern(p)) break;
      fixed.push(p);
    }
    return path.resolve(cwd, fixed.join('/') || '.');
  }
  const abs = path.resolve(cwd, input);
  return isDir ? abs : path.dirname(abs);
}

async function realOrResolved(p: string): Promise<string> {
  // resolve the longest existing prefix through symbolic links, so a link cannot hide an overlap
  let head = path.resolve(p);
  const tail: string[] = [];
  for (;;) {
    try {
      return path.join(await fs.realpath(head), ...tail.reverse());
    } catch {
      const parent = path.dirname(head);
      if (parent === head) return path.resolve(p);
      tail.push(path.basename(head));
      head = parent;
    }
  }
}

const inside = (child: string, parent: string) => child === parent || child.startsWith(parent.endsWith(path.sep) ? parent : parent + path.sep);

/**
 * `weekly build`: read and lint the notes, aggregate them and write the summaries. Exit 0 when the outputs
 * were written, 1 with `--strict` when some note has errors, 2 when the build could not be done.
 */
export async function buildCommand(o: BuildOptions): Promise<number> {
  const loaded = await loadConfig(o.cwd, o.config);
  const config = loaded.config;
  const ruleProblems = ruleConfigProblems(config);
  if (ruleProblems.length) {
    const where = loaded.file ? `config ${path.relative(o.cwd, loaded.file) || loaded.file}` : 'config';
    throw new ExitError(ruleProblems.map((p) => `weekly: ${where}: ${p}`).join('\n'), EXIT.failure);
  }
  const fromConfig = (p: string) => path.relative(o.cwd, path.resolve(loaded.dir, p)) || '.';

  const inputs = o.inputs.length ? o.inputs : config.notes ? [fromConfig(config.notes)] : [];
  if (!inputs.length) throw new ExitError('weekly build: no notes given: name a notes folder (`weekly build notes/`) or set `notes` in the config', EXIT.failure);
  const ignores = [...(config.ignores ?? [])];
  const rootsInfo: { input: string; root: string }[] = [];
  for (const input of inputs) {
    let isDir = false;
    try {
      isDir = !isDynamicPattern(input) && (await fs.stat(path.resolve(o.cwd, input))).isDirectory();
    } catch {
      isDir = false;
    }
    const root = inputRoot(o.cwd, input, isDir);
    rootsInfo.push({ input, root });
    if (isDir) ignores.push(...(await readIgnoreFile(root)));
  }
  const found = await findNotes(inputs, { cwd: o.cwd, ignores, followSymlinks: config.followSymlinks });
  for (const m of found.missing) o.stderr(`weekly build: ${m.input}: ${m.reason}\n`);
  if (found.missing.length) throw new ExitError('', EXIT.failure);
  if (!found.files.length) throw new ExitError(`weekly build: no notes (.md files) found in ${inputs.join(', ')}`, EXIT.failure);

  const outRel = o.out ?? (config.build?.out ? fromConfig(config.build.out) : 'dist');
  const outDir = path.resolve(o.cwd, outRel);
  const outReal = await realOrResolved(outDir);
  for (const r of rootsInfo) {
    const rootReal = await realOrResolved(r.root);
    if (inside(outReal, rootReal) || inside(rootReal, outReal)) {
      throw new ExitError(`weekly build: the output folder ${outRel} ${outReal === rootReal ? 'is' : inside(outReal, rootReal) ? 'is inside' : 'contains'} the notes folder ${path.relative(o.cwd, r.root) || '.'}: choose another --out`, EXIT.failure);
    }
  }

  const locale: Locale = o.locale ?? config.build?.locale ?? 'zh';
  const format = o.format ?? config.build?.format ?? 'md';
  const userTemplates = o.templates ?? (config.build?.templates ? fromConfig(config.build.templates) : null);
  let templates;
  try {
    templates = await loadTemplates({ locale, userDir: userTemplates, cwd: o.cwd });
  } catch (err) {
    if (err instanceof TemplateError) throw new ExitError(`weekly build: template ${err.file}${err.line ? `:${err.line}` : ''}: ${err.message}`, EXIT.failure);
    throw err;
  }
  for (const w of templates.warnings) o.stderr(`weekly build: ${w}\n`);

  // the cores free for this build, sampled once, before its own threads keep them busy: loading and rendering use them
  const cores = await freeCores();
  const { reports, failures } = await loadNotes(found.files, { cwd: o.cwd, config, workers: cores ?? undefined, onProgress: o.onProgress, noteCache: o.noteCache, cache: o.cache ? { location: cacheLocation(o.cwd, o.cacheLocation), version: o.version ?? '0' } : null });
  for (const f of failures) o.stderr(`${f.file}: ${f.reason}\n`);
  if (!reports.length) throw new ExitError('weekly build: no note could be read', EXIT.failure);

  // author of each note: frontmatter, else the top folder under the notes folder it was found in
  const rootOf = (file: string) => {
    const abs = path.resolve(o.cwd, file);
    const best = rootsInfo.filter((r) => inside(abs, r.root)).sort((a, b) => b.root.length - a.root.length)[0];
    return best ? path.relative(o.cwd, best.root).split(path.sep).join('/') || '.' : '.';
  };
  const authors = new Map<Report, string | null>();
  for (const r of reports) authors.set(r, authorOf(r, rootOf(r.file)));

  // lint as we read: problems are reported, and a note with errors is still summarised
  const lintRoot = rootsInfo.length === 1 ? path.relative(o.cwd, rootsInfo[0].root).split(path.sep).join('/') || '.' : '.';
  const results = lintReports(reports, config, { root: lintRoot }).filter((r) => r.messages.length);
  const lintTotals = totals(results);
  o.stderr(unix(results));

  const named = [...new Set([...authors.values()].filter((a): a is string => a !== null))].sort();
  const folded = new Map<string, string>();
  for (const a of named) {
    const problem = authorFolderProblem(a);
    if (problem) {
      const r = reports.find((x) => authors.get(x) === a)!;
      throw new ExitError(`weekly build: ${r.file}: author \`${a}\` ${problem}, so it cannot name an output folder`, EXIT.failure);
    }
    const k = a.normalize('NFC').toLowerCase();
    if (folded.has(k)) throw new ExitError(`weekly build: authors \`${folded.get(k)}\` and \`${a}\` differ only in case and would share an output folder`, EXIT.failure);
    folded.set(k, a);
  }

  // Each member's tree covers the team's span of weeks. In worker threads, beside this thread's team tree, it is
  // aggregated from the member's notes; in this thread it is cut from the team's aggregation, which gives the same
  // (test/aggregate-slice.test.ts). Every output path is known before anything is rendered, so each tree's
  // files are staged as it is rendered and published together at the end.
  const settings = settingsOf(config, 'iso');
  const weekOf = new Map<Report, string>();
  for (const r of reports) {
    const w = noteWeekKey(r);
    if (w) weekOf.set(r, w);
  }
  for (const f of reports.filter((r) => !weekOf.has(r)).map((r) => r.file).sort()) o.stderr(`${f}: no week and no date: left out of the summaries\n`);
  const weeks = [...weekOf.values()].sort();
  if (!weeks.length) throw new ExitError('weekly build: no note names its week or date, so there is nothing to summarise', EXIT.failure);
  const span = { first: weeks[0], last: weeks[weeks.length - 1] };
  const placedAuthors = new Set([...weekOf.keys()].map((r) => authors.get(r) ?? null));
  const isTeam = placedAuthors.size > 1;
  const members = isTeam ? named.filter((a) => placedAuthors.has(a)) : [];
  const byAuthor = new Map<string, Report[]>(members.map((a) => [a, []]));
  for (const r of reports) byAuthor.get(authors.get(r) ?? '')?.push(r);
  const keysOf = (mine: Report[]) => {
    const periods = [...new Set(mine.filter((r) => weekOf.has(r)).map((r) => weekOf.get(r)!))].map((w) => periodsOfWeek(w, settings));
    const uniq = (k: 'month' | 'quarter' | 'year') => [...new Set(periods.map((p) => p[k]))].sort();
    return { month: uniq('month'), quarter: uniq('quarter'), year: uniq('year') };
  };
  const jobs: MemberJob[] = members.map((a) => ({ author: a, reports: byAuthor.get(a)!, paths: pathsOfTree(`${a}/`, keysOf(byAuthor.get(a)!)) }));
  const teamPaths = pathsOfTree('', keysOf(reports));
  const mdPaths = [...teamPaths, ...jobs.flatMap((j) => j.paths)];
  const htmlPrefix = format === 'both' ? 'html/' : '';
  const produced = new Set(format === 'html' ? mdPaths.filter((k) => !k.endsWith('.md')) : mdPaths);
  let htmlOf: ((tree: Tree, files: Map<string, string>) => Map<string, string>) | null = null;
  if (format !== 'md') {
    const { renderHtmlSite, htmlPathOf } = await import('../core/html/site.js');
    const all = new Set(mdPaths);
    for (const k of mdPaths) if (k.endsWith('.md')) produced.add(htmlPathOf(k, htmlPrefix));
    htmlOf = (tree, files) => renderHtmlSite({ trees: [tree], markdown: files, all, locale, outDir, prefix: htmlPrefix });
  }

  const writer = await OutputWriter.open(outDir, { force: o.force });
  const setup: MemberSetup = { config, locale, userTemplates: userTemplates ?? null, cwd: o.cwd, outDir, format, all: mdPaths, span, before: writer.manifestBefore, force: o.force ?? false };
  const adopt = (r: StageReport) => writer.adopt(r);
  const workers = renderWorkers(reports.length, jobs.length, cores);
  // with workers, members start now, beside the team, and this thread joins them after it; without, they follow it
  let run = workers ? renderMembers(jobs, setup, workers, adopt) : null;
  const pipe = pipeline((files) => writer.put(files));
  let result;
  try {
    const team = aggregate(reports, config, { authorOf: (r) => authors.get(r) ?? null, authorScopes: false });
    // this thread answers the workers again between pages: a short queue leaves more trees for it to share
    run?.queueAhead(2);
    const tree: Tree = { prefix: '', agg: team, scope: team.scopes[0], reports: isTeam ? reports.filter((r) => !byAuthor.has(authors.get(r) ?? '')) : reports, ...(isTeam ? { members } : {}) };
    if (treePaths(tree).join('\n') !== teamPaths.join('\n')) throw new Error('the team pages differ from those planned');
    // page by page, letting the workers' messages in between: they wait on this thread for their next member.
    // Markdown pages are staged as they come; the HTML site is made from all of them.
    let files = new Map<string, string>();
    for (const [k, v] of renderPages(tree, { templates, locale, outDir, cwd: o.cwd })) {
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
    else run = renderMembers(jobs, setup, 0, adopt, cut);
    await run.done;
    const blocked = writer.conflicts;
    if (blocked.length) {
      throw new ExitError(
        `weekly build: ${outRel} holds files weekly did not write and would overwrite: ${blocked.slice(0, 5).join(', ')}${blocked.length > 5 ? ` and ${blocked.length - 5} more` : ''}; use --force to overwrite them, or choose another --out`,
        EXIT.failure,
      );
    }
    result = await writer.commit(produced);
  } catch (err) {
    await run?.stop();
    await pipe.settle();
    await writer.abort();
    if (err instanceof TemplateError) throw new ExitError(`weekly build: template ${err.file}${err.line ? `:${err.line}` : ''}: ${err.message}`, EXIT.failure);
    throw err;
  }
  for (const k of result.kept) o.stderr(`weekly build: ${outRel}/${k}: no longer produced but edited since weekly wrote it: left in place\n`);
  const summaryLine =
    `weekly build: ${reports.length} note${reports.length === 1 ? '' : 's'}` +
    `${named.length > 1 ? ` by ${named.length} authors` : ''} → ${outRel}: ${result.written.length} written, ${result.unchanged.length} unchanged` +
    `${result.removed.length ? `, ${result.removed.length} removed` : ''}\n`;
  if (!o.quiet) o.stdout(summaryLine);
  return o.strict && lintTotals.errors > 0 ? EXIT.problems : EXIT.ok;
}

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
