/** Plain-text tables and the small statistics the bench prints. */

export type Cell = string | number | null | undefined;

/** Prints rows under a header, numbers right-aligned. */
export function printTable(headers: string[], rows: Cell[][]): void {
  const text = rows.map((row) => row.map((cell) => (cell === null || cell === undefined ? '—' : String(cell))));
  const numeric = headers.map((_, c) => rows.length > 0 && rows.every((row) => typeof row[c] === 'number' || /^[\d.,\s]+(ms|kB|MB|B|%|×|\/s)?$/.test(String(row[c] ?? ''))));
  const widths = headers.map((h, c) => Math.max(h.length, ...text.map((row) => (row[c] ?? '').length)));
  const line = (cells: string[]) =>
    cells
      .map((cell, c) => (numeric[c] ? cell.padStart(widths[c]!) : cell.padEnd(widths[c]!)))
      .join('  ')
      .trimEnd();
  console.log(line(headers));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const row of text) console.log(line(row));
}

export function section(title: string): void {
  console.log(`\n## ${title}\n`);
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export const min = (values: readonly number[]): number => Math.min(...values);

export const kB = (bytes: number): string => `${(bytes / 1024).toFixed(1)} kB`;
export const MB = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
export const ms = (value: number | null | undefined): string => (value === null || value === undefined || !Number.isFinite(value) ? '—' : `${value.toFixed(0)} ms`);

/** Runs one part of the bench; a failure is printed and the bench goes on. */
export async function part(title: string, run: () => Promise<void> | void): Promise<void> {
  section(title);
  const started = performance.now();
  try {
    await run();
  } catch (error) {
    console.log(`could not measure: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`);
  }
  console.log(`\n(${((performance.now() - started) / 1000).toFixed(1)} s)`);
}
