import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { EXAMPLES, REPO, tempDir, weekly } from './build-helpers.js';

// One folder that exercises what every command must agree on: a `.weeklyignore` that leaves a draft out, a config
// alias that names the metrics section of one note, and a note saved in GBK by a Chinese Windows tool.
let ws: string;
const NOTES = ['notes/2023/第49周.md', 'notes/2023/第50周.md', 'notes/2023/第51周.md'];
const GBK = 'notes/2023/第51周.md';
const ALIASED = 'notes/2023/第50周.md';

beforeAll(async () => {
  ws = await tempDir('weekly-workspace-');
  mkdirSync(path.join(ws, 'notes/2023'), { recursive: true });
  copyFileSync(path.join(EXAMPLES, '2023/第49周.md'), path.join(ws, NOTES[0]));
  const w50 = readFileSync(path.join(EXAMPLES, '2023/第50周.md'), 'utf8');
  expect(w50).toContain('## 【系统运行数据】');
  writeFileSync(path.join(ws, ALIASED), w50.replace('## 【系统运行数据】', '## 【运营数据】'));
  // the reference note (第51周), saved in GBK
  copyFileSync(path.join(REPO, 'test/bad-inputs/files/gbk.md'), path.join(ws, GBK));
  // a draft of the next week: read by any command that ignored .weeklyignore, it would show everywhere
  writeFileSync(path.join(ws, 'notes/draft.md'), '# 第52周\n\nCreated: 2023年12月23日 09:00\n\n## 【重点工作】\n\n- 【草稿】未完成\n\n## 【系统运行数据】\n\n- 草稿指标：12.5%\n\n# 下周工作及目标\n\n1. 待定\n');
  writeFileSync(path.join(ws, 'notes/.weeklyignore'), 'draft.md\n');
  writeFileSync(path.join(ws, 'weekly.config.yaml'), 'sections:\n  metrics:\n    aliases: [运营数据]\n');
});

describe('every command reads the same notes through the one workspace resolver', () => {
  it('parse: the three notes, the GBK one decoded, the aliased heading read as the metrics section', async () => {
    const r = await weekly(ws, 'parse', 'notes', '--encoding', 'gbk');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const models = r.stdout.trim().split('\n').map((l) => JSON.parse(l) as { file: string; title: string; sections: { id: string; title: string }[]; metrics: { name: string; value: number }[] });
    expect(models.map((m) => m.file)).toEqual(NOTES);
    expect(models[2].title).toBe('第51周');
    expect(models[2].metrics.find((m) => m.name === '入金有效成功率')?.value).toBe(99.966);
    const aliased = models[1].sections.find((s) => s.title === '【运营数据】');
    expect(aliased?.id).toBe('metrics');
    expect(models[1].metrics.length).toBeGreaterThan(5);
  });

  it('lint: the same three notes, no unreadable note and no missing metrics section', async () => {
    const r = await weekly(ws, 'lint', 'notes', '--encoding', 'gbk', '--format', 'json');
    const results = JSON.parse(r.stdout) as { filePath: string; messages: { ruleId: string; message: string }[] }[];
    expect(results.map((x) => x.filePath)).toEqual(NOTES);
    const messages = results.flatMap((x) => x.messages.map((m) => `${x.filePath}: ${m.ruleId}`));
    expect(messages.filter((m) => /parser|required-sections/.test(m))).toEqual([]);
  });

  it('metrics: values from the same three notes only, the aliased section included', async () => {
    const r = await weekly(ws, 'metrics', 'notes', '--encoding', 'gbk', '--format', 'json');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as { metrics: { name: string; points: { file: string }[] }[] };
    const files = [...new Set(out.metrics.flatMap((m) => m.points.map((p) => p.file)))].sort();
    expect(files).toEqual(NOTES);
    expect(out.metrics.find((m) => m.name === '草稿指标')).toBeUndefined();
    expect(out.metrics.find((m) => m.name === '入金有效成功率')?.points.map((p) => p.file)).toEqual(NOTES);
  });

  it('build: summarises the same three notes', async () => {
    const r = await weekly(ws, 'build', 'notes', '--encoding', 'gbk', '--out', 'out', '--quiet');
    expect(r.code).toBe(0);
    const report = JSON.parse(readFileSync(path.join(ws, 'out/data/report.json'), 'utf8')) as { notes: { file: string }[] };
    expect(report.notes.map((n) => n.file)).toEqual(NOTES);
    const csv = readFileSync(path.join(ws, 'out/data/metrics.csv'), 'utf8');
    expect(csv).toContain(`${ALIASED},`);
    expect(csv).toContain(`${GBK},`);
    expect(csv).not.toContain('草稿指标');
  });

  it('new: carries from the GBK note, and does not see the ignored draft of week 52', async () => {
    const r = await weekly(ws, 'new', '--dir', 'notes', '--date', '2023-12-20', '--encoding', 'gbk');
    expect(r.stderr).toContain(`from ${GBK}: 1 planned item as highlights`);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('notes/2023/第52周.md\n');
  });

  it('without --encoding gbk, every command names the GBK note and says what works, on every command', async () => {
    const hint = 'rerun with `--encoding gbk` (or set `encoding: gbk` in the config)';
    for (const argv of [['parse', 'notes'], ['lint', 'notes', '--format', 'unix'], ['metrics', 'notes'], ['build', 'notes', '--out', 'out2', '--quiet']]) {
      const r = await weekly(ws, ...argv);
      expect(`${r.stdout}${r.stderr}`, argv.join(' ')).toContain(hint);
      expect(`${r.stdout}${r.stderr}`, argv.join(' ')).toContain(GBK);
    }
  });
});
