import { readFileSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseNote } from '../src/core/parse/index.js';
import { aggregate, authorAggregate } from '../src/core/aggregate/index.js';
import type { Report } from '../src/core/model.js';
import type { Config } from '../src/core/config.js';
import { EXAMPLES, genNotes } from './build-helpers.js';

const config: Config = {};
const dir = path.join(os.tmpdir(), `weekly-slice-${process.pid}`);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function readTree(root: string, prefix: string, weekNumbering: 'iso' | 'jan1' = 'iso'): Report[] {
  const out: Report[] = [];
  const walk = (rel: string) => {
    for (const e of readdirSync(path.join(root, rel), { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const r = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) walk(r);
      else if (e.name.endsWith('.md')) out.push(parseNote(readFileSync(path.join(root, r), 'utf8'), `${prefix}/${r}`, { weekNumbering }));
    }
  };
  walk('');
  return out;
}

// build cuts each author's aggregation out of the team's; it must be what aggregating their notes alone gives
describe('authorAggregate', () => {
  it('equals aggregating the author’s notes alone (bench/gen-notes.mjs --people 4 --weeks 40 --seed 5, plus a note of nobody)', () => {
    genNotes(dir, 4, 40, 5);
    const reports = readTree(dir, 'notes');
    const authorOf = (r: Report) => r.file.split('/')[1];
    // a note nobody wrote: in the team's summaries only
    const nobody = parseNote('# 第3周\n\nCreated: 2023年1月20日\n\n## 【重点工作】\n\n- 【无主】\n\n    一件事。\n', 'notes/x.md');
    const all = [...reports, nobody];
    const byAuthor = (r: Report) => (r === nobody ? null : authorOf(r));
    const team = aggregate(all, config, { authorOf: byAuthor, authorScopes: false });
    const authors = [...new Set(reports.map(authorOf))].sort();
    expect(authors).toHaveLength(4);
    for (const a of authors) {
      const mine = all.filter((r) => byAuthor(r) === a);
      const expected = aggregate(mine, config, { authorOf: () => a, span: team.span! });
      const got = authorAggregate(team, a, mine, config);
      expect(got).toEqual(expected);
      expect(got.notes.length).toBe(40);
      expect(got.workItems.length).toBeGreaterThan(0);
      expect(got.plans.length).toBeGreaterThan(0);
      // cut, not copied: the entries are the team's own objects
      expect(team.workItems).toContain(got.workItems[0]);
    }
  });

  it('falls back to aggregating when the author’s notes settle on another week numbering', () => {
    // the examples are jan1-numbered; the generated author's notes are ISO
    const ex = readTree(EXAMPLES, 'ex', 'jan1');
    expect(ex).toHaveLength(17);
    const first = readdirSync(dir).filter((d) => !d.endsWith('.json')).sort()[0];
    const iso = readTree(dir, 'notes').filter((r) => r.file.split('/')[1] === first).slice(0, 5);
    const all = [...ex, ...iso];
    const byAuthor = (r: Report) => (r.file.startsWith('ex/') ? 'ex' : 'gen');
    const team = aggregate(all, config, { authorOf: byAuthor, authorScopes: false });
    expect(team.settings.numbering).toBe('jan1');
    const mine = all.filter((r) => byAuthor(r) === 'gen');
    const got = authorAggregate(team, 'gen', mine, config);
    expect(got.settings.numbering).toBe('iso');
    expect(got).toEqual(aggregate(mine, config, { authorOf: () => 'gen', span: team.span! }));
  });
});
