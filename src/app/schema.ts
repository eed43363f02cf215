import { reportJsonSchema } from '../core/model.js';

/** `weekly schema`: print the JSON Schema of the report model. */
export async function schemaCommand(opts: { stdout: (s: string) => void }): Promise<number> {
  opts.stdout(`${JSON.stringify(reportJsonSchema(), null, 2)}\n`);
  return 0;
}
