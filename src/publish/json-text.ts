/**
 * Parsing a JSON file the user wrote, with the line of a syntax error in the message's location: the
 * annotation then lands on it. V8 gives the offset where parsing stopped ("at position 22"); input that
 * ends too early has none, and its error belongs at the end of the file.
 */
import { InputError } from '../core/errors.js';

export function parseJsonFile(text: string, file: string, explain: (syntaxError: string) => string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    const message = (error as Error).message;
    const position = /at position (\d+)/.exec(message);
    throw new InputError(explain(message), { file, line: lineAt(text, position ? Number(position[1]) : text.length) });
  }
}

function lineAt(text: string, offset: number): number {
  let line = 1;
  for (let index = text.indexOf('\n'); index !== -1 && index < offset; index = text.indexOf('\n', index + 1)) line++;
  return line;
}
