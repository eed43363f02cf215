import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll } from 'vitest';
import { run } from '../src/cli.js';
import { generate } from '../bench/gen-notes.mjs';

export const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const EXAMPLES = path.join(REPO, 'examples', 'notes');
/** The project's corpus generator (`node bench/gen-notes.mjs --help`). */
export const GEN_NOTES = path.join(REPO, 'bench', 'gen-notes.mjs');

const made: string[] = [];
// each test file gets its own copy of this module, so this removes the folders of that file's tests
afterAll(async () => {
  await Promise.all(made.splice(0).map((d) => fs.rm(d, { recursive: true, force: true })));
});

/** A fresh temporary folder, removed when the test file is done. */
export async function tempDir(prefix = 'weekly-build-'): Promise<string> {
  const d = await fs.mkdtemp(path.join(os.tmpdir(), prefix));
  made.push(d);
  return d;
}

/** Copy a folder tree; `reverse` copies entries in reverse order, so the file system lists them differently. */
export async function copyTree(from: string, to: string, reverse = false): Promise<void> {
  await fs.mkdir(to, { recursive: true });
  const entries = (await fs.readdir(from, { withFileTypes: true })).sort((a, b) => (a.name < b.name ? -1 : 1));
  if (reverse) entries.reverse();
  for (const e of entries) {
    if (e.isDirectory()) await copyTree(path.join(from, e.name), path.join(to, e.name), reverse);
    else await fs.copyFile(path.join(from, e.name), path.join(to, e.name));
  }
}

/** A workspace holding a copy of examples/notes at `examples/notes`, so links look as they do in the repo. */
export async function exampleWorkspace(reverse = false): Promise<string> {
  const dir = await tempDir();
  await copyTree(EXAMPLES, path.join(dir, 'examples', 'notes'), reverse);
  return dir;
}

/** Run the CLI in-process; returns the exit code and what it printed. */
export async function weekly(cwd: string, ...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await run(['node', 'weekly', ...args], { cwd, stdout: (s) => (stdout += s), stderr: (s) => (stderr += s), isTTY: false });
  return { code, stdout, stderr };
}

/** Every file under a folder, relative path → sha256. */
export async function hashTree(dir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  const walk = async (rel: string) => {
    for (const e of await fs.readdir(path.join(dir, rel), { withFileTypes: true })) {
      const r = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) await walk(r);
      else out[r] = createHash('sha256').update(await fs.readFile(path.join(dir, r))).digest('hex');
    }
  };
  await walk('');
  return Object.fromEntries(Object.entries(out).sort());
}

/** Generate a corpus of `people` × `weeks` notes into `dir` with bench/gen-notes.mjs (in-process); `defects` is the rate of planted defects. */
export function genNotes(dir: string, people: number, weeks: number, seed: number, defects = 0): ReturnType<typeof generate> {
  return generate({ out: dir, people, weeks, seed, defects });
}

export const read = (file: string) => fs.readFile(file, 'utf8');
