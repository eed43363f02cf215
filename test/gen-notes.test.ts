import { createHash } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEFECT_RULES, generate, weekOfDate, type PlantedDefect } from '../bench/gen-notes.mjs';
import { GEN_NOTES, hashTree, tempDir } from './build-helpers.js';
import { BIN } from './robustness-helpers.js';
import { parseNote } from '../src/core/parse/index.js';

// bench/gen-notes.mjs makes the corpora of the tests and benchmarks; what it promises is checked here: the same
// arguments give the same bytes, and `weekly lint` finds each planted defect where defects.json says, and nothing else.

const gen = (...args: string[]) => spawnSync(process.execPath, [GEN_NOTES, ...args], { encoding: 'utf8' });

interface LintJson {
  filePath: string;
  messages: { ruleId: string; line: number; message: string; severity: number }[];
}

/** `weekly lint . --format json` in `cwd`, as a user runs it. */
function lint(cwd: string): { code: number | null; results: LintJson[]; stderr: string } {
  const r = spawnSync(process.execPath, [BIN, 'lint', '.', '--format', 'json'], { cwd, encoding: 'utf8', maxBuffer: 1 << 28 });
  return { code: r.status, results: r.stdout ? (JSON.parse(r.stdout) as LintJson[]) : [], stderr: r.stderr };
}

describe('bench/gen-notes.mjs', () => {
  let cli: string;
  let inProcess: string;
  let clean: string;
  let planted: PlantedDefect[];

  beforeAll(async () => {
    cli = await tempDir('weekly-gen-');
    inProcess = await tempDir('weekly-gen-');
    clean = await tempDir('weekly-gen-');
    const r = gen('--out', cli, '--people', '4', '--weeks', '30', '--seed', '3', '--defects', '0.25');
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^gen-notes: 120 notes, \d+ bytes, 33 planted defects → /);
    planted = generate({ out: inProcess, people: 4, weeks: 30, seed: '3', defects: 0.25 }).defects;
    generate({ out: clean, people: 4, weeks: 30, seed: 3 });
  });

  it('is deterministic: the command and the function, run twice, write byte-identical corpora', async () => {
    const a = await hashTree(cli);
    expect(Object.keys(a).filter((f) => f.endsWith('.md'))).toHaveLength(120);
    expect(await hashTree(inProcess)).toEqual(a);
    expect(JSON.parse(readFileSync(path.join(cli, 'defects.json'), 'utf8'))).toEqual(planted);
    // another seed is another corpus
    const other = await tempDir('weekly-gen-');
    generate({ out: other, people: 4, weeks: 30, seed: 4, defects: 0.25 });
    expect(await hashTree(other)).not.toEqual(a);
  });

  it('writes the same bytes on every machine and Node version: a small corpus, hashed', async () => {
    // only integer and IEEE-exact arithmetic is used; this pins its output (a change to the generator changes it)
    const d = await tempDir('weekly-gen-');
    generate({ out: d, people: 3, weeks: 8, seed: 'pin', defects: 0.5, start: '2023-12-11' });
    const all = createHash('sha256').update(JSON.stringify(await hashTree(d))).digest('hex');
    expect(all).toBe('271b1da51a72273cd432a1f2c9dd7c25f1764df4b1cabf2294fe36f87bed7a26');
  });

  it('leaves a note without a planted defect as it is at rate 0; a left-out week is the only note missing', async () => {
    const a = await hashTree(clean);
    const b = await hashTree(inProcess);
    const touched = new Set(planted.map((d) => d.file));
    const removed = planted.filter((d) => d.kind === 'missing-week').map((d) => /\((.+) left out\)$/.exec(d.detail)![1]);
    expect(removed).toHaveLength(2);
    for (const [f, h] of Object.entries(b)) if (f.endsWith('.md') && !touched.has(f)) expect(h, f).toBe(a[f]);
    expect(Object.keys(a).filter((f) => !(f in b))).toEqual(removed.sort());
  });

  it('plants every kind, each with the rule that must report it', () => {
    expect(planted).toHaveLength(33);
    const perKind = new Map<string, number>();
    for (const d of planted) perKind.set(d.kind, (perKind.get(d.kind) ?? 0) + 1);
    // duplicate-week is reported on both copies
    expect(Object.fromEntries([...perKind].sort())).toEqual({
      'created-outside-week': 3,
      'duplicate-heading': 3,
      'duplicate-week': 4,
      'impossible-date': 3,
      'incident-no-time': 3,
      'malformed-number': 3,
      'misspelt-heading': 3,
      'missing-section': 3,
      'missing-week': 2,
      'percent-over-100': 3,
      'ratio-mismatch': 3,
    });
    for (const d of planted) expect(d.rule).toBe(DEFECT_RULES[d.kind]);
  });

  it('weekly lint finds every planted defect at its file and line with its rule, and nothing else (exit 1)', () => {
    const r = lint(cli);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(1);
    const got = r.results.flatMap((x) => x.messages.map((m) => `${x.filePath}:${m.line} ${m.ruleId}`)).sort();
    expect(got).toEqual(planted.map((d) => `${d.file}:${d.line} ${d.rule}`).sort());
  });

  it('with --defects 0 (the default), weekly lint finds nothing (exit 0)', () => {
    expect(readFileSync(path.join(clean, 'defects.json'), 'utf8')).toBe('[]\n');
    const r = lint(clean);
    expect(r.stderr).toBe('');
    expect(r.results.flatMap((x) => x.messages)).toEqual([]);
    expect(r.code).toBe(0);
  });

  it('writes notes in the reference note’s shape: sections, ratios, incidents, work items whose status moves', () => {
    const files = readdirSync(clean, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.md')).sort();
    const texts = files.map((f) => readFileSync(path.join(clean, f), 'utf8'));
    const reports = files.map((f, i) => parseNote(texts[i], f));
    for (const r of reports) {
      const ids = new Set(r.sections.map((s) => (s.id === 'objective' ? s.objective : s.id)));
      for (const id of ['highlights', 'metrics', 'O1', 'O2', 'O3', 'next-week']) expect(ids, `${r.file} ${id}`).toContain(id);
      expect(r.metrics.filter((m) => m.unit === '%' && m.denominator !== undefined).length, r.file).toBeGreaterThan(0);
      expect(r.highlights.length, r.file).toBeGreaterThan(0);
      expect(r.nextWeek.length, r.file).toBeGreaterThanOrEqual(3);
    }
    expect(reports.filter((r) => r.sections.some((s) => s.id === 'reflection')).length).toBeGreaterThan(60);
    // every incident line as written (`- 12/16  15:36  …`) is read with its date, time and duration
    const written = texts.join('\n').match(/^- \d{1,2}\/\d{1,2} {2}\d\d:\d\d {2}/gm)!.length;
    const incidents = reports.flatMap((r) => r.incidents);
    expect(written).toBeGreaterThan(60);
    expect(incidents.length).toBe(written);
    for (const x of incidents) expect([x.date !== null, x.time !== null, x.durationMinutes !== null], x.text).toEqual([true, true, true]);
    // each author's work items recur week after week, moving from stage to stage until done
    for (const author of ['hanhui', 'libo', 'yangdan', 'zhuning']) {
      const stages = new Map<string, Set<string | null>>();
      for (const r of reports.filter((x) => x.file.startsWith(`${author}/`))) {
        for (const w of r.workItems) if (!w.parent) stages.set(w.name, (stages.get(w.name) ?? new Set()).add(w.stage));
      }
      const moving = [...stages.values()].filter((s) => s.size >= 3 && s.has('done'));
      expect(moving.length, author).toBeGreaterThanOrEqual(5);
    }
  });

  it('numbers weeks as ISO or from the week of 1 January, as the notes of each author do', () => {
    // ISO 2023-W01 starts on Monday 2 January; under jan1 numbering that Monday starts week 2
    expect(weekOfDate(new Date(Date.UTC(2023, 0, 2)), 'iso')).toEqual({ year: 2023, number: 1 });
    expect(weekOfDate(new Date(Date.UTC(2023, 0, 2)), 'jan1')).toEqual({ year: 2023, number: 2 });
    expect(weekOfDate(new Date(Date.UTC(2023, 11, 16)), 'jan1')).toEqual({ year: 2023, number: 51 });
    expect(weekOfDate(new Date(Date.UTC(2020, 11, 31)), 'iso')).toEqual({ year: 2020, number: 53 });
    expect(weekOfDate(new Date(Date.UTC(2020, 11, 31)), 'jan1')).toEqual({ year: 2021, number: 1 });
  });

  it('says what is wrong with its arguments in one line, exit 2, and writes nothing', async () => {
    const d = await tempDir('weekly-gen-');
    const out = path.join(d, 'x');
    const r = gen('--out', out, '--people', '0', '--weeks', '3', '--seed', '1');
    expect(r.status).toBe(2);
    expect(r.stderr).toBe('gen-notes: people: expected a whole number of at least 1, got 0\n');
    expect(existsSync(out)).toBe(false);
    const full = gen('--out', cli, '--people', '1', '--weeks', '1', '--seed', '1');
    expect(full.status).toBe(2);
    expect(full.stderr).toBe(`gen-notes: ${cli} is not empty (--force writes into it anyway)\n`);
    const bad = gen('--out', out, '--people', '1', '--weeks', '1', '--seed', '1', '--start', '2023-02-30');
    expect(bad.stderr).toBe('gen-notes: start: expected a date YYYY-MM-DD, got 2023-02-30\n');
    expect(bad.status).toBe(2);
    expect(gen('--out', out).status).toBe(2);
    expect(existsSync(out)).toBe(false);
  });
});
