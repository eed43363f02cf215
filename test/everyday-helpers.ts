import { cpSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { run, type Io } from '../src/cli.js';

/** The repository root. */
export const ROOT = fileURLToPath(new URL('..', import.meta.url));
/** The bundled example notes. */
export const EXAMPLES = path.join(ROOT, 'examples', 'notes');

/** A temp folder holding `files` (path → text). */
export function tempDir(files: Record<string, string> = {}): string {
  const d = mkdtempSync(path.join(tmpdir(), 'weekly-everyday-'));
  for (const [f, body] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(d, f)), { recursive: true });
    writeFileSync(path.join(d, f), body);
  }
  return d;
}

/** A temp folder with a copy of the example notes under `notes/`. */
export function withExamples(): string {
  const d = tempDir();
  cpSync(EXAMPLES, path.join(d, 'notes'), { recursive: true });
  return d;
}

/** Run the CLI in `cwd`; collects stdout and stderr. */
export async function cli(cwd: string, args: string[], extra: Partial<Io> = {}) {
  let stdout = '';
  let stderr = '';
  const code = await run(['node', 'weekly', ...args], { cwd, stdout: (s) => void (stdout += s), stderr: (s) => void (stderr += s), isTTY: false, ...extra });
  return { code, stdout, stderr };
}
