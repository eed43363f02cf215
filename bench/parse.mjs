// Parse throughput: weekly's parser (read → model) against bare unified + remark-parse on the same files,
// in one process, one thread, alternating rounds. Usage: node bench/parse.mjs [--people 10] [--weeks 100] [--rounds 5]
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir, cpus } from 'node:os';
import path from 'node:path';
import { glob } from 'tinyglobby';
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import { parseNote } from '../lib/core/parse/index.js';
import { generate } from './gen-notes.mjs';

const arg = (name, def) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : def;
};
const people = Number(arg('people', 10));
const weeks = Number(arg('weeks', 100));
const rounds = Number(arg('rounds', 5));

const dir = mkdtempSync(path.join(tmpdir(), 'weekly-bench-parse-'));
try {
  generate({ out: dir, people, weeks, seed: 1, force: true });
  const files = (await glob('**/*.md', { cwd: dir })).sort();
  const texts = files.map((f) => readFileSync(path.join(dir, f), 'utf8'));
  const bytes = texts.reduce((n, t) => n + Buffer.byteLength(t), 0);
  const bare = unified().use(remarkParse);
  const tools = {
    'unified + remark-parse (syntax tree only)': () => {
      for (const t of texts) bare.parse(t);
    },
    'weekly parseNote (report model)': () => {
      for (let i = 0; i < texts.length; i++) parseNote(texts[i], files[i]);
    },
  };
  // one warm-up pass each, so JIT compilation is not measured against either
  for (const f of Object.values(tools)) f();
  const times = Object.fromEntries(Object.keys(tools).map((k) => [k, []]));
  for (let r = 0; r < rounds; r++) {
    for (const [k, f] of Object.entries(tools)) {
      const t = performance.now();
      f();
      times[k].push(performance.now() - t);
    }
  }
  const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const base = median(times['unified + remark-parse (syntax tree only)']);
  console.log(`corpus: ${files.length} notes, ${(bytes / 1e6).toFixed(1)} MB (bench/gen-notes.mjs --people ${people} --weeks ${weeks} --seed 1)`);
  console.log(`machine: ${cpus()[0].model}, ${cpus().length} cores, node ${process.version}; ${rounds} rounds, medians`);
  console.log('');
  console.log('| parser | total | per note | notes/s | MB/s | vs remark-parse |');
  console.log('| --- | --- | --- | --- | --- | --- |');
  for (const [k, xs] of Object.entries(times)) {
    const m = median(xs);
    console.log(`| ${k} | ${(m / 1000).toFixed(2)} s | ${(m / files.length).toFixed(2)} ms | ${Math.round(files.length / (m / 1000))} | ${(bytes / 1e6 / (m / 1000)).toFixed(2)} | ${(m / base).toFixed(2)}× |`);
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
