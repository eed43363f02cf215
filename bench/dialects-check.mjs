#!/usr/bin/env node
// How well `weekly` reads notes written in other dialects, measured against expected values.
//
//   node bench/dialects-check.mjs DIR [--expected FILE] [--weekly BIN] [--json] [--series NAME]
//
// DIR holds one folder per series; FILE (default DIR/expected.json) gives, per series, its cadence and per note
// (path inside the series folder): `week` (the Monday of its week, YYYY-MM-DD, or null), `date` (YYYY-MM-DD or
// null), `relative` (a week of a term or project), `headings` (section title as written → kind: progress,
// next-week, problems, help, metrics, incidents, reflection, notes, highlights, other, objective, unknown),
// `projects` (names of the projects of this week's work), `errors` (lint errors a reader would call real, as
// `rule@line`); and per series `skip`: files that are no weekly notes. See test/fixtures/dialects/expected.json.
//
// Each series is copied to a temporary folder (no config, no git above it) and run through the installed CLI
// (`--weekly`, default bin/weekly.js of this checkout, which needs `npm run build`):
//   week or date   notes whose week (and date, and relative week) `weekly parse` gives as expected, of the notes
//                  that state one anywhere
//   headings       section headings given the expected kind (projects: found as project work items)
//   skipped        files that are no notes which lint skipped, and notes it did not skip
//   build          `weekly build` exits 0, and the text of every section that is not reference-shaped (this
//                  week's work, problems, help, notes, unknown) is found in the Markdown summaries
//   false errors   lint errors under the default config not listed as real, per 10 notes
//   --fix          headings `--fix-dry-run` would insert for a kind the note already has under another name
//   init           `weekly init`, then `weekly lint`: errors under the config it wrote
// Exit code 0 when every target of issue 14 is met (90% weeks, 85% headings, every series builds, at most 1
// false error per 10 notes, no wrong --fix), else 1.

import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const flag = (name) => {
  const i = args.indexOf(name);
  return i >= 0 ? args.splice(i, 2)[1] : undefined;
};
const asJson = args.includes('--json') && Boolean(args.splice(args.indexOf('--json'), 1));
const only = flag('--series');
const weeklyBin = path.resolve(flag('--weekly') ?? path.join(here, '..', 'bin', 'weekly.js'));
const dir = args[0] ? path.resolve(args[0]) : null;
if (!dir) {
  console.error('usage: node bench/dialects-check.mjs DIR [--expected FILE] [--weekly BIN] [--json] [--series NAME]');
  process.exit(2);
}
const expectedFile = path.resolve(flag('--expected') ?? path.join(dir, 'expected.json'));
const expected = JSON.parse(readFileSync(expectedFile, 'utf8'));
// the library next to the CLI: the same build computes the week keys and reads headings as the CLI
const lib = path.join(path.dirname(weeklyBin), '..', 'lib');
const { noteWeekKey } = await import(pathToFileURL(path.join(lib, 'core', 'aggregate', 'weeks.js')).href);
const { sectionRecogniser } = await import(pathToFileURL(path.join(lib, 'core', 'parse', 'sections.js')).href);
const recognise = sectionRecogniser();

function weekly(cwd, ...argv) {
  const r = spawnSync(process.execPath, [weeklyBin, ...argv], { cwd, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, env: { ...process.env, CI: '1', NO_COLOR: '1' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function listFiles(root, rel = '') {
  const out = [];
  for (const e of readdirSync(path.join(root, rel), { withFileTypes: true })) {
    const p = rel ? `${rel}/${e.name}` : e.name;
    if (e.isDirectory()) out.push(...listFiles(root, p));
    else if (/\.md$/i.test(e.name)) out.push(p);
  }
  return out;
}

/** Section texts that must reach the summaries: every section the summaries do not read item by item. */
const SHOWN_AS_TEXT = new Set(['progress', 'problems', 'help', 'notes', 'unknown']);

const totals = { notes: 0, stating: 0, found: 0, headings: 0, right: 0, skipExpected: 0, skipRight: 0, wrongSkips: 0, series: 0, built: 0, sections: 0, inSummaries: 0, falseErrors: 0, realErrors: 0, wrongFixes: 0, initErrors: 0 };
const rows = [];
const misses = [];

for (const [name, spec] of Object.entries(expected.series)) {
  if (only && name !== only) continue;
  const src = path.join(dir, name);
  if (!existsSync(src) || !statSync(src).isDirectory()) {
    misses.push(`${name}: no folder ${src}`);
    continue;
  }
  const tmp = mkdtempSync(path.join(tmpdir(), 'weekly-dialect-'));
  const work = path.join(tmp, 'notes');
  cpSync(src, work, { recursive: true, filter: (f) => path.basename(f) !== 'expected.json' });
  const row = { series: name, notes: 0, found: 0, stating: 0, headings: 0, right: 0, build: 'no', summaries: '', falseErrors: 0, wrongFixes: 0, init: '' };
  totals.series++;

  // parse: weeks, dates and heading kinds
  const parsed = weekly(work, 'parse', '.', '--format', 'jsonl');
  const reports = new Map(
    parsed.stdout
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l))
      .map((r) => [r.file.replace(/^\.\//, ''), r]),
  );
  const skip = new Set(spec.skip ?? []);
  for (const [file, want] of Object.entries(spec.notes)) {
    row.notes++;
    totals.notes++;
    const r = reports.get(file);
    if (!r) {
      misses.push(`${name}/${file}: not parsed`);
      continue;
    }
    const states = want.week !== null || want.date !== null || want.relative !== undefined;
    if (states) {
      row.stating++;
      totals.stating++;
      const week = noteWeekKey(r);
      const date = r.created ? r.created.slice(0, 10) : null;
      const ok = (want.week === null || week === want.week) && (want.date === null || date === want.date) && (want.relative === undefined || r.relativeWeek === want.relative) && (want.week !== null || want.relative === undefined || week === null || want.date !== null);
      if (ok) {
        row.found++;
        totals.found++;
      } else misses.push(`${name}/${file}: week ${week} date ${date} relative ${r.relativeWeek ?? '-'}, expected week ${want.week} date ${want.date} relative ${want.relative ?? '-'}`);
    }
    for (const [title, kind] of Object.entries(want.headings ?? {})) {
      row.headings++;
      totals.headings++;
      const got = r.sections.find((s) => s.title === title)?.id ?? 'none';
      if (got === kind) {
        row.right++;
        totals.right++;
      } else misses.push(`${name}/${file}: heading \`${title}\` read as ${got}, expected ${kind}`);
    }
    for (const p of want.projects ?? []) {
      row.headings++;
      totals.headings++;
      if (r.workItems.some((w) => w.project && w.name === p)) {
        row.right++;
        totals.right++;
      } else misses.push(`${name}/${file}: project \`${p}\` not found`);
    }
  }

  // lint under the default config: what is skipped, false errors, and what --fix would insert
  const lintOut = weekly(work, 'lint', '.', '--format', 'json');
  let results = [];
  try {
    results = JSON.parse(lintOut.stdout);
  } catch {
    misses.push(`${name}: lint printed no JSON (exit ${lintOut.code}): ${lintOut.stderr.trim().split('\n')[0]}`);
  }
  const linted = new Set(results.map((r) => r.filePath.replace(/^\.\//, '').replace(/\\/g, '/')));
  for (const f of listFiles(work)) {
    const isNote = f in spec.notes;
    if (skip.has(f)) {
      totals.skipExpected++;
      if (!linted.has(f)) totals.skipRight++;
      else misses.push(`${name}/${f}: not a note, but linted`);
    } else if (isNote && !linted.has(f)) {
      totals.wrongSkips++;
      misses.push(`${name}/${f}: a note, but skipped`);
    }
  }
  for (const r of results) {
    const file = r.filePath.replace(/^\.\//, '').replace(/\\/g, '/');
    const real = new Set(spec.notes[file]?.errors ?? []);
    for (const m of r.messages) {
      if (m.severity !== 2) continue;
      if (real.has(`${m.ruleId}@${m.line}`)) {
        totals.realErrors++;
        continue;
      }
      row.falseErrors++;
      totals.falseErrors++;
      misses.push(`${name}/${file}:${m.line}: false error ${m.ruleId}: ${m.message}`);
    }
  }
  const dry = weekly(work, 'lint', '.', '--fix-dry-run', '--format', 'json', '--output-file', path.join(tmp, 'fix.json'));
  // a heading the fix inserts, not one it renames (`-## 【系统运行数剧】` / `+## 【系统运行数据】`)
  const byFile = new Map();
  let current = null;
  for (const line of dry.stdout.split('\n')) {
    const f = /^\+\+\+ b\/(.*)$/.exec(line);
    if (f) {
      current = f[1].replace(/^\.\//, '');
      byFile.set(current, { added: [], removed: new Set() });
      continue;
    }
    const h = /^([+-])\s{0,3}#{1,6}\s+(.*)$/.exec(line);
    if (!h || !current || line.startsWith('---')) continue;
    const kind = recognise(h[2])?.id;
    if (h[1] === '+') byFile.get(current).added.push([h[2], kind]);
    else if (kind) byFile.get(current).removed.add(kind);
  }
  for (const [file, { added, removed }] of byFile) {
    const has = Object.values(spec.notes[file]?.headings ?? {});
    for (const [title, kind] of added) {
      if (!kind || removed.has(kind) || !has.includes(kind)) continue;
      row.wrongFixes++;
      totals.wrongFixes++;
      misses.push(`${name}/${file}: --fix would insert \`${title}\` (${kind}) beside the note's own ${kind} section`);
    }
  }

  // build: exit 0, and every section shown as text is in the summaries
  const built = weekly(work, 'build', '.', '--out', path.join(tmp, 'dist'));
  if (built.code === 0) {
    row.build = 'yes';
    totals.built++;
    const pages = listFiles(path.join(tmp, 'dist')).map((f) => readFileSync(path.join(tmp, 'dist', f), 'utf8')).join('\n');
    let n = 0;
    let shown = 0;
    for (const [file, r] of reports) {
      if (skip.has(file)) continue;
      for (const s of r.sections) {
        if (!SHOWN_AS_TEXT.has(s.id) || !s.text || s.noUpdate) continue;
        // each line's words, without list markers and boxes (a summary may shorten a long line)
        const lines = s.text.split('\n').map((l) => l.replace(/^(?:[-*+]|\d+[.)])\s+(?:\[[ xX]\]\s+)?|^#{1,6}\s+/, '').trim()).filter((l) => l.length >= 4);
        for (const l of lines) {
          n++;
          if (pages.includes(l.slice(0, 24))) shown++;
          else if (misses.length < 400) misses.push(`${name}/${file}: \`${l.slice(0, 40)}\` (${s.id}) not in the summaries`);
        }
      }
    }
    totals.sections += n;
    totals.inSummaries += shown;
    row.summaries = n ? `${shown}/${n}` : '-';
  } else misses.push(`${name}: build exited ${built.code}: ${built.stderr.trim().split('\n').slice(-1)[0]}`);

  // init writes the series' dialect; lint under it
  const init = weekly(work, 'init');
  if (init.code === 0) {
    const again = weekly(work, 'lint', '.', '--format', 'json');
    let errors = 0;
    try {
      for (const r of JSON.parse(again.stdout)) for (const m of r.messages) if (m.severity === 2) {
        errors++;
        misses.push(`${name}: under init's config: ${r.filePath.replace(/^\.\//, '')}:${m.line} ${m.ruleId}: ${m.message}`);
      }
    } catch {
      errors = -1;
    }
    row.init = errors === 0 ? 'clean' : `${errors} errors`;
    if (errors) totals.initErrors += Math.max(errors, 1);
  } else row.init = `init exited ${init.code}`;
  rows.push(row);
  rmSync(tmp, { recursive: true, force: true });
}

const pct = (a, b) => (b ? `${((100 * a) / b).toFixed(1)}%` : '-');
const summary = {
  weekOrDate: pct(totals.found, totals.stating),
  headings: pct(totals.right, totals.headings),
  seriesBuilt: `${totals.built}/${totals.series}`,
  sectionTextInSummaries: pct(totals.inSummaries, totals.sections),
  falseErrorsPer10Notes: totals.notes ? Number(((10 * totals.falseErrors) / totals.notes).toFixed(2)) : 0,
  skippedRight: `${totals.skipRight}/${totals.skipExpected}`,
  notesSkipped: totals.wrongSkips,
  wrongFixes: totals.wrongFixes,
  initErrors: totals.initErrors,
};
const met = totals.found >= 0.9 * totals.stating && totals.right >= 0.85 * totals.headings && totals.built === totals.series && totals.falseErrors * 10 <= totals.notes && totals.wrongFixes === 0;
if (asJson) {
  console.log(JSON.stringify({ summary, totals, series: rows, misses, met }, null, 2));
} else {
  console.log('series                      notes  week/date  headings  build  in summaries  false errors  wrong fixes  init');
  for (const r of rows) {
    console.log(`${r.series.padEnd(27)} ${String(r.notes).padStart(5)}  ${`${r.found}/${r.stating}`.padStart(9)}  ${`${r.right}/${r.headings}`.padStart(8)}  ${r.build.padStart(5)}  ${r.summaries.padStart(12)}  ${String(r.falseErrors).padStart(12)}  ${String(r.wrongFixes).padStart(11)}  ${r.init}`);
  }
  console.log('');
  for (const [k, v] of Object.entries(summary)) console.log(`${k}: ${v}`);
  if (misses.length) {
    console.log('\nmisses:');
    for (const m of misses) console.log(`  ${m}`);
  }
  console.log(met ? '\nall targets met' : '\ntargets not met');
}
process.exitCode = met ? 0 : 1;
