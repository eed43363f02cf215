import type { Report, SectionId, WeekNumbering } from './model.js';
import { DEFAULT_SECTION_NAMES, foldName, headingCore } from './parse/sections.js';
import { notNoteReason } from './parse/kind.js';
import { DEFAULT_REQUIRED_SECTIONS } from './config.js';
import { SECTION_KINDS, type NamedSectionId } from './sections.js';
import { noteWeekKey } from './aggregate/weeks.js';
import { learnedSections } from '../rules/required-sections.js';
import { cadenceOf } from '../rules/missing-week.js';

/** Where `$schema` points: the schema shipped in the installed package, relative to the config file. */
export const SCHEMA_PATH = './node_modules/weekly/docs/config.schema.json';

/** Files `weekly init` writes, relative to the folder it runs in. */
export const INIT_FILES = {
  config: 'weekly.config.yaml',
  ignore: '.weeklyignore',
  github: '.github/workflows/weekly.yml',
} as const;

const names = (id: keyof typeof DEFAULT_SECTION_NAMES) => DEFAULT_SECTION_NAMES[id].slice(0, 3).join(', ');

/** What `weekly init` learned of a folder of notes: the way its notes are written. */
export interface Dialect {
  /** Notes read, and files that are no notes. */
  notes: number;
  skipped: number;
  /** The numbering the notes' week numbers settled on, when they write any. */
  weekNumbering: WeekNumbering | 'auto';
  /** The order of dates such as `05/11/2018` in the notes, when they write any. */
  dateOrder: 'mdy' | 'dmy' | null;
  cadence: 'weekly' | 'biweekly';
  /** Per kind: the headings the notes give it that are not its default names (aliases), and the headings seen. */
  sections: Partial<Record<NamedSectionId, { aliases: string[]; seen: string[] }>>;
  /** Kinds required: those the notes consistently have. */
  required: SectionId[];
  /** Headings no kind is known for, with how often: to add as aliases. */
  unknown: { title: string; count: number }[];
  /** Metric names, most frequent first, with the unit they are written in. */
  metrics: { name: string; unit: string | null; count: number }[];
  /** Relative weeks (of a term or project) seen: the lowest number. */
  relativeFrom: number | null;
}

/**
 * Learn how a folder's notes are written: the headings of each kind, which kinds they consistently have, the week
 * numbering and date order they settled on, how often they are written, their metric names. Pure; `reports` are
 * settled (`harmonizeWeeks`).
 */
export function learnDialect(reports: Report[]): Dialect {
  const notes = reports.filter((r) => !notNoteReason(r));
  const defaults = new Map<string, Set<string>>(Object.entries(DEFAULT_SECTION_NAMES).map(([id, names]) => [id, new Set(names.map(foldName))]));
  const sections: Dialect['sections'] = {};
  const unknown = new Map<string, number>();
  for (const r of notes) {
    for (const s of r.sections) {
      if (s.id === 'unknown') {
        const core = headingCore(s.title).core;
        unknown.set(core, (unknown.get(core) ?? 0) + 1);
        continue;
      }
      if (!defaults.has(s.id) || s.near) continue;
      const id = s.id as NamedSectionId;
      const entry = (sections[id] ??= { aliases: [], seen: [] });
      const core = headingCore(s.title).core.trim();
      if (!entry.seen.includes(core)) entry.seen.push(core);
      if (!defaults.get(id)!.has(foldName(core)) && !entry.aliases.includes(core)) entry.aliases.push(core);
    }
  }
  const numberings = new Map<WeekNumbering, number>();
  for (const r of notes) {
    // weeks named by a number decide the numbering; weeks read from dates fit either
    const named = r.weekNumbering && r.week && (!r.when || r.when.some((w) => w.week && w.source === r.weekSource));
    if (named) numberings.set(r.weekNumbering!, (numberings.get(r.weekNumbering!) ?? 0) + 1);
  }
  const orders = new Map<'mdy' | 'dmy', number>();
  for (const r of notes) for (const w of r.when ?? []) if (w.alternative && (w.order === 'mdy' || w.order === 'dmy')) orders.set(w.order, (orders.get(w.order) ?? 0) + 1);
  const mondays = [...new Set(notes.map((r) => noteWeekKey(r)).filter((k): k is string => k !== null))].sort().map((k) => new Date(`${k}T12:00:00`));
  const metrics = new Map<string, { units: Map<string | null, number>; count: number }>();
  for (const r of notes) {
    for (const m of r.metrics) {
      const e = metrics.get(m.name) ?? { units: new Map(), count: 0 };
      e.count++;
      e.units.set(m.unit, (e.units.get(m.unit) ?? 0) + 1);
      metrics.set(m.name, e);
    }
  }
  const top = <K>(m: Map<K, number>): K | null => [...m].sort((a, b) => b[1] - a[1])[0]?.[0] ?? null;
  const relative = notes.map((r) => r.relativeWeek).filter((n): n is number => n !== undefined);
  return {
    notes: notes.length,
    skipped: reports.length - notes.length,
    weekNumbering: top(numberings) ?? 'auto',
    dateOrder: top(orders),
    cadence: cadenceOf(mondays, undefined) === 2 ? 'biweekly' : 'weekly',
    sections,
    required: notes.length ? learnedSections(notes) : [...DEFAULT_REQUIRED_SECTIONS],
    unknown: [...unknown].map(([title, count]) => ({ title, count })).sort((a, b) => b.count - a.count || (a.title < b.title ? -1 : 1)),
    metrics: [...metrics]
      .map(([name, e]) => ({ name, unit: top(e.units), count: e.count }))
      .sort((a, b) => b.count - a.count || (a.name < b.name ? -1 : 1))
      .slice(0, 40),
    relativeFrom: relative.length ? Math.min(...relative) : null,
  };
}

// the example targets of a config written for no notes: kept for the metrics a folder's notes have
const EXAMPLE_TARGETS: Record<string, string> = {
  支付系统年度可用性: '{target: ">= 99.99%", unit: "%"}',
  入金有效成功率: '{target: ">= 99.95%", unit: "%"}',
  出金有效成功率: '{target: ">= 99.95%", unit: "%"}',
  事故数AB级: '{target: "<= 0", unit: 次}',
  '0级报警跟进率': '{target: ">= 80%", unit: "%", aliases: [零级报警跟进率]}',
};

/**
 * The commented `weekly.config.yaml` that `weekly init` writes. Every value in it is valid under the config
 * schema (a test parses it with the zod schema); the comments say what each key does and what else it takes.
 * With a dialect learned from the notes, it states it: heading aliases, required sections, week numbering, date
 * order, cadence, metric names; without, the reference note's defaults and example targets.
 */
export function configYaml(opts: { notes: string; dialect?: Dialect }): string {
  const d = opts.dialect && opts.dialect.notes > 0 ? opts.dialect : null;
  const sectionLines: string[] = [];
  for (const k of SECTION_KINDS) {
    if (!('names' in k) || !k.names) continue;
    const id = k.id as NamedSectionId;
    const learned = d?.sections[id];
    const required = d ? d.required.includes(id) : k.required;
    // a kind the notes do not write and that nothing asks for is left out of a learned config
    if (d && !learned && !required && !DEFAULT_REQUIRED_SECTIONS.includes(id)) continue;
    const seen = learned ? `seen: ${learned.seen.join(', ')}` : names(id);
    sectionLines.push(`  ${id}: # ${seen}`);
    sectionLines.push(`    required: ${required}`);
    if (learned?.aliases.length) sectionLines.push(`    aliases: [${learned.aliases.map((a) => JSON.stringify(a)).join(', ')}]`);
    else if (!d && id === 'reflection') sectionLines.push('    # aliases: [复盘与思考]');
  }
  if (d?.unknown.length) {
    sectionLines.push(`  # headings of no known kind (their text is kept and summarised as written): ${d.unknown.slice(0, 8).map((u) => `${u.title} ×${u.count}`).join(', ')}`);
    sectionLines.push('  # add one as an alias of a kind above to read it as that kind');
  }
  let metricLines: string[];
  if (!d) metricLines = Object.entries(EXAMPLE_TARGETS).map(([n, v]) => `  ${n}: ${v}`);
  else if (!d.metrics.length) metricLines = [];
  else metricLines = d.metrics.map((m) => `  ${yamlKey(m.name)}: ${EXAMPLE_TARGETS[m.name] ?? `{unit: ${m.unit === null ? 'null' : JSON.stringify(m.unit)}}`} # in ${m.count} note${m.count === 1 ? '' : 's'}`);
  const learnedHead = d
    ? `# Learned from ${d.notes} note${d.notes === 1 ? '' : 's'} in ${opts.notes === '.' ? 'this folder' : `${opts.notes}/`}${d.skipped ? ` (${d.skipped} other file${d.skipped === 1 ? '' : 's'} are no weekly notes and are skipped)` : ''}: the
# headings they use, the sections they consistently have, how they number weeks and write dates, how often
# they are written. Edit any of it; \`weekly lint\` checks the notes against it.

`
    : '';
  const dateOrder = d?.dateOrder ? `
# Dates such as 05/11/2018 in these notes are ${d.dateOrder === 'mdy' ? 'month first (US)' : 'day first'}: mdy, dmy, ymd or auto.
dateOrder: ${d.dateOrder}
` : '';
  const cadence = d ? `
# How often a note is written: missing-week reports a longer gap. weekly or biweekly.
cadence: ${d.cadence}
` : '';
  const relative = d?.relativeFrom !== null && d?.relativeFrom !== undefined
    ? `
# These notes count weeks of a term or project (第${d.relativeFrom}周 …) and are summarised as a series of their own.
# Give a day of week 1 to place them in the calendar too:
# weekOne: 2024-02-26
`
    : '';
  return `# weekly configuration. Every key is optional; the schema below gives completion and checks in editors
# (VS Code with the YAML extension reads the modeline; other tools read \`$schema\`).
# yaml-language-server: $schema=${SCHEMA_PATH}
$schema: ${SCHEMA_PATH}

${learnedHead}# Folder of the weekly notes, relative to this file: the default of lint, build, new and metrics.
notes: ${yamlString(opts.notes)}

# How \`# 第N周\` titles count weeks:
#   jan1  week 1 is the Monday-started week holding 1 January (Excel WEEKNUM(date, 2)): 2023-12-16 is 第51周
#   iso   ISO 8601 weeks: 2023-12-16 is week 50
#   auto  per folder, the convention the notes' own Created dates agree with
weekNumbering: ${d ? d.weekNumbering : 'auto'}
${dateOrder}${cadence}${relative}
# Sections are recognised by name at any heading level, with or without 【】, numbering or emoji. Add the headings
# your team writes as aliases; \`required\` sections are checked by the required-sections rule.
sections:
${sectionLines.join('\n')}

# Metric definitions by name. \`aliases\` merge names that changed over time; \`unit\`, \`min\` and \`max\` are
# checked by metric-range; \`target\` (an SLO: >=, <=, >, <, ==) by metric-target, and it draws the reference
# line of the HTML charts and the attainment columns of the summaries and of \`weekly metrics\`.
${metricLines.length ? `metrics:\n${metricLines.join('\n')}` : '# None seen in the notes; for example:\n# metrics:\n#   可用性: {target: ">= 99.9%", unit: "%"}'}

# Work items renamed along the way: old name -> current name, so that one item keeps one history.
# workItems:
#   aliases: {资金安全一期: 资金安全}

# Rules: off, warn, error, or [severity, {options}]. See docs/rules/ for each rule and its options.
# rules:
#   metric-target: error
#   missing-week: off

build:
  out: dist # output folder
  locale: ${d && isEnglish(d) ? 'en' : 'zh'} # zh or en
  format: both # md, html (a static site with charts, readable offline) or both
  # monthDay: thursday # a week belongs to the month holding this day of it
  # fiscalYearStart: 4 # first month of the fiscal year
  # templates: weekly-templates # \`weekly templates eject\` copies the built-in templates there
`;
}

/** Whether a dialect's headings are English (the summaries then default to English). */
function isEnglish(d: Dialect): boolean {
  const seen = Object.values(d.sections).flatMap((s) => s?.seen ?? []);
  return seen.length > 0 && seen.every((t) => /^[\x20-\x7e]+$/.test(t));
}

/** A metric name as a YAML key: quoted unless plain. */
function yamlKey(s: string): string {
  return /^[\p{L}\p{N}_][\p{L}\p{N}_ .%/-]*$/u.test(s) && !/^(?:true|false|null|yes|no|on|off|~)$/i.test(s) && !/^\d/.test(s) ? s : JSON.stringify(s);
}

/** Quote a YAML scalar only when it needs it. */
function yamlString(s: string): string {
  return /^[\w./-]+$/.test(s) && !/^[-.]$/.test(s) ? s : JSON.stringify(s);
}

/** The `.weeklyignore` that `weekly init` writes: gitignore-style lines naming what is not a note. */
export function weeklyIgnore(): string {
  return `# Files and folders weekly does not read as notes (gitignore-style: a name without / matches at any depth).
# Note templates and drafts
templates/
_drafts/
# Obsidian: its templates folder and Excalidraw drawings (Markdown files that are not notes)
Templates/
*.excalidraw.md
# Outputs of weekly build
dist/
`;
}

/** What `weekly init` reads of the installed package's package.json. */
export interface PackageInfo {
  name: string;
  version: string;
  repository?: string | { type?: string; url?: string };
}

/**
 * The npm install spec of this release while weekly is not on the npm registry: the tag `v<version>` of its git
 * repository (`github:owner/name#v1.2.3` for GitHub); `name@version` when package.json names no repository.
 */
export function releaseSpec(pkg: PackageInfo): string {
  const url = typeof pkg.repository === 'string' ? pkg.repository : (pkg.repository?.url ?? '');
  if (!url) return `${pkg.name}@${pkg.version}`;
  const github = /^(?:github:|(?:git\+)?(?:https?|ssh|git):\/\/(?:git@)?github\.com\/)?([\w.-]+)\/([\w.-]+?)(?:\.git)?\/?$/.exec(url);
  return github ? `github:${github[1]}/${github[2]}#v${pkg.version}` : `${url}#v${pkg.version}`;
}

/**
 * The GitHub Actions workflow of `weekly init --ci github`: the shipped example, less its "copy to" line (init is
 * what copies it), installing `pkg`'s own release (the last word of the example's `npm install` line).
 */
export function githubWorkflow(example: string, pkg: PackageInfo): string {
  return example
    .split('\n')
    .filter((l) => !/^#\s*Copy to /.test(l))
    .map((l) => l.replace(/^(\s*npm install\s.*\s)\S+$/, `$1${releaseSpec(pkg)}`))
    .join('\n');
}
