import { cpSync, readdirSync, readFileSync, rmSync, watch, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { genNotes, tempDir } from './build-helpers.js';
import { hashFiles, STACK_LINE, weeklyBin, weeklyKilled } from './robustness-helpers.js';

// A build killed at any moment leaves each output file either as the previous build wrote it or as this one
// would, never torn: every file is staged in a staging folder inside the output folder, flushed, then renamed
// over its target. What a killed build leaves (its staging folder, with the journal of a commit under way, and
// its lock) is never listed as output, and the next build undoes a half-done commit and removes them.

/** The staging folder and the lock, as src/io/writer.ts names them. */
const TEMP = /^(\.weekly-staging-\d+-[0-9a-f]{8}\/|\.weekly-lock$)/;

let ws: string;
let oldH: Map<string, string>;
let newH: Map<string, string>;
let notesH: Map<string, string>;

const args = ['build', 'notes', '--out', 'out', '--quiet'];

beforeAll(async () => {
  ws = await tempDir('weekly-kill-');
  genNotes(path.join(ws, 'notes'), 3, 60, 5);
  expect(weeklyBin(ws, ['build', 'notes', '--out', 'out-old', '--quiet']).code).toBe(0);
  oldH = hashFiles(path.join(ws, 'out-old'));
  // the next week's notes differ: every success rate moves, and the last four weeks are gone (outputs removed)
  const people = readdirSync(path.join(ws, 'notes'), { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name);
  for (const f of readdirSync(path.join(ws, 'notes'), { recursive: true, encoding: 'utf8' })) {
    if (!f.endsWith('.md')) continue;
    const abs = path.join(ws, 'notes', f);
    writeFileSync(abs, readFileSync(abs, 'utf8').replace(/99\.(\d)/g, '98.$1'));
  }
  for (const p of people) {
    const files = readdirSync(path.join(ws, 'notes', p), { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.md')).sort();
    for (const f of files.slice(-4)) rmSync(path.join(ws, 'notes', p, f));
  }
  notesH = hashFiles(path.join(ws, 'notes'));
  expect(weeklyBin(ws, ['build', 'notes', '--out', 'out-new', '--quiet']).code).toBe(0);
  newH = hashFiles(path.join(ws, 'out-new'));
  expect([...newH.keys()].filter((k) => !oldH.has(k)).length + [...oldH.keys()].filter((k) => !newH.has(k)).length).toBeGreaterThan(0);
}, 600_000);

afterAll(() => rmSync(ws, { recursive: true, force: true }));

/** Put the previous build back in `out`. */
function resetOut(): void {
  rmSync(path.join(ws, 'out'), { recursive: true, force: true });
  cpSync(path.join(ws, 'out-old'), path.join(ws, 'out'), { recursive: true });
}

/** Every file of `out` is the old or the new version; returns how many of each, and the temporary files left. */
function checkOut(): { old: number; new: number; temps: string[] } {
  const got = hashFiles(path.join(ws, 'out'));
  let o = 0;
  let n = 0;
  const temps: string[] = [];
  for (const [rel, h] of got) {
    if (TEMP.test(rel)) {
      temps.push(rel);
      continue;
    }
    const isOld = oldH.get(rel) === h;
    const isNew = newH.get(rel) === h;
    expect(isOld || isNew, `${rel} is neither the old nor the new version: torn`).toBe(true);
    if (isNew && !isOld) n++;
    else if (isOld && !isNew) o++;
  }
  return { old: o, new: n, temps };
}

const delay = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Resolves when the build starts writing into `out` (the first staged file appears). */
function firstWrite(): { when: Promise<void>; close: () => void } {
  let close = () => {};
  const when = new Promise<void>((resolve) => {
    const w = watch(path.join(ws, 'out'), { recursive: true }, (_e, f) => {
      if (f && /^\.weekly-staging-[^/]+\/.+\.tmp$/.test(String(f).split(path.sep).join('/'))) {
        w.close();
        resolve();
      }
    });
    close = () => w.close();
  });
  return { when, close };
}

describe('weekly build killed with SIGKILL', () => {
  it('at fixed moments: every output old or new, never torn', async () => {
    // early moments (reading, parsing); the moments that matter most, while it writes, are the next test's
    const moments = [50, 150, 400, 1000];
    for (const ms of moments) {
      resetOut();
      await weeklyKilled(ws, args, delay(ms));
      checkOut();
    }
    expect(hashFiles(path.join(ws, 'notes'))).toEqual(notesH);
  }, 900_000);

  it('at moments after it starts writing: every output old or new; the next build finishes the job and removes the temporary files', async () => {
    // a kill has landed mid-write when the build was killed (not done) and left staged temporary files, or old and
    // new files side by side; the first three moments are always tried, more at once only until one lands
    const landed: string[] = [];
    const moments = [0, 50, 150, 0, 0, 0, 0];
    for (const [i, after] of moments.entries()) {
      if (i >= 3 && landed.length) break;
      resetOut();
      const w = firstWrite();
      let started = false;
      const exit = await weeklyKilled(ws, args, w.when.then(() => ((started = true), delay(after))));
      w.close();
      const state = checkOut();
      if (started && exit.signal === 'SIGKILL' && (state.temps.length > 0 || (state.new > 0 && state.old > 0))) {
        landed.push(`${after} ms after the first write: ${state.temps.length} temporary, ${state.new} new and ${state.old} old files`);
      }
    }
    expect(landed.length, 'no kill landed between the first write and the end of the build').toBeGreaterThan(0);
    const again = weeklyBin(ws, args);
    expect(again.stderr).not.toMatch(STACK_LINE);
    expect(again.stderr).not.toMatch(/^weekly/m);
    expect(again.code).toBe(0);
    expect(hashFiles(path.join(ws, 'out'))).toEqual(newH);
    expect(hashFiles(path.join(ws, 'notes'))).toEqual(notesH);
  }, 900_000);
});
