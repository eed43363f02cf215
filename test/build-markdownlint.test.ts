import path from 'node:path';
import { describe, expect, it } from 'vitest';
// markdownlint-cli2's own entry point, as its CLI runs it
import { main as markdownlint } from 'markdownlint-cli2';
import { exampleWorkspace, genNotes, weekly } from './build-helpers.js';

/** Lint every Markdown file under `dir` with MD013 (line length), MD024 (duplicate headings) and MD033 (inline HTML) off. */
async function lint(dir: string): Promise<string[]> {
  const problems: string[] = [];
  const code = await markdownlint({
    directory: dir,
    argv: ['**/*.md'],
    optionsOverride: { config: { default: true, MD013: false, MD024: false, MD033: false } },
    logMessage: () => {},
    logError: (m: string) => problems.push(m),
  });
  if (code !== 0 && !problems.length) problems.push(`markdownlint-cli2 exited ${code}`);
  return problems;
}

describe('generated Markdown is clean under markdownlint-cli2', () => {
  it('for examples/notes, in Chinese and in English', async () => {
    const ws = await exampleWorkspace();
    expect((await weekly(ws, 'build', 'examples/notes', '--out', 'zh')).code).toBe(0);
    expect((await weekly(ws, 'build', 'examples/notes', '--out', 'en', '--locale', 'en')).code).toBe(0);
    expect(await lint(path.join(ws, 'zh'))).toEqual([]);
    expect(await lint(path.join(ws, 'en'))).toEqual([]);
  });

  it('for a team corpus, team and per-author trees', async () => {
    const ws = await exampleWorkspace();
    genNotes(path.join(ws, 'team'), 3, 10, 5);
    expect((await weekly(ws, 'build', 'team', '--out', 'out')).code).toBe(0);
    expect(await lint(path.join(ws, 'out'))).toEqual([]);
  });

  it('for a person’s year of generated notes (bench/gen-notes.mjs: 1 person × 60 weeks, seed 11)', async () => {
    const ws = await exampleWorkspace();
    genNotes(path.join(ws, 'solo'), 1, 60, 11);
    expect((await weekly(ws, 'build', 'solo', '--out', 'out')).code).toBe(0);
    expect(await lint(path.join(ws, 'out'))).toEqual([]);
  });

  it('and the linter does find problems (the check is live)', async () => {
    const { promises: fs } = await import('node:fs');
    const ws = await exampleWorkspace();
    await fs.writeFile(path.join(ws, 'bad.md'), '# a\n## b\n');
    expect((await lint(ws)).length).toBeGreaterThan(0);
  });
});
