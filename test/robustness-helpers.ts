import { spawn, spawnSync, type SpawnSyncOptions } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { REPO } from './build-helpers.js';

export const BIN = path.join(REPO, 'bin', 'weekly.js');


/** Run `node bin/weekly.js …` as a user would, to completion. */
export function weeklyBin(cwd: string, args: string[], opts: SpawnSyncOptions = {}): { code: number | null; stdout: string; stderr: string; error?: Error } {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8', timeout: 120_000, env: { ...process.env, WEEKLY_DEBUG: '' }, ...opts });
  return { code: r.status, stdout: String(r.stdout ?? ''), stderr: String(r.stderr ?? ''), error: r.error };
}

/** Start `node bin/weekly.js …` and SIGKILL it when `killWhen` resolves (or let it finish first). */
export function weeklyKilled(cwd: string, args: string[], killWhen: Promise<unknown>): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd, stdio: 'ignore', env: { ...process.env, WEEKLY_DEBUG: '' } });
    let done = false;
    child.on('exit', (code, signal) => {
      done = true;
      resolve({ code, signal });
    });
    void killWhen.then(() => {
      if (!done) child.kill('SIGKILL');
    });
  });
}

/** A stack trace line, as Node prints them: what must never reach a user. */
export const STACK_LINE = /^\s+at .+(:\d+:\d+\)?|\(node:.+\))$/m;

/** sha256 of every file under `dir` (relative `/` paths), dot files included; links are not followed. */
export function hashFiles(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (rel: string) => {
    for (const e of readdirSync(path.join(dir, rel), { withFileTypes: true })) {
      const r = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) walk(r);
      else if (e.isFile()) out.set(r, createHash('sha256').update(readFileSync(path.join(dir, r))).digest('hex'));
    }
  };
  if (existsSync(dir)) walk('');
  return new Map([...out].sort((a, b) => (a[0] < b[0] ? -1 : 1)));
}
