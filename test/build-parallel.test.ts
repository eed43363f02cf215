import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { genNotes, hashTree, REPO } from './build-helpers.js';

// Members' trees are rendered in worker threads, which run compiled code only: these tests run the compiled CLI
// (lib/, compiled once by test/global-setup.ts).

const ws = mkdtempSync(path.join(tmpdir(), 'weekly-parallel-'));
afterAll(() => rmSync(ws, { recursive: true, force: true }));

beforeAll(() => {
  genNotes(path.join(ws, 'notes'), 4, 16, 9);
}, 120_000);

function build(workers: string, ...args: string[]) {
  return spawnSync(process.execPath, [path.join(REPO, 'bin/weekly.js'), 'build', 'notes', ...args], { cwd: ws, env: { ...process.env, WEEKLY_WORKERS: workers }, encoding: 'utf8' });
}

describe('members rendered in worker threads', () => {
  it('give byte-identical outputs to rendering in one thread, Markdown and HTML', async () => {
    for (const format of ['md', 'both']) {
      const one = build('0', '--out', `one-${format}`, '--format', format);
      const three = build('3', '--out', `three-${format}`, '--format', format);
      // two workers share the members; the main thread only hands them out and writes
      const two = build('2', '--out', `two-${format}`, '--format', format);
      expect(one.status).toBe(0);
      expect(three.status).toBe(0);
      expect(two.status).toBe(0);
      expect(three.stdout).toBe(one.stdout.replace(`one-${format}`, `three-${format}`));
      expect(two.stdout).toBe(one.stdout.replace(`one-${format}`, `two-${format}`));
      const a = await hashTree(path.join(ws, `one-${format}`));
      expect(Object.keys(a).filter((k) => k.endsWith('/annual/2023.md'))).toHaveLength(4);
      expect(await hashTree(path.join(ws, `three-${format}`))).toEqual(a);
      expect(await hashTree(path.join(ws, `two-${format}`))).toEqual(a);
    }
  });

  it('leave the output folder as it was when a member’s page fails to render', async () => {
    // a template that fails on members' pages only (the team's has no author)
    mkdirSync(path.join(ws, 'tpl'), { recursive: true });
    writeFileSync(path.join(ws, 'tpl', 'monthly.md.hbs'), '# {{title}}\n{{#if scope.author}}{{nothing}}{{/if}}\n');
    expect(build('3', '--out', 'kept').status).toBe(0);
    const before = await hashTree(path.join(ws, 'kept'));
    const r = build('3', '--out', 'kept', '--templates', 'tpl');
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^weekly build: template tpl\/monthly\.md\.hbs:2: "nothing" not defined/m);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(await hashTree(path.join(ws, 'kept'))).toEqual(before);
    // a fresh folder is not even made
    expect(build('3', '--out', 'fresh', '--templates', 'tpl').status).toBe(2);
    expect(existsSync(path.join(ws, 'fresh'))).toBe(false);
  });
});
