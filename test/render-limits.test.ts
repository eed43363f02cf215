import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { tempDir, weekly } from './build-helpers.js';
import { RENDER_LIMITS } from '../src/io/templates.js';

// A page's render is bounded in time, in output and in partial depth; the bounds are lowered here so that each
// is reached in a moment (test/bad-inputs/ reaches the real ones).

const saved = { ...RENDER_LIMITS };
afterEach(() => Object.assign(RENDER_LIMITS, saved));

const NOTE = readFileSync(new URL('./bad-inputs/files/note.md', import.meta.url), 'utf8');

async function buildWith(template: string, partials: Record<string, string> = {}) {
  const ws = await tempDir('weekly-limits-');
  mkdirSync(path.join(ws, 'notes/2023'), { recursive: true });
  mkdirSync(path.join(ws, 'tpl/partials'), { recursive: true });
  writeFileSync(path.join(ws, 'notes/2023/第51周.md'), NOTE);
  writeFileSync(path.join(ws, 'tpl/index.md.hbs'), template);
  for (const [name, text] of Object.entries(partials)) writeFileSync(path.join(ws, `tpl/partials/${name}.md.hbs`), text);
  return weekly(ws, 'build', 'notes', '--templates', 'tpl', '--out', 'out', '--quiet');
}

const nested = (depth: number, body: string) => `${'{{#each @root}}'.repeat(depth)}${body}${'{{/each}}'.repeat(depth)}\n`;

describe('render limits', () => {
  it('time: loops that produce nothing but never end stop with exit 2 naming the template', async () => {
    RENDER_LIMITS.time = 300;
    const r = await buildWith(nested(12, ''));
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('weekly build: template tpl/index.md.hbs: rendering took more than 0.3 s: stopped (does it loop over every note inside a loop over every note?)\n');
  }, 60_000);

  it('output: loops that write too much stop with exit 2 naming the template', async () => {
    RENDER_LIMITS.output = 1024 * 1024;
    const r = await buildWith(nested(6, '{{@key}}'));
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('weekly build: template tpl/index.md.hbs: output over 1 MB: stopped (does it loop over every note inside a loop over every note?)\n');
  }, 60_000);

  it('depth: partials nested deeper than the bound stop with exit 2 naming the partial', async () => {
    RENDER_LIMITS.partialDepth = 3;
    const r = await buildWith('{{> a}}\n', { a: '{{> b}}', b: '{{> c}}', c: '{{> d}}', d: 'deep' });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('weekly build: template tpl/partials/d.md.hbs: partials nested more than 3 deep: stopped (does a partial include itself?)\n');
    RENDER_LIMITS.partialDepth = 4;
    expect((await buildWith('{{> a}}\n', { a: '{{> b}}', b: '{{> c}}', c: '{{> d}}', d: 'deep' })).code).toBe(0);
  }, 60_000);

  it('weekly new: its note template is bounded the same way, and nothing is written', async () => {
    RENDER_LIMITS.time = 300;
    const ws = await tempDir('weekly-limits-');
    mkdirSync(path.join(ws, 'notes'));
    mkdirSync(path.join(ws, 'tpl'));
    writeFileSync(path.join(ws, 'tpl/note.md.hbs'), nested(12, ''));
    const slow = await weekly(ws, 'new', '--dir', 'notes', '--date', '2024-03-01', '--templates', 'tpl');
    expect(slow.code).toBe(2);
    expect(slow.stderr).toBe('weekly new: template tpl/note.md.hbs: rendering took more than 0.3 s: stopped (does it loop over every note inside a loop over every note?)\n');
    writeFileSync(path.join(ws, 'tpl/note.md.hbs'), '{{#*inline "r"}}{{> r}}{{/inline}}{{> r}}\n');
    const deep = await weekly(ws, 'new', '--dir', 'notes', '--date', '2024-03-01', '--templates', 'tpl');
    expect(deep.code).toBe(2);
    expect(deep.stderr).toBe('weekly new: template tpl/note.md.hbs: partials nested too deep: stopped (does a partial include itself?)\n');
    expect(readdirSync(path.join(ws, 'notes'))).toEqual([]);
  }, 60_000);

  it('the built-in templates stay far inside the bounds on a team corpus', async () => {
    const ws = await tempDir('weekly-limits-');
    const { genNotes } = await import('./build-helpers.js');
    genNotes(path.join(ws, 'notes'), 3, 20, 5);
    RENDER_LIMITS.output = 16 * 1024 * 1024;
    RENDER_LIMITS.partialDepth = 8;
    const r = await weekly(ws, 'build', 'notes', '--out', 'out', '--quiet');
    expect(r.stderr).not.toMatch(/^weekly build: template/m);
    expect(r.code).toBe(0);
  }, 120_000);
});
