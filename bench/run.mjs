// The performance benchmark of issue 6 (`npm run bench`): weekly lint and build against markdownlint-cli2,
// remark-cli and a single-threaded unified + remark-parse over the same generated notes, in alternating rounds,
// as whole processes (start-up included). Prints medians, peak memory and the ratios the goals are set in.
//
//   node bench/run.mjs [--sizes 1000,10000] [--rounds 3] [--build 100x100] [--remark-max 1000]
//                      [--help-reps 10] [--dir DIR] [--json FILE] [--quick] [--no-forced]
//
// --sizes       corpora of N notes each (N/100 authors × 100 weeks, bench/gen-notes.mjs --seed 1)
// --build       authors×weeks of the corpus `weekly build` runs on (next to `weekly lint` on the same notes)
// --remark-max  remark-cli runs only on corpora up to this size (it takes minutes and GBs on 10,000 notes)
// --dir         keep the corpora here and reuse them on the next run (default: a temporary folder, removed)
// --quick       --sizes 300 --rounds 1 --build 3x100 --help-reps 3: a smoke test of the script itself
// --no-forced   skip the run of weekly lint with a worker per core whatever the load (WEEKLY_WORKERS)
// --linear      corpus of this many notes (default 4000) for one-thread lint, compared with the largest corpus
//               (one thread on a busy machine must stay linear in notes); 0 skips it
//
// Peak memory is the maximum resident set size of each process (worker threads included, as they are threads of
// it), read with /usr/bin/time; without it (`apt-get install time`) memory is not shown.
import { spawnSync } from 'node:child_process';
import { appendFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const argv = process.argv.slice(2);
const has = (name) => argv.includes(`--${name}`);
const arg = (name, def) => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 && i + 1 < argv.length ? argv[i + 1] : def;
};
const quick = has('quick');
const sizes = String(arg('sizes', quick ? '300' : '1000,10000')).split(',').map(Number);
const rounds = Number(arg('rounds', quick ? 1 : 3));
const [buildAuthors, buildWeeks] = String(arg('build', quick ? '3x100' : '100x100')).split('x').map(Number);
const remarkMax = Number(arg('remark-max', 1000));
const helpReps = Number(arg('help-reps', quick ? 3 : 10));
const jsonOut = arg('json', null);
const linearN = Number(arg('linear', quick ? 0 : 4000));

const gen = path.join(repo, 'bench/gen-notes.mjs');
const weekly = path.join(repo, 'bin/weekly.js');
if (!existsSync(path.join(repo, 'lib/cli.js'))) spawnSync(process.execPath, [path.join(repo, 'node_modules/typescript/bin/tsc'), '-p', repo], { stdio: 'inherit' });
const bin = {
  markdownlint: path.join(repo, 'node_modules/markdownlint-cli2/markdownlint-cli2-bin.mjs'),
  remark: path.join(repo, 'node_modules/remark-cli/cli.js'),
  remarkParse: path.join(repo, 'bench/remark-parse.mjs'),
};
for (const [k, f] of Object.entries(bin)) if (!existsSync(f)) throw new Error(`${k} not installed (${f}): run npm install`);
const timeBin = ['/usr/bin/time', '/bin/time'].find((f) => existsSync(f)) ?? null;

const keep = arg('dir', null);
const work = keep ? path.resolve(keep) : mkdtempSync(path.join(os.tmpdir(), 'weekly-bench-'));
mkdirSync(work, { recursive: true });

/** Generate (or reuse) a corpus of `people` × `weeks` notes; returns its folder name under `work`. */
function corpus(people, weeks) {
  const name = `notes-${people}x${weeks}`;
  const dir = path.join(work, name);
  if (!existsSync(path.join(dir, 'defects.json'))) {
    rmSync(dir, { recursive: true, force: true });
    const r = spawnSync(process.execPath, [gen, '--out', dir, '--people', String(people), '--weeks', String(weeks), '--seed', '1'], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`gen-notes failed: ${r.stderr}`);
  }
  return name;
}

/** Run a command once: wall seconds and peak RSS (MB, or null). Exit codes 0 and 1 (problems found) are fine. */
function measure(cmd, args, opts = {}) {
  const memFile = path.join(work, 'time.out');
  const full = timeBin ? [timeBin, '-f', '%e %M', '-o', memFile, cmd, ...args] : [cmd, ...args];
  const t0 = performance.now();
  const r = spawnSync(full[0], full.slice(1), { cwd: opts.cwd ?? work, env: { ...process.env, ...opts.env }, stdio: ['ignore', 'ignore', 'pipe'], maxBuffer: 1 << 30 });
  const wall = (performance.now() - t0) / 1000;
  if (r.status !== 0 && r.status !== 1) throw new Error(`${[cmd, ...args].join(' ')} exited ${r.status}: ${String(r.stderr).slice(-2000)}`);
  let rss = null;
  if (timeBin) {
    const line = readFileSync(memFile, 'utf8').trim().split('\n').pop();
    const kb = Number(line.split(' ')[1]);
    if (Number.isFinite(kb)) rss = kb / 1024;
  }
  return { s: wall, rss };
}

const node = process.execPath;

/** Bytes of the files under `dir` that `pick` keeps. */
function treeBytes(dir, pick) {
  let n = 0;
  for (const e of readdirSync(dir, { recursive: true, withFileTypes: true })) if (e.isFile() && pick(e.name)) n += statSync(path.join(e.parentPath ?? e.path, e.name)).size;
  return n;
}

/** The tools run on one corpus, in the order of the first round (later rounds rotate it). */
function toolsFor(name, n, withBuild) {
  const cacheDir = path.join(work, `cache-${name}`);
  const touched = path.join(work, name, readdirSync(path.join(work, name)).find((d) => d !== 'defects.json'));
  const note = path.join(touched, readdirSync(touched)[0]);
  const noteFile = path.join(note, readdirSync(note)[0]);
  let edits = 0;
  const tools = [
    { id: 'weekly-lint', label: 'weekly lint (cold, no cache)', run: () => measure(node, [weekly, 'lint', name, '--format', 'unix']) },
    // as many workers as cores whatever the load, to show what the pool does on a busy machine
    { id: 'weekly-lint-forced', label: `weekly lint (cold, WEEKLY_WORKERS=${os.cpus().length})`, run: () => measure(node, [weekly, 'lint', name, '--format', 'unix'], { env: { WEEKLY_WORKERS: String(os.cpus().length) } }) },
    {
      id: 'weekly-lint-warm',
      label: 'weekly lint --cache, one note changed',
      setup: () => {
        rmSync(cacheDir, { recursive: true, force: true });
        // a note written less than 2.5 s before it is read gets no stamp (its bytes are hashed on every run): a
        // corpus generated a moment ago would be primed as no user's notes are
        Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 3000);
        measure(node, [weekly, 'lint', name, '--format', 'unix', '--cache', '--cache-location', `${cacheDir}/`]);
      },
      run: () => {
        appendFileSync(noteFile, `\n\n<!-- bench edit ${++edits} -->\n`);
        return measure(node, [weekly, 'lint', name, '--format', 'unix', '--cache', '--cache-location', `${cacheDir}/`]);
      },
    },
    // one thread, as on a busy machine: the time must grow with the notes, no faster
    { id: 'weekly-lint-1t', label: 'weekly lint (cold, WEEKLY_WORKERS=1)', run: () => measure(node, [weekly, 'lint', name, '--format', 'unix'], { env: { WEEKLY_WORKERS: '1' } }) },
    { id: 'markdownlint', label: 'markdownlint-cli2 (default config)', run: () => measure(node, [bin.markdownlint, '**/*.md'], { cwd: path.join(work, name) }) },
    { id: 'remark-parse', label: 'unified + remark-parse (1 thread)', run: () => measure(node, [bin.remarkParse, name]) },
  ];
  if (n <= remarkMax) {
    tools.push({
      id: 'remark-lint',
      label: 'remark-cli + remark-preset-lint-recommended',
      run: () => measure(node, [bin.remark, path.join(work, name), '--use', 'remark-preset-lint-recommended', '--quiet', '--no-stdout', '--no-config'], { cwd: repo }),
    });
  }
  if (withBuild) {
    const out = path.join(work, `out-${name}`);
    tools.push({
      id: 'weekly-build',
      label: 'weekly build (cold, no cache)',
      run: () => {
        rmSync(out, { recursive: true, force: true });
        return measure(node, [weekly, 'build', name, '-o', out]);
      },
    });
  }
  return tools;
}

const median = (xs) => {
  const a = [...xs].sort((x, y) => x - y);
  return a.length % 2 ? a[(a.length - 1) / 2] : (a[a.length / 2 - 1] + a[a.length / 2]) / 2;
};

const started = new Date();
const load0 = os.loadavg();
const results = {};
const log = (s) => process.stderr.write(`${s}\n`);

const plan = sizes.map((n) => ({ n, people: Math.max(1, Math.round(n / 100)), weeks: Math.min(100, n) }));
if (linearN && !sizes.includes(linearN)) plan.push({ n: linearN, people: Math.max(1, Math.round(linearN / 100)), weeks: Math.min(100, linearN), linearOnly: true });
if (!plan.some((p) => p.people === buildAuthors && p.weeks === buildWeeks)) plan.push({ n: buildAuthors * buildWeeks, people: buildAuthors, weeks: buildWeeks, buildOnly: true });

for (const p of plan) {
  const name = corpus(p.people, p.weeks);
  const withBuild = p.people === buildAuthors && p.weeks === buildWeeks;
  let tools = toolsFor(name, p.n, withBuild);
  if (p.buildOnly) tools = tools.filter((t) => t.id === 'weekly-lint' || t.id === 'weekly-build');
  if (p.linearOnly) tools = tools.filter((t) => t.id === 'weekly-lint-1t');
  if (!linearN) tools = tools.filter((t) => t.id !== 'weekly-lint-1t');
  if (has('no-forced')) tools = tools.filter((t) => t.id !== 'weekly-lint-forced');
  log(`corpus ${name}: ${p.people * p.weeks} notes; tools: ${tools.map((t) => t.id).join(', ')}`);
  for (const t of tools) t.setup?.();
  const samples = Object.fromEntries(tools.map((t) => [t.id, []]));
  for (let r = 0; r < rounds; r++) {
    for (let k = 0; k < tools.length; k++) {
      const t = tools[(k + r) % tools.length];
      const m = t.run();
      samples[t.id].push(m);
      log(`  round ${r + 1}/${rounds} ${t.id}: ${m.s.toFixed(2)} s${m.rss ? `, ${m.rss.toFixed(0)} MB` : ''}`);
    }
  }
  results[name] = { notes: p.people * p.weeks, tools: Object.fromEntries(tools.map((t) => [t.id, { label: t.label, samples: samples[t.id] }])) };
  // what the build wrote, against the notes it read (the last round's output folder)
  if (withBuild) results[name].bytes = { notes: treeBytes(path.join(work, name), (f) => f.endsWith('.md')), out: treeBytes(path.join(work, `out-${name}`), () => true) };
}

// start-up: `node -e 0` against `weekly --help`, alternating, many short runs
const startup = { node: [], help: [] };
for (let r = 0; r < rounds * helpReps; r++) {
  startup.node.push(measure(node, ['-e', '0']));
  startup.help.push(measure(node, [weekly, '--help']));
}
const load1 = os.loadavg();

const stat = (samples) => ({ median: median(samples.map((x) => x.s)), min: Math.min(...samples.map((x) => x.s)), max: Math.max(...samples.map((x) => x.s)), rss: samples.some((x) => x.rss !== null) ? Math.max(...samples.map((x) => x.rss ?? 0)) : null });
const fmtS = (s) => (s < 10 ? s.toFixed(2) : s.toFixed(1));
const fmtMB = (mb) => (mb === null ? 'n/a' : `${Math.round(mb)} MB`);

const lines = [];
const out = (s = '') => lines.push(s);
const cpu = os.cpus();
out(`Run ${started.toISOString().slice(0, 16).replace('T', ' ')} UTC: ${cpu[0]?.model ?? 'unknown CPU'}, ${cpu.length} cores, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, ${os.platform()} ${os.release()}`);
out(`${rounds} round${rounds === 1 ? '' : 's'}, tools alternating within each; load average ${load0.map((x) => x.toFixed(1)).join(' ')} at the start, ${load1.map((x) => x.toFixed(1)).join(' ')} at the end.`);
out();
out('| notes | tool | median | range | peak RSS |');
out('| --- | --- | --- | --- | --- |');
for (const res of Object.values(results)) {
  for (const t of Object.values(res.tools)) {
    const s = stat(t.samples);
    out(`| ${res.notes.toLocaleString('en-US')} | ${t.label} | ${fmtS(s.median)} s | ${fmtS(s.min)}–${fmtS(s.max)} s | ${fmtMB(s.rss)} |`);
  }
}
const sn = stat(startup.node);
const sh = stat(startup.help);
out(`| – | \`node -e 0\` | ${sn.median.toFixed(3)} s | ${sn.min.toFixed(3)}–${sn.max.toFixed(3)} s | ${fmtMB(sn.rss)} |`);
out(`| – | \`weekly --help\` | ${sh.median.toFixed(3)} s | ${sh.min.toFixed(3)}–${sh.max.toFixed(3)} s | ${fmtMB(sh.rss)} |`);
out();

// the goals of issue 6, on the largest corpus that has each pair
const goals = [];
const biggest = Object.values(results).filter((r) => r.tools['markdownlint']).sort((a, b) => b.notes - a.notes)[0];
const m = (res, id) => (res?.tools[id] ? stat(res.tools[id].samples) : null);
const ratio = (a, b) => (a && b ? a.median / b.median : null);
if (biggest) {
  const n = biggest.notes.toLocaleString('en-US');
  goals.push([`weekly lint cold / markdownlint-cli2, ${n} notes`, ratio(m(biggest, 'weekly-lint'), m(biggest, 'markdownlint')), '≤ 0.5×', (x) => x <= 0.5]);
  goals.push([`weekly lint cold / unified + remark-parse (1 thread), ${n} notes`, ratio(m(biggest, 'weekly-lint'), m(biggest, 'remark-parse')), '≤ 0.7×', (x) => x <= 0.7]);
  goals.push([`weekly lint --cache, one note changed / cold, ${n} notes`, ratio(m(biggest, 'weekly-lint-warm'), m(biggest, 'weekly-lint')), '≤ 0.1×', (x) => x <= 0.1]);
}
const buildRes = Object.values(results).find((r) => r.tools['weekly-build']);
if (buildRes) goals.push([`weekly build / weekly lint cold, ${buildAuthors} authors × ${buildWeeks} weeks`, ratio(m(buildRes, 'weekly-build'), m(buildRes, 'weekly-lint')), '≤ 1.5×', (x) => x <= 1.5]);
if (buildRes) {
  goals.push([`peak RSS of weekly build, ${buildAuthors} authors × ${buildWeeks} weeks`, m(buildRes, 'weekly-build')?.rss ?? null, '< 1024 MB', (x) => x < 1024, 'MB']);
  const b = buildRes.bytes;
  goals.push([`output bytes / notes' bytes, ${buildAuthors} × ${buildWeeks} (${(b.out / 1e6).toFixed(1)} MB / ${(b.notes / 1e6).toFixed(1)} MB)`, b.out / b.notes, '≤ 2×', (x) => x <= 2]);
}
// the --linear corpus against the largest: one thread must stay linear past a few thousand notes
const oneThread = Object.values(results).filter((r) => r.tools['weekly-lint-1t']).sort((a, b) => a.notes - b.notes);
const lo = oneThread.find((r) => r.notes === linearN);
const hi = oneThread[oneThread.length - 1];
if (lo && hi && hi !== lo) {
  const fmt = (r) => r.notes.toLocaleString('en-US');
  goals.push([`one-thread lint ${fmt(hi)} notes / ${fmt(lo)} notes (linear: ${(hi.notes / lo.notes).toFixed(1)}×)`, ratio(m(hi, 'weekly-lint-1t'), m(lo, 'weekly-lint-1t')), `≤ ${((hi.notes / lo.notes) * 1.04).toFixed(1)}×`, (x) => x <= (hi.notes / lo.notes) * 1.04]);
}
const largest = Object.values(results).sort((a, b) => b.notes - a.notes)[0];
const peak = m(largest, 'weekly-lint')?.rss ?? null;
goals.push([`peak RSS of weekly lint, ${largest.notes.toLocaleString('en-US')} notes`, peak, '≤ 400 MB', (x) => x <= 400, 'MB']);
goals.push(['`weekly --help` / `node -e 0`', ratio(sh, sn), '≤ 3×', (x) => x <= 3]);
out('| goal | measured | target | met |');
out('| --- | --- | --- | --- |');
for (const [name, value, target, ok, unit] of goals) {
  const shown = value === null ? 'n/a' : unit === 'MB' ? `${Math.round(value)} MB` : `${value.toFixed(2)}×`;
  out(`| ${name} | ${shown} | ${target} | ${value === null ? '–' : ok(value) ? 'yes' : '**no**'} |`);
}
console.log(lines.join('\n'));
if (jsonOut) writeFileSync(jsonOut, JSON.stringify({ started, load: [load0, load1], machine: { cpu: cpu[0]?.model, cores: cpu.length, memory: os.totalmem(), node: process.version }, results, startup }, null, 2));
if (!keep) rmSync(work, { recursive: true, force: true });
