import type { ProgressStream } from './progress.js';

/** Where a command writes; tests pass their own. */
export interface Io {
  cwd: string;
  stdout: (s: string) => void;
  stderr: (s: string) => void;
  isTTY: boolean;
  /** The clock of `weekly new` and of watch mode (tests pass a fixed one). */
  now?: () => Date;
  /** Where the progress bar is drawn (the CLI: stderr; none in tests unless given). */
  progress?: ProgressStream;
  /** How long a run goes before the bar appears (default one second). */
  progressDelayMs?: number;
  /** The environment (`CI` turns the progress bar off); default `process.env`. */
  env?: Record<string, string | undefined>;
  /** Ends `--watch` (the CLI: Ctrl-C). */
  signal?: AbortSignal;
}

/** What every command's action is given: where to write, and how to end the run. */
export interface Context {
  io: Io;
  /** The version of weekly (the cache key, SARIF's driver). */
  version: string;
  /** Set the run's exit code. */
  setCode: (code: number) => void;
}

/** The output streams of a command, with a progress callback when a bar is drawn. */
export interface Streams {
  onProgress?: (done: number, total: number) => void;
  stdout: (s: string) => void;
  stderr: (s: string) => void;
}

/**
 * Run `fn` with a progress bar on the progress stream when it is a TTY, outside CI and without `--quiet`; any
 * output clears the bar first.
 */
export async function withProgress<T>(io: Io, label: string, quiet: boolean | undefined, fn: (s: Streams) => Promise<T>): Promise<T> {
  const { createProgress } = await import('./progress.js');
  const bar = createProgress({ stream: io.progress, env: io.env ?? process.env, quiet, label, delayMs: io.progressDelayMs });
  if (!bar.enabled) return fn({ stdout: io.stdout, stderr: io.stderr });
  const clearing = (write: (s: string) => void) => (s: string) => {
    bar.clear();
    write(s);
  };
  try {
    return await fn({ onProgress: (d, t) => bar.update(d, t), stdout: clearing(io.stdout), stderr: clearing(io.stderr) });
  } finally {
    bar.clear();
  }
}

/** `s` items, `1 item`: English plurals for counts in messages. */
export const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
