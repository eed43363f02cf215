import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const PKG = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
  name: string;
  version: string;
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
};
// what a clone holds besides the sources: the checkout's own build output, installs and scratch stay behind
const NOT_IN_A_CLONE = new Set(['.git', 'node_modules', 'lib', 'dist', 'coverage', '.weekly-cache', 'out', 'tmp', 'test-artifacts', 'scratch']);
/** Errors npm gives when it cannot reach the registry: then this test has nothing to install from. */
const OFFLINE = /\b(ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ECONNRESET|ETIMEDOUT|ENETUNREACH|EHOSTUNREACH|ENOTCACHED)\b/;

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** The environment of a user's shell: what `npm test` sets for its own scripts would steer the npm run here. */
function userEnv(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  for (const k of Object.keys(env)) if (/^npm_(package|lifecycle)_|^npm_command$|^npm_config_(local_prefix|global|prefix)$|^INIT_CWD$/i.test(k)) delete env[k];
  return { ...env, NO_COLOR: '1' };
}

function run(cmd: string, args: string[], cwd: string): Run {
  const r = spawnSync(cmd, args, { cwd, env: userEnv(), encoding: 'utf8', maxBuffer: 64 << 20 });
  if (r.error) throw r.error;
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const npm = (args: string[], cwd: string) => run(process.platform === 'win32' ? 'npm.cmd' : 'npm', args, cwd);

/** Every file under `dir`, relative, with `/`, sorted. */
function filesUnder(dir: string, rel = ''): string[] {
  return readdirSync(path.join(dir, rel), { withFileTypes: true })
    .flatMap((e) => {
      const f = rel ? `${rel}/${e.name}` : e.name;
      return e.isDirectory() ? filesUnder(dir, f) : e.isFile() ? [f] : [];
    })
    .sort();
}

/** `weekly` as the user installed it, and as this checkout runs it: same arguments, same folder. */
const installed = (app: string, args: string[]) => run(path.join(app, 'node_modules', '.bin', 'weekly'), args, app);
const fromCheckout = (cwd: string, args: string[]) => run(process.execPath, [path.join(ROOT, 'bin', 'weekly.js'), ...args], cwd);

/** A folder holding a copy of the example notes under notes/. */
function notesFolder(parent: string, name: string): string {
  const d = path.join(parent, name);
  cpSync(path.join(ROOT, 'examples', 'notes'), path.join(d, 'notes'), { recursive: true });
  return d;
}

describe('the package installs the way users install it (npm pack, then npm install of the tarball)', () => {
  let offline = '';
  let work = '';
  let app = '';
  let packed: { filename: string; files: { path: string }[] };
  let install: Run;

  beforeAll(() => {
    work = mkdtempSync(path.join(tmpdir(), 'weekly-pack-'));
    // pack a clone-like copy, so that the tarball is what `prepare` builds from src/, not whatever lib/ holds here
    const clone = path.join(work, 'clone');
    cpSync(ROOT, clone, { recursive: true, filter: (src) => path.dirname(src) !== path.resolve(ROOT) || !NOT_IN_A_CLONE.has(path.basename(src)) });
    symlinkSync(path.join(ROOT, 'node_modules'), path.join(clone, 'node_modules'), 'dir');
    const pack = npm(['pack', '--json', '--pack-destination', work], clone);
    expect(pack.code, pack.stderr).toBe(0);
    packed = (JSON.parse(pack.stdout) as (typeof packed)[])[0];

    app = path.join(work, 'app');
    mkdirSync(app);
    // a project of the user's own, so that npm installs here and not into a package.json further up
    writeFileSync(path.join(app, 'package.json'), JSON.stringify({ name: 'notes', private: true }));
    install = npm(['install', '--no-audit', '--no-fund', '--prefer-offline', path.join(work, packed.filename)], app);
    if (install.code !== 0 && OFFLINE.test(install.stderr)) offline = `the npm registry is unreachable, nothing to install the tarball's dependencies from: ${install.stderr.split('\n').find((l) => OFFLINE.test(l))}`;
  }, 300_000);

  // the install holds tens of megabytes
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it('installs without an error or a warning', (ctx) => {
    if (offline) ctx.skip(offline);
    expect(packed.filename).toBe(`${PKG.name}-${PKG.version}.tgz`);
    expect(install.code, install.stderr).toBe(0);
    const warnings = `${install.stdout}\n${install.stderr}`.split('\n').filter((l) => /^npm warn/i.test(l));
    // npm 11.16+ lists the prepare script of a package installed from outside the registry (which builds a git
    // checkout, and does not run for a tarball: TypeScript is not installed here); any other warning fails
    const advisory = warnings.filter((l) => /^npm warn (install|allow)-scripts\b/i.test(l));
    const listed = advisory.flatMap((l) => /^npm warn \S+ {3}(\S+) \((\w+):/.exec(l)?.slice(1, 3).join(' ') ?? []);
    expect(listed).toEqual(advisory.length ? [`${PKG.name}@${PKG.version} prepare`] : []);
    expect(warnings.filter((l) => !advisory.includes(l))).toEqual([]);
    expect(install.stdout).not.toContain(`> ${PKG.name}@${PKG.version} prepare`);
  });

  it('holds what the installed CLI needs and no sources, tests or dev dependencies', (ctx) => {
    if (offline) ctx.skip(offline);
    const pkgDir = path.join(app, 'node_modules', PKG.name);
    const files = filesUnder(pkgDir);
    expect(files.filter((f) => /^(src|test|bench|scripts|\.ci|node_modules)\//.test(f) || /^(tsconfig\.json|vitest\.config\.ts|eslint\.config\.js|\.dependency-cruiser\.cjs|package-lock\.json)$/.test(f))).toEqual([]);
    // lib/ is exactly what src/ compiles to: no stale module from a renamed source
    const compiled = filesUnder(path.join(ROOT, 'src'))
      .filter((f) => f.endsWith('.ts'))
      .flatMap((f) => [`lib/${f.replace(/\.ts$/, '.js')}`, `lib/${f.replace(/\.ts$/, '.d.ts')}`])
      .sort();
    expect(files.filter((f) => f.startsWith('lib/'))).toEqual(compiled);
    // the built-in templates, the example CI files init copies, the config schema `$schema` names, the bin
    expect(files.filter((f) => f.startsWith('templates/'))).toEqual(filesUnder(path.join(ROOT, 'templates')).map((f) => `templates/${f}`));
    expect(files.filter((f) => f.startsWith('examples/'))).toEqual(['examples/ci/github-workflow.yml', 'examples/ci/pre-commit']);
    expect(files).toContain('docs/config.schema.json');
    expect(files).toContain('bin/weekly.js');
    // npm's own list of the tarball agrees with what landed on disk
    expect(packed.files.map((f) => f.path).sort()).toEqual(files);
    // dependencies installed, dev dependencies not, unless a runtime dependency needs the same package itself
    // (docx declares @types/node among its dependencies)
    expect(Object.keys(PKG.dependencies).filter((d) => !existsSync(path.join(app, 'node_modules', d)))).toEqual([]);
    const installed = readdirSync(path.join(app, 'node_modules'), { withFileTypes: true }).flatMap((e) =>
      e.name.startsWith('@') ? readdirSync(path.join(app, 'node_modules', e.name)).map((n) => `${e.name}/${n}`) : [e.name],
    );
    const neededByOthers = new Set(
      installed
        .filter((n) => n !== PKG.name && existsSync(path.join(app, 'node_modules', n, 'package.json')))
        .flatMap((n) => Object.keys((JSON.parse(readFileSync(path.join(app, 'node_modules', n, 'package.json'), 'utf8')) as { dependencies?: Record<string, string> }).dependencies ?? {})),
    );
    expect(Object.keys(PKG.devDependencies).filter((d) => existsSync(path.join(app, 'node_modules', d)) && !neededByOthers.has(d))).toEqual([]);
  });

  it('runs: --version, lint and build on a copy of the example notes give what the checkout gives', (ctx) => {
    if (offline) ctx.skip(offline);
    const mine = notesFolder(app, '.');
    const ref = notesFolder(work, 'ref');

    expect(installed(mine, ['--version'])).toEqual({ code: 0, stdout: `${PKG.version}\n`, stderr: '' });

    // without a config the example notes are clean
    expect(installed(mine, ['lint', 'notes'])).toEqual({ code: 0, stdout: '', stderr: '' });

    // init's config sets metric targets some weeks miss: warnings, exit 0; exit 1 once warnings are not allowed
    const init = installed(mine, ['init', '--ci', 'github']);
    expect(init.code, init.stderr).toBe(0);
    expect(fromCheckout(ref, ['init', '--ci', 'github']).code).toBe(0);
    for (const f of ['weekly.config.yaml', '.weeklyignore', '.github/workflows/weekly.yml']) expect(readFileSync(path.join(mine, f), 'utf8')).toBe(readFileSync(path.join(ref, f), 'utf8'));
    expect(readFileSync(path.join(mine, '.github/workflows/weekly.yml'), 'utf8')).toContain(` github:weekly-md/weekly#v${PKG.version}\n`);
    const lint = installed(mine, ['lint', '--format', 'unix']);
    expect(lint).toEqual(fromCheckout(ref, ['lint', '--format', 'unix']));
    expect(lint.code).toBe(0);
    expect(lint.stdout).toContain('notes/2024/第4周.md:28:11: Unexpected `99.938%` for `入金有效成功率`, expected `>= 99.95%` (its target) [warning/metric-target]\n');
    expect(installed(mine, ['lint', '--max-warnings', '0', '--format', 'unix']).code).toBe(1);

    // a user error: one line naming the path, exit 2
    const missing = installed(mine, ['lint', 'no-such-folder']);
    expect(missing.code).toBe(2);
    expect(missing.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(missing.stderr).toContain('no-such-folder');

    // build writes, byte for byte, what the checkout writes from the same notes and config
    const notes = filesUnder(path.join(mine, 'notes')).filter((f) => f.endsWith('.md')).length;
    const build = installed(mine, ['build']);
    expect(build.code, build.stderr).toBe(0);
    expect(build.stdout).toMatch(new RegExp(`^weekly build: ${notes} notes → dist: \\d+ written, 0 unchanged\\n$`));
    expect(fromCheckout(ref, ['build']).code).toBe(0);
    const out = filesUnder(path.join(mine, 'dist'));
    expect(out).toEqual(filesUnder(path.join(ref, 'dist')));
    expect(out).toEqual(expect.arrayContaining(['index.md', 'html/index.html', 'annual/2023.md', 'review/2023.md']));
    for (const f of out) expect(readFileSync(path.join(mine, 'dist', f)).equals(readFileSync(path.join(ref, 'dist', f))), f).toBe(true);
  });
});
