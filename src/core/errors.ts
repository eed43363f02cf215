/** A failure the user can act on: printed as one line, never with a stack trace, and ends the run with `code`. */
export class ExitError extends Error {
  constructor(
    message: string,
    public readonly code: 0 | 1 | 2 = 2,
  ) {
    super(message);
    this.name = 'ExitError';
  }
}

/** Exit codes, as documented in the README. */
export const EXIT = {
  ok: 0,
  problems: 1,
  failure: 2,
} as const;
