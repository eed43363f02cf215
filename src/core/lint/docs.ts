import { z } from 'zod';
import { configJsonSchema } from '../config.js';
import { RULES } from '../../rules/index.js';

const START = '<!-- rules:start -->';
const END = '<!-- rules:end -->';

/** The rules table of the README (between `<!-- rules:start -->` and `<!-- rules:end -->`), from the registry. */
export function rulesSection(): string {
  const rows = RULES.map(
    (r) => `| [\`${r.id}\`](docs/rules/${r.id}.md) | ${r.description.replace(/\|/g, '\\|')} | ${r.severity} | ${r.fixable ? 'yes' : 'no'} | ${r.scope === 'notes' ? 'across notes' : 'per note'} |`,
  );
  return [
    START,
    '',
    '`weekly lint` runs these rules (generated from `src/rules/index.ts` by `npm run docs:lint`). Set each under',
    '`rules:` in `weekly.config.yaml` to `off`, `warn`, `error` or `[severity, {options}]`; switch one off for a line',
    'with `<!-- weekly-disable-next-line rule-id -->`, or for a block with `<!-- weekly-disable rule-id -->` …',
    '`<!-- weekly-enable -->` (no id: every rule). The config is described by',
    '[docs/config.schema.json](docs/config.schema.json) (point `$schema` at it for completion in editors).',
    '',
    '| rule | checks | default | `--fix` | scope |',
    '| --- | --- | --- | --- | --- |',
    ...rows,
    '',
    'Output formats: `--format stylish` (default), `json` (ESLint\'s shape), `sarif` (SARIF 2.1.0), `github`',
    '(annotations), `unix`. In CI, see [docs/ci.md](docs/ci.md): a GitHub Actions workflow',
    '([examples/ci/github-workflow.yml](examples/ci/github-workflow.yml)) that uploads SARIF to code scanning and',
    'annotates pull requests, and a pre-commit hook ([examples/ci/pre-commit](examples/ci/pre-commit)).',
    '',
    END,
  ].join('\n');
}

/** The README with its rules section regenerated; the rest of the file is left exactly as it is. */
export function updateReadme(readme: string | null): string {
  if (readme === null) return `# weekly\n\n## Rules\n\n${rulesSection()}\n`;
  const start = readme.indexOf(START);
  const end = readme.indexOf(END);
  if (start < 0 || end < start) return `${readme.replace(/\n*$/, '\n')}\n## Rules\n\n${rulesSection()}\n`;
  return readme.slice(0, start) + rulesSection() + readme.slice(end + END.length);
}

/**
 * JSON Schema of the config file for editors: the zod config schema, with `rules` spelled out per rule (its
 * severities and the JSON Schema of its options), so a typo in a rule id or option is flagged while typing.
 */
export function configSchema(): Record<string, unknown> {
  const schema = configJsonSchema() as { properties: Record<string, unknown> } & Record<string, unknown>;
  const severity = { type: 'string', enum: ['off', 'warn', 'error'] };
  const properties: Record<string, unknown> = {};
  for (const r of RULES) {
    const { $schema: _drop, ...options } = z.toJSONSchema(r.options, { io: 'input' }) as Record<string, unknown>;
    properties[r.id] = {
      description: `${r.description} (default: ${r.severity})`,
      anyOf: [severity, { type: 'array', prefixItems: [severity, options], minItems: 2, maxItems: 2 }],
    };
  }
  return {
    $id: 'https://github.com/weekly-md/weekly/blob/main/docs/config.schema.json',
    ...schema,
    properties: { ...schema.properties, rules: { type: 'object', description: 'Rule severities and options', properties, additionalProperties: false } },
  };
}
