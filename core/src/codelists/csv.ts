import { readFileSync } from "node:fs";
import { parse } from "csv-parse/sync";

/**
 * Reads a UTF-8 CSV file whose first line is a header and hands every data row, as an array of raw
 * strings, and its 1-based line number (records spanning lines aside), to `onRow`, which builds whatever
 * compact form it needs.
 *
 * Parsing is tolerant of what real exports contain: a byte-order mark, rows with fewer or more columns
 * than the header, and stray quotes inside fields. Returns the header.
 */
export function readCsv(file: string, onRow: (fields: string[], line: number) => void): string[] {
  // Plain array output is ~20% faster than csv-parse's `on_record` hook, which builds a context object per
  // row; the rows are transient (a few tens of MB for UN/LOCODE) and dropped when this function returns.
  const rows: string[][] = parse(readFileSync(file), {
    bom: true,
    relax_column_count: true,
    relax_quotes: true,
    skip_empty_lines: true,
  });
  const header = rows[0];
  if (header === undefined) throw new Error(`${file} is empty: expected a CSV header line`);
  for (let i = 1; i < rows.length; i++) onRow(rows[i] as string[], i + 1);
  return header;
}

/** Throws unless `header` starts with the `expected` column names, so a changed export fails loudly at start-up. */
export function expectColumns(file: string, header: string[], expected: readonly string[]): void {
  const actual = header.slice(0, expected.length).map((h) => h.trim());
  if (expected.some((name, i) => actual[i] !== name)) {
    throw new Error(`${file}: unexpected columns "${header.join(",")}"; expected "${expected.join(",")}"`);
  }
}
