/** An output's content: a string, or its pieces in order, made as they are written (a large JSON file). */
export type Content = string | Iterable<string>;

/** An output's content as one string. */
export function contentText(c: Content): string {
  return typeof c === 'string' ? c : [...c].join('');
}
