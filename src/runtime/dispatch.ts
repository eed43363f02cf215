import { Worker } from 'node:worker_threads';

/** How `dispatch` runs jobs `0..count-1` in worker threads. */
export interface DispatchOptions<Reply extends { id: number }> {
  url: URL;
  workerData: unknown;
  count: number;
  /** Worker threads to start (no more than there are jobs). */
  size: number;
  /** V8 heap limits of each worker (a larger young generation for jobs that keep much of what they allocate). */
  resourceLimits?: { maxYoungGenerationSizeMb?: number };
  /** Jobs queued per worker, so that it never waits on a round trip. */
  depth: number;
  /** The message that sends job `id` to a worker. */
  message(id: number): unknown;
  /** A worker's reply to a job; an error returned stops everything with it. */
  receive(reply: Reply): unknown;
  /** Run in this thread the jobs no worker is left to run (every worker died). */
  fallback(ids: number[]): Promise<void>;
  /** Whether to start no more jobs: `done` then settles once the jobs under way are done. */
  stopped?(): boolean;
}

/** Jobs under way in worker threads: `done` settles when all are done, or at the first error. */
export interface Dispatch {
  done: Promise<void>;
  /** Whether some job is under way in a worker. */
  busy(): boolean;
  /** Settle `done` now if `stopped` and no job is under way. */
  check(): void;
  /** Queue this many jobs per worker from now on (fewer leaves more for `take`). */
  setDepth(n: number): void;
  /** Take a job no worker has been sent yet, for the caller to run itself; undefined when none is left. */
  take(): number | undefined;
}

/**
 * Run jobs in a pool of worker threads, one message per job, `depth` queued per worker. A worker that dies (out
 * of memory, a crash in its start-up) gives its jobs to the others, or, when none is left, to `fallback`.
 */
export function dispatch<Reply extends { id: number }>(o: DispatchOptions<Reply>): Dispatch {
  const inFlight = new Map<Worker, Set<number>>();
  const busy = () => [...inFlight.values()].some((x) => x.size > 0);
  let check = () => {};
  let depth = o.depth;
  const queue = Array.from({ length: o.count }, (_, i) => i);
  const done = new Promise<void>((resolve, reject) => {
    let settled = false;
    const settle = (err?: unknown) => {
      if (settled) return;
      settled = true;
      for (const w of inFlight.keys()) void w.terminate();
      if (err) reject(err);
      else resolve();
    };
    check = () => {
      if ((o.stopped?.() || !queue.length) && !busy()) settle();
    };
    const feed = (w: Worker) => {
      const id = o.stopped?.() ? undefined : queue.shift();
      if (id === undefined) return;
      inFlight.get(w)!.add(id);
      w.postMessage(o.message(id));
    };
    const lose = (w: Worker) => {
      const mine = inFlight.get(w);
      if (!mine || settled) return;
      inFlight.delete(w);
      queue.unshift(...mine);
      if (inFlight.size) {
        for (const other of inFlight.keys()) while (inFlight.get(other)!.size < Math.max(1, depth) && queue.length) feed(other);
        return;
      }
      o.fallback(queue.splice(0)).then(() => settle(), settle);
    };
    for (let i = 0; i < Math.min(o.size, o.count); i++) {
      const w = new Worker(o.url, { workerData: o.workerData, ...(o.resourceLimits ? { resourceLimits: o.resourceLimits } : {}) });
      inFlight.set(w, new Set());
      w.on('message', (reply: Reply) => {
        inFlight.get(w)?.delete(reply.id);
        const err = o.receive(reply);
        if (err) return settle(err);
        while (inFlight.get(w)!.size < Math.max(1, depth) && queue.length && !o.stopped?.()) feed(w);
        check();
      });
      w.on('error', () => lose(w));
      w.on('exit', (code) => {
        if (code !== 0) lose(w);
      });
      for (let k = 0; k < o.depth; k++) feed(w);
    }
  });
  return {
    done,
    busy,
    check: () => check(),
    setDepth: (n) => {
      depth = n;
    },
    take: () => {
      const id = o.stopped?.() ? undefined : queue.shift();
      // the last job taken, and none under way: nothing is left for the workers
      if (!queue.length) queueMicrotask(() => check());
      return id;
    },
  };
}
