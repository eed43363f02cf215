/** Issue 17, item 20: a `__proto__` key in the config's records was dropped without a word. */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { validateConfig } from '../src/core/config.js';
import { cli, tempDir } from './everyday-helpers.js';

describe('__proto__ keys in the config', () => {
  it.each([
    ['rules', '{"rules": {"__proto__": "off"}}', '`rules.__proto__`: unexpected key `__proto__`, expected a rule id such as `metric-range`'],
    ['metrics', '{"metrics": {"__proto__": {"target": ">= 1"}}}', '`metrics.__proto__`: unexpected key `__proto__`, expected a metric name'],
    ['workItems.aliases', '{"workItems": {"aliases": {"__proto__": "x"}}}', '`workItems.aliases.__proto__`: unexpected key `__proto__`, expected the old name of a work item'],
  ])('in %s are an error naming the key', (_where, json, problem) => {
    expect(validateConfig(JSON.parse(json))).toEqual({ ok: false, problems: [problem] });
  });

  it('written in weekly.config.yaml, stop lint with a config error (exit 2) instead of switching nothing off', async () => {
    const d = tempDir({ 'notes/第51周.md': '# 第51周\n' });
    writeFileSync(path.join(d, 'weekly.config.yaml'), 'rules:\n  __proto__: off\n');
    const r = await cli(d, ['lint', 'notes']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('`rules.__proto__`: unexpected key `__proto__`, expected a rule id such as `metric-range`');
  });

  it('a config without them is valid as before', () => {
    expect(validateConfig({ rules: { 'metric-range': 'off' }, metrics: { 可用性: { target: '>= 99%' } } }).ok).toBe(true);
  });
});
