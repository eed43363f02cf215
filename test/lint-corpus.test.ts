import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findNotes } from '../src/io/find.js';
import { loadNotes } from '../src/app/load.js';
import { lintReports, type LintResult } from '../src/core/lint/index.js';
import { DEFECT_RULES, type PlantedDefect } from '../bench/gen-notes.mjs';
import { genNotes, REPO } from './build-helpers.js';

const reference = path.join(REPO, 'test/fixtures/reference-w51.md');

async function lintDir(cwd: string, inputs = ['.']): Promise<LintResult[]> {
  const { files } = await findNotes(inputs, { cwd });
  const { reports, failures } = await loadNotes(files, { cwd, config: {} });
  expect(failures).toEqual([]);
  return lintReports(reports, {}, { root: inputs[0] });
}

const problems = (results: LintResult[]) => results.flatMap((r) => r.messages.map((m) => `${r.filePath}:${m.line}:${m.column}: ${m.message} [${m.ruleId}]`));

const temps: string[] = [];
const tempDir = (prefix: string) => {
  const d = mkdtempSync(path.join(tmpdir(), prefix));
  temps.push(d);
  return d;
};
afterAll(() => temps.forEach((d) => rmSync(d, { recursive: true, force: true })));

describe('notes that must lint clean under the default config', () => {
  it('examples/notes: no error, no warning', async () => {
    expect(problems(await lintDir(REPO, ['examples/notes']))).toEqual([]);
  });

  it('the reference note (第51周, created 2023-12-16): no error, no warning', async () => {
    const d = tempDir('weekly-ref-');
    mkdirSync(path.join(d, '2023'));
    copyFileSync(reference, path.join(d, '2023/第51周.md'));
    expect(problems(await lintDir(d))).toEqual([]);
  });

  it('a generated corpus without planted defects (bench/gen-notes.mjs --people 4 --weeks 60 --seed 3): no error, no warning', async () => {
    const d = tempDir('weekly-clean-');
    const made = genNotes(d, 4, 60, 3);
    expect(made.files).toBe(240);
    expect(made.defects).toEqual([]);
    expect(problems(await lintDir(d))).toEqual([]);
  });
});

describe('planted defects (bench/gen-notes.mjs --people 4 --weeks 30 --seed 3 --defects 0.25)', () => {
  let defects: PlantedDefect[];
  let results: LintResult[];

  beforeAll(async () => {
    const out = tempDir('weekly-corpus-');
    defects = genNotes(out, 4, 30, 3, 0.25).defects;
    results = await lintDir(out);
  });

  it('plants some of every kind the generator knows', () => {
    expect(defects.length).toBe(33);
    const kinds = new Set(defects.map((d) => d.kind));
    expect([...kinds].sort()).toEqual(Object.keys(DEFECT_RULES).sort());
    for (const d of defects) expect(d.rule).toBe(DEFECT_RULES[d.kind]);
  });

  it('reports every planted defect at its file and line, with the rule of its kind', () => {
    const byFile = new Map(results.map((r) => [r.filePath, r]));
    const missed = defects.filter((d) => !byFile.get(d.file)?.messages.some((m) => m.ruleId === d.rule && m.line === d.line));
    expect(missed).toEqual([]);
  });

  it('reports nothing else: no other problem, and none on notes without a planted defect', () => {
    const planted = new Set(defects.map((d) => `${d.file}:${d.line}:${d.rule}`));
    const extra = results.flatMap((r) =>
      r.messages.filter((m) => !planted.has(`${r.filePath}:${m.line}:${m.ruleId}`)).map((m) => `${r.filePath}:${m.line}:${m.column}: ${m.message} [${m.ruleId}]`),
    );
    expect(extra).toEqual([]);
    // one message per planted defect: none is reported twice
    expect(results.reduce((n, r) => n + r.messages.length, 0)).toBe(defects.length);
  });
});
