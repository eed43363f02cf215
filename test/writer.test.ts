import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { LOCK, MANIFEST, OutputWriter } from '../src/io/writer.js';
import { EXAMPLES, REPO, copyTree, hashTree, tempDir, weekly } from './build-helpers.js';

// The output writer (issue 17, items 2, 3, 5, 6, 7 and 13): what a build publishes is all or nothing, nothing is
// written or removed outside the output folder or beside it, and nothing hangs.

const stage = async (w: OutputWriter, files: Record<string, string>) => w.put(Object.entries(files));

async function published(out: string, files: Record<string, string>): Promise<void> {
  const w = await OutputWriter.open(out);
  await stage(w, files);
  await w.commit();
}

describe('publishing is all or nothing', () => {
  it('a commit that fails half-way puts every file back, and the manifest agrees with the outputs', async () => {
    const out = path.join(await tempDir('weekly-writer-'), 'out');
    await published(out, { 'a.md': 'a1\n', 'b.md': 'b1\n', 'c/d.md': 'd1\n', 'gone.md': 'g1\n' });
    const before = await hashTree(out);
    const w = await OutputWriter.open(out);
    await stage(w, { 'a.md': 'a2\n', 'b.md': 'b2\n', 'c/d.md': 'd2\n', 'e.md': 'e2\n' });
    // after staging, something takes the place of the third file to publish: renaming over it fails
    mkdirSync(path.join(out, 'c/d.md.blocker'));
    const fsMod = await import('node:fs');
    fsMod.rmSync(path.join(out, 'c/d.md'));
    fsMod.renameSync(path.join(out, 'c/d.md.blocker'), path.join(out, 'c/d.md'));
    mkdirSync(path.join(out, 'c/d.md/inside'));
    await expect(w.commit()).rejects.toThrow('c/d.md in the output folder became a folder while the build ran: nothing was published');
    expect(readdirSync(path.join(out, 'c/d.md'))).toEqual(['inside']);
    const after = await hashTree(out);
    // a.md and b.md, already published, are back as they were; e.md, new, is gone; nothing staged is left
    expect(readFileSync(path.join(out, 'a.md'), 'utf8')).toBe('a1\n');
    expect(readFileSync(path.join(out, 'b.md'), 'utf8')).toBe('b1\n');
    expect(existsSync(path.join(out, 'e.md'))).toBe(false);
    expect(after[MANIFEST]).toBe(before[MANIFEST]);
    expect(after['gone.md']).toBe(before['gone.md']);
    expect(readdirSync(out).filter((n) => n.startsWith('.weekly-'))).toEqual([MANIFEST]);
  });

  it('a folder where an output file goes is found while staging: nothing replaced, the manifest unchanged', async () => {
    const ws = await tempDir('weekly-writer-');
    await copyTree(EXAMPLES, path.join(ws, 'notes'));
    expect((await weekly(ws, 'build', 'notes', '--out', 'out', '--quiet')).code).toBe(0);
    const before = await hashTree(path.join(ws, 'out'));
    writeFileSync(path.join(ws, 'notes/2024/第8周.md'), readFileSync(path.join(ws, 'notes/2024/第8周.md'), 'utf8').replace('99.', '98.'));
    const { rmSync } = await import('node:fs');
    rmSync(path.join(ws, 'out/review/2024.md'));
    mkdirSync(path.join(ws, 'out/review/2024.md'));
    const r = await weekly(ws, 'build', 'notes', '--out', 'out', '--quiet');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('review/2024.md (is a folder where weekly writes a file)');
    const after = await hashTree(path.join(ws, 'out'));
    delete before['review/2024.md'];
    expect(after).toEqual(before);
  });
});

describe('only what weekly made is ever removed', () => {
  it('a user file named like a temporary file, and a folder named like a staging folder, survive a failed build', async () => {
    const ws = await tempDir('weekly-writer-');
    await copyTree(EXAMPLES, path.join(ws, 'notes'));
    mkdirSync(path.join(ws, 'out/.weekly-staging-99999-0badf00d'), { recursive: true });
    writeFileSync(path.join(ws, 'out/.weekly-staging-99999-0badf00d/mine.txt'), 'mine\n');
    writeFileSync(path.join(ws, 'out/.x.md.99999.0badf00d.tmp'), 'mine\n');
    // a file in the way makes the build fail
    writeFileSync(path.join(ws, 'out/index.md'), 'my own index\n');
    const r = await weekly(ws, 'build', 'notes', '--out', 'out');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('index.md (was not written by weekly)');
    expect(readFileSync(path.join(ws, 'out/.x.md.99999.0badf00d.tmp'), 'utf8')).toBe('mine\n');
    expect(readFileSync(path.join(ws, 'out/.weekly-staging-99999-0badf00d/mine.txt'), 'utf8')).toBe('mine\n');
    expect(readFileSync(path.join(ws, 'out/index.md'), 'utf8')).toBe('my own index\n');
    expect(readdirSync(path.join(ws, 'out')).sort()).toEqual(['.weekly-staging-99999-0badf00d', '.x.md.99999.0badf00d.tmp', 'index.md']);
  });

  it('--format both with html/ a link leading outside: refused, and nothing is made in the link\'s target', async () => {
    const ws = await tempDir('weekly-writer-');
    await copyTree(EXAMPLES, path.join(ws, 'notes'));
    mkdirSync(path.join(ws, 'elsewhere'));
    mkdirSync(path.join(ws, 'out'));
    symlinkSync(path.join(ws, 'elsewhere'), path.join(ws, 'out/html'));
    const r = await weekly(ws, 'build', 'notes', '--out', 'out', '--format', 'both');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('`html` in the output folder is a symbolic link leading outside it');
    expect(readdirSync(path.join(ws, 'elsewhere'))).toEqual([]);
    expect(readdirSync(path.join(ws, 'out'))).toEqual(['html']);
  });
});

describe('one build at a time per output folder', () => {
  it('a second build into a folder another is writing exits 2 naming it; a lock left by a dead build is taken over', async () => {
    const ws = await tempDir('weekly-writer-');
    await copyTree(EXAMPLES, path.join(ws, 'notes'));
    mkdirSync(path.join(ws, 'out'));
    const holder = await OutputWriter.open(path.join(ws, 'out'));
    const r = await weekly(ws, 'build', 'notes', '--out', 'out');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(new RegExp(`^weekly build: out is being written by another weekly build \\(process ${process.pid}, since `));
    await holder.abort();
    // a build killed before it could remove its lock
    writeFileSync(path.join(ws, 'out', LOCK), JSON.stringify({ pid: 999999999, host: (await import('node:os')).hostname(), since: 'then' }));
    expect((await weekly(ws, 'build', 'notes', '--out', 'out', '--quiet')).code).toBe(0);
    expect(existsSync(path.join(ws, 'out', LOCK))).toBe(false);
  });
});

describe('nothing hangs on what lies in the output folder', () => {
  const bin = path.join(REPO, 'bin/weekly.js');
  const run = (cwd: string, args: string[]) => spawnSync(process.execPath, [bin, ...args], { cwd, encoding: 'utf8', timeout: 60_000 });

  it('a manifest linked to /dev/zero, and a FIFO where an output goes: an answer, not a hang', async () => {
    const ws = await tempDir('weekly-writer-');
    await copyTree(EXAMPLES, path.join(ws, 'notes'));
    mkdirSync(path.join(ws, 'out'));
    symlinkSync('/dev/zero', path.join(ws, 'out', MANIFEST));
    const mkfifo = spawnSync('mkfifo', [path.join(ws, 'out/index.md')]);
    if (mkfifo.status !== 0) return;
    const r = run(ws, ['build', 'notes', '--out', 'out']);
    expect(r.error).toBeUndefined();
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('index.md (is not a regular file)');
  });

  it('--out /proc/self/x: refused, not a loop', async () => {
    const ws = await tempDir('weekly-writer-');
    await copyTree(EXAMPLES, path.join(ws, 'notes'));
    if (!existsSync('/proc/self')) return;
    const r = run(ws, ['build', 'notes', '--out', '/proc/self/x']);
    expect(r.error).toBeUndefined();
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^weekly build: cannot make the folder .*: the file system does not let a folder be made there$/m);
  });
});
