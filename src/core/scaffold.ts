import { DEFAULT_SECTION_NAMES } from './parse/sections.js';

/** Where `$schema` points: the schema shipped in the installed package, relative to the config file. */
export const SCHEMA_PATH = './node_modules/weekly/docs/config.schema.json';

/** Files `weekly init` writes, relative to the folder it runs in. */
export const INIT_FILES = {
  config: 'weekly.config.yaml',
  ignore: '.weeklyignore',
  github: '.github/workflows/weekly.yml',
} as const;

const names = (id: keyof typeof DEFAULT_SECTION_NAMES) => DEFAULT_SECTION_NAMES[id].slice(0, 3).join(', ');

/**
 * The commented `weekly.config.yaml` that `weekly init` writes. Every value in it is valid under the config
 * schema (a test parses it with the zod schema); the comments say what each key does and what else it takes.
 */
export function configYaml(opts: { notes: string }): string {
  return `# weekly configuration. Every key is optional; the schema below gives completion and checks in editors
# (VS Code with the YAML extension reads the modeline; other tools read \`$schema\`).
# yaml-language-server: $schema=${SCHEMA_PATH}
$schema: ${SCHEMA_PATH}

# Folder of the weekly notes, relative to this file: the default of lint, build, new and metrics.
notes: ${yamlString(opts.notes)}

# How \`# 第N周\` titles count weeks:
#   jan1  week 1 is the Monday-started week holding 1 January (Excel WEEKNUM(date, 2)): 2023-12-16 is 第51周
#   iso   ISO 8601 weeks: 2023-12-16 is week 50
#   auto  per folder, the convention the notes' own Created dates agree with
weekNumbering: auto

# Sections are recognised by name at any heading level, with or without 【】. Add the headings your team
# writes as aliases; \`required\` sections are checked by the required-sections rule.
sections:
  highlights: # ${names('highlights')}
    required: true
  metrics: # ${names('metrics')}
    required: true
  incidents: # ${names('incidents')}
    required: false
  other: # ${names('other')}
    required: false
  reflection: # ${names('reflection')}
    required: false
    # aliases: [复盘与思考]
  next-week: # ${names('next-week')}
    required: true

# Metric definitions by name. \`aliases\` merge names that changed over time; \`unit\`, \`min\` and \`max\` are
# checked by metric-range; \`target\` (an SLO: >=, <=, >, <, ==) by metric-target, and it draws the reference
# line of the HTML charts and the attainment columns of the summaries and of \`weekly metrics\`.
metrics:
  支付系统年度可用性: {target: ">= 99.99%", unit: "%"}
  入金有效成功率: {target: ">= 99.95%", unit: "%"}
  出金有效成功率: {target: ">= 99.95%", unit: "%"}
  事故数AB级: {target: "<= 0", unit: 次}
  0级报警跟进率: {target: ">= 80%", unit: "%", aliases: [零级报警跟进率]}

# Work items renamed along the way: old name -> current name, so that one item keeps one history.
# workItems:
#   aliases: {资金安全一期: 资金安全}

# Rules: off, warn, error, or [severity, {options}]. See docs/rules/ for each rule and its options.
# rules:
#   metric-target: error
#   missing-week: off

build:
  out: dist # output folder
  locale: zh # zh or en
  format: both # md, html (a static site with charts, readable offline) or both
  # monthDay: thursday # a week belongs to the month holding this day of it
  # fiscalYearStart: 4 # first month of the fiscal year
  # templates: weekly-templates # \`weekly templates eject\` copies the built-in templates there
`;
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
