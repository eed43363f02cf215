import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, symlinkSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import Ajv2020 from 'ajv/dist/2020.js';
import { validateConfig } from '../src/core/config.js';
import { loadConfig } from '../src/io/config-file.js';
import { githubWorkflow, releaseSpec, SCHEMA_PATH } from '../src/core/scaffold.js';
import { cli, ROOT, tempDir, withExamples } from './everyday-helpers.js';

describe('weekly init', () => {
  it('writes a commented config that the zod schema and the shipped JSON Schema accept, and a .weeklyignore', async () => {
    const d = tempDir();
    const r = await cli(d, ['init']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('created weekly.config.yaml\ncreated .weeklyignore\n');
    const text = readFileSync(path.join(d, 'weekly.config.yaml'), 'utf8');
    expect(text).toMatch(/^# /m);
    const data = parseYaml(text) as Record<string, unknown>;
    const v = validateConfig(data);
    expect(v.ok ? [] : v.problems).toEqual([]);
    expect(data.$schema).toBe('./node_modules/weekly/docs/config.schema.json');
    expect(text).toContain(`# yaml-language-server: $schema=${SCHEMA_PATH}`);
    expect((data.metrics as Record<string, { target: string }>)['支付系统年度可用性']).toEqual({ target: '>= 99.99%', unit: '%' });
    expect(data.weekNumbering).toBe('auto');
    expect(data.notes).toBe('notes');
    // the schema `$schema` names is the one the package ships (package.json `files` holds docs/)
    const schema = JSON.parse(readFileSync(path.join(ROOT, 'docs', 'config.schema.json'), 'utf8'));
    const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { files: string[] };
    expect(pkg.files.some((f) => f === 'docs' || f.startsWith('docs/'))).toBe(true);
    const ajv = new Ajv2020.default({ strict: false });
    expect(ajv.validate(schema, data), JSON.stringify(ajv.errors)).toBe(true);
    // and the loader takes it
    const loaded = await loadConfig(d);
    expect(loaded.file).toBe(path.join(d, 'weekly.config.yaml'));
    expect(readFileSync(path.join(d, '.weeklyignore'), 'utf8')).toContain('*.excalidraw.md\n');
  });

  it('with --ci github also writes the example workflow, which installs this version from its git tag', async () => {
    const d = tempDir();
    const r = await cli(d, ['init', '--ci', 'github']);
    expect(r.code).toBe(0);
    const wf = readFileSync(path.join(d, '.github/workflows/weekly.yml'), 'utf8');
    const example = readFileSync(path.join(ROOT, 'examples/ci/github-workflow.yml'), 'utf8');
    // the shipped example already pins the package's own version: a release bumps both
    expect(wf).toBe(example.replace(/^# Copy to .*\n/m, ''));
    const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string; repository: unknown };
    expect(pkg.repository).toEqual({ type: 'git', url: 'git+https://github.com/weekly-md/weekly.git' });
    const steps = (parseYaml(wf) as { name: string; jobs: { lint: { steps: { name?: string; run?: string }[] } } }).jobs.lint.steps;
    expect(steps.find((s) => s.name === 'Install weekly')?.run).toBe(
      `npm install --no-audit --no-fund --prefix "$RUNNER_TEMP/weekly" github:weekly-md/weekly#v${pkg.version}\necho "$RUNNER_TEMP/weekly/node_modules/.bin" >> "$GITHUB_PATH"\n`,
    );
    // the steps after it run the `weekly` that step put on the PATH
    expect(steps.filter((s) => s.run?.startsWith('weekly lint ')).length).toBe(2);
  });

  it('fills the workflow in with the installed package: its repository and version, nothing else changed', () => {
    const example = readFileSync(path.join(ROOT, 'examples/ci/github-workflow.yml'), 'utf8');
    const wf = githubWorkflow(example, { name: 'weekly', version: '2.3.4', repository: { type: 'git', url: 'git+https://github.com/acme/weekly-fork.git' } });
    const before = example.split('\n').filter((l) => !l.startsWith('# Copy to '));
    const after = wf.split('\n');
    expect(after.length).toBe(before.length);
    expect(after.filter((l, i) => l !== before[i])).toEqual(['          npm install --no-audit --no-fund --prefix "$RUNNER_TEMP/weekly" github:acme/weekly-fork#v2.3.4']);
  });

  it('names a release by the repository forms package.json takes', () => {
    const spec = (repository?: string | { url?: string }) => releaseSpec({ name: 'weekly', version: '1.0.0', repository });
    expect(spec({ url: 'git+https://github.com/weekly-md/weekly.git' })).toBe('github:weekly-md/weekly#v1.0.0');
    expect(spec('https://github.com/weekly-md/weekly')).toBe('github:weekly-md/weekly#v1.0.0');
    expect(spec({ url: 'git+ssh://git@github.com/weekly-md/weekly.git' })).toBe('github:weekly-md/weekly#v1.0.0');
    expect(spec('github:weekly-md/weekly')).toBe('github:weekly-md/weekly#v1.0.0');
    expect(spec('weekly-md/weekly')).toBe('github:weekly-md/weekly#v1.0.0');
    expect(spec({ url: 'git+https://gitlab.com/team/weekly.git' })).toBe('git+https://gitlab.com/team/weekly.git#v1.0.0');
    // no repository: the registry's copy of that version
    expect(spec(undefined)).toBe('weekly@1.0.0');
  });

  it('never overwrites: one existing file means exit 1, that file untouched and nothing else written', async () => {
    const d = tempDir({ '.weeklyignore': 'mine\n' });
    const r = await cli(d, ['init', '--ci', 'github']);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('weekly init: .weeklyignore already exists; nothing was written (remove or rename it to start over)\n');
    expect(readFileSync(path.join(d, '.weeklyignore'), 'utf8')).toBe('mine\n');
    expect(existsSync(path.join(d, 'weekly.config.yaml'))).toBe(false);
    expect(existsSync(path.join(d, '.github'))).toBe(false);
  });

  it('counts a config under another name as existing', async () => {
    const d = tempDir({ 'weekly.config.json': '{}' });
    const r = await cli(d, ['init']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('weekly.config.json already exists');
    expect(existsSync(path.join(d, '.weeklyignore'))).toBe(false);
  });

  it('names the notes folder it finds: notes/, or . when the notes lie here', async () => {
    const here = tempDir({ '2024/第1周.md': '# 第1周\n' });
    await cli(here, ['init']);
    expect(parseYaml(readFileSync(path.join(here, 'weekly.config.yaml'), 'utf8')).notes).toBe('.');
  });

  it('gives a config lint and build run with on the example notes', async () => {
    const d = withExamples();
    expect((await cli(d, ['init'])).code).toBe(0);
    const lint = await cli(d, ['lint']);
    expect(lint.code).not.toBe(2);
    // the example targets are read: 入金有效成功率 >= 99.95% is missed in some weeks
    expect(lint.stdout).toContain('metric-target');
  });

  it('refuses an unknown --ci provider (a bad option: exit 2)', async () => {
    const r = await cli(tempDir(), ['init', '--ci', 'gitlab']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("argument 'gitlab' is invalid");
  });

  it('all or nothing: a link to nowhere named .weeklyignore is taken too, and nothing is written (issue 17, item 23)', async () => {
    const d = tempDir();
    symlinkSync(path.join(d, 'nowhere'), path.join(d, '.weeklyignore'));
    const r = await cli(d, ['init']);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('weekly init: .weeklyignore already exists; nothing was written (remove or rename it to start over)\n');
    expect(readdirSync(d).sort()).toEqual(['.weeklyignore']);
  });

  it('refuses to write the workflow through a .github link leading out of the folder, and writes nothing (issue 17, item 4)', async () => {
    const outside = tempDir();
    const d = tempDir();
    symlinkSync(outside, path.join(d, '.github'));
    const r = await cli(d, ['init', '--ci', 'github']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('.github is a symbolic link leading outside this folder: nothing was written');
    expect(readdirSync(d).sort()).toEqual(['.github']);
    expect(readdirSync(outside)).toEqual([]);
  });

  it('a .github link inside the folder is a folder like any other', async () => {
    const d = tempDir();
    mkdirSync(path.join(d, 'ci'));
    symlinkSync(path.join(d, 'ci'), path.join(d, '.github'));
    expect((await cli(d, ['init', '--ci', 'github'])).code).toBe(0);
    expect(existsSync(path.join(d, 'ci/workflows/weekly.yml'))).toBe(true);
  });

  it('reads the notes and writes their dialect: aliases, required sections, date order, cadence, under which lint is clean', async () => {
    const d = tempDir();
    cpSync(path.join(ROOT, 'test/fixtures/dialects/en-ambiguous-dmy'), path.join(d, 'notes'), { recursive: true });
    const r = await cli(d, ['init']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('learned from 4 notes: weekly, week numbering auto, dates dmy\n');
    const config = parseYaml(readFileSync(path.join(d, 'weekly.config.yaml'), 'utf8')) as Record<string, unknown>;
    expect(validateConfig(config).ok).toBe(true);
    expect([config.notes, config.dateOrder, config.cadence]).toEqual(['notes', 'dmy', 'weekly']);
    expect(config.sections).toEqual({
      highlights: { required: false },
      progress: { required: true },
      metrics: { required: false },
      problems: { required: false },
      reflection: { required: false },
      'next-week': { required: true },
    });
    expect((config.build as { locale: string }).locale).toBe('en');
    const lint = await cli(d, ['lint']);
    expect([lint.code, lint.stdout]).toEqual([0, '']);
  });

  it('writes a heading the notes give a kind by a name not yet known as an alias of it', async () => {
    const d = tempDir({
      'notes/2024-03-08.md': '# 周报\n\n## 存在的问题\n\n- 压测超时\n\n## 本周工作\n\n- a\n',
      'notes/2024-03-15.md': '# 周报\n\n## 存在的问题\n\n- 无\n\n## 本周工作\n\n- b\n',
    });
    expect((await cli(d, ['init'])).code).toBe(0);
    const config = parseYaml(readFileSync(path.join(d, 'weekly.config.yaml'), 'utf8')) as { sections: Record<string, { aliases?: string[] }> };
    expect(config.sections.problems.aliases).toEqual(['存在的问题']);
    expect(config.sections.progress.aliases).toBeUndefined();
  });
});
