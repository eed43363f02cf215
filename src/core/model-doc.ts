import { reportJsonSchema } from './model.js';

type Schema = {
  type?: string | string[];
  description?: string;
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  anyOf?: Schema[];
  enum?: unknown[];
  const?: unknown;
  additionalProperties?: Schema | boolean;
  minimum?: number;
  maximum?: number;
};

function typeOf(s: Schema): string {
  if (s.enum) return s.enum.map((e) => `\`${JSON.stringify(e)}\``).join(' \\| ');
  if (s.anyOf) return s.anyOf.map(typeOf).join(' \\| ');
  if (s.type === 'array') return `${s.items ? typeOf(s.items) : 'any'}[]`;
  if (s.type === 'object' && s.properties) return 'object';
  if (s.type === 'object') return 'object (key → value)';
  if (Array.isArray(s.type)) return s.type.join(' \\| ');
  if (s.type === 'integer') return 'integer';
  return s.type ?? 'any';
}

function objectOf(s: Schema): Schema | null {
  if (s.type === 'object' && s.properties) return s;
  if (s.type === 'array' && s.items) return objectOf(s.items);
  if (s.anyOf) for (const a of s.anyOf) if (objectOf(a)) return objectOf(a);
  return null;
}

function table(title: string, s: Schema, out: string[], nested: [string, Schema][]): void {
  out.push(`## ${title}`, '', '| field | type | required | meaning |', '| --- | --- | --- | --- |');
  for (const [name, prop] of Object.entries(s.properties ?? {})) {
    const obj = objectOf(prop);
    const type = obj && name !== 'week' ? `[${typeOf(prop).replace('object', name)}](#${name.toLowerCase()})` : typeOf(prop);
    const desc = (prop.description ?? obj?.description ?? '').replace(/\|/g, '\\|');
    // an empty cell is `| |`: markdownlint's table-column-style (MD060) counts a second space as padding
    out.push(`| \`${name}\` | ${type} | ${s.required?.includes(name) ? 'yes' : 'no'} | ${desc} |`.replace(/\| {2}(?=\|)/g, '| '));
    if (obj && !nested.some(([n]) => n === name)) nested.push([name, obj]);
  }
  out.push('');
}

/** The Markdown reference of the report model, generated from its zod schema (docs/model.md). */
export function modelDoc(): string {
  const schema = reportJsonSchema() as Schema;
  const out: string[] = [
    '# The report model',
    '',
    '<!-- Generated from src/model.ts by `npm run docs:model`; do not edit by hand. -->',
    '',
    '`weekly parse` prints this model for each note (`--format json` or `yaml`), `weekly schema` prints its',
    'JSON Schema, and `data/report.json` of `weekly build` holds it for every note. Field names and meanings are',
    'a public contract: they change only with a major version. Lines and columns are 1-based; columns count',
    'UTF-16 code units, as editors and the lint output do.',
    '',
  ];
  const nested: [string, Schema][] = [];
  table('Report', schema, out, nested);
  for (let i = 0; i < nested.length; i++) table(nested[i][0], nested[i][1], out, nested);
  return `${out.join('\n').trimEnd()}\n`;
}
