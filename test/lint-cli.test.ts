import { mkdtempSync, mkdirSync, readFileSync, writeFileSync, existsSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { run } from '../src/cli.js';
import { VALID_NOTE, edit } from './rules/helper.js';

/** A temp folder holding `files` (path → text or bytes). */
function dir(files: Record<string, string | Buffer>): string {
  const d = mkdtempSync(path.join(tmpdir(), 'weekly-lint-'));
  for (const [f, body] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(d, f)), { recursive: true });
    writeFileSync(path.join(d, f), body);
  }
  return d;
}

async function lint(cwd: string, ...args: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await run(['node', 'weekly', 'lint', ...args], { cwd, stdout: (s) => void (stdout += s), stderr: (s) => void (stderr += s), isTTY: false });
  return { code, stdout, stderr };
}

const overRange = edit('99.966%', '100.4%');
const emptyOther = edit('## 【O1 服务业务】', '## 【其他】\n\n## 【O1 服务业务】');

describe('weekly lint: exit codes', () => {
  it('0 for clean notes, printing nothing', async () => {
    const r = await lint(dir({ 'notes/第51周.md': VALID_NOTE }), 'notes');
    expect(r).toEqual({ code: 0, stdout: '', stderr: '' });
  });

  it('1 for an error, with the stylish report', async () => {
    const r = await lint(dir({ 'notes/第51周.md': overRange }), 'notes');
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('11:11  error  Unexpected `100.4%` for `入金有效成功率`, expected a percent within [0, 100]  metric-range');
    expect(r.stdout).toContain('✖ 1 problem (1 error, 0 warnings)');
  });

  it('0 for warnings only, 1 when they are more than --max-warnings', async () => {
    const d = dir({ 'notes/第51周.md': emptyOther });
    expect((await lint(d, 'notes')).code).toBe(0);
    expect((await lint(d, 'notes', '--max-warnings', '1')).code).toBe(0);
    const r = await lint(d, 'notes', '--max-warnings', '0');
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('weekly lint: 1 warning, more than --max-warnings 0\n');
  });

  it('2 for a bad rule option in the config, naming the key path', async () => {
    const d = dir({ 'weekly.config.yaml': 'rules:\n  metric-ratio: [error, {tolerance: lots}]\n', 'notes/第51周.md': VALID_NOTE });
    const r = await lint(d, 'notes');
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('weekly: config weekly.config.yaml: `rules.metric-ratio.1.tolerance`: Invalid input: expected number, received string\n');
  });

  it('2 for an unknown rule or an unknown config key', async () => {
    const unknownRule = await lint(dir({ 'weekly.config.json': '{"rules": {"metric-rang": "off"}}', 'a.md': VALID_NOTE }), 'a.md');
    expect(unknownRule.code).toBe(2);
    expect(unknownRule.stderr).toMatch(/^weekly: config weekly.config.json: unknown rule `rules.metric-rang`/);
    const unknownKey = await lint(dir({ 'weekly.config.yaml': 'rulez: {}\n', 'a.md': VALID_NOTE }), 'a.md');
    expect(unknownKey.code).toBe(2);
    expect(unknownKey.stderr).toContain('unknown key `rulez`');
  });

  it('2 when an input does not exist or holds no note', async () => {
    const d = dir({ 'empty/readme.txt': 'x' });
    const missing = await lint(d, 'nope');
    expect(missing).toMatchObject({ code: 2, stderr: 'weekly lint: nope: no such file or directory\n' });
    const empty = await lint(d, 'empty');
    expect(empty).toMatchObject({ code: 2, stderr: 'weekly lint: no notes (*.md) found in `empty`\n' });
  });

  it('2 for an unreadable file named on the command line, an error diagnostic for one found in a folder', async () => {
    const d = dir({ 'notes/第51周.md': VALID_NOTE, 'notes/bin.md': Buffer.from([0x23, 0x00, 0x01, 0x02]) });
    const named = await lint(d, 'notes/bin.md');
    expect(named).toMatchObject({ code: 2, stderr: 'weekly lint: notes/bin.md: binary file (it holds NUL bytes), not a Markdown note\n' });
    const inFolder = await lint(d, 'notes', '--format', 'unix');
    expect(inFolder.code).toBe(1);
    expect(inFolder.stdout).toContain('notes/bin.md:1:1: Unexpected file that cannot be read as a note: binary file (it holds NUL bytes), not a Markdown note [error/parser]');
  });

  it('2 for a --rule that names no rule', async () => {
    const r = await lint(dir({ 'a.md': VALID_NOTE }), 'a.md', '--rule', 'nope:off');
    expect(r).toMatchObject({ code: 2, stderr: 'weekly lint: --rule `nope:off`: unknown rule `nope`\n' });
  });
});

describe('weekly lint: inputs, output and options', () => {
  it('lints the config\'s notes folder when no input is given', async () => {
    const d = dir({ 'weekly.config.yaml': 'notes: reports\n', 'reports/第51周.md': overRange, 'other/第51周.md': overRange });
    const r = await lint(d, '--format', 'unix');
    expect(r.stdout.split('\n')[0]).toBe('reports/第51周.md:11:11: Unexpected `100.4%` for `入金有效成功率`, expected a percent within [0, 100] [error/metric-range]');
    expect(r.stdout).not.toContain('other/');
  });

  it('skips what .weeklyignore and config ignores name', async () => {
    const d = dir({ '.weeklyignore': 'drafts/\n', 'weekly.config.yaml': 'ignores: ["old/**"]\n', 'drafts/a.md': overRange, 'old/b.md': overRange, 'notes/第51周.md': VALID_NOTE });
    expect((await lint(d, '.')).code).toBe(0);
  });

  it('--output-file writes the report there and nothing to stdout', async () => {
    const d = dir({ 'notes/第51周.md': overRange });
    const r = await lint(d, 'notes', '--format', 'json', '--output-file', 'out/lint.json');
    expect(r).toMatchObject({ code: 1, stdout: '' });
    const json = JSON.parse(readFileSync(path.join(d, 'out/lint.json'), 'utf8'));
    expect(json[0].messages[0]).toMatchObject({ ruleId: 'metric-range', severity: 2, line: 11, column: 11 });
    expect(readdirSync(path.join(d, 'out'))).toEqual(['lint.json']);
  });

  it('--quiet shows errors only', async () => {
    const d = dir({ 'notes/第51周.md': edit('99.966%', '100.4%', emptyOther) });
    const r = await lint(d, 'notes', '--quiet', '--format', 'unix');
    expect(r.stdout).toContain('metric-range');
    expect(r.stdout).not.toContain('empty-section');
  });

  it('--rule overrides a severity', async () => {
    const d = dir({ 'notes/第51周.md': overRange });
    expect((await lint(d, 'notes', '--rule', 'metric-range:warn')).code).toBe(0);
    expect((await lint(d, 'notes', '--rule', 'metric-range:off', '--format', 'json')).stdout).toContain('"messages":[]');
  });

  it('--format sarif and github', async () => {
    const d = dir({ 'notes/第51周.md': overRange });
    expect(JSON.parse((await lint(d, 'notes', '--format', 'sarif')).stdout).version).toBe('2.1.0');
    expect((await lint(d, 'notes', '--format', 'github')).stdout).toMatch(/^::error file=notes\/第51周\.md,line=11,col=11,/);
  });
});

describe('weekly lint --fix', () => {
  const broken = edit('## 【系统运行数据】\n\n- 入金有效成功率：99.966%\n- 0级报警跟进率67%（16/24），总告警数为464个\n\n', '', edit('## 【O1 服务业务】', '## [O1 服务业务]:'));

  it('inserts a missing section and normalises a heading, keeping BOM, CRLF and every other byte', async () => {
    const crlf = `\ufeff${broken.replace(/\n/g, '\r\n')}`;
    const d = dir({ 'notes/第51周.md': Buffer.from(crlf, 'utf8') });
    const r = await lint(d, 'notes', '--fix', '--format', 'unix');
    const after = readFileSync(path.join(d, 'notes/第51周.md'));
    const expected = `\ufeff${edit('## [O1 服务业务]:', '## 【系统运行数据】\n\n## 【O1 服务业务】', broken).replace(/\n/g, '\r\n')}`;
    expect(after.equals(Buffer.from(expected, 'utf8'))).toBe(true);
    // what is left: the new section is empty, and says so
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('notes/第51周.md:9:4: Unexpected empty section `【系统运行数据】`, expected some content under it (or `- 无` when there is nothing to say) [warning/empty-section]\n\n1 problem\n');
  });

  it('appends a missing last section at the end of a note without a final newline', async () => {
    const d = dir({ 'a/第51周.md': edit('\n\n# 下周工作及目标\n\n1. 年度绩效沟通', '') });
    await lint(d, 'a', '--fix');
    expect(readFileSync(path.join(d, 'a/第51周.md'), 'utf8').endsWith('持续60mins\n\n## 【下周工作及目标】\n')).toBe(true);
  });

  it('--fix-dry-run prints a unified diff and writes nothing', async () => {
    const d = dir({ 'notes/第51周.md': broken });
    const r = await lint(d, 'notes', '--fix-dry-run', '--format', 'unix');
    expect(readFileSync(path.join(d, 'notes/第51周.md'), 'utf8')).toBe(broken);
    // file names outside ASCII are quoted as git quotes them, so `git apply` takes the diff
    expect(r.stdout).toContain('--- "a/notes/\\347\\254\\25451\\345\\221\\250.md"\n+++ "b/notes/\\347\\254\\25451\\345\\221\\250.md"\n');
    expect(r.stdout).toContain('\n-## [O1 服务业务]:\n+## 【系统运行数据】\n \n+## 【O1 服务业务】\n+\n');
    expect(r.code).toBe(0);
  });

  it('leaves alone what has no unambiguous fix', async () => {
    const d = dir({ 'notes/第51周.md': overRange });
    const r = await lint(d, 'notes', '--fix');
    expect(r.code).toBe(1);
    expect(readFileSync(path.join(d, 'notes/第51周.md'), 'utf8')).toBe(overRange);
  });
});

describe('weekly lint --baseline', () => {
  it('reports only problems that are not in the baseline, matching moved lines by their text', async () => {
    const d = dir({ 'notes/第51周.md': overRange });
    const w = await lint(d, 'notes', '--write-baseline', 'ci/baseline.json');
    expect(w).toMatchObject({ code: 0, stdout: '', stderr: 'weekly lint: wrote 1 problem to the baseline ci/baseline.json\n' });
    const baseline = JSON.parse(readFileSync(path.join(d, 'ci/baseline.json'), 'utf8'));
    expect(baseline).toEqual({ version: 1, entries: [{ file: '../notes/第51周.md', ruleId: 'metric-range', text: '- 入金有效成功率：100.4%', count: 1 }] });
    expect((await lint(d, 'notes', '--baseline', 'ci/baseline.json')).code).toBe(0);
    // the old problem moves down two lines and a new one appears
    writeFileSync(path.join(d, 'notes/第51周.md'), edit('## 【系统运行数据】\n', '## 【系统运行数据】\n\n- 出金有效成功率：101%\n', overRange));
    const r = await lint(d, 'notes', '--baseline', 'ci/baseline.json', '--format', 'unix');
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('notes/第51周.md:11:11: Unexpected `101%` for `出金有效成功率`, expected a percent within [0, 100] [error/metric-range]\n\n1 problem\n');
  });

  it('2 for a missing or broken baseline', async () => {
    const d = dir({ 'notes/第51周.md': VALID_NOTE, 'bad.json': '{"version": 9}' });
    expect((await lint(d, 'notes', '--baseline', 'nope.json')).code).toBe(2);
    expect((await lint(d, 'notes', '--baseline', 'bad.json')).stderr).toBe('weekly lint: --baseline bad.json: not a baseline written by --write-baseline\n');
  });
});

describe('weekly lint --cache', () => {
  it('gives the same results from the cache, and rebuilds a corrupt one', async () => {
    const d = dir({ 'notes/第51周.md': overRange, 'notes/第52周.md': VALID_NOTE.replace('# 第51周', '# 第52周').replace('12月16日', '12月22日') });
    const first = await lint(d, 'notes', '--cache', '--format', 'unix');
    const file = path.join(d, '.weekly-cache/lint.json');
    expect(existsSync(file)).toBe(true);
    const cached = JSON.parse(readFileSync(file, 'utf8'));
    expect(Object.keys(cached.entries).sort()).toEqual(['notes/第51周.md', 'notes/第52周.md']);
    expect(await lint(d, 'notes', '--cache', '--format', 'unix')).toEqual(first);
    // a changed note is parsed again
    writeFileSync(path.join(d, 'notes/第51周.md'), VALID_NOTE);
    expect((await lint(d, 'notes', '--cache')).code).toBe(0);
    // a truncated cache is ignored and written anew
    writeFileSync(file, readFileSync(file, 'utf8').slice(0, 100));
    expect((await lint(d, 'notes', '--cache')).code).toBe(0);
    expect(() => JSON.parse(readFileSync(file, 'utf8'))).not.toThrow();
  });

  it('takes --cache-location as a file or a folder', async () => {
    const d = dir({ 'notes/第51周.md': VALID_NOTE });
    await lint(d, 'notes', '--cache', '--cache-location', 'tmp/c.json');
    await lint(d, 'notes', '--cache', '--cache-location', 'tmpdir/');
    expect(existsSync(path.join(d, 'tmp/c.json'))).toBe(true);
    expect(existsSync(path.join(d, 'tmpdir/lint.json'))).toBe(true);
  });
});
