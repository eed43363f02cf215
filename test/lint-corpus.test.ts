import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, copyFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { findNotes } from '../src/io/find.js';
import { loadNotes } from '../src/app/load.js';
import { lintReports, type LintResult } from '../src/core/lint/index.js';

const repo = path.resolve(__dirname, '..');
const shared = path.resolve(repo, '../shared');
const generator = path.join(shared, 'corpus/gen-notes.mjs');
const reference = path.join(shared, 'seeds/000_c1d82e3b0e34630b.txt');

async function lintDir(cwd: string, inputs = ['.']): Promise<LintResult[]> {
  const { files } = await findNotes(inputs, { cwd });
  const { reports, failures } = await loadNotes(files, { cwd, config: {} });
  expect(failures).toEqual([]);
  return lintReports(reports, {}, { root: inputs[0] });
}

const problems = (results: LintResult[]) => results.flatMap((r) => r.messages.map((m) => `${r.filePath}:${m.line}:${m.column}: ${m.message} [${m.ruleId}]`));

describe('notes that must lint clean under the default config', () => {
  it('examples/notes: no error, no warning', async () => {
    expect(problems(await lintDir(repo, ['examples/notes']))).toEqual([]);
  });

  it.skipIf(!existsSync(reference))('the reference note (第51周, created 2023-12-16): no error, no warning', async () => {
    const d = mkdtempSync(path.join(tmpdir(), 'weekly-ref-'));
    mkdirSync(path.join(d, '2023'));
    copyFileSync(reference, path.join(d, '2023/第51周.md'));
    expect(problems(await lintDir(d))).toEqual([]);
  });
});

const RULE_OF_KIND: Record<string, string> = {
  'missing-section': 'required-sections',
  'percent-over-100': 'metric-range',
  'ratio-mismatch': 'metric-ratio',
  'malformed-percent': 'metric-number',
  'created-outside-week': 'week-date',
  'incident-no-time': 'incident-fields',
  'duplicate-heading': 'duplicate-section',
};

describe.skipIf(!existsSync(generator))('planted defects (gen-notes.mjs --people 4 --weeks 30 --seed 3 --defects 0.25)', () => {
  const out = mkdtempSync(path.join(tmpdir(), 'weekly-corpus-'));
  execFileSync(process.execPath, [generator, '--out', out, '--people', '4', '--weeks', '30', '--seed', '3', '--defects', '0.25'], { stdio: 'ignore' });
  const defects = JSON.parse(readFileSync(path.join(out, 'defects.json'), 'utf8')) as { file: string; kind: string; line: number }[];
  const results = lintDir(out);

  it('plants some of every kind the linter knows', () => {
    expect(defects.length).toBeGreaterThan(20);
    for (const d of defects) expect(Object.keys(RULE_OF_KIND)).toContain(d.kind);
  });

  it('reports every planted defect at its file and line, with the rule of its kind', async () => {
    const byFile = new Map((await results).map((r) => [r.filePath, r]));
    const missed = defects.filter((d) => !byFile.get(d.file)?.messages.some((m) => m.ruleId === RULE_OF_KIND[d.kind] && m.line === d.line && m.severity === 'error'));
    expect(missed).toEqual([]);
  });

  it('reports no other error, and nothing at all on files without a planted defect', async () => {
    const planted = new Map(defects.map((d) => [d.file, d]));
    const extra = (await results).flatMap((r) =>
      r.messages
        .filter((m) => {
          const d = planted.get(r.filePath);
          return !(d && m.ruleId === RULE_OF_KIND[d.kind] && m.line === d.line);
        })
        .map((m) => `${r.filePath}:${m.line}:${m.column}: ${m.message} [${m.ruleId}]`),
    );
    expect(extra).toEqual([]);
  });
});
