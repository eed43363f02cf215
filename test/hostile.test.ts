import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { lint } from '../src/app/lint.js';
import { REPO, tempDir, weekly } from './build-helpers.js';
import { VALID_NOTE } from './rules/helper.js';

// Hostile and unlucky inputs (issue 17): each case failed before its fix.

function write(dir: string, files: Record<string, string | Buffer>): void {
  for (const [f, body] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, f)), { recursive: true });
    writeFileSync(path.join(dir, f), body);
  }
}

describe('lint --fix never writes over an edit made after the note was linted', () => {
  const FIXABLE = VALID_NOTE.replace('## 【系统运行数据】', '## [系统运行数据]:');

  it('a note saved between linting and fixing is left exactly as saved, and named', async () => {
    const d = await tempDir('weekly-fix-race-');
    write(d, { 'notes/第51周.md': FIXABLE, 'notes/第50周.md': FIXABLE.replace('# 第51周', '# 第50周').replace('12月16日', '12月9日') });
    expect(FIXABLE).not.toBe(VALID_NOTE);
    // the editor's autosave: two more lines inside the first section
    const saved = FIXABLE.replace('## 【重点工作】\n', '## 【重点工作】\n\n- 【新增】自动保存的一行\n');
    const out = await lint({
      cwd: d,
      inputs: ['notes'],
      fix: true,
      beforeFixWrite: async () => writeFileSync(path.join(d, 'notes/第51周.md'), saved),
    });
    expect(readFileSync(path.join(d, 'notes/第51周.md'), 'utf8')).toBe(saved);
    expect(out.notices).toEqual(['notes/第51周.md: not fixed: it changed since it was linted; run again']);
    // the other note was fixed as linted
    expect(out.fixed).toEqual(['notes/第50周.md']);
    expect(readFileSync(path.join(d, 'notes/第50周.md'), 'utf8')).toContain('## 【系统运行数据】\n');
  });

  it('through the CLI, the same note unchanged is fixed', async () => {
    const d = await tempDir('weekly-fix-race-');
    write(d, { 'notes/第51周.md': FIXABLE });
    const r = await weekly(d, 'lint', 'notes', '--fix', '--quiet');
    expect(r.stderr).toBe('');
    expect(readFileSync(path.join(d, 'notes/第51周.md'), 'utf8')).toContain('## 【系统运行数据】\n');
  });
});

describe('a closed pipe ends quietly', () => {
  it('weekly parse … | head -c 10 prints no EPIPE trace and exits 0', async () => {
    const d = await tempDir('weekly-pipe-');
    for (let i = 1; i <= 40; i++) write(d, { [`notes/第${i}周.md`]: VALID_NOTE.replace('# 第51周', `# 第${i}周`) });
    const r = spawnSync('bash', ['-o', 'pipefail', '-c', `node ${path.join(REPO, 'bin/weekly.js')} parse notes | head -c 10`], { cwd: d, encoding: 'utf8' });
    expect(r.stdout).toHaveLength(10);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const json = spawnSync('bash', ['-o', 'pipefail', '-c', `node ${path.join(REPO, 'bin/weekly.js')} lint notes --format json | head -c 10`], { cwd: d, encoding: 'utf8' });
    expect(json.stderr).toBe('');
  });
});

describe('build --strict and lint agree on notes that cannot be read', () => {
  it('a binary note is an error of both: lint exits 1, build --strict exits 1 and still writes', async () => {
    const d = await tempDir('weekly-strict-');
    write(d, { 'notes/第51周.md': VALID_NOTE, 'notes/broken.md': Buffer.from([0x23, 0x20, 0, 1, 2, 3, 0, 0]) });
    const l = await weekly(d, 'lint', 'notes', '--format', 'unix');
    expect(l.code).toBe(1);
    expect(l.stdout).toContain('notes/broken.md:1:1: Unexpected file that cannot be read as a note: binary file');
    const b = await weekly(d, 'build', 'notes', '--out', 'out', '--strict', '--quiet');
    expect(b.code).toBe(1);
    expect(b.stderr).toContain('notes/broken.md:1:1: Unexpected file that cannot be read as a note: binary file');
    expect(readFileSync(path.join(d, 'out/index.md'), 'utf8')).toContain('第51周');
  });
});

describe('the config is looked for up to the repository root, no higher', () => {
  it('a weekly.config.yaml above the repository does not apply; one in the repository root does', async () => {
    const top = await tempDir('weekly-config-root-');
    // above the repository: would switch the rule off for every project below it
    write(top, { 'weekly.config.yaml': 'rules:\n  metric-range: off\n' });
    const repo = path.join(top, 'repo');
    write(repo, { '.git/HEAD': 'ref: refs/heads/main\n', 'notes/第51周.md': `${VALID_NOTE}\n` });
    writeFileSync(path.join(repo, 'notes/第51周.md'), VALID_NOTE.replace('99.966%', '100.4%'));
    const r = await weekly(path.join(repo, 'notes'), 'lint', '.', '--format', 'unix');
    expect(r.stdout).toContain('metric-range');
    expect(r.code).toBe(1);
    write(repo, { 'weekly.config.yaml': 'rules:\n  metric-range: off\n' });
    const again = await weekly(path.join(repo, 'notes'), 'lint', '.', '--format', 'unix');
    expect(again.stdout).not.toContain('metric-range');
  });

  it('outside any repository, only the working directory is looked in', async () => {
    const top = await tempDir('weekly-config-norepo-');
    write(top, { 'weekly.config.yaml': 'rules:\n  metric-range: off\n', 'sub/第51周.md': VALID_NOTE.replace('99.966%', '100.4%') });
    const r = await weekly(path.join(top, 'sub'), 'lint', '.', '--format', 'unix');
    expect(r.stdout).toContain('metric-range');
  });
});
