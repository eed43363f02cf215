import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { EXAMPLES, tempDir, weekly } from './build-helpers.js';
import { hashFiles } from './robustness-helpers.js';

// Inputs are never written except by `lint --fix`: every command runs over the same notes and config, and the
// sha256 of every file under notes/ (and the config) is the same after it as before.

const CONFIG = 'notes: notes\nmetrics:\n  入金有效成功率: {target: ">= 99.99%"}\n';

/** Notes in the byte forms editors leave behind: BOM, CRLF, CR, trailing spaces, no final newline. */
function edgeNotes(dir: string): void {
  const base = readFileSync(path.join(EXAMPLES, '2024/第8周.md'), 'utf8');
  mkdirSync(path.join(dir, 'edge'), { recursive: true });
  writeFileSync(path.join(dir, 'edge/第9周.md'), `\ufeff${base.replace(/\n/g, '\r\n').replace('第8周', '第9周')}`);
  writeFileSync(path.join(dir, 'edge/第10周.md'), base.replace(/\n/g, '\r').replace('第8周', '第10周'));
  writeFileSync(path.join(dir, 'edge/第11周.md'), base.replace(/\n/g, '   \n').replace('第8周', '第11周').trimEnd());
  // fixable: a heading in square brackets with a colon
  writeFileSync(path.join(dir, 'edge/第12周.md'), base.replace('第8周', '第12周').replace('## 【系统运行数据】', '## [系统运行数据]:'));
}

let ws: string;
let before: Map<string, string>;

const snapshot = () => new Map([...hashFiles(path.join(ws, 'notes')), ['weekly.config.yaml', readFileSync(path.join(ws, 'weekly.config.yaml'), 'utf8')]]);

beforeAll(async () => {
  ws = await tempDir('weekly-lost-');
  cpSync(EXAMPLES, path.join(ws, 'notes'), { recursive: true });
  edgeNotes(path.join(ws, 'notes'));
  writeFileSync(path.join(ws, 'weekly.config.yaml'), CONFIG);
  mkdirSync(path.join(ws, 'drafts'));
  cpSync(path.join(EXAMPLES, '2024/第8周.md'), path.join(ws, 'drafts/第8周.md'));
  before = snapshot();
});

const notes = () => [...hashFiles(path.join(ws, 'notes')).keys()].filter((f) => f.endsWith('.md')).map((f) => `notes/${f}`);

const COMMANDS: { name: string; argv: () => string[]; cwd?: string; exit: number[] }[] = [
  { name: 'parse (JSON)', argv: () => ['parse', ...notes()], exit: [0] },
  { name: 'parse (YAML)', argv: () => ['parse', '--format', 'yaml', ...notes()], exit: [0] },
  { name: 'schema', argv: () => ['schema'], exit: [0] },
  { name: 'lint', argv: () => ['lint'], exit: [1] },
  { name: 'lint --format sarif --output-file', argv: () => ['lint', '--format', 'sarif', '--output-file', 'reports/lint.sarif'], exit: [1] },
  { name: 'lint --cache (cold)', argv: () => ['lint', '--cache', '--cache-location', 'cache/'], exit: [1] },
  { name: 'lint --cache (warm)', argv: () => ['lint', '--cache', '--cache-location', 'cache/'], exit: [1] },
  { name: 'lint --fix-dry-run', argv: () => ['lint', '--fix-dry-run'], exit: [1] },
  { name: 'lint --write-baseline', argv: () => ['lint', '--write-baseline', 'baseline.json'], exit: [0] },
  { name: 'lint --baseline', argv: () => ['lint', '--baseline', 'baseline.json'], exit: [0] },
  { name: 'build (Markdown)', argv: () => ['build', '--out', 'out-md', '--quiet'], exit: [0] },
  { name: 'build --format both', argv: () => ['build', '--out', 'out-both', '--format', 'both', '--quiet'], exit: [0] },
  { name: 'build --locale en --strict', argv: () => ['build', '--out', 'out-en', '--locale', 'en', '--strict', '--quiet'], exit: [1] },
  { name: 'build again over its own output', argv: () => ['build', '--out', 'out-md', '--quiet'], exit: [0] },
  { name: 'metrics (table)', argv: () => ['metrics'], exit: [0] },
  { name: 'metrics --format csv', argv: () => ['metrics', '--format', 'csv'], exit: [0] },
  { name: 'metrics --format json', argv: () => ['metrics', '--format', 'json'], exit: [0] },
  { name: 'templates eject', argv: () => ['templates', 'eject', 'tpl'], exit: [0] },
  { name: 'build with ejected templates', argv: () => ['build', '--out', 'out-tpl', '--templates', 'tpl', '--quiet'], exit: [0] },
  { name: 'new into another folder', argv: () => ['new', '--dir', 'drafts', '--date', '2024-03-01'], exit: [0] },
  { name: 'init elsewhere', argv: () => ['init'], cwd: 'elsewhere', exit: [0] },
  { name: 'completion bash', argv: () => ['completion', 'bash'], exit: [0] },
];

describe('no command writes a note or the config', () => {
  for (const c of COMMANDS) {
    it(`${c.name}: every note byte-identical after it`, async () => {
      const cwd = c.cwd ? path.join(ws, c.cwd) : ws;
      mkdirSync(cwd, { recursive: true });
      const r = await weekly(cwd, ...c.argv());
      expect(c.exit, r.stderr).toContain(r.code);
      expect(snapshot()).toEqual(before);
    });
  }

  it('new into the notes folder adds this week\'s note and changes no other', async () => {
    const r = await weekly(ws, 'new', '--dir', 'notes/2024', '--date', '2024-03-01');
    expect(r.code, r.stderr).toBe(0);
    const after = snapshot();
    const added = [...after.keys()].filter((k) => !before.has(k));
    expect(added).toEqual(['2024/第9周.md']);
    after.delete('2024/第9周.md');
    expect(after).toEqual(before);
  });

  it('lint --fix rewrites only the note with a fixable problem, and in it only the fixed heading', async () => {
    const file = path.join(ws, 'notes/edge/第12周.md');
    const text = readFileSync(file, 'utf8');
    const r = await weekly(ws, 'lint', '--fix');
    expect([0, 1]).toContain(r.code);
    const after = snapshot();
    const changed = [...after.keys()].filter((k) => after.get(k) !== before.get(k) && before.has(k));
    expect(changed).toEqual(['edge/第12周.md']);
    expect(readFileSync(file, 'utf8')).toBe(text.replace('## [系统运行数据]:', '## 【系统运行数据】'));
  });
});
