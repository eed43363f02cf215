import { watch as fsWatch, promises as fs, type FSWatcher } from 'node:fs';
import path from 'node:path';

/** What to watch: folders (with everything below them) and single files. Absolute paths. */
export interface WatchTargets {
  dirs: string[];
  files: string[];
}

/** Options of `watchLoop`. */
export interface WatchLoopOptions {
  /** One run of the command; `changed` lists the paths (relative to `cwd`) that set it off, empty at first. */
  run: (changed: string[]) => Promise<void>;
  /** What to watch, asked again after every run (a config edit can move the notes folder). */
  targets: () => Promise<WatchTargets>;
  /** Whether a change to this path (absolute) calls for a new run: notes, config, templates, not outputs. */
  relevant: (file: string) => boolean;
  /** Ends the loop (Ctrl-C in the CLI, the test's controller in tests). */
  signal: AbortSignal;
  cwd: string;
  /** Quiet time before a run, so that one save (or a `git checkout`) gives one run. */
  debounceMs?: number;
  /** A run that failed unexpectedly (a bug, not a problem in the notes): reported, and the loop goes on. */
  onError: (err: unknown) => void;
  /** Called once, when the first run is done and the watchers are in place. */
  onWatching?: () => void;
}

const same = (a: WatchTargets, b: WatchTargets) => JSON.stringify(a) === JSON.stringify(b);

/**
 * Run, then run again whenever a relevant file changes, until `signal` aborts; resolves then. Uses
 * `fs.watch` with `recursive` (native on macOS and Windows, and on Linux since Node 20), so weekly needs no
 * watcher dependency; single files are watched through their folder, which survives editors that save by
 * writing a new file and renaming it over the old one.
 */
export async function watchLoop(o: WatchLoopOptions): Promise<void> {
  const debounce = o.debounceMs ?? 150;
  let watchers: FSWatcher[] = [];
  let current: WatchTargets = { dirs: [], files: [] };
  const pending = new Set<string>();
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<void> | null = null;
  let stopped = false;

  const close = () => {
    for (const w of watchers) w.close();
    watchers = [];
  };

  const schedule = () => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = null;
      void cycle();
    }, debounce);
  };

  /** Events under `base`; `only` keeps single files, `toward` is a missing target folder whose creation counts. */
  const onEvent = (base: string, only: Set<string> | null, toward: string | null) => (_event: string, name: string | Buffer | null) => {
    if (stopped || name === null) return;
    const file = path.join(base, String(name));
    const makesTarget = toward !== null && (file === toward || toward.startsWith(file + path.sep));
    if (!makesTarget && only && !only.has(file)) return;
    if (!makesTarget && !o.relevant(file)) return;
    pending.add(path.relative(o.cwd, file).split(path.sep).join('/') || file);
    schedule();
  };

  const arm = async () => {
    const next = await o.targets();
    if (same(next, current) && watchers.length) return;
    close();
    current = next;
    for (const dir of next.dirs) {
      const at = await existingAncestor(dir);
      if (!at) continue;
      // a folder that does not exist yet is seen appearing from its nearest existing parent
      watchers.push(guard(fsWatch(at, { recursive: at === dir }, onEvent(at, null, at === dir ? null : dir))));
    }
    const byDir = new Map<string, Set<string>>();
    for (const f of next.files) {
      const d = path.dirname(f);
      if (!byDir.has(d)) byDir.set(d, new Set());
      byDir.get(d)!.add(f);
    }
    for (const [d, only] of byDir) {
      if (next.dirs.some((x) => d === x || d.startsWith(x + path.sep))) continue;
      const at = await existingAncestor(d);
      if (at) watchers.push(guard(fsWatch(at, {}, onEvent(at, at === d ? only : null, at === d ? null : d))));
    }
  };

  let first = true;
  let announced = false;
  const cycle = async (): Promise<void> => {
    // one run at a time: changes made during a run are picked up by one more run after it
    while (running) await running;
    if (stopped || (!first && !pending.size)) return;
    first = false;
    const changed = [...pending].sort();
    pending.clear();
    const p = (async () => {
      try {
        await o.run(changed);
        if (!stopped) await arm();
        if (!stopped && !announced) {
          announced = true;
          o.onWatching?.();
        }
      } catch (err) {
        o.onError(err);
      }
    })();
    running = p;
    try {
      await p;
    } finally {
      if (running === p) running = null;
    }
  };

  await new Promise<void>((resolve) => {
    const stop = () => {
      stopped = true;
      if (timer) clearTimeout(timer);
      close();
      void Promise.resolve(running).then(() => resolve());
    };
    if (o.signal.aborted) {
      stop();
      return;
    }
    o.signal.addEventListener('abort', stop, { once: true });
    void cycle();
  });
}

/** A watcher whose errors (its folder deleted, too many watches) end that watcher, not the process. */
function guard(w: FSWatcher): FSWatcher {
  w.on('error', () => w.close());
  return w;
}

async function existingAncestor(p: string): Promise<string | null> {
  for (let d = p; ; d = path.dirname(d)) {
    const st = await fs.stat(d).catch(() => null);
    if (st?.isDirectory()) return d;
    if (path.dirname(d) === d) return null;
  }
}
