import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { exampleWorkspace, read, weekly } from './build-helpers.js';

// Rendered Markdown of examples/notes: a change to the templates or the aggregation shows up here as a diff.
describe('rendered summaries of examples/notes', () => {
  let ws: string;
  beforeAll(async () => {
    ws = await exampleWorkspace();
    expect((await weekly(ws, 'build', 'examples/notes', '--out', 'zh')).code).toBe(0);
    expect((await weekly(ws, 'build', 'examples/notes', '--out', 'en', '--locale', 'en')).code).toBe(0);
  });

  for (const f of ['zh/index.md', 'zh/monthly/2023-12.md', 'zh/quarterly/2024-Q1.md', 'zh/review/2023.md', 'en/monthly/2024-01.md', 'en/review/2024.md']) {
    it(f, async () => {
      expect(await read(path.join(ws, f))).toMatchSnapshot();
    });
  }
});
