import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const DEPCRUISE = path.join(ROOT, 'node_modules/dependency-cruiser/bin/dependency-cruise.mjs');
const CONFIG = path.join(ROOT, '.dependency-cruiser.cjs');

interface Violation {
  rule: string;
  from: string;
  to: string;
}

/** The violations dependency-cruiser reports on `src/` of `cwd` under the project's rules, sorted. */
function cruise(cwd: string): Violation[] {
  // the json reporter exits 0 whatever it finds: the verdict is the violations list
  const out = execFileSync(process.execPath, [DEPCRUISE, 'src', '--config', CONFIG, '--output-type', 'json'], { cwd, encoding: 'utf8', maxBuffer: 64 << 20 });
  const result = JSON.parse(out) as { summary: { violations: { rule: { name: string }; from: string; to: string }[] } };
  return result.summary.violations.map((v) => ({ rule: v.rule.name, from: v.from, to: v.to })).sort((a, b) => `${a.rule} ${a.from} ${a.to}`.localeCompare(`${b.rule} ${b.from} ${b.to}`));
}

/** A temp project holding `files` (path → text) and a NodeNext tsconfig, as src/ is compiled. */
function project(files: Record<string, string>): string {
  const d = mkdtempSync(path.join(tmpdir(), 'weekly-layering-'));
  const all = { 'tsconfig.json': JSON.stringify({ compilerOptions: { module: 'NodeNext', moduleResolution: 'NodeNext', strict: true }, include: ['src'] }), ...files };
  for (const [f, body] of Object.entries(all)) {
    mkdirSync(path.dirname(path.join(d, f)), { recursive: true });
    writeFileSync(path.join(d, f), body);
  }
  return d;
}

describe('layering (dependency-cruiser, .dependency-cruiser.cjs)', () => {
  it('src/ breaks no layering rule', () => {
    expect(cruise(ROOT)).toEqual([]);
  });

  it('reports each kind of bad import in a project built to break them, and none of the allowed ones', () => {
    const d = project({
      // core: node's side-effect modules (with and without `node:`), outer layers
      'src/core/bad.ts': [
        "import { readFileSync } from 'node:fs';",
        "import { readFile } from 'fs/promises';",
        "import { Worker } from 'node:worker_threads';",
        "import { execFile } from 'node:child_process';",
        "import { env } from 'node:process';",
        "import { x } from '../io/x.js';",
        "import { y } from '../app/y.js';",
        "import { run } from '../cli.js';",
        "import { t } from '../cli/t.js';",
        "import { z } from '../runtime/z.js';",
        'export const bad = [readFileSync, readFile, Worker, execFile, env, x, y, run, t, z];',
      ].join('\n'),
      // a type-only import from an outer layer counts too
      'src/rules/r.ts': "import type { X } from '../io/x.js';\nexport type R = X;\n",
      // allowed: a pure builtin, another core module; a cycle inside core is not between layers
      'src/core/ok.ts': "import path from 'node:path';\nimport type { R } from '../rules/r.js';\nexport const ok = (r: R) => path.join(String(r));\n",
      'src/core/c1.ts': "import { c2 } from './c2.js';\nexport const c1 = () => c2;\n",
      'src/core/c2.ts': "import { c1 } from './c1.js';\nexport const c2 = () => c1;\n",
      // io -> app -> io, and core -> rules -> io -> core (through a type-only import)
      'src/io/x.ts': "import { readFileSync } from 'node:fs';\nimport { ok } from '../core/ok.js';\nimport { y } from '../app/y.js';\nexport const x = () => [readFileSync, ok, y];\nexport type X = string;\n",
      'src/app/y.ts': "import { ok } from '../core/ok.js';\nimport { x } from '../io/x.js';\nimport { t } from '../cli/t.js';\nexport const y = () => [ok, x, t];\n",
      'src/cli.ts': "import { y } from './app/y.js';\nimport { x } from './io/x.js';\nimport { z } from './runtime/z.js';\nexport const run = () => [y, x, z];\n",
      'src/cli/t.ts': 'export const t = 1;\n',
      'src/runtime/z.ts': "import { Worker } from 'node:worker_threads';\nimport { ok } from '../core/ok.js';\nimport { nothing } from './missing.js';\nexport const z = () => [Worker, ok, nothing];\n",
    });
    const found = cruise(d);
    const rules = (r: string) => found.filter((v) => v.rule === r).map((v) => `${v.from} -> ${v.to}`);
    expect(rules('core-no-side-effects')).toEqual(['src/core/bad.ts -> child_process', 'src/core/bad.ts -> fs', 'src/core/bad.ts -> fs/promises', 'src/core/bad.ts -> process', 'src/core/bad.ts -> worker_threads']);
    expect(rules('core-inward-only')).toEqual([
      'src/core/bad.ts -> src/app/y.ts',
      'src/core/bad.ts -> src/cli.ts',
      'src/core/bad.ts -> src/cli/t.ts',
      'src/core/bad.ts -> src/io/x.ts',
      'src/core/bad.ts -> src/runtime/z.ts',
      'src/rules/r.ts -> src/io/x.ts',
    ]);
    expect(rules('io-not-to-app-or-cli')).toEqual(['src/io/x.ts -> src/app/y.ts']);
    expect(rules('app-not-to-cli')).toEqual(['src/app/y.ts -> src/cli/t.ts']);
    expect(rules('runtime-standalone')).toEqual(['src/runtime/z.ts -> src/core/ok.ts']);
    expect(rules('no-unresolvable')).toEqual(['src/runtime/z.ts -> ./missing.js']);
    // every import that closes a cycle through another layer, named by the layer it starts from
    expect(rules('no-cycle-across-layers-core')).toEqual(['src/core/ok.ts -> src/rules/r.ts', 'src/rules/r.ts -> src/io/x.ts']);
    expect(rules('no-cycle-across-layers-io')).toEqual(['src/io/x.ts -> src/app/y.ts', 'src/io/x.ts -> src/core/ok.ts']);
    expect(rules('no-cycle-across-layers-app')).toEqual(['src/app/y.ts -> src/core/ok.ts', 'src/app/y.ts -> src/io/x.ts']);
    expect(found.length).toBe(5 + 6 + 1 + 1 + 1 + 1 + 6);
  });
});

describe('core uses no `process` (ESLint, eslint.config.js)', () => {
  const eslint = new ESLint({ cwd: ROOT });
  const processRules = (results: ESLint.LintResult[]) =>
    results.flatMap((r) => r.messages.filter((m) => m.ruleId === 'no-restricted-globals' || m.ruleId === 'no-restricted-properties').map((m) => `${path.relative(ROOT, r.filePath)}:${m.line}:${m.column} ${m.ruleId}`));

  it('reports process and globalThis.process in src/core and src/rules, not in src/app', async () => {
    const code = 'export const home = process.env.HOME;\nexport const cwd = globalThis.process.cwd();\n';
    expect(processRules(await eslint.lintText(code, { filePath: path.join(ROOT, 'src/core/probe.ts') }))).toEqual(['src/core/probe.ts:1:21 no-restricted-globals', 'src/core/probe.ts:2:20 no-restricted-properties']);
    expect(processRules(await eslint.lintText(code, { filePath: path.join(ROOT, 'src/rules/probe.ts') }))).toEqual(['src/rules/probe.ts:1:21 no-restricted-globals', 'src/rules/probe.ts:2:20 no-restricted-properties']);
    expect(processRules(await eslint.lintText(code, { filePath: path.join(ROOT, 'src/app/probe.ts') }))).toEqual([]);
  });

  it('src/core and src/rules mention no process', async () => {
    expect(processRules(await eslint.lintFiles(['src/core', 'src/rules']))).toEqual([]);
  });
});
