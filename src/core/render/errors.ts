/** A template or locale file that could not be read, compiled or rendered: the file (as shown to the user), and the line when known. */
export class TemplateError extends Error {
  constructor(
    message: string,
    readonly file: string,
    readonly line: number | null,
  ) {
    super(message);
    this.name = 'TemplateError';
  }
}
