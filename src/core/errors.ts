/**
 * A problem with what the user handed us: a file, a cell, an option.
 *
 * It is raised where the problem is found and rendered only at the edges (the CLI prints one line and
 * exits 2; the action fails the step with an annotation on the file), so it carries everything a person
 * needs to act on it and never a stack trace.
 */
export class InputError extends Error {
  override readonly name = 'InputError';

  constructor(
    message: string,
    /** Where the problem is, as precisely as it is known. */
    readonly location: { file?: string; line?: number; column?: number | string } = {},
  ) {
    super(message);
  }

  /** `file:line: column "x": message`, the shape compilers and linters use, so editors can jump to it. */
  describe(): string {
    const { file, line, column } = this.location;
    const where = [file, line].filter((part) => part !== undefined).join(':');
    const columnPart = column === undefined ? '' : `column ${JSON.stringify(column)}: `;
    return `${where ? `${where}: ` : ''}${columnPart}${this.message}`;
  }
}
