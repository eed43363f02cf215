// Regenerates docs/config.schema.json and the rules table in README.md from the compiled rules (run `npm run build` first).
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import { configSchema, updateReadme } from '../lib/core/lint/docs.js';

const readme = new URL('../README.md', import.meta.url);
writeFileSync(readme, updateReadme(existsSync(readme) ? readFileSync(readme, 'utf8') : null));
writeFileSync(new URL('../docs/config.schema.json', import.meta.url), `${JSON.stringify(configSchema(), null, 2)}\n`);
