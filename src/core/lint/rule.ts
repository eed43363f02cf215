import type { z } from 'zod';
import type { Config } from '../config.js';
import type { NoteFacts, Report, Severity } from '../model.js';

/**
 * An edit that fixes a problem: replace the text from `line:column` up to (not including) `endLine:endColumn`
 * with `text`. A `\n` in `text` is written as the file's own line ending. `line` may be one past the last
 * line (column 1) to append at the end of the file.
 */
export interface Fix {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  text: string;
}

/** What a rule passes to `ctx.report`: the engine adds the rule id, severity, file and docs URL. */
export interface ProblemReport {
  message: string;
  line: number;
  column: number;
  endLine?: number;
  endColumn?: number;
  expected?: string;
  actual?: string;
  fix?: Fix;
}

/** Context of a rule that checks one note at a time. */
export interface FileRuleContext<O> {
  /** The note being checked. */
  note: Report;
  config: Config;
  options: O;
  report(problem: ProblemReport): void;
}

/** What rules across notes read of each note; lint keeps just these of every note, not the whole model (`model.ts`). */
export type { NoteFacts };

/** Context of a rule that checks all notes together (a series of weeks). */
export interface NotesRuleContext<O> {
  notes: NoteFacts[];
  /** The notes folder, relative to the working directory: authors are named by the folders below it. */
  root: string;
  config: Config;
  options: O;
  report(problem: ProblemReport & { file: string }): void;
}

interface RuleMeta<S extends z.ZodType> {
  id: string;
  /** One line: what the rule checks. */
  description: string;
  /** Severity when the config says nothing. */
  severity: Severity;
  /** Options, validated when the config is loaded; `{}` is parsed for the defaults. */
  options: S;
  /** Whether some of its problems can be fixed with `--fix`. */
  fixable?: boolean;
}

/** A rule that checks one note at a time. */
export interface FileRule<S extends z.ZodType = z.ZodType> extends RuleMeta<S> {
  scope: 'file';
  check(ctx: FileRuleContext<z.output<S>>): void;
}

/** A rule that checks all notes together. */
export interface NotesRule<S extends z.ZodType = z.ZodType> extends RuleMeta<S> {
  scope: 'notes';
  check(ctx: NotesRuleContext<z.output<S>>): void;
}

/** A lint rule, as registered in `src/rules/index.ts`. */
export type Rule = FileRule | NotesRule;

/** Declare a rule; the identity function that gives `check` its typed options. */
export function defineRule<S extends z.ZodType>(rule: Omit<FileRule<S>, 'scope'> & { scope?: 'file' }): FileRule<S>;
export function defineRule<S extends z.ZodType>(rule: NotesRule<S>): NotesRule<S>;
export function defineRule(rule: Omit<Rule, 'scope'> & { scope?: Rule['scope'] }): Rule {
  return { ...rule, scope: rule.scope ?? 'file' } as Rule;
}

/** Where a rule's documentation lives: the one place docs URLs are made. */
export function ruleDocsUrl(id: string): string {
  return `https://github.com/weekly-md/weekly/blob/main/docs/rules/${id}.md`;
}
