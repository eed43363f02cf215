import { CommanderError } from 'commander';
import { EXIT, WeeklyError, type ExitCode } from '../core/errors.js';

/** How a run that threw ends: the one map from errors to exit codes and messages. */
export interface Ending {
  code: ExitCode;
  /** Lines for stderr, each ending in a newline; empty when there is nothing to add. */
  message: string;
  /** A bug in weekly rather than something the user can fix. */
  bug?: boolean;
}

/**
 * The exit code and message of a thrown error. A `WeeklyError` is the user's to fix: exit 2, each line of its
 * message prefixed with the command (`weekly lint: …`), or with `weekly:` for the config, which every command
 * shares. Commander has already printed its own usage errors. Anything else is a bug in weekly: exit 2 with a
 * plain line, and the stack only with `WEEKLY_DEBUG`.
 */
export function endingOf(err: unknown, command: string | null, debug = false): Ending {
  if (err instanceof CommanderError) {
    const clean = err.code === 'commander.helpDisplayed' || err.code === 'commander.version' || err.code === 'commander.help';
    return { code: clean ? EXIT.ok : EXIT.failure, message: '' };
  }
  if (err instanceof WeeklyError) {
    const prefix = err.kind === 'config' || !command ? 'weekly' : `weekly ${command}`;
    const lines = err.message.split('\n').filter((l) => l !== '');
    return { code: EXIT.failure, message: lines.map((l) => `${prefix}: ${l}\n`).join('') };
  }
  // a bug in weekly, not in the notes: say so plainly, with the one line that helps a bug report
  const e = err as Error | undefined;
  const message = `weekly: internal error: ${e?.message ?? String(err)}\nPlease report it with the command you ran.\n${debug && e?.stack ? `${e.stack}\n` : ''}`;
  return { code: EXIT.failure, message, bug: true };
}
