// How fast `weekly build` could be at best with the outputs it is asked for (issue 4), next to `weekly lint`
// cold on the same notes (`npm run bench:floor`). Issue 6 sets build ≤ 1.5× lint cold; build lints as it reads,
// so it does all of lint's work and then writes its outputs. This measures, in alternating rounds:
//
// - `weekly lint DIR` and `weekly build DIR -o OUT`, cold, as whole processes (wall and CPU time);
// - the output floor: a process that holds the build's own outputs in memory (report.json files as objects,
//   the rest as strings) and only serialises them (JSON.stringify) and writes them to a fresh folder, atomically
//   as the build does (temporary file, rename; no fsync). No aggregation, no rendering: the least any build
//   writing these files must spend.
//
// The bound it prints, (lint CPU + floor CPU) / cores, is the build's wall time if everything in it ran on
// every core at once and aggregating and rendering cost nothing. Above 1.5× lint's wall, the goal cannot be met
// with these outputs, however fast the rest becomes.
//
//   node bench/floor.mjs [--build 100x100] [--rounds 3] [--dir DIR]
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const argv = process.argv.slice(2);

/** Every file under `dir`, relative paths, sorted. */
function walk(dir, base = dir, acc = []) {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) walk(p, base, acc);
    else acc.push(path.relative(base, p));
  }
  return acc.sort();
}

if (argv[0] === '--child') {
  // the floor itself: load, then time serialising and writing only
  const [, src, dst] = argv;
  const files = walk(src).filter((f) => !f.startsWith('.weekly-'));
  const held = files.map((f) => {
    const text = readFileSync(path.join(src, f), 'utf8');
    return f.endsWith('.json') ? { f, value: JSON.parse(text) } : { f, text };
  });
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  let bytes = 0;
  const made = new Set();
  for (const h of held) {
    const out = path.join(dst, h.f);
    const folder = path.dirname(out);
    if (!made.has(folder)) {
      mkdirSync(folder, { recursive: true });
      made.add(folder);
    }
    const content = h.value !== undefined ? `${JSON.stringify(h.value)}\n` : h.text;
    const buf = Buffer.from(content, 'utf8');
    bytes += buf.length;
    writeFileSync(`${out}.tmp`, buf);
    renameSync(`${out}.tmp`, out);
  }
  const wall = (performance.now() - t0) / 1000;
  const c = process.cpuUsage(c0);
  process.stdout.write(JSON.stringify({ files: held.length, bytes, wall, user: c.user / 1e6, sys: c.system / 1e6 }));
  process.exit(0);
}

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const arg = (name, def) => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 && i + 1 < argv.length ? argv[i + 1] : def;
};
const rounds = Number(arg('rounds', 3));
const [people, weeks] = String(arg('build', '100x100')).split('x').map(Number);
const keep = arg('dir', null);
const work = keep ? path.resolve(keep) : mkdtempSync(path.join(os.tmpdir(), 'weekly-floor-'));
mkdirSync(work, { recursive: true });
const weekly = path.join(repo, 'bin/weekly.js');
if (!existsSync(path.join(repo, 'lib/cli.js'))) spawnSync(process.execPath, [path.join(repo, 'node_modules/typescript/bin/tsc'), '-p', repo], { stdio: 'inherit' });
const timeBin = ['/usr/bin/time', '/bin/time'].find((f) => existsSync(f)) ?? null;
if (!timeBin) throw new Error('bench/floor.mjs reads CPU time with /usr/bin/time (apt-get install time)');

const name = `notes-${people}x${weeks}`;
const notes = path.join(work, name);
if (!existsSync(path.join(notes, 'defects.json'))) {
  rmSync(notes, { recursive: true, force: true });
  const gen = path.join(repo, 'bench/gen-notes.mjs');
  const r = spawnSync(process.execPath, [gen, '--out', notes, '--people', String(people), '--weeks', String(weeks), '--seed', '1'], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`gen-notes failed: ${r.stderr}`);
}

/** One whole process: wall, user and system seconds, peak RSS (MB). Exit 0 or 1 (problems found) is fine. */
function run(args, cwd = work) {
  const tf = path.join(work, 'time.out');
  const t0 = performance.now();
  const r = spawnSync(timeBin, ['-f', '%U %S %M', '-o', tf, process.execPath, ...args], { cwd, stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 1 << 30 });
  const wall = (performance.now() - t0) / 1000;
  if (r.status !== 0 && r.status !== 1) throw new Error(`${args.join(' ')} exited ${r.status}: ${String(r.stderr).slice(-2000)}`);
  const [user, sys, kb] = readFileSync(tf, 'utf8').trim().split('\n').pop().split(' ').map(Number);
  return { wall, cpu: user + sys, rss: kb / 1024, stdout: String(r.stdout) };
}

const out = path.join(work, `out-${name}`);
const floorOut = path.join(work, `floor-${name}`);
const log = (s) => process.stderr.write(`${s}\n`);
const samples = { lint: [], build: [], floor: [] };
const jobs = {
  lint: () => run([weekly, 'lint', name, '--format', 'unix']),
  build: () => {
    rmSync(out, { recursive: true, force: true });
    return run([weekly, 'build', name, '-o', out, '--quiet']);
  },
  floor: () => {
    if (!existsSync(out)) jobs.build();
    rmSync(floorOut, { recursive: true, force: true });
    const r = run([fileURLToPath(import.meta.url), '--child', out, floorOut]);
    const inner = JSON.parse(r.stdout);
    return { wall: inner.wall, cpu: inner.user + inner.sys, rss: r.rss, files: inner.files, bytes: inner.bytes };
  },
};
const order = ['lint', 'build', 'floor'];
const started = new Date();
const load0 = os.loadavg();
for (let r = 0; r < rounds; r++) {
  for (let k = 0; k < order.length; k++) {
    const id = order[(k + r) % order.length];
    const m = jobs[id]();
    samples[id].push(m);
    log(`round ${r + 1}/${rounds} ${id}: ${m.wall.toFixed(2)} s wall, ${m.cpu.toFixed(1)} s CPU`);
  }
}
const load1 = os.loadavg();
rmSync(floorOut, { recursive: true, force: true });

const median = (xs) => {
  const a = [...xs].sort((x, y) => x - y);
  return a.length % 2 ? a[(a.length - 1) / 2] : (a[a.length / 2 - 1] + a[a.length / 2]) / 2;
};
const med = (id, k) => median(samples[id].map((s) => s[k]));
const cores = os.cpus().length;
const lint = { wall: med('lint', 'wall'), cpu: med('lint', 'cpu') };
const build = { wall: med('build', 'wall'), cpu: med('build', 'cpu') };
const floor = { wall: med('floor', 'wall'), cpu: med('floor', 'cpu'), files: samples.floor[0].files, bytes: samples.floor[0].bytes };
const bound = (lint.cpu + floor.cpu) / cores;
const f = (s) => `${s.toFixed(1)} s`;
const lines = [
  `Run ${started.toISOString().slice(0, 16).replace('T', ' ')} UTC: ${os.cpus()[0]?.model ?? 'unknown CPU'}, ${cores} cores, Node ${process.version}; ${people} authors × ${weeks} weeks; ${rounds} round${rounds === 1 ? '' : 's'}, medians; load average ${load0[0].toFixed(1)} at the start, ${load1[0].toFixed(1)} at the end.`,
  '',
  '| run | wall | CPU (user + sys) | × lint wall |',
  '| --- | --- | --- | --- |',
  `| weekly lint, cold | ${f(lint.wall)} | ${f(lint.cpu)} | 1.00× |`,
  `| weekly build, cold | ${f(build.wall)} | ${f(build.cpu)} | ${(build.wall / lint.wall).toFixed(2)}× |`,
  `| output floor: serialise and write the build's ${floor.files.toLocaleString('en-US')} files (${(floor.bytes / 1e6).toFixed(0)} MB), 1 thread | ${f(floor.wall)} | ${f(floor.cpu)} | ${(floor.wall / lint.wall).toFixed(2)}× |`,
  `| bound: (lint CPU + floor CPU) / ${cores} cores | ${f(bound)} | | ${(bound / lint.wall).toFixed(2)}× |`,
  '',
  `Goal: build ≤ 1.5× lint = ${f(1.5 * lint.wall)}. With aggregation and rendering free and every core busy, the build would take ${(bound / lint.wall).toFixed(2)}× lint.`,
];
console.log(lines.join('\n'));
if (!keep) rmSync(work, { recursive: true, force: true });
