/**
 * Control characters (C0 but tab and line feed, DEL, C1) and bidirectional overrides: a terminal acts on them
 * (clear the screen, set the title, write the clipboard, reorder what is shown), so text from a note or a file
 * name never reaches one raw.
 */
// eslint-disable-next-line no-control-regex -- the control characters are what this finds
const UNSAFE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

const shown = (c: string) => `\\u{${c.codePointAt(0)!.toString(16)}}`;

/** Text safe to print on a terminal: what a terminal would act on is shown as `\u{1b}`; lines and tabs stay. */
export function terminalSafe(text: string): string {
  return text.replace(UNSAFE, shown);
}

/** One line safe to print: as `terminalSafe`, and a line feed shown as `\u{a}` too. */
export function printable(text: string): string {
  return terminalSafe(text).replace(/\n/g, shown);
}
