/** The lowest of the date sources: the date a note was first committed, for notes that have no date of their own. */
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { firstCommitDates } from '../src/io/git.js';
import { loadNotes } from '../src/app/load.js';
import { lint } from '../src/app/lint.js';
import { tempDir } from './everyday-helpers.js';

const UNDATED = '# 周报\n\n## 本周工作\n\n- 网关限流改造\n\n## 下周计划\n\n- 压测\n';

/** A repository whose notes were committed one by one at the given dates, and `bulk` notes in one commit. */
function repo(commits: [string, string][], bulk: string[] = []): string {
  const d = tempDir();
  const git = (args: string[], date?: string) =>
    execFileSync('git', args, { cwd: d, env: { ...process.env, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@example.org', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@example.org', ...(date ? { GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date } : {}) } });
  git(['init', '-q']);
  for (const [file, date] of commits) {
    mkdirSync(path.dirname(path.join(d, file)), { recursive: true });
    writeFileSync(path.join(d, file), UNDATED);
    git(['add', file]);
    git(['commit', '-q', '-m', file], `${date}T18:00:00+08:00`);
  }
  if (bulk.length) {
    for (const f of bulk) writeFileSync(path.join(d, f), UNDATED);
    git(['add', ...bulk]);
    git(['commit', '-q', '-m', 'import'], '2024-05-01T10:00:00+08:00');
  }
  return d;
}

describe('git first-commit dates', () => {
  it('one git log for the folder: a note added alone has its date, notes imported together none', async () => {
    const d = repo([['notes/a.md', '2024-03-08'], ['notes/b.md', '2024-03-15']], ['notes/c.md', 'notes/d.md']);
    const dates = await firstCommitDates(path.join(d, 'notes'));
    expect(Object.fromEntries([...dates].map(([f, v]) => [path.relative(d, f), v]))).toEqual({ 'notes/a.md': '2024-03-08', 'notes/b.md': '2024-03-15' });
  });

  it('outside a repository: nothing, silently', async () => {
    expect((await firstCommitDates(tempDir({ 'a.md': UNDATED })).then((m) => m.size))).toBe(0);
  });

  it('dates a note with no date of its own, as a guess, and only such a note', async () => {
    const d = repo([['notes/a.md', '2024-03-08'], ['notes/2024-03-22.md', '2024-03-25']]);
    const { reports } = await loadNotes(['notes/2024-03-22.md', 'notes/a.md'], { cwd: d, config: {} });
    expect(reports.map((r) => [r.file, r.created, r.dateSource ?? null, r.weekSource, r.weekConfidence ?? null])).toEqual([
      ['notes/2024-03-22.md', '2024-03-22', 'file', 'file', null],
      ['notes/a.md', '2024-03-08', 'git', 'git', 'guessed'],
    ]);
  });

  it('lint says the week was guessed: the note still names none', async () => {
    const d = repo([['notes/a.md', '2024-03-08']]);
    const out = await lint({ cwd: d, inputs: ['notes'] });
    expect(out.results[0].messages.filter((m) => m.ruleId === 'title-week').map((m) => m.message)).toEqual([
      'Unexpected title `周报` that names no week, expected a title such as `# 第51周` or frontmatter `week: 2024-W10`; its week was guessed from its first commit (2024-03-08)',
    ]);
  });
});
