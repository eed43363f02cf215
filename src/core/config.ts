import { z } from 'zod';
import { SECTION_KINDS, type SectionKindId } from './sections.js';

/** A rule's setting: a severity, or `[severity, options]` as ESLint and markdownlint take it. */
export const RuleSetting = z.union([
  z.enum(['off', 'warn', 'error']),
  z.tuple([z.enum(['off', 'warn', 'error']), z.record(z.string(), z.unknown()).optional()]),
]);
export type RuleSetting = z.infer<typeof RuleSetting>;

const SectionConfig = z
  .object({
    aliases: z.array(z.string().min(1)).optional().describe('Other headings that name this section'),
    required: z.boolean().optional().describe('Whether `required-sections` asks for it'),
  })
  .strict();

/** One optional `SectionConfig` per kind of the section registry, in its order. */
function sectionsShape(): Record<SectionKindId, z.ZodOptional<typeof SectionConfig>> {
  return Object.fromEntries(SECTION_KINDS.map((k) => [k.id, SectionConfig.optional()])) as Record<SectionKindId, z.ZodOptional<typeof SectionConfig>>;
}

/** A target (SLO) such as `>= 99.99%`, `<= 5`, `> 0`. */
export const TargetText = z
  .string()
  .regex(/^\s*(>=|<=|>|<|==|=)\s*-?\d+(\.\d+)?\s*%?\s*$/, 'expected a comparison such as ">= 99.99%" or "<= 3"');

const MetricConfig = z
  .object({
    aliases: z.array(z.string().min(1)).optional().describe('Other names of this metric, merged with it'),
    unit: z.string().nullable().optional().describe('Expected unit (`%`, `次`, or null for a bare number)'),
    min: z.number().optional().describe('Smallest valid value'),
    max: z.number().optional().describe('Largest valid value'),
    target: TargetText.optional().describe('Target (SLO), e.g. ">= 99.99%"'),
  })
  .strict();
export type MetricConfig = z.infer<typeof MetricConfig>;

const BuildConfig = z
  .object({
    out: z.string().optional().describe('Output folder (default `dist`)'),
    locale: z.string().regex(/^[A-Za-z][A-Za-z0-9_-]*$/, 'expected a locale name such as zh or en').optional().describe('Language of the summaries: zh, en, or the name of another locales/<name>.yaml in the templates folder'),
    monthDay: z
      .enum(['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'])
      .optional()
      .describe('A week belongs to the month holding this day of it (default thursday)'),
    fiscalYearStart: z.number().int().min(1).max(12).optional().describe('First month of the (fiscal) year, 1 = January'),
    silentWeeks: z.number().int().min(1).optional().describe('Weeks without mention after which an open work item is listed as gone silent'),
    templates: z.string().optional().describe('Folder of templates overriding the built-in ones'),
    format: z.enum(['md', 'html', 'both']).optional().describe('`md` (default), `html` (a static site with charts, readable offline) or `both` (the site in `html/` beside the Markdown)'),
  })
  .strict();

/** The whole configuration file, `weekly.config.yaml` or `weekly.config.json`. */
export const Config = z
  .object({
    $schema: z.string().optional(),
    notes: z.string().optional().describe('Default notes folder'),
    weekNumbering: z.enum(['auto', 'iso', 'jan1']).optional().describe('`iso`, `jan1` (week 1 holds 1 January), or `auto` per folder'),
    dateOrder: z
      .enum(['auto', 'mdy', 'dmy', 'ymd'])
      .optional()
      .describe('How to read a date of three numbers such as `05/11/2018`: `mdy` (US), `dmy`, `ymd`, or `auto`: by the dates of the series, else the note\'s language'),
    weekOne: z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date such as 2024-02-26')
      .optional()
      .describe('A day of week 1 of relative weeks (a term or a project: `第六周汇报` with no date): relative week N is the week N - 1 weeks after it'),
    cadence: z.enum(['weekly', 'biweekly']).optional().describe('How often a note is written: `missing-week` reports a gap longer than this (default: learned from each series)'),
    encoding: z.enum(['utf8', 'gbk']).optional(),
    maxFileSize: z.number().int().positive().optional().describe('Notes larger than this many bytes are reported and skipped'),
    followSymlinks: z.boolean().optional().describe('Follow symbolic links inside the notes folder (default false)'),
    ignores: z.array(z.string()).optional().describe('Globs of files not to read'),
    sections: z.object(sectionsShape()).strict().optional(),
    metrics: z.record(z.string(), MetricConfig).optional().describe('Metric definitions by name'),
    workItems: z
      .object({ aliases: z.record(z.string(), z.string()).optional().describe('Old name → current name, for renamed work items') })
      .strict()
      .optional(),
    rules: z.record(z.string(), RuleSetting).optional(),
    build: BuildConfig.optional(),
  })
  .strict();
export type Config = z.infer<typeof Config>;

/** Sections required when the config says nothing: the registry's required kinds. */
export const DEFAULT_REQUIRED_SECTIONS: readonly SectionKindId[] = SECTION_KINDS.filter((k) => k.required).map((k) => k.id);

/** One line per problem: the key path and what was expected. */
export function formatZodIssues(error: z.ZodError): string[] {
  return error.issues.map((i) => {
    const key = i.path.length ? i.path.map(String).join('.') : '(top level)';
    if (i.code === 'unrecognized_keys') {
      const keys = (i as { keys: string[] }).keys;
      const at = i.path.length ? `${i.path.map(String).join('.')}.` : '';
      return `unknown key \`${at}${keys[0]}\`${keys.length > 1 ? ` (and ${keys.slice(1).map((k) => `\`${k}\``).join(', ')})` : ''}`;
    }
    if (i.code === 'invalid_union' && i.path[0] === 'rules') {
      return `\`${key}\`: expected \`off\`, \`warn\`, \`error\` or \`[severity, {options}]\``;
    }
    return `\`${key}\`: ${i.message}`;
  });
}

const PROTO_EXPECTED: Record<string, string> = { rules: 'a rule id such as `metric-range`', metrics: 'a metric name', 'workItems.aliases': 'the old name of a work item' };

/**
 * Keys named `__proto__` anywhere in the data: a record drops them when the config is validated, so a setting
 * would vanish without a word (`rules: {__proto__: off}`). Each is a problem naming its key path.
 */
function protoKeys(data: unknown, at: string[] = []): string[] {
  if (!data || typeof data !== 'object') return [];
  const out: string[] = [];
  for (const k of Object.keys(data)) {
    const path = [...at, k];
    if (k === '__proto__') {
      const parent = at.join('.');
      out.push(`\`${path.join('.')}\`: unexpected key \`__proto__\`, expected ${PROTO_EXPECTED[parent] ?? 'another key'}`);
      continue;
    }
    out.push(...protoKeys((data as Record<string, unknown>)[k], path));
  }
  return out;
}

/** Validate parsed config data; returns the config or the list of problems. */
export function validateConfig(data: unknown): { ok: true; config: Config } | { ok: false; problems: string[] } {
  const proto = protoKeys(data);
  const r = Config.safeParse(data ?? {});
  if (r.success && !proto.length) return { ok: true, config: r.data };
  return { ok: false, problems: [...proto, ...(r.success ? [] : formatZodIssues(r.error))] };
}

/** JSON Schema of the configuration file, for editors. */
export function configJsonSchema(): Record<string, unknown> {
  return { title: 'weekly configuration', ...(z.toJSONSchema(Config, { io: 'input' }) as Record<string, unknown>) };
}

/** A parsed target. */
export interface Target {
  op: '>=' | '<=' | '>' | '<' | '==';
  value: number;
  text: string;
}

/** Parse `>= 99.99%` into a comparison. */
export function parseTarget(text: string): Target {
  const m = /^\s*(>=|<=|>|<|==|=)\s*(-?\d+(?:\.\d+)?)\s*%?\s*$/.exec(text)!;
  const op = (m[1] === '=' ? '==' : m[1]) as Target['op'];
  return { op, value: Number(m[2]), text: text.trim() };
}

/** Whether a value meets a target. */
export function meetsTarget(value: number, t: Target): boolean {
  switch (t.op) {
    case '>=':
      return value >= t.value;
    case '<=':
      return value <= t.value;
    case '>':
      return value > t.value;
    case '<':
      return value < t.value;
    default:
      return value === t.value;
  }
}

/**
 * Canonical metric name under the config: a configured name, or the name an alias points to.
 * Whitespace and full-width forms do not matter.
 */
export function metricResolver(config: Config): (name: string) => { name: string; def: MetricConfig | null } {
  const fold = (s: string) => s.normalize('NFKC').replace(/\s+/g, '').toLowerCase();
  const table = new Map<string, { name: string; def: MetricConfig }>();
  for (const [name, def] of Object.entries(config.metrics ?? {})) {
    table.set(fold(name), { name, def });
    for (const a of def.aliases ?? []) table.set(fold(a), { name, def });
  }
  return (name: string) => table.get(fold(name)) ?? { name, def: null };
}
