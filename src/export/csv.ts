/**
 * CSV that R, SPSS and Excel read the same way: RFC 4180 quoting, CRLF line ends, a decimal point
 * whatever the separator (numbers are written by the builder, never in a locale), and a byte-order
 * mark only when asked for (Excel needs it to see UTF-8; R and SPSS do not).
 *
 * Formula injection (OWASP "CSV Injection"): a text cell starting with = + - @, a tab or a carriage
 * return — an imported pack's item number or label, any text — gets a single quote in front, so a
 * spreadsheet shows it as text instead of running it. A number is never changed: number cells, and
 * text cells that are exactly a plain decimal number as numberText writes it (-1.5, 0, 4.333333),
 * stay as they are, so -1.5 stays the number -1.5.
 */
import type { Cell } from './types';

export interface CsvOptions {
  separator: ',' | ';';
  bom: boolean;
}

const BOM = '\uFEFF';

const FORMULA_START = /^[=+\-@\t\r]/;
const PLAIN_NUMBER = /^-?\d+(\.\d+)?$/;

export function csvCell(value: Cell, separator: string): string {
  if (value === null) return '';
  let text = typeof value === 'number' ? numberText(value) : value;
  if (typeof value === 'string' && FORMULA_START.test(text) && !PLAIN_NUMBER.test(text)) text = `'${text}`;
  return text.includes('"') || text.includes(separator) || text.includes('\n') || text.includes('\r') ? `"${text.replaceAll('"', '""')}"` : text;
}

/** Plain decimal notation with a point: 0.5, 4.333333, never "1e-7" or "4,5". */
export function numberText(value: number): string {
  if (!Number.isFinite(value)) return '';
  // Scores are means of small integers: six decimals keep every distinction without float noise.
  const rounded = Math.round(value * 1e6) / 1e6;
  return Object.is(rounded, -0) ? '0' : String(rounded);
}

export function toCsv(header: readonly string[], rows: readonly (readonly Cell[])[], options: CsvOptions): string {
  return [...csvLines(header, rows, options)].join('');
}

/** The same text line by line (each with its CRLF; the BOM with the header), for writing a file as its rows are made. */
export function* csvLines(header: readonly string[], rows: Iterable<readonly Cell[]>, options: CsvOptions): Generator<string> {
  const line = (cells: readonly Cell[]) => cells.map((cell) => csvCell(cell, options.separator)).join(options.separator) + '\r\n';
  yield (options.bom ? BOM : '') + line(header);
  for (const row of rows) yield line(row);
}
