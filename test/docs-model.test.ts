import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { modelDoc } from '../src/core/model-doc.js';
import { reportJsonSchema } from '../src/core/model.js';

const read = (p: string) => readFileSync(new URL(`../${p}`, import.meta.url), 'utf8');

describe('generated model docs', () => {
  it('docs/model.md matches the zod schema (run `npm run docs:model`)', () => {
    expect(read('docs/model.md')).toBe(modelDoc());
  });

  it('docs/report.schema.json matches the zod schema', () => {
    expect(JSON.parse(read('docs/report.schema.json'))).toEqual(reportJsonSchema());
  });

  it('documents every field the issue names', () => {
    const doc = read('docs/model.md');
    for (const f of ['file', 'title', 'week', 'created', 'author', 'properties', 'sections', 'metrics', 'workItems', 'incidents', 'highlights', 'other', 'reflection', 'nextWeek', 'diagnostics', 'numerator', 'denominator', 'durationMinutes', 'progress']) {
      expect(doc).toContain(`| \`${f}\` |`);
    }
  });
});
