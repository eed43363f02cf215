import { mkdtempSync, mkdirSync, readFileSync, writeFileSync, readdirSync, statSync, utimesSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { run } from '../src/cli.js';
import { lint as lintNotes } from '../src/app/lint.js';
import { unix } from '../src/core/formatters/unix.js';
import { totals } from '../src/core/lint/index.js';
import { createHmac } from 'node:crypto';
import { buildFingerprint, cachePaths, installationKey, modelStore, openLintCache, readModel, sha256, writeModel } from '../src/io/cache.js';
import { loadNotes } from '../src/app/load.js';
import { stampOf } from '../src/io/read.js';
import { parseNote } from '../src/core/parse/index.js';
import { VALID_NOTE, edit } from './rules/helper.js';

function dir(files: Record<string, string>): string {
  const d = mkdtempSync(path.join(tmpdir(), 'weekly-cache-'));
  for (const [f, body] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(d, f)), { recursive: true });
    writeFileSync(path.join(d, f), body);
  }
  return d;
}

/** `weekly lint notes --cache --format unix` as weekly `version`. */
async function lint(cwd: string, version: string) {
  const out = await lintNotes({ cwd, inputs: ['notes'], cache: true, version });
  return { code: totals(out.results).errors ? 1 : 0, stdout: unix(out.results) };
}

const NOTE = 'notes/第51周.md';
const INDEX = '.weekly-cache/lint.json';

/** The signature this installation puts on a cache payload. */
const signed = (text: string, secret = installationKey()) => createHmac('sha256', secret).update(text).digest('hex');

/**
 * Rewrite the cached problems of the note, signed as this installation signs them: what a run then prints came
 * from the cache. `sum` signs it otherwise (a forger without the key).
 */
function plant(d: string, message: string, sum: (text: string) => string = signed): void {
  const file = path.join(d, INDEX);
  const data = JSON.parse(readFileSync(file, 'utf8'));
  data.entries[NOTE].messages = [{ ruleId: 'parser', severity: 'error', message, file: NOTE, line: 1, column: 1, endLine: 1, endColumn: 1 }];
  data.sum = sum(JSON.stringify(data.entries));
  writeFileSync(file, JSON.stringify(data));
}

describe('lint cache: what invalidates an entry', () => {
  it('a cached entry is used while the note, the config and the version are unchanged', async () => {
    const d = dir({ [NOTE]: VALID_NOTE });
    expect(await lint(d, '1.0.0')).toEqual({ code: 0, stdout: '' });
    plant(d, 'from the cache');
    expect((await lint(d, '1.0.0')).stdout).toContain('from the cache');
  });

  it('a forged file: entries not signed with this installation\'s key (a plain checksum, another key) are linted again', async () => {
    const d = dir({ [NOTE]: `${VALID_NOTE}\n## 【系统运行数据】\n\n- 成功率：100.4%\n` });
    const first = await lint(d, '1.0.0');
    expect(first.code).toBe(1);
    // what a forger can compute: the checksum over public fields, or a signature under a key of their own
    for (const sum of [(t: string) => sha256(t), (t: string) => signed(t, 'f'.repeat(64))]) {
      const data = JSON.parse(readFileSync(path.join(d, INDEX), 'utf8'));
      data.entries[NOTE].messages = [];
      data.sum = sum(JSON.stringify(data.entries));
      writeFileSync(path.join(d, INDEX), JSON.stringify(data));
      expect(await lint(d, '1.0.0')).toEqual(first);
    }
  });

  it('a changed note', async () => {
    const d = dir({ [NOTE]: VALID_NOTE });
    await lint(d, '1.0.0');
    plant(d, 'from the cache');
    writeFileSync(path.join(d, NOTE), `${VALID_NOTE}\n`);
    expect((await lint(d, '1.0.0')).stdout).not.toContain('from the cache');
  });

  it('a changed config', async () => {
    const d = dir({ [NOTE]: VALID_NOTE, 'weekly.config.yaml': 'rules:\n  empty-section: warn\n' });
    await lint(d, '1.0.0');
    plant(d, 'from the cache');
    writeFileSync(path.join(d, 'weekly.config.yaml'), 'rules:\n  empty-section: error\n');
    expect((await lint(d, '1.0.0')).stdout).not.toContain('from the cache');
  });

  it('a new version of weekly', async () => {
    const d = dir({ [NOTE]: VALID_NOTE });
    await lint(d, '1.0.0');
    plant(d, 'from the cache');
    expect((await lint(d, '1.0.1')).stdout).not.toContain('from the cache');
  });

  it('another build of weekly (a different fingerprint of its parser and rules)', async () => {
    const d = dir({ [NOTE]: VALID_NOTE });
    await lint(d, '1.0.0');
    plant(d, 'from the cache');
    const file = path.join(d, INDEX);
    const data = JSON.parse(readFileSync(file, 'utf8'));
    expect(data.fingerprint).toBe(buildFingerprint());
    writeFileSync(file, JSON.stringify({ ...data, fingerprint: 'f'.repeat(64) }));
    expect((await lint(d, '1.0.0')).stdout).not.toContain('from the cache');
  });
});

describe('lint cache: a note known by its stamp', () => {
  it('a stamp is size, times, inode and device, and none for a file changed within 2.5 s', () => {
    const d = dir({ [NOTE]: VALID_NOTE });
    const st = statSync(path.join(d, NOTE));
    expect(stampOf(st, st.ctimeMs + 1000)).toBeNull();
    expect(stampOf(st, st.ctimeMs + 3000)).toBe(`${st.size}:${st.mtimeMs}:${st.ctimeMs}:${st.ino}:${st.dev}`);
    expect(stampOf(statSync(d), st.ctimeMs + 3000)).toBeNull();
  });

  it('an unchanged stamp is trusted without reading; bytes rewritten with the size and times put back are not', async () => {
    const d = dir({ [NOTE]: VALID_NOTE });
    const abs = path.join(d, NOTE);
    // whole seconds, which utimes sets back exactly
    utimesSync(abs, 1700000000, 1700000000);
    // a note changed in the last 2.5 s gets no stamp: wait until it is older
    await new Promise((resolve) => setTimeout(resolve, 2600));
    await lint(d, '1.0.0');
    const file = path.join(d, INDEX);
    const data = JSON.parse(readFileSync(file, 'utf8'));
    const st = statSync(abs);
    expect(data.entries[NOTE].stamp).toBe(stampOf(st, Date.now()));
    // a wrong hash under the right stamp: only a run that trusts the stamp takes the planted entry
    data.entries[NOTE].sha = 'f'.repeat(64);
    data.entries[NOTE].messages = [{ ruleId: 'parser', severity: 'error', message: 'from the cache', file: NOTE, line: 1, column: 1, endLine: 1, endColumn: 1 }];
    data.sum = signed(JSON.stringify(data.entries));
    writeFileSync(file, JSON.stringify(data));
    expect((await lint(d, '1.0.0')).stdout).toContain('from the cache');
    // same length, same modification time: the change time still moves, so the note is read again
    const changed = VALID_NOTE.replace('99.966%', '100.04%');
    expect(changed.length).toBe(VALID_NOTE.length);
    writeFileSync(abs, changed);
    utimesSync(abs, 1700000000, 1700000000);
    expect(statSync(abs).mtimeMs).toBe(st.mtimeMs);
    const after = await lint(d, '1.0.0');
    expect(after.stdout).not.toContain('from the cache');
    expect(after.stdout).toContain('100.04%');
  });
});

describe('lint cache: a damaged file is ignored and rebuilt, never trusted', () => {
  it.each([
    ['garbage', () => 'not json at all {'],
    ['truncated', (t: string) => t.slice(0, Math.floor(t.length / 2))],
    ['empty', () => ''],
    ['an array', () => '[]'],
    ['an edited entry (checksum no longer matches)', (t: string) => t.replace('"messages":[]', '"messages":[{"ruleId":"x"}]')],
  ])('%s', async (_name, damage) => {
    const d = dir({ [NOTE]: edit('99.966%', '100.4%') });
    const first = await lint(d, '1.0.0');
    expect(first.code).toBe(1);
    const file = path.join(d, INDEX);
    writeFileSync(file, damage(readFileSync(file, 'utf8')));
    expect(await lint(d, '1.0.0')).toEqual(first);
    const rebuilt = JSON.parse(readFileSync(file, 'utf8'));
    expect(Object.keys(rebuilt.entries)).toEqual([NOTE]);
  });

  it('an entry of the wrong shape, even with a valid checksum, is a miss', async () => {
    const d = dir({ [NOTE]: VALID_NOTE });
    await lint(d, '1.0.0');
    const file = path.join(d, INDEX);
    const data = JSON.parse(readFileSync(file, 'utf8'));
    data.entries[NOTE].messages = [{ ruleId: 'parser', message: 'no severity, no position' }];
    data.sum = signed(JSON.stringify(data.entries));
    writeFileSync(file, JSON.stringify(data));
    expect(await lint(d, '1.0.0')).toEqual({ code: 0, stdout: '' });
  });

  it('openLintCache on a missing file starts empty', async () => {
    const c = await openLintCache(path.join(dir({}), 'nope.json'), { version: '1', config: {} });
    expect(c.expected(NOTE)).toBeUndefined();
  });
});

describe('model store (build)', () => {
  const text = VALID_NOTE;
  const bytes = Buffer.from(text);
  const report = parseNote(text, NOTE);

  it('gives back the model it was given, for the same bytes, config and version only', () => {
    const d = dir({});
    const store = modelStore(path.join(d, 'models'), { version: '1', config: {} });
    writeModel(store, NOTE, sha256(bytes), report);
    expect(readModel(store, NOTE, sha256(bytes))).toEqual(report);
    expect(JSON.stringify(readModel(store, NOTE, sha256(bytes)))).toBe(JSON.stringify(report));
    expect(readModel(store, NOTE, sha256(Buffer.from(`${text}\n`)))).toBeUndefined();
    expect(readModel(store, 'notes/other.md', sha256(bytes))).toBeUndefined();
    expect(readModel(modelStore(store.dir, { version: '2', config: {} }), NOTE, sha256(bytes))).toBeUndefined();
    expect(readModel(modelStore(store.dir, { version: '1', config: { weekNumbering: 'iso' } }), NOTE, sha256(bytes))).toBeUndefined();
    // rules are not part of a model: a config that changes only them keeps the models
    expect(readModel(modelStore(store.dir, { version: '1', config: { rules: { 'missing-week': 'off' } } }), NOTE, sha256(bytes))).toEqual(report);
  });

  it('ignores a truncated, corrupt or edited model file', () => {
    const d = dir({});
    const store = modelStore(path.join(d, 'models'), { version: '1', config: {} });
    writeModel(store, NOTE, sha256(bytes), report);
    const sub = readdirSync(store.dir)[0];
    const file = path.join(store.dir, sub, readdirSync(path.join(store.dir, sub))[0]);
    const good = readFileSync(file, 'utf8');
    for (const bad of [good.slice(0, 200), '', '{}', good.replace('"title":"第51周"', '"title":"第52周"'), good.replace(/"lineCount":\d+/, '"lineCount":"many"')]) {
      writeFileSync(file, bad);
      expect(readModel(store, NOTE, sha256(bytes))).toBeUndefined();
    }
  });

  it('ignores a model file re-signed by someone without this installation\'s key', () => {
    const d = dir({});
    const store = modelStore(path.join(d, 'models'), { version: '1', config: {} });
    writeModel(store, NOTE, sha256(bytes), report);
    const sub = readdirSync(store.dir)[0];
    const file = path.join(store.dir, sub, readdirSync(path.join(store.dir, sub))[0]);
    const data = JSON.parse(readFileSync(file, 'utf8'));
    data.report.title = '第52周';
    const body = JSON.stringify(data.report);
    for (const sum of [sha256(body), signed(body, '0'.repeat(64))]) {
      writeFileSync(file, JSON.stringify({ ...data, sum }));
      expect(readModel(store, NOTE, sha256(bytes))).toBeUndefined();
    }
    writeFileSync(file, JSON.stringify({ ...data, sum: signed(body) }));
    expect(readModel(store, NOTE, sha256(bytes))?.title).toBe('第52周');
  });

  it('loadNotes with a cache gives the same models as without, and stores them', async () => {
    const d = dir({ [NOTE]: VALID_NOTE, 'notes/第52周.md': VALID_NOTE.replace('# 第51周', '# 第52周').replace('12月16日', '12月22日') });
    const files = ['notes/第51周.md', 'notes/第52周.md'];
    const plain = await loadNotes(files, { cwd: d, config: {} });
    const cache = { location: `${path.join(d, '.weekly-cache')}${path.sep}`, version: '1' };
    const cold = await loadNotes(files, { cwd: d, config: {}, cache });
    const warm = await loadNotes(files, { cwd: d, config: {}, cache });
    expect(JSON.stringify(cold)).toBe(JSON.stringify(plain));
    expect(JSON.stringify(warm)).toBe(JSON.stringify(plain));
    expect(readdirSync((await cachePaths(cache.location)).models).length).toBeGreaterThan(0);
  });
});

describe('weekly lint --cache through the CLI', () => {
  it('keeps the results the same run after run, and after a fix of one note', async () => {
    const d = dir({ [NOTE]: edit('99.966%', '100.4%'), 'notes/第52周.md': VALID_NOTE.replace('# 第51周', '# 第52周').replace('12月16日', '12月22日') });
    const go = async () => {
      let stdout = '';
      const code = await run(['node', 'weekly', 'lint', 'notes', '--cache', '--format', 'unix'], { cwd: d, stdout: (s) => void (stdout += s), stderr: () => undefined, isTTY: false });
      return { code, stdout };
    };
    const first = await go();
    expect(first.code).toBe(1);
    expect(await go()).toEqual(first);
    writeFileSync(path.join(d, NOTE), VALID_NOTE);
    expect(await go()).toEqual({ code: 0, stdout: '' });
  });
});

describe('weekly build --cache', () => {
  it('writes the same summaries from cached models as from a fresh parse, and shares the folder with lint', async () => {
    const { exampleWorkspace, hashTree, weekly } = await import('./build-helpers.js');
    const ws = await exampleWorkspace();
    expect((await weekly(ws, 'build', 'examples/notes', '-o', 'plain', '-q')).code).toBe(0);
    expect((await weekly(ws, 'build', 'examples/notes', '-o', 'cold', '-q', '--cache')).code).toBe(0);
    const models = path.join(ws, '.weekly-cache/models');
    expect(readdirSync(models).length).toBeGreaterThan(0);
    expect((await weekly(ws, 'build', 'examples/notes', '-o', 'warm', '-q', '--cache')).code).toBe(0);
    expect((await weekly(ws, 'lint', 'examples/notes', '--cache')).code).toBe(0);
    expect(readdirSync(path.join(ws, '.weekly-cache')).sort()).toEqual(['lint.json', 'models']);
    const plain = await hashTree(path.join(ws, 'plain'));
    expect(await hashTree(path.join(ws, 'cold'))).toEqual(plain);
    expect(await hashTree(path.join(ws, 'warm'))).toEqual(plain);
  });
});
