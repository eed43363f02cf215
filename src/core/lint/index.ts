import type { z } from 'zod';
import { formatZodIssues, type Config, type RuleSetting } from '../config.js';
import { WeeklyError } from '../errors.js';
import type { Diagnostic, Report, Severity } from '../model.js';
import { RULES, RULES_BY_ID } from '../../rules/index.js';
import { isDisabled, readDirectives } from './directives.js';
import { printable } from '../printable.js';
import { ruleDocsUrl, type Fix, type NoteFacts, type ProblemReport, type Rule } from './rule.js';

export { ruleDocsUrl, defineRule } from './rule.js';
export type { Fix, NoteFacts, Rule } from './rule.js';

/** A diagnostic as lint reports it: with the fix that `--fix` would apply, when there is one. */
export type LintMessage = Diagnostic & { fix?: Fix };

/** The problems of one note, counted as ESLint counts them. */
export interface LintResult {
  filePath: string;
  messages: LintMessage[];
  errorCount: number;
  warningCount: number;
  fixableErrorCount: number;
  fixableWarningCount: number;
  /** Problems switched off by `<!-- weekly-disable … -->` comments. */
  suppressedCount: number;
}

/** A rule as the config turns it on: its severity and validated options. */
export interface ActiveRule {
  rule: Rule;
  severity: Severity;
  options: unknown;
}

/** Options of `lintReports`. */
export interface LintOptions {
  /** The notes folder relative to the working directory: the folders below it name the authors. Default `.`. */
  root?: string;
}

function settingOf(setting: RuleSetting | undefined): { level: 'off' | Severity | undefined; options: unknown } {
  if (setting === undefined) return { level: undefined, options: {} };
  if (typeof setting === 'string') return { level: setting, options: {} };
  return { level: setting[0], options: setting[1] };
}

/**
 * Check the `rules` of a config against the registry: unknown ids and options that a rule's schema refuses.
 * Returns one line per problem, with the key path (`rules.metric-ratio.1.tolerance`).
 */
export function ruleConfigProblems(config: Config): string[] {
  const problems: string[] = [];
  for (const [id, setting] of Object.entries(config.rules ?? {})) {
    const rule = RULES_BY_ID.get(id);
    if (!rule) {
      problems.push(`unknown rule \`rules.${id}\`, expected one of ${RULES.map((r) => `\`${r.id}\``).join(', ')}`);
      continue;
    }
    const { options } = settingOf(setting);
    const r = (rule.options as z.ZodType).safeParse(options);
    if (!r.success) {
      const issues = r.error.issues.map((i) => ({ ...i, path: ['rules', id, 1, ...i.path] }));
      problems.push(...formatZodIssues({ issues } as unknown as z.ZodError));
    }
  }
  return problems;
}

/** The rules a config turns on, with severities and parsed options; a bad `rules` entry is a config failure. */
export function activeRules(config: Config): ActiveRule[] {
  const problems = ruleConfigProblems(config);
  if (problems.length) throw new WeeklyError(problems.map((p) => `config: ${p}`).join('\n'), 'config');
  const out: ActiveRule[] = [];
  for (const rule of RULES) {
    const { level, options } = settingOf(config.rules?.[rule.id]);
    const severity = level ?? rule.severity;
    if (severity === 'off') continue;
    out.push({ rule, severity, options: (rule.options as z.ZodType).parse(options) });
  }
  return out;
}

function stamp(rule: Rule, severity: Severity, file: string, p: ProblemReport): LintMessage {
  const m: LintMessage = {
    ruleId: rule.id,
    severity,
    message: p.message,
    file,
    line: p.line,
    column: p.column,
    endLine: p.endLine ?? p.line,
    endColumn: p.endColumn ?? p.column,
    url: ruleDocsUrl(rule.id),
  };
  if (p.expected !== undefined) m.expected = p.expected;
  if (p.actual !== undefined) m.actual = p.actual;
  if (p.fix) {
    m.fixable = true;
    m.fix = p.fix;
  }
  return m;
}

// eslint-disable-next-line no-control-regex
const UNSAFE_TEXT = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

function compareMessages(a: LintMessage, b: LintMessage): number {
  return a.line - b.line || a.column - b.column || a.ruleId.localeCompare(b.ruleId);
}

/** Count a file's messages into a result. */
export function toResult(filePath: string, messages: LintMessage[], suppressedCount = 0): LintResult {
  // messages quote the note (`Unexpected title \`…\``): what a terminal would act on is shown, not sent
  const sorted = messages.map((m) => (UNSAFE_TEXT.test(m.message) ? { ...m, message: printable(m.message) } : m)).sort(compareMessages);
  const count = (sev: Severity, fixable: boolean) => sorted.filter((m) => m.severity === sev && (!fixable || m.fix)).length;
  return {
    filePath,
    messages: sorted,
    errorCount: count('error', false),
    warningCount: count('warn', false),
    fixableErrorCount: count('error', true),
    fixableWarningCount: count('warn', true),
    suppressedCount,
  };
}

/** The result of a note that could not be read at all (binary, not UTF-8, too large). */
export function unreadableResult(file: string, reason: string): LintResult {
  return toResult(file, [
    { ruleId: 'parser', severity: 'error', message: `Unexpected file that cannot be read as a note: ${reason}`, file, line: 1, column: 1, endLine: 1, endColumn: 1 },
  ]);
}

/** The fields of a note that lint keeps after the per-note rules ran (sections without their text). */
export function factsOf(note: NoteFacts): NoteFacts {
  const f: NoteFacts = {
    file: note.file,
    title: note.title,
    titleLine: note.titleLine,
    week: note.week ? { ...note.week } : null,
    weekSource: note.weekSource,
    weekNumbering: note.weekNumbering,
    created: note.created,
    author: note.author,
  };
  if (note.comments) f.comments = note.comments;
  if (note.createdLine !== undefined) f.createdLine = note.createdLine;
  for (const k of ['weekConfidence', 'relativeWeek', 'dateSource', 'dateConfidence', 'language', 'lineCount'] as const) {
    if (note[k] !== undefined) (f as Record<string, unknown>)[k] = note[k];
  }
  if (note.when) f.when = note.when.map((s) => ({ ...s, week: s.week ? { ...s.week } : null }));
  // a section's kept text is the model's, not a fact rules across notes read; facts that have none (a cached
  // note's) share their sections, which settling weeks never changes
  if (note.sections) {
    const withText = note.sections.some((s) => (s as { text?: unknown }).text !== undefined);
    f.sections = withText ? note.sections.map(({ text, ...kept }: NonNullable<NoteFacts['sections']>[number] & { text?: unknown }) => kept) : note.sections;
  }
  return f;
}

/** The parser's diagnostics and the problems of the per-note rules of one note, before inline directives. Pure. */
export function lintNote(note: Report, rules: ActiveRule[], config: Config): LintMessage[] {
  const out: LintMessage[] = [];
  for (const d of note.diagnostics) out.push({ ...d });
  for (const { rule, severity, options } of rules) {
    if (rule.scope !== 'file') continue;
    try {
      rule.check({ note, config, options, report: (p) => out.push(stamp(rule, severity, note.file, p)) });
    } catch (err) {
      throw new Error(`rule ${rule.id} failed on ${note.file}: ${(err as Error).message}`, { cause: err });
    }
  }
  return out;
}

/** Problems of the rules that look across notes, by file. Pure; reads only each note's facts. */
export function lintAcross(notes: NoteFacts[], rules: ActiveRule[], config: Config, root = '.'): Map<string, LintMessage[]> {
  const byFile = new Map<string, LintMessage[]>();
  for (const { rule, severity, options } of rules) {
    if (rule.scope !== 'notes') continue;
    rule.check({
      notes,
      root,
      config,
      options,
      report: (p) => {
        const { file, ...problem } = p;
        if (!byFile.has(file)) byFile.set(file, []);
        byFile.get(file)!.push(stamp(rule, severity, file, problem));
      },
    });
  }
  return byFile;
}

/** A note's result: its messages with inline `<!-- weekly-disable … -->` comments applied (`messages` is kept). */
export function noteResult(note: NoteFacts, messages: LintMessage[]): LintResult {
  const directives = readDirectives(note.comments);
  const all = messages.slice();
  for (const d of directives) {
    for (const id of d.ids) {
      if (RULES_BY_ID.has(id)) continue;
      all.push({
        ruleId: 'parser',
        severity: 'warn',
        message: `Unexpected rule \`${id}\` in \`weekly-${d.kind}\`, expected a rule id such as \`${RULES[0].id}\``,
        file: note.file,
        line: d.line,
        column: 1,
        endLine: d.endLine,
        endColumn: 1,
      });
    }
  }
  // what the parser could not read is never switched off: the note says something lint cannot see
  const kept = directives.length ? all.filter((m) => m.ruleId === 'parser' || !isDisabled(directives, m.ruleId, m.line)) : all;
  return toResult(note.file, kept, all.length - kept.length);
}

/**
 * Lint parsed notes: run every rule the config turns on (per note, then across notes), apply severities and
 * inline `<!-- weekly-disable … -->` comments, and keep the parser's own diagnostics. Pure: no file system.
 * Results come in the order of `reports`; a bad `rules` entry in the config throws a config failure.
 */
export function lintReports(reports: Report[], config: Config, opts: LintOptions = {}): LintResult[] {
  const rules = activeRules(config);
  const own = reports.map((note) => lintNote(note, rules, config));
  const across = lintAcross(reports, rules, config, opts.root ?? '.');
  return reports.map((note, i) => noteResult(note, [...own[i], ...(across.get(note.file) ?? [])]));
}

/** Totals over all results. */
export function totals(results: LintResult[]): { errors: number; warnings: number; fixableErrors: number; fixableWarnings: number } {
  let errors = 0;
  let warnings = 0;
  let fixableErrors = 0;
  let fixableWarnings = 0;
  for (const r of results) {
    errors += r.errorCount;
    warnings += r.warningCount;
    fixableErrors += r.fixableErrorCount;
    fixableWarnings += r.fixableWarningCount;
  }
  return { errors, warnings, fixableErrors, fixableWarnings };
}
