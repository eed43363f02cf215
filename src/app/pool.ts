import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dispatch } from '../runtime/dispatch.js';
import { idleCores, workerCount, workersFromEnv } from '../runtime/cores.js';
import type { NoteCache, TaskInput, TaskOutput, TaskSetup } from './tasks.js';

export type { NoteCache, TaskInput, TaskOutput, TaskSetup } from './tasks.js';

/**
 * Below this many notes, loading stays in-process: each worker costs about 1.5 s of CPU to load and warm up its
 * JIT, and two of them only overtake one warm thread at about 3,000 notes (lint on 2 cores: 300 notes 1.6 s in
 * one thread against 2.6 s with two workers, 1,000 notes 2.7 s against 3.6 s, 2,000 4.0 s against 4.5 s, 4,000
 * 6.9 s against 6.3 s).
 */
export const POOL_MIN_FILES = 2500;

const WORKER_URL = new URL('./load-worker.js', import.meta.url);

/** Whether worker threads can run here: the compiled worker exists (not when run from TypeScript source, as in tests). */
export function poolAvailable(): boolean {
  return existsSync(fileURLToPath(WORKER_URL));
}

/** Options of `runTasks`. */
export interface RunOptions {
  /** Worker threads; default `workerCount()`. */
  workers?: number;
  /** Fewest tasks worth starting workers for; default `POOL_MIN_FILES`. */
  minTasks?: number;
  /** Called as notes are done (for a progress bar). */
  onProgress?: (done: number, total: number) => void;
  /** Parsed notes the caller keeps in memory; loading then stays in-process, where the cache lives. */
  noteCache?: NoteCache;
}

/**
 * Load notes: in a pool of worker threads when there are enough of them, else in-process; either way the
 * outputs come in the order of `tasks` and are the same. Workers send back models (or lint facts), never syntax
 * trees, a batch of notes per message.
 */
export async function runTasks(tasks: TaskInput[], setup: TaskSetup, opts: RunOptions = {}): Promise<TaskOutput[]> {
  const asked = opts.workers ?? workerCount();
  let workers = Math.min(asked, Math.ceil(tasks.length / 8));
  const many = tasks.length >= (opts.minTasks ?? POOL_MIN_FILES);
  const inProcess = () => runInProcess(tasks, setup, opts.onProgress, opts.noteCache);
  // one thread for many notes (WEEKLY_WORKERS=1, or one idle core): a worker of its own, whose young generation
  // fits a parse (SOLO_YOUNG_MB); WEEKLY_WORKERS=0 keeps them in this thread
  const solo = () => (asked === 0 ? inProcess() : runPool(tasks, setup, 1, opts.onProgress, SOLO_YOUNG_MB));
  if (opts.noteCache || !many || !poolAvailable()) return inProcess();
  if (workers < 2) return solo();
  if (opts.workers === undefined && workersFromEnv() === null) {
    // Each worker costs about 1.5 s of CPU to load and warm up its JIT. On cores other programs keep busy it
    // gains nothing (the scheduler shares CPU between sessions, not threads), so start only as many as are idle.
    const idle = await idleCores();
    if (idle !== null) workers = Math.min(workers, Math.floor(idle + 0.5));
    if (workers < 2) return solo();
  }
  return runPool(tasks, setup, workers, opts.onProgress);
}

/**
 * The young generation of that one worker, in MB (32 MB semi-spaces; the main thread has 16). With 16, a lint of
 * 10,000 notes in one thread took 14 s in some runs and 18-20 s in others, where each scavenge, every ~7 notes,
 * promoted the note then being parsed (2.7 MB) and old space filled with them (470 MB peak); with 32 it took
 * 14.1-14.6 s at 256 MB in every run.
 */
const SOLO_YOUNG_MB = 96;

async function runInProcess(tasks: TaskInput[], setup: TaskSetup, onProgress?: RunOptions['onProgress'], noteCache?: NoteCache): Promise<TaskOutput[]> {
  // the parser is loaded only where it runs: a pool run, or a warm run that parses nothing, never needs it here
  const { createRunner } = await import('./tasks.js');
  const run = createRunner(setup, noteCache);
  const out: TaskOutput[] = [];
  for (const t of tasks) {
    out.push(await run(t));
    onProgress?.(out.length, tasks.length);
  }
  return out;
}

function runPool(tasks: TaskInput[], setup: TaskSetup, size: number, onProgress?: RunOptions['onProgress'], youngMb?: number): Promise<TaskOutput[]> {
  // batches small enough to balance the load at the end, large enough that messaging is a rounding error
  const batch = Math.max(1, Math.min(64, Math.ceil(tasks.length / (size * 8))));
  const batches: { start: number; tasks: TaskInput[] }[] = [];
  for (let i = 0; i < tasks.length; i += batch) batches.push({ start: i, tasks: tasks.slice(i, i + batch) });
  const out: TaskOutput[] = new Array(tasks.length);
  const place = (id: number, res: TaskOutput[]) => {
    for (let j = 0; j < res.length; j++) out[batches[id].start + j] = res[j];
  };
  let notesDone = 0;
  return dispatch<{ id: number; out: TaskOutput[] }>({
    url: WORKER_URL,
    workerData: setup,
    count: batches.length,
    size,
    ...(youngMb ? { resourceLimits: { maxYoungGenerationSizeMb: youngMb } } : {}),
    // two batches each: one being parsed, one waiting, so a worker never idles on the round trip
    depth: 2,
    message: (id) => ({ id, tasks: batches[id].tasks }),
    receive: (reply) => {
      place(reply.id, reply.out);
      notesDone += reply.out.length;
      onProgress?.(notesDone, tasks.length);
    },
    fallback: async (ids) => {
      const res = await runInProcess(ids.flatMap((id) => batches[id].tasks), setup);
      let k = 0;
      for (const id of ids) {
        place(id, res.slice(k, k + batches[id].tasks.length));
        k += batches[id].tasks.length;
      }
    },
  }).done.then(() => out);
}
