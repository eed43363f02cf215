import type { LintResult } from '../lint/index.js';

/** What a formatter may use besides the results. */
export interface FormatOptions {
  /** Working directory the file paths are relative to (SARIF records it as the source root). */
  cwd?: string;
  /** Colour the output (stylish only); the CLI sets it when stdout is a TTY. */
  color?: boolean;
  /** Version of weekly, recorded by SARIF. */
  version?: string;
}

/** A formatter: results in, text out. Pure. */
export type Formatter = (results: LintResult[], opts?: FormatOptions) => string;
