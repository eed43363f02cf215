import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
import { main as markdownlint } from 'markdownlint-cli2';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

// a linter's own docs pass the linter its users know: README.md and docs/ under the repository's .markdownlint.jsonc
it('README.md and docs/ are clean under markdownlint-cli2 (line length aside)', async () => {
  const problems: string[] = [];
  const code = await markdownlint({
    directory: REPO,
    argv: ['README.md', 'docs/**/*.md'],
    logMessage: () => {},
    logError: (m: string) => problems.push(m),
  });
  expect(problems).toEqual([]);
  expect(code).toBe(0);
});
