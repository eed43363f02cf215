import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import Ajv2020 from 'ajv/dist/2020.js';
import { configSchema, rulesSection, updateReadme } from '../src/core/lint/docs.js';
import { validateConfig } from '../src/core/config.js';

const read = (p: string) => readFileSync(new URL(`../${p}`, import.meta.url), 'utf8');

describe('generated lint docs (run `npm run docs:lint`)', () => {
  it('README.md holds the current rules table between its markers', () => {
    const readme = read('README.md');
    expect(readme).toContain(rulesSection());
    expect(updateReadme(readme)).toBe(readme);
  });

  it('docs/config.schema.json is the current config schema', () => {
    expect(JSON.parse(read('docs/config.schema.json'))).toEqual(configSchema());
  });

  it('only touches the part between the markers, and creates a README when there is none', () => {
    const readme = 'intro\n\n<!-- rules:start -->\nold\n<!-- rules:end -->\n\nouttro\n';
    expect(updateReadme(readme)).toBe(`intro\n\n${rulesSection()}\n\nouttro\n`);
    expect(updateReadme(null)).toBe(`# weekly\n\n## Rules\n\n${rulesSection()}\n`);
  });
});

describe('config JSON Schema', () => {
  const ajv = new Ajv2020({ strict: false });
  const validate = ajv.compile(configSchema());
  const config = {
    $schema: './node_modules/weekly/docs/config.schema.json',
    weekNumbering: 'jan1',
    metrics: { 支付系统年度可用性: { target: '>= 99.99%' } },
    rules: { 'missing-week': 'off', 'metric-ratio': ['error', { tolerance: 0.5 }], 'incident-fields': ['warn', { require: ['date'] }] },
  };

  it('accepts what the config loader accepts, $schema included', () => {
    expect(validateConfig(config).ok).toBe(true);
    expect(validate(config)).toBe(true);
  });

  it('flags an unknown rule and a bad option while typing', () => {
    expect(validate({ rules: { 'metric-rang': 'off' } })).toBe(false);
    expect(validate({ rules: { 'metric-ratio': ['error', { tolerance: 'x' }] } })).toBe(false);
    expect(validate({ rules: { 'incident-fields': ['error', { require: ['weather'] }] } })).toBe(false);
  });
});
