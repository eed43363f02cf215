import { readFileSync } from 'node:fs';
import os from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';

/** The cores this process may use. */
export const cores = () => (typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length);

/** `WEEKLY_WORKERS` when set to a whole number (0: in the main thread, 1: one thread), else null. */
export function workersFromEnv(): number | null {
  const env = process.env.WEEKLY_WORKERS;
  return env !== undefined && env !== '' && Number.isInteger(Number(env)) && Number(env) >= 0 ? Number(env) : null;
}

/** Workers to use: `WEEKLY_WORKERS` when set (0: in the main thread, 1: one thread), else one per core. */
export function workerCount(): number {
  return workersFromEnv() ?? cores();
}

/** Cores idle over a short sample of /proc/stat (Linux); null where it cannot be read. */
export async function idleCores(ms = 100): Promise<number | null> {
  const sample = () => {
    const f = readFileSync('/proc/stat', 'utf8').slice(0, 200).split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
    return { idle: f[3] + (f[4] || 0), total: f.reduce((a, b) => a + (b || 0), 0) };
  };
  try {
    const a = sample();
    await sleep(ms);
    const b = sample();
    return b.total > a.total ? ((b.idle - a.idle) / (b.total - a.total)) * cores() : null;
  } catch {
    return null;
  }
}

