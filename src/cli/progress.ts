/** Where a progress bar is drawn: a terminal stream such as `process.stderr`, or a fake one in tests. */
export interface ProgressStream {
  isTTY?: boolean;
  columns?: number;
  write(s: string): unknown;
}

/** Options of a progress bar. */
export interface ProgressOptions {
  stream: ProgressStream | undefined;
  /** The environment: a bar is never drawn in CI (`CI` set) or on a dumb terminal. */
  env?: Record<string, string | undefined>;
  /** `--quiet`: no bar. */
  quiet?: boolean;
  /** What is being counted, `reading notes`. */
  label: string;
  /** The bar appears only for runs longer than this (ms); short runs print nothing. */
  delayMs?: number;
  /** Redraw at most this often (ms). */
  intervalMs?: number;
  /** Clock in ms (tests pass a fake one). */
  now?: () => number;
}

/** A progress bar that may be silent. */
export interface Progress {
  /** Whether it can draw at all (a TTY, not CI, not quiet). */
  readonly enabled: boolean;
  /** Report `done` of `total`; at `done === total` the bar is cleared. */
  update(done: number, total: number): void;
  /** Remove the bar from the screen (before other output, or at the end). */
  clear(): void;
}

/** Whether the environment says this is a CI run (`CI=true`, `CI=1`, any value but `false`/`0`). */
export function isCI(env: Record<string, string | undefined>): boolean {
  const v = env.CI;
  return v !== undefined && v !== '' && v !== 'false' && v !== '0';
}

/**
 * A progress bar on a terminal stream: drawn only on a TTY, outside CI, without `--quiet`, and only once the
 * run has taken `delayMs` (one second by default), so quick runs and piped or logged output stay clean.
 */
export function createProgress(o: ProgressOptions): Progress {
  const env = o.env ?? {};
  const enabled = Boolean(o.stream?.isTTY) && !o.quiet && !isCI(env) && env.TERM !== 'dumb';
  const now = o.now ?? (() => Date.now());
  const start = now();
  const delay = o.delayMs ?? 1000;
  const interval = o.intervalMs ?? 80;
  let shown = false;
  let last = -Infinity;
  const clear = () => {
    if (!shown) return;
    o.stream!.write('\r\x1b[K');
    shown = false;
  };
  return {
    enabled,
    clear,
    update(done, total) {
      if (!enabled || total <= 0) return;
      if (done >= total) {
        clear();
        return;
      }
      const t = now();
      if (t - start < delay || t - last < interval) return;
      last = t;
      o.stream!.write(`\r${progressLine(o.label, done, total, o.stream!.columns ?? 80)}\x1b[K`);
      shown = true;
    },
  };
}

/** One line of the bar, fitting `columns`: `reading notes ██████░░░░░░ 120/400`. */
export function progressLine(label: string, done: number, total: number, columns: number): string {
  const count = `${done}/${total}`;
  const width = Math.max(10, Math.min(40, columns - label.length - count.length - 4));
  const filled = Math.round((Math.min(done, total) / total) * width);
  return `${label} ${'█'.repeat(filled)}${'░'.repeat(width - filled)} ${count}`;
}
