/**
 * Reading the model's columns cell by cell: a class label as one spelling whatever the file stored, a
 * number column or an error naming the part it was meant to play.
 */
import { InputError } from '../core/errors.js';
import { MISSING_CODE, type Column, type Table } from '../core/table.js';

export function columnNamed(table: Table, name: string): Column | undefined {
  return table.columns.find((column) => column.name === name);
}

/**
 * A cell's class label: text as written, a number as its shortest round-trip text (as the category
 * counts of `samples.ts` spell it), so a label logged as 1 in one file and "1" in another is one class.
 */
export function labelsOf(column: Column): (row: number) => string | undefined {
  if (column.storage === 'text') return (row) => (column.codes[row] === MISSING_CODE ? undefined : column.dictionary[column.codes[row]]);
  return (row) => {
    const value = column.values[row];
    return Number.isFinite(value) ? numberLabel(value) : undefined;
  };
}

/** A number's shortest round-trip text, −0 as 0. */
export function numberLabel(value: number): string {
  return String(value === 0 ? 0 : value);
}

export function numbersOf(column: Column, part: string, table: Table, side: string): Float64Array {
  if (column.storage === 'numeric') return column.values;
  const example = column.dictionary[0];
  throw new InputError(
    `the ${part} column ${JSON.stringify(column.name)} holds text in the ${side} data (${JSON.stringify(example)}), where numbers are needed`,
    { file: table.sources.join(', ') },
  );
}
