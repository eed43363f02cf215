/**
 * Why weekly could not do its job. The CLI maps every kind to exit code 2 and prefixes the message with the
 * command (`src/cli/errors.ts`); `config` messages name the config file instead.
 */
export type FailureKind = 'usage' | 'config' | 'input' | 'template' | 'output';

/** A failure the user can act on: one line per problem, naming the file and the reason; never shown with a stack. */
export class WeeklyError extends Error {
  constructor(
    message: string,
    readonly kind: FailureKind = 'usage',
  ) {
    super(message);
    this.name = 'WeeklyError';
  }
}

/** Exit codes, as documented in the README: the CLI is the only place that turns outcomes into them. */
export const EXIT = {
  ok: 0,
  problems: 1,
  failure: 2,
} as const;

/** An exit code. */
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];
