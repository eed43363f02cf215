import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { run } from '../src/cli.js';
import { withExamples } from './everyday-helpers.js';
import { hashFiles } from './robustness-helpers.js';

/** Start the CLI in the background; its output is collected as it comes. */
function start(cwd: string, args: string[]) {
  const ac = new AbortController();
  const out = { stdout: '', stderr: '' };
  const done = run(['node', 'weekly', ...args], { cwd, isTTY: false, signal: ac.signal, stdout: (s) => void (out.stdout += s), stderr: (s) => void (out.stderr += s) });
  return { out, done, stop: () => ac.abort() };
}

/** Wait (at most `ms`) until `test` holds; fails with the output so far if it never does. */
async function until(test: () => boolean, what: string, out: { stdout: string; stderr: string }, ms = 30_000): Promise<void> {
  const end = Date.now() + ms;
  while (!test()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}\nstdout:\n${out.stdout}\nstderr:\n${out.stderr}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

const count = (s: string, sub: string) => s.split(sub).length - 1;
const sha = (text: string) => createHash('sha256').update(text).digest('hex');

/** Hashes of every note, with the one file the test itself wrote set to what it wrote last: watching writes no note. */
function expectNotesAsWritten(before: Map<string, string>, dir: string, edited: string, text: string): void {
  expect(hashFiles(dir)).toEqual(new Map([...before, [edited, sha(text)]]));
}

describe('--watch', () => {
  it('lint --watch lints, lints again when a note changes, and exits 0 when stopped', async () => {
    const d = withExamples();
    const before = hashFiles(path.join(d, 'notes'));
    const w = start(d, ['lint', '--watch', 'notes']);
    await until(() => w.out.stderr.includes('weekly lint: watching for changes (Ctrl-C to stop)\n'), 'the first run', w.out);
    expect(w.out.stdout).not.toContain('metric-range');
    const note = path.join(d, 'notes/2023/第51周.md');
    writeFileSync(note, readFileSync(note, 'utf8').replace('入金有效成功率：99.966%', '入金有效成功率：100.4%'));
    await until(() => w.out.stdout.includes('metric-range'), 'the second run', w.out);
    expect(w.out.stderr).toMatch(/\nweekly lint: notes\/2023\/第51周\.md changed; linting again \(\d\d:\d\d:\d\d\)\n/);
    expect(w.out.stdout).toContain("Unexpected `100.4%` for `入金有效成功率`, expected a percent within [0, 100]");
    // and once more when it is fixed: the stylish report is gone, a line says so
    const fixed = readFileSync(note, 'utf8').replace('100.4%', '99.966%');
    writeFileSync(note, fixed);
    await until(() => count(w.out.stderr, 'changed; linting again') === 2 && /no errors \(\d\d:\d\d:\d\d\)\n$/.test(w.out.stderr), 'the third run', w.out);
    w.stop();
    expect(await w.done).toBe(0);
    expectNotesAsWritten(before, path.join(d, 'notes'), '2023/第51周.md', fixed);
  });

  it('build --watch rewrites only what the change touches, keeps going after a broken config, and exits 0', async () => {
    const d = withExamples();
    const before = hashFiles(path.join(d, 'notes'));
    const w = start(d, ['build', '--watch', 'notes', '--out', 'out', '--format', 'both']);
    await until(() => w.out.stderr.includes('weekly build: watching for changes'), 'the first build', w.out);
    expect(w.out.stdout).toMatch(/^weekly build: 17 notes → out: \d+ written, 0 unchanged\n$/);
    const note = path.join(d, 'notes/2024/第8周.md');
    const edited = readFileSync(note, 'utf8').replace('入金有效成功率：99.978%', '入金有效成功率：99.979%');
    writeFileSync(note, edited);
    await until(() => count(w.out.stdout, 'weekly build: 17 notes') === 2, 'the rebuild', w.out);
    const second = w.out.stdout.split('\n')[1];
    expect(second).toMatch(/^weekly build: 17 notes → out: \d+ written, \d+ unchanged$/);
    expect(Number(/(\d+) unchanged/.exec(second)![1])).toBeGreaterThan(0);
    expect(readFileSync(path.join(d, 'out/html/annual/2024.html'), 'utf8')).toContain('99.979%');
    // a config that does not parse is reported, and watching goes on
    writeFileSync(path.join(d, 'weekly.config.yaml'), 'build: [\n');
    await until(() => /weekly: config weekly\.config\.yaml.*not valid YAML/.test(w.out.stderr), 'the config error', w.out);
    writeFileSync(path.join(d, 'weekly.config.yaml'), 'build:\n  locale: en\n');
    await until(() => count(w.out.stdout, 'weekly build: 17 notes') === 3, 'the build after the fix', w.out);
    // the fixed config is read: the summaries are now in English
    expect(readFileSync(path.join(d, 'out/index.md'), 'utf8')).toMatch(/^# Weekly notes\n/);
    w.stop();
    expect(await w.done).toBe(0);
    expectNotesAsWritten(before, path.join(d, 'notes'), '2024/第8周.md', edited);
    expect(readFileSync(path.join(d, 'weekly.config.yaml'), 'utf8')).toBe('build:\n  locale: en\n');
  });

  it('refuses --watch with --fix (exit 2)', async () => {
    const w = start(withExamples(), ['lint', '--watch', '--fix', 'notes']);
    expect(await w.done).toBe(2);
    expect(w.out.stderr).toContain('--watch cannot be used with --fix');
  });
});
