import { readdirSync, existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { RULES } from '../../src/rules/index.js';

const rulesDir = path.resolve(__dirname, '../../src/rules');
const files = readdirSync(rulesDir).filter((f) => f.endsWith('.ts') && f !== 'index.ts');

describe('rule registry', () => {
  it.each(files)('%s default-exports a rule whose id is its file name, and is registered', async (file) => {
    const mod = (await import(path.join(rulesDir, file))) as { default: { id: string } };
    expect(mod.default.id).toBe(file.replace(/\.ts$/, ''));
    expect(RULES).toContain(mod.default);
  });

  it('registers each rule once and nothing that has no file', () => {
    expect(RULES.map((r) => r.id).sort()).toEqual(files.map((f) => f.replace(/\.ts$/, '')).sort());
  });

  it.each(RULES.map((r) => r.id))('%s has a description, a default severity, test table and docs page', (id) => {
    const rule = RULES.find((r) => r.id === id)!;
    expect(rule.description.length).toBeGreaterThan(10);
    expect(['error', 'warn']).toContain(rule.severity);
    expect(existsSync(path.resolve(__dirname, `${id}.test.ts`))).toBe(true);
    const doc = path.resolve(__dirname, `../../docs/rules/${id}.md`);
    expect(existsSync(doc), `docs/rules/${id}.md`).toBe(true);
    const text = readFileSync(doc, 'utf8');
    expect(text).toContain(`# \`${id}\``);
    for (const heading of ['## Why', '## Options', '## Valid', '## Invalid']) expect(text, `${id}: ${heading}`).toContain(heading);
  });
});
