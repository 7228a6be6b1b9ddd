/**
 * CSV that R, SPSS and Excel read the same way: RFC 4180 quoting, CRLF line ends, a decimal point
 * whatever the separator (numbers are written by the builder, never in a locale), and a byte-order
 * mark only when asked for (Excel needs it to see UTF-8; R and SPSS do not).
 */
import type { Cell } from './types';

export interface CsvOptions {
  separator: ',' | ';';
  bom: boolean;
}

const BOM = '\uFEFF';

export function csvCell(value: Cell, separator: string): string {
  if (value === null) return '';
  const text = typeof value === 'number' ? numberText(value) : value;
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
  const lines: string[] = [header.map((h) => csvCell(h, options.separator)).join(options.separator)];
  for (const row of rows) lines.push(row.map((cell) => csvCell(cell, options.separator)).join(options.separator));
  return (options.bom ? BOM : '') + lines.join('\r\n') + '\r\n';
}
