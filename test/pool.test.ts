import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { genNotes, REPO } from './build-helpers.js';
import type * as Load from '../src/app/load.js';
import type * as Pool from '../src/app/pool.js';
import type * as Cores from '../src/runtime/cores.js';

// Worker threads run compiled code only (tests run from source, where the loader stays in-process), so these
// tests load lib/, compiled once by test/global-setup.ts.
let load: typeof Load;
let pool: typeof Pool;
let cores: typeof Cores;

beforeAll(async () => {
  const dist = path.join(REPO, 'lib');
  load = (await import(pathToFileURL(path.join(dist, 'app/load.js')).href)) as typeof Load;
  pool = (await import(pathToFileURL(path.join(dist, 'app/pool.js')).href)) as typeof Pool;
  cores = (await import(pathToFileURL(path.join(dist, 'runtime/cores.js')).href)) as typeof Cores;
});

const corpora: string[] = [];
afterAll(() => corpora.forEach((d) => rmSync(d, { recursive: true, force: true })));

/** A generated corpus of `people` × `weeks` notes with planted defects; its note paths, sorted. */
function corpus(people: number, weeks: number): { cwd: string; files: string[] } {
  const cwd = mkdtempSync(path.join(tmpdir(), 'weekly-pool-'));
  corpora.push(cwd);
  genNotes(path.join(cwd, 'notes'), people, weeks, 7, 0.3);
  const files = readdirSync(path.join(cwd, 'notes'), { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.md'))
    .map((f) => `notes/${f.split(path.sep).join('/')}`)
    .sort();
  return { cwd, files };
}

function shuffle<T>(xs: T[], seed: number): T[] {
  const a = xs.slice();
  let s = seed;
  for (let i = a.length - 1; i > 0; i--) {
    s = (s * 1103515245 + 12345) % 2147483648;
    const j = s % (i + 1);
    [a[i], a[j]] = [a[j], a[i]];
  }
  return a;
}

describe('the worker pool', () => {
  it('is available from the compiled code', () => {
    expect(pool.poolAvailable()).toBe(true);
  });

  it('samples the idle cores (on Linux), within what the machine has', async () => {
    const idle = await cores.idleCores(50);
    // /proc/stat is read on Linux; elsewhere there is nothing to sample
    if (process.platform !== 'linux') return expect(idle).toBeNull();
    expect(idle).not.toBeNull();
    expect(idle).toBeGreaterThanOrEqual(0);
    expect(idle).toBeLessThanOrEqual(cores.cores() + 0.01);
  });

  it('gives byte-identical reports to the in-process path, in the same order', async () => {
    const { cwd, files } = corpus(2, 45);
    const steps: number[] = [];
    const inPool = await load.loadNotes(files, { cwd, config: {}, workers: 2, minPoolFiles: 1, onProgress: (done) => steps.push(done) });
    const inProcess = await load.loadNotes(files, { cwd, config: {}, workers: 0 });
    // notes come back a batch at a time from workers, one at a time in-process
    expect(steps[0]).toBeGreaterThan(1);
    expect(steps[steps.length - 1]).toBe(files.length);
    expect(inPool.reports.map((r) => r.file)).toEqual(files);
    expect(JSON.stringify(inPool)).toBe(JSON.stringify(inProcess));
  });

  it('gives the same reports whatever the order of the files', async () => {
    const { cwd, files } = corpus(2, 40);
    const base = await load.loadNotes(files, { cwd, config: {}, workers: 0 });
    for (const seed of [1, 2]) {
      const order = shuffle(files, seed);
      const got = await load.loadNotes(order, { cwd, config: {}, workers: 2, minPoolFiles: 1 });
      expect(got.reports.map((r) => r.file)).toEqual(order);
      const byFile = (a: { file: string }, b: { file: string }) => (a.file < b.file ? -1 : 1);
      expect(JSON.stringify(got.reports.slice().sort(byFile))).toBe(JSON.stringify(base.reports));
    }
  });

  it('gives the same lint facts and problems as the in-process path', async () => {
    const { cwd, files } = corpus(2, 45);
    const config = { rules: { 'empty-section': 'error' as const } };
    const a = await load.loadNotes(files, { cwd, config, workers: 2, minPoolFiles: 1, lint: {} });
    const b = await load.loadNotes(files, { cwd, config, workers: 0, lint: {} });
    expect(a.notes.length).toBe(files.length);
    expect(a.notes.some((n) => n.messages.length > 0)).toBe(true);
    expect(JSON.stringify(a.notes)).toBe(JSON.stringify(b.notes));
  });

  it('one thread for many notes is one worker (batches of notes come back), with the same facts and problems as this thread', async () => {
    const { cwd, files } = corpus(2, 45);
    const config = { rules: { 'empty-section': 'error' as const } };
    const steps: number[] = [];
    const solo = await load.loadNotes(files, { cwd, config, workers: 1, minPoolFiles: 1, lint: {}, onProgress: (done) => steps.push(done) });
    const here = await load.loadNotes(files, { cwd, config, workers: 0, minPoolFiles: 1, lint: {} });
    expect(steps[0]).toBeGreaterThan(1);
    expect(steps[steps.length - 1]).toBe(files.length);
    expect(solo.notes.some((n) => n.messages.length > 0)).toBe(true);
    expect(JSON.stringify(solo.notes)).toBe(JSON.stringify(here.notes));
  });

  it('reports an unreadable, binary or missing note and loads all the others', async () => {
    const { cwd, files } = corpus(2, 30);
    writeFileSync(path.join(cwd, 'notes/binary.md'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52, 0, 0, 0, 1, 0, 0, 0, 1, 8, 6, 0, 0, 0]));
    writeFileSync(path.join(cwd, 'notes/latin1.md'), Buffer.from([0x23, 0x20, 0xe9, 0xe8, 0x0a]));
    mkdirSync(path.join(cwd, 'notes/folder.md'));
    const bad = ['notes/binary.md', 'notes/folder.md', 'notes/gone.md', 'notes/latin1.md'];
    const all = [...files.slice(0, 20), ...bad, ...files.slice(20)];
    const got = await load.loadNotes(all, { cwd, config: {}, workers: 2, minPoolFiles: 1 });
    expect(got.reports.map((r) => r.file)).toEqual(files);
    expect(got.failures.map((f) => f.file).sort()).toEqual(bad);
    for (const f of got.failures) expect(f.reason).toMatch(/\w/);
    const seq = await load.loadNotes(all, { cwd, config: {}, workers: 0 });
    expect(JSON.stringify(got)).toBe(JSON.stringify(seq));
  });

  it('stores models in the cache from workers, and reads them back the same', async () => {
    const { cwd, files } = corpus(2, 30);
    const cache = { location: `${path.join(cwd, '.weekly-cache')}${path.sep}`, version: '1' };
    const plain = await load.loadNotes(files, { cwd, config: {}, workers: 0 });
    const cold = await load.loadNotes(files, { cwd, config: {}, workers: 2, minPoolFiles: 1, cache });
    const warm = await load.loadNotes(files, { cwd, config: {}, workers: 2, minPoolFiles: 1, cache });
    expect(JSON.stringify(cold)).toBe(JSON.stringify(plain));
    expect(JSON.stringify(warm)).toBe(JSON.stringify(plain));
    const stored = readdirSync(path.join(cwd, '.weekly-cache/models'), { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.json'));
    expect(stored.length).toBe(files.length);
    expect(JSON.parse(readFileSync(path.join(cwd, '.weekly-cache/models', stored[0]), 'utf8')).report.file).toMatch(/^notes\//);
  });
});

/** Modules a CLI run loads, recorded by an ESM load hook in the child process. */
function modulesLoaded(cwd: string, args: string[]): string[] {
  const d = mkdtempSync(path.join(tmpdir(), 'weekly-trace-'));
  const trace = path.join(d, 'trace.txt');
  writeFileSync(path.join(d, 'hooks.mjs'), "import { appendFileSync } from 'node:fs';\nexport async function load(url, context, next) {\n  appendFileSync(process.env.WEEKLY_TRACE_FILE, `${url}\\n`);\n  return next(url, context);\n}\n");
  writeFileSync(path.join(d, 'register.mjs'), "import { register } from 'node:module';\nregister('./hooks.mjs', import.meta.url);\n");
  writeFileSync(trace, '');
  const r = spawnSync(process.execPath, ['--import', pathToFileURL(path.join(d, 'register.mjs')).href, path.join(REPO, 'bin/weekly.js'), ...args], {
    cwd,
    env: { ...process.env, WEEKLY_TRACE_FILE: trace, WEEKLY_WORKERS: '0' },
    stdio: 'ignore',
  });
  // 0 or 1 (problems found); 2 would mean the command could not run at all
  expect(r.status === 0 || r.status === 1).toBe(true);
  return readFileSync(trace, 'utf8').split('\n').filter(Boolean);
}

// date-fns' index loads its ~250 modules (imported one function per module instead); of rendering and
// aggregating, lint needs only the content helpers and week keys
const HEAVY = /\/node_modules\/(handlebars|d3-[a-z-]+|playwright-core)\/|\/node_modules\/date-fns\/index\.js$|\/lib\/core\/render\/(?!content\.js)|\/lib\/core\/aggregate\/(?!weeks\.js)/;

describe('lazy imports', () => {
  it('weekly --help loads no command, template or chart code', () => {
    const loaded = modulesLoaded(REPO, ['--help']);
    expect(loaded.some((u) => u.endsWith('/lib/cli.js'))).toBe(true);
    expect(loaded.filter((u) => HEAVY.test(u) || /\/lib\/app\//.test(u) || /micromark|\/zod\//.test(u))).toEqual([]);
  });

  it('weekly lint loads no template, chart, aggregation or rendering code', () => {
    const d = mkdtempSync(path.join(tmpdir(), 'weekly-lazy-'));
    writeFileSync(path.join(d, 'a.md'), '# 第1周\n');
    const loaded = modulesLoaded(d, ['lint', 'a.md']);
    expect(loaded.some((u) => u.endsWith('/lib/app/lint.js'))).toBe(true);
    expect(loaded.filter((u) => HEAVY.test(u))).toEqual([]);
  });

  it('weekly lint --format unix loads neither the stylish formatter with its terminal libraries nor the diff library', () => {
    const d = mkdtempSync(path.join(tmpdir(), 'weekly-lazy-'));
    writeFileSync(path.join(d, 'a.md'), '# 第1周\n');
    const unused = /\/lib\/formatters\/stylish\.js$|\/node_modules\/(chalk|string-width|diff)\//;
    expect(modulesLoaded(d, ['lint', 'a.md', '--format', 'unix']).filter((u) => unused.test(u))).toEqual([]);
    // and stylish, the default, does load them: the check above can fail
    expect(modulesLoaded(d, ['lint', 'a.md']).filter((u) => unused.test(u)).length).toBeGreaterThan(0);
  });
});
