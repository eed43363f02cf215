// Where a team build's time goes, phase by phase, each in one thread (`npm run bench:phases -- NOTES_DIR`):
// load (the worker pool), lint of the models, the team's aggregation, members' aggregations (cut from the team's,
// and from their own notes, as a render worker does), and rendering the team's and the members' trees in memory
// (nothing is written). Reads the compiled code in lib/.
//
//   node bench/phases.mjs NOTES_DIR      (a folder of one folder per author, e.g. bench/gen-notes.mjs --people 100)
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const lib = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../lib');
const load = (m) => import(path.join(lib, m));
const { loadNotes } = await load('app/load.js');
const { loadConfig } = await load('io/config-file.js');
const { aggregate, authorAggregate } = await load('core/aggregate/index.js');
const { lintReports } = await load('core/lint/index.js');
const { authorOf } = await load('core/authors.js');
const { renderPages } = await load('core/render/index.js');
const { loadTemplates } = await load('io/templates.js');
const { contentText } = await load('io/writer.js');

if (!process.argv[2] || !existsSync(process.argv[2])) {
  process.stderr.write('usage: node bench/phases.mjs NOTES_DIR (e.g. one made by node bench/gen-notes.mjs --out NOTES_DIR --people 100 --weeks 100 --seed 1)\n');
  process.exit(2);
}
const dir = path.resolve(process.argv[2]);
const cwd = path.dirname(dir);
const files = [];
(function walk(d) {
  for (const e of readdirSync(d, { withFileTypes: true })) {
    const p = path.join(d, e.name);
    if (e.isDirectory()) walk(p);
    else if (p.endsWith('.md')) files.push(path.relative(cwd, p));
  }
})(dir);
files.sort();
const { config } = await loadConfig(cwd);

const rows = [];
/** Run `f`, keep its wall and CPU seconds (CPU counts V8's helper threads too: parallel GC and compilation). */
async function phase(label, f) {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const r = await f();
  const c = process.cpuUsage(c0);
  rows.push([label, (performance.now() - t0) / 1000, (c.user + c.system) / 1e6]);
  process.stderr.write(`${label}: ${rows.at(-1)[1].toFixed(2)} s\n`);
  return r;
}

const { reports } = await phase(`load ${files.length} notes (worker pool)`, () => loadNotes(files, { cwd, config }));
const root = path.relative(cwd, dir);
const authors = new Map(reports.map((r) => [r, authorOf(r, root)]));
await phase('lint the models', () => lintReports(reports, config, { root }));
const team = await phase('aggregate the team', () => aggregate(reports, config, { authorOf: (r) => authors.get(r) ?? null, authorScopes: false }));
const members = [...new Set(authors.values())].filter((a) => a !== null).sort();
const byAuthor = new Map(members.map((a) => [a, reports.filter((r) => authors.get(r) === a)]));
const cuts = await phase(`cut ${members.length} members' aggregations from the team's`, () => members.map((a) => authorAggregate(team, a, byAuthor.get(a), config)));
const span = { first: team.span.first, last: team.span.last };
await phase(`aggregate ${members.length} members from their notes`, () => members.map((a) => aggregate(byAuthor.get(a), config, { authorOf: () => a, span })));
const templates = await loadTemplates({ locale: 'zh', userDir: null, cwd });
const input = { templates, locale: 'zh', outDir: path.join(cwd, 'out'), cwd };
let chars = 0;
let pages = 0;
const drain = (tree) => {
  for (const [, v] of renderPages(tree, input)) {
    chars += contentText(v).length;
    pages++;
  }
};
await phase('render the team tree', () => drain({ prefix: '', agg: team, scope: team.scopes[0], reports: [], members }));
const teamOut = [pages, chars];
await phase(`render ${members.length} members' trees`, () => members.forEach((a, i) => drain({ prefix: `${a}/`, agg: cuts[i], scope: cuts[i].scopes[0], reports: byAuthor.get(a) })));

console.log('| phase (one thread) | wall | CPU |\n| --- | --- | --- |');
for (const [label, wall, cpu] of rows) console.log(`| ${label} | ${wall.toFixed(1)} s | ${cpu.toFixed(1)} s |`);
console.log(`\nteam tree: ${teamOut[0]} files, ${(teamOut[1] / 1e6).toFixed(0)} M characters; members: ${pages - teamOut[0]} files, ${((chars - teamOut[1]) / 1e6).toFixed(0)} M characters`);
