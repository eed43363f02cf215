import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { chmodSync, copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { run } from '../../src/cli.js';
import { hashFiles, STACK_LINE, weeklyBin } from '../robustness-helpers.js';
import { CASES, chmodBlocks, GOOD, type BadInput } from './cases.js';

// File-system trouble that cannot be staged before a run (a file deleted between listing and reading, a read
// refused) is injected here: every read weekly makes goes through these wrappers, inert unless a case arms them.
const fsHook = vi.hoisted(() => ({ current: null as null | ((op: string, file: string) => void) }));
vi.mock('node:fs', async (importOriginal) => {
  const real = await importOriginal<typeof import('node:fs')>();
  const wrap = <F extends (...a: never[]) => unknown>(op: string, f: F): F =>
    ((...a: Parameters<F>) => {
      fsHook.current?.(op, String(a[0]));
      return f(...a);
    }) as F;
  const promises = { ...real.promises, readFile: wrap('readFile', real.promises.readFile), open: wrap('open', real.promises.open) };
  const mocked = { ...real, promises, readFileSync: wrap('readFile', real.readFileSync), openSync: wrap('open', real.openSync) };
  return { ...mocked, default: mocked };
});

const FILES = new URL('./files/', import.meta.url);

let root: string;
let n = 0;

beforeAll(() => {
  root = mkdtempSync(path.join(tmpdir(), 'weekly-bad-'));
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** A fresh workspace holding the case's files; returns it, or the reason the case cannot run here. */
function workspace(c: BadInput): { ws: string; skip?: string } {
  const ws = path.join(root, String(n++));
  mkdirSync(ws, { recursive: true });
  for (const [rel, content] of Object.entries(c.files ?? {})) {
    const abs = path.join(ws, rel);
    mkdirSync(path.dirname(abs), { recursive: true });
    if (typeof content === 'string' && content.startsWith('@')) copyFileSync(new URL(content.slice(1), FILES), abs);
    else writeFileSync(abs, content);
  }
  const skip = c.setup?.(ws);
  return { ws, skip: skip || undefined };
}

function arm(c: BadInput, ws: string): void {
  if (!c.simulate) return;
  const target = path.join(ws, c.simulate.file);
  const op = c.simulate.op;
  fsHook.current = (kind, file) => {
    if (path.resolve(file) !== target) return;
    if (op === 'eacces') throw Object.assign(new Error(`EACCES: permission denied, open '${file}'`), { code: 'EACCES', errno: -13, syscall: 'open', path: file });
    // listed and stat-ed a moment ago, gone when it is read
    if (kind === 'readFile' || kind === 'open') {
      try {
        unlinkSync(target);
      } catch {
        // already gone
      }
    }
  };
}

async function weekly(cwd: string, argv: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await run(['node', 'weekly', ...argv], { cwd, stdout: (s) => (stdout += s), stderr: (s) => (stderr += s), isTTY: false });
  return { code, stdout, stderr };
}

function check(c: BadInput, r: { code: number | null; stdout: string; stderr: string }, ws: string): void {
  const shown = `exit ${r.code}\n--- stdout\n${r.stdout.slice(0, 2000)}\n--- stderr\n${r.stderr.slice(0, 2000)}`;
  expect(r.code, shown).toBe(c.exit);
  for (const s of c.stderr ?? []) expect(r.stderr, shown).toContain(s);
  for (const s of c.stdout ?? []) expect(r.stdout, shown).toContain(s);
  for (const s of c.absent ?? []) expect(r.stdout + r.stderr, shown).not.toContain(s);
  expect(r.stdout + r.stderr).not.toMatch(STACK_LINE);
  expect(r.stderr).not.toContain('internal error');
  const problem = c.after?.(ws);
  expect(problem ?? null).toBeNull();
}

it('has at least 20 cases, each with a distinct name', () => {
  expect(CASES.length).toBeGreaterThanOrEqual(20);
  expect(new Set(CASES.map((c) => c.name)).size).toBe(CASES.length);
});

describe('bad inputs through run(argv, io)', () => {
  for (const c of CASES) {
    it(`${c.name}: ${c.argv.join(' ')} → exit ${c.exit}`, async (ctx) => {
      const { ws, skip } = workspace(c);
      if (skip) ctx.skip(skip);
      const notesBefore = hashFiles(path.join(ws, 'notes'));
      arm(c, ws);
      try {
        check(c, await weekly(ws, c.argv), ws);
      } finally {
        fsHook.current = null;
      }
      // no command but --fix writes a note; a simulated vanish removes one, which is the point of it
      if (c.simulate?.op !== 'vanish') expect(hashFiles(path.join(ws, 'notes'))).toEqual(notesBefore);
    });
  }
});

describe('bad inputs through node bin/weekly.js: the same exit and lines, no stack trace on stderr', () => {
  const childCases = CASES.filter((c) => c.child);

  it('runs some cases as a child process', () => {
    expect(childCases.length).toBeGreaterThanOrEqual(5);
  });

  for (const c of childCases) {
    it(`${c.name}: weekly ${c.argv.join(' ')} → exit ${c.exit}`, (ctx) => {
      const { ws, skip } = workspace(c);
      if (skip) ctx.skip(skip);
      check(c, weeklyBin(ws, c.argv), ws);
    });
  }

  it('an unreadable note (chmod 000), as a user whom the mode stops', (ctx) => {
    const c: BadInput = {
      name: 'unreadable',
      files: { 'notes/2023/第51周.md': GOOD, 'notes/2023/第52周.md': GOOD },
      argv: ['lint', 'notes', '--format', 'unix'],
      exit: 1,
      stdout: ['notes/2023/第52周.md:1:1: Unexpected file that cannot be read as a note: permission denied'],
    };
    const { ws } = workspace(c);
    chmodSync(path.join(ws, 'notes/2023/第52周.md'), 0o000);
    if (chmodBlocks()) {
      check(c, weeklyBin(ws, c.argv), ws);
      return;
    }
    // root reads whatever the mode says: run weekly as `nobody` (uid 65534), as a CI job without root would
    for (let d = ws; d !== root; d = path.dirname(d)) chmodSync(d, 0o755);
    chmodSync(root, 0o755);
    const r = weeklyBin(ws, c.argv, { uid: 65534, gid: 65534 });
    if (r.error || /EACCES|Cannot find module|ERR_MODULE_NOT_FOUND/.test(r.stderr)) {
      ctx.skip(`running as root, and weekly cannot be run as nobody here (${r.error?.message ?? r.stderr.split('\n')[0]}); the in-process cases simulate EACCES instead`);
    }
    check(c, r, ws);
    expect(readFileSync(path.join(ws, 'notes/2023/第51周.md'), 'utf8')).toContain('# 第51周');
  });
});
