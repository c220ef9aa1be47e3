import { validateRow } from "./coerce.js";
import type { CoercedRow, PreparedRow, RowError } from "./types.js";

/**
 * Runs a mutation's validation on every row of a batch, skipping rows that already failed (e.g. a reference that
 * named nothing): each row ends up valid, or with its errors.
 */
export function prepareRows<T>(
  rows: readonly CoercedRow[],
  failed: ReadonlyArray<Omit<RowError, "row"> & { row: number }>,
  validate: (row: CoercedRow, index: number) => T,
): Array<PreparedRow<T>> {
  const errorsByRow = new Map<number, Array<Omit<RowError, "row">>>();
  for (const { row, ...error } of failed) errorsByRow.set(row, [...(errorsByRow.get(row) ?? []), error]);
  return rows.map((row, index) => {
    const errors = errorsByRow.get(row.row);
    if (errors) return { row: row.row, errors };
    const result = validateRow(() => validate(row, index));
    return "valid" in result ? { row: row.row, valid: result.valid } : { row: row.row, errors: result.errors };
  });
}
