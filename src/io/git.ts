import { execFile } from 'node:child_process';
import path from 'node:path';

/** Longest a `git log` of a notes folder may run, and the most output read of it. */
const TIMEOUT_MS = 10_000;
const MAX_BUFFER = 64 * 1024 * 1024;

function git(args: string[], cwd: string): Promise<string | null> {
  return new Promise((resolve) => {
    execFile('git', args, { cwd, timeout: TIMEOUT_MS, maxBuffer: MAX_BUFFER, windowsHide: true, env: { ...process.env, GIT_OPTIONAL_LOCKS: '0', LC_ALL: 'C' } }, (err, stdout) => resolve(err ? null : stdout));
  });
}

/**
 * The date each file under `dir` was first committed (`YYYY-MM-DD`, the author date), by absolute path: one
 * `git log` for the whole folder. A file added in a commit that added other files under `dir` too (an import of
 * old notes) gets none: that date says when the notes were copied, not written. Not a repository, no git, or git
 * failing: an empty map, silently.
 */
export async function firstCommitDates(dir: string): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  const top = (await git(['rev-parse', '--show-toplevel'], dir))?.trim();
  if (!top) return out;
  // newest first; --no-renames: a renamed note counts from the commit that gave it its name
  const log = await git(['-c', 'core.quotepath=off', 'log', '--diff-filter=A', '--no-renames', '--name-only', '--format=%x00%H%x09%aI', '--', '.'], dir);
  if (!log) return out;
  for (const entry of log.split('\0')) {
    const lines = entry.split('\n').filter((l) => l.length > 0);
    if (lines.length < 2) continue;
    const date = /\t(\d{4}-\d{2}-\d{2})/.exec(lines[0])?.[1];
    if (!date) continue;
    const files = lines.slice(1).map((f) => path.resolve(top, f));
    const notes = files.filter((f) => /\.(?:md|markdown)$/i.test(f)).length;
    for (const f of files) {
      // older commits come later: the last seen is the first commit; a commit adding several notes dates none
      if (notes > 1) out.delete(f);
      else out.set(f, date);
    }
  }
  return out;
}
