import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { run } from '../../src/cli.js';
import { FUZZ_RUNS, mutatedNote, params, TIMEOUT } from './arbitraries.js';

async function weekly(cwd: string, ...args: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await run(['node', 'weekly', ...args], { cwd, stdout: (s) => (stdout += s), stderr: (s) => (stderr += s), isTTY: false });
  return { code, stdout, stderr };
}

/** A weekly failure of its own, as opposed to a problem in the notes: never acceptable. */
function ownFailure(r: { stderr: string; stdout: string }): string | null {
  if (/internal error/.test(r.stderr)) return r.stderr;
  if (/\n\s+at .+:\d+:\d+\)?\n/.test(r.stderr + r.stdout)) return 'a stack trace reached the output';
  return null;
}

// Full runs of the CLI are slow (files, config, every command), so fewer cases than for the parser alone.
const CLI_RUNS = FUZZ_RUNS ? Math.max(200, Math.ceil(FUZZ_RUNS / 50)) : 5;

describe(`weekly lint, parse and build on mutated notes (${CLI_RUNS} runs)`, () => {
  let root: string;
  let n = 0;
  beforeAll(() => {
    root = mkdtempSync(path.join(tmpdir(), 'weekly-fuzz-cli-'));
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('lint ends 0 or 1, parse 0, build 0, 1 or 2 with a message; never an internal error or a stack trace', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(mutatedNote, { minLength: 1, maxLength: 3 }), fc.constantFrom('md', 'both'), async (notes, format) => {
        const ws = path.join(root, String(n++));
        const dir = path.join(ws, 'notes', '2024');
        mkdirSync(dir, { recursive: true });
        const names = notes.map((_, i) => `notes/2024/第${i + 1}周.md`);
        notes.forEach((note, i) => writeFileSync(path.join(ws, names[i]), note.text));
        try {
          const lint = await weekly(ws, 'lint', 'notes');
          expect(ownFailure(lint)).toBeNull();
          expect([0, 1]).toContain(lint.code);
          const parse = await weekly(ws, 'parse', ...names);
          expect(ownFailure(parse)).toBeNull();
          // a note that holds a NUL is refused as binary (exit 2, one line naming it); any other is parsed
          if (notes.some((x) => x.text.includes('\0'))) expect(parse.stderr).toMatch(/binary file/);
          else expect(parse.code).toBe(0);
          const build = await weekly(ws, 'build', 'notes', '--out', 'out', '--format', format, '--quiet');
          expect(ownFailure(build)).toBeNull();
          expect([0, 1, 2]).toContain(build.code);
          if (build.code === 2) expect(build.stderr).toMatch(/^weekly build: /m);
        } finally {
          rmSync(ws, { recursive: true, force: true });
        }
      }),
      params(CLI_RUNS),
    );
  }, TIMEOUT);
});
