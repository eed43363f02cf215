/**
 * Promises of docs/security.md (issue 17, items 2, 5, 7, 8, 10, 17, 22 and 23) that the tests of those items
 * left unchecked in part: the next build after a failed one, user files named like temporary files in folders
 * other than the output folder's top, a manifest that is no regular file on its own, an existing workflow for
 * `init`, and the build (not only the parser) on hostile frontmatter, a million list items and week 53.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { MANIFEST, OutputWriter } from '../src/io/writer.js';
import { EXAMPLES, REPO, copyTree, hashTree, tempDir, weekly } from './build-helpers.js';

const BIN = path.join(REPO, 'bin/weekly.js');
/** `bin/weekly.js` in a child process; the time limit only turns a hang into a failure (no test asserts a time). */
const child = (cwd: string, args: string[], node: string[] = []) =>
  spawnSync(process.execPath, [...node, BIN, ...args], { cwd, encoding: 'utf8', timeout: 110_000, maxBuffer: 64 * 1024 * 1024 });

const BODY = '# 第51周\n\nCreated: 2023年12月16日 08:02\n\n## 重点工作\n\n- 述职\n';
const BODY50 = BODY.replace('51', '50').replace('16日', '9日');

/** Every file under `dir`, relative, sorted (folders left out). */
const files = async (dir: string) => Object.keys(await hashTree(dir));

async function withNotes(notes: Record<string, string>, config?: string): Promise<string> {
  const ws = await tempDir('weekly-promises-');
  for (const [rel, text] of Object.entries(notes)) {
    mkdirSync(path.dirname(path.join(ws, 'notes', rel)), { recursive: true });
    writeFileSync(path.join(ws, 'notes', rel), text);
  }
  if (config !== undefined) writeFileSync(path.join(ws, 'weekly.config.yaml'), config);
  return ws;
}

describe('after a failed build the manifest and the outputs agree: the next build does not refuse its own outputs (item 5)', () => {
  it('a commit that fails half-way, then the same outputs again: published, none refused as not written by weekly', async () => {
    const out = path.join(await tempDir('weekly-promises-'), 'out');
    const first = await OutputWriter.open(out);
    await first.put(Object.entries({ 'a.md': 'a1\n', 'c/d.md': 'd1\n' }));
    await first.commit();
    const w = await OutputWriter.open(out);
    await w.put(Object.entries({ 'a.md': 'a2\n', 'c/d.md': 'd2\n', 'e.md': 'e2\n' }));
    // after staging, c/d.md becomes a folder: the commit fails after a.md was renamed into place
    rmSync(path.join(out, 'c/d.md'));
    mkdirSync(path.join(out, 'c/d.md'));
    await expect(w.commit()).rejects.toThrow('nothing was published');
    rmSync(path.join(out, 'c/d.md'), { recursive: true });
    const again = await OutputWriter.open(out);
    await again.put(Object.entries({ 'a.md': 'a2\n', 'c/d.md': 'd2\n', 'e.md': 'e2\n' }));
    expect(again.conflicts).toEqual([]);
    const r = await again.commit();
    expect(r.written).toEqual(['a.md', 'c/d.md', 'e.md']);
    expect(readFileSync(path.join(out, 'e.md'), 'utf8')).toBe('e2\n');
    expect(Object.keys(JSON.parse(readFileSync(path.join(out, MANIFEST), 'utf8')).files)).toEqual(['a.md', 'c/d.md', 'e.md']);
  });

  it('a build stopped by a folder where an output goes; that folder removed, the next build exits 0 and writes what a fresh build writes', async () => {
    const ws = await tempDir('weekly-promises-');
    await copyTree(EXAMPLES, path.join(ws, 'notes'));
    expect((await weekly(ws, 'build', 'notes', '--out', 'out', '--quiet')).code).toBe(0);
    const note = path.join(ws, 'notes/2024/第8周.md');
    writeFileSync(note, readFileSync(note, 'utf8').replace('99.', '98.'));
    rmSync(path.join(ws, 'out/review/2024.md'));
    mkdirSync(path.join(ws, 'out/review/2024.md'));
    expect((await weekly(ws, 'build', 'notes', '--out', 'out', '--quiet')).code).toBe(2);
    rmSync(path.join(ws, 'out/review/2024.md'), { recursive: true });
    const r = await weekly(ws, 'build', 'notes', '--out', 'out', '--quiet');
    expect(r.code, r.stderr).toBe(0);
    expect((await weekly(ws, 'build', 'notes', '--out', 'fresh', '--quiet')).code).toBe(0);
    expect(await hashTree(path.join(ws, 'out'))).toEqual(await hashTree(path.join(ws, 'fresh')));
  });
});

describe('a failed build removes only the temporary files it made (item 2)', () => {
  it('files named like temporary files in a folder the build writes into and in a folder of the user\'s survive a failed build', async () => {
    const ws = await tempDir('weekly-promises-');
    await copyTree(EXAMPLES, path.join(ws, 'notes'));
    expect((await weekly(ws, 'build', 'notes', '--out', 'out', '--quiet')).code).toBe(0);
    const mine = ['.x.md.99999.0badf00d.tmp', 'monthly/.x.md.99999.0badf00d.tmp', 'mine/.x.md.99999.0badf00d.tmp', 'mine/.weekly-staging-99999-0badf00d/x.md'];
    for (const rel of mine) {
      mkdirSync(path.dirname(path.join(ws, 'out', rel)), { recursive: true });
      writeFileSync(path.join(ws, 'out', rel), 'mine\n');
    }
    // a folder where an output file goes makes the build fail
    rmSync(path.join(ws, 'out/review/2024.md'));
    mkdirSync(path.join(ws, 'out/review/2024.md'));
    const r = await weekly(ws, 'build', 'notes', '--out', 'out', '--quiet');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('review/2024.md (is a folder where weekly writes a file)');
    for (const rel of mine) expect(readFileSync(path.join(ws, 'out', rel), 'utf8')).toBe('mine\n');
    expect(readdirSync(path.join(ws, 'out')).filter((n) => n.startsWith('.weekly-'))).toEqual([MANIFEST]);
  });
});

describe('a manifest that is no regular file is an answer, not a hang or a 9 GB read (item 7)', () => {
  it.each([
    ['linked to /dev/zero', (f: string) => existsSync('/dev/zero') && (symlinkSync('/dev/zero', f), true)],
    ['that is a FIFO', (f: string) => spawnSync('mkfifo', [f]).status === 0],
  ])('a manifest %s, nothing else in the output folder: exit 2 naming it, nothing written', async (_what, make) => {
    const ws = await tempDir('weekly-promises-');
    await copyTree(EXAMPLES, path.join(ws, 'notes'));
    mkdirSync(path.join(ws, 'out'));
    if (!make(path.join(ws, 'out', MANIFEST))) return;
    const r = child(ws, ['build', 'notes', '--out', 'out']);
    expect(r.error).toBeUndefined();
    expect(r.status).toBe(2);
    expect(r.stderr).toBe(`weekly build: ${MANIFEST} in the output folder is not a regular file: remove it\n`);
    expect(readdirSync(path.join(ws, 'out'))).toEqual([MANIFEST]);
  });
});

describe('weekly init is all or nothing (item 23)', () => {
  it('an existing workflow: exit 1 naming it, no config and no .weeklyignore written, the workflow untouched', async () => {
    const ws = await tempDir('weekly-promises-');
    mkdirSync(path.join(ws, '.github/workflows'), { recursive: true });
    writeFileSync(path.join(ws, '.github/workflows/weekly.yml'), 'mine\n');
    const r = await weekly(ws, 'init', '--ci', 'github');
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('weekly init: .github/workflows/weekly.yml already exists; nothing was written (remove or rename it to start over)\n');
    expect(await files(ws)).toEqual(['.github/workflows/weekly.yml']);
    expect(readFileSync(path.join(ws, '.github/workflows/weekly.yml'), 'utf8')).toBe('mine\n');
  });
});

describe('a frontmatter alias inside its own anchor is that note\'s error; the other notes are built (item 8)', () => {
  it('build: exit 0, the note\'s error named, both notes in the month', async () => {
    const ws = await withNotes({ '第50周.md': BODY50, '第51周.md': `---\nx: &a [*a]\n---\n\n${BODY}` });
    const r = await weekly(ws, 'build', 'notes', '--out', 'out');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).not.toContain('internal error');
    expect(r.stderr).toContain('notes/第51周.md:2:1: Unexpected frontmatter `x` whose value contains itself');
    const month = readFileSync(path.join(ws, 'out/monthly/2023-12.md'), 'utf8');
    expect(month).toContain('notes/第50周.md');
    expect(month).toContain('notes/第51周.md');
  });
});

describe('a note of a million list items is answered with a message, not a heap exhausted (item 10)', () => {
  it('lint exits 1 and build exits 0, each naming the lines not read, under a heap of 1 GB (child processes)', async () => {
    const items = '- a\n'.repeat(1_000_000);
    const ws = await withNotes({ '第51周.md': `# 第51周\n\nCreated: 2023年12月16日 08:02\n\n## 下周计划\n\n${items}` });
    const message = 'notes/第51周.md:20001:1: Unexpected note of 1000007 lines, expected at most 20000; lines 20001 to 1000007 were not read';
    const lint = child(ws, ['lint', 'notes', '--format', 'unix'], ['--max-old-space-size=1024']);
    expect(lint.error).toBeUndefined();
    expect(lint.status, lint.stderr).toBe(1);
    expect(lint.stdout).toContain(message);
    const build = child(ws, ['build', 'notes', '--out', 'out'], ['--max-old-space-size=1024']);
    expect(build.error).toBeUndefined();
    expect(build.status, build.stderr).toBe(0);
    expect(build.stderr).toContain(message);
  });
});

describe('a note dated 2024-12-30 titled 第53周 under ISO numbering is not built into 2026 (item 17)', () => {
  it('build: no output of 2026; the note is in the month of its week (2025-W01)', async () => {
    const ws = await withNotes(
      {
        '第52周.md': '# 第52周\n\nCreated: 2024年12月23日 09:00\n\n## 重点工作\n\n- b\n',
        '第53周.md': '# 第53周\n\nCreated: 2024年12月30日 09:00\n\n## 重点工作\n\n- a\n',
      },
      'weekNumbering: iso\n',
    );
    const r = await weekly(ws, 'build', 'notes', '--out', 'out');
    expect(r.code, r.stderr).toBe(0);
    const out = await files(path.join(ws, 'out'));
    expect(out.filter((f) => f.includes('2026'))).toEqual([]);
    const months = out.filter((f) => f.startsWith('monthly/'));
    expect(months.filter((f) => readFileSync(path.join(ws, 'out', f), 'utf8').includes('notes/第53周.md'))).toEqual(['monthly/2025-01.md']);
  });
});

describe('a frontmatter author that is no string never becomes [object Object] (item 22)', () => {
  it('a team build with a mapping as author: no folder, file or page says [object Object]', async () => {
    const ws = await withNotes({
      'zhang/第51周.md': `---\nauthor: {name: zhang}\n---\n\n${BODY}`,
      'li/第51周.md': `---\nauthor: li\n---\n\n${BODY}`,
      '第51周.md': `---\nauthor: {name: wang}\n---\n\n${BODY}`,
    });
    const r = await weekly(ws, 'build', 'notes', '--out', 'out');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain('notes/zhang/第51周.md:2:1: Unexpected object as frontmatter `author`');
    const out = await files(path.join(ws, 'out'));
    expect(out.filter((f) => f.includes('object'))).toEqual([]);
    expect(out).toContain('zhang/index.md');
    for (const f of out.filter((x) => /\.(md|json|csv)$/.test(x))) expect(readFileSync(path.join(ws, 'out', f), 'utf8')).not.toContain('[object Object]');
    expect(r.stdout + r.stderr).not.toContain('[object Object]');
  });
});
