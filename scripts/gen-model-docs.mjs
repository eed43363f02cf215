// Regenerates docs/model.md and docs/report.schema.json from the compiled model (run `npm run build` first).
import { writeFileSync } from 'node:fs';
import { modelDoc } from '../lib/core/model-doc.js';
import { reportJsonSchema } from '../lib/core/model.js';

writeFileSync(new URL('../docs/model.md', import.meta.url), modelDoc());
writeFileSync(new URL('../docs/report.schema.json', import.meta.url), `${JSON.stringify(reportJsonSchema(), null, 2)}\n`);
