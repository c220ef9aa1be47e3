import { GraphQLError } from "graphql";
import { ErrorCode } from "../errors.js";
import { rowErrorFromValidation } from "./coerce.js";
import { follows, hasValueAt, leaveOut, MAX_CHECKS_PER_ROW } from "./leave-out.js";
import type { CoercedRow, PreparedRow, RowError } from "./types.js";

const isBadUserInput = (error: unknown) => error instanceof GraphQLError && error.extensions?.code === ErrorCode.BAD_USER_INPUT;

/**
 * Runs a mutation's validation on every row of a batch and reports ALL of a row's errors, not only the first: the
 * validators throw at their first problem, so the field it names is left out and the row validated again, until it
 * passes or an error cannot be got past (a field the row does not have, or one that only follows from a field left
 * out). `failed` are the batch's reference errors (a reference that named nothing); rows with them, or with errors
 * the engine found before (`row.known`), are validated as well. A row that validates once the fields of its errors
 * are left out comes back `valid` with those `errors` (see `PreparedRow`); errors that are consequences of another
 * (the same field, or a field holding it) are not repeated.
 */
export function prepareRows<T>(
  rows: readonly CoercedRow[],
  failed: ReadonlyArray<Omit<RowError, "row"> & { row: number }>,
  validate: (row: CoercedRow, index: number) => T,
): Array<PreparedRow<T>> {
  const failedByRow = new Map<number, Array<Omit<RowError, "row">>>();
  for (const { row, ...error } of failed) failedByRow.set(row, [...(failedByRow.get(row) ?? []), error]);
  return rows.map((row, index) => {
    const rowPath = row.rowPath ?? ((path: string) => path);
    const known = [...(row.known ?? [])];
    const errors: Array<Omit<RowError, "row">> = [];
    const add = (error: Omit<RowError, "row">): boolean => {
      if ([...known, ...errors].some((e) => follows(error.field, e.field))) return false;
      errors.push(error);
      return true;
    };
    for (const error of failedByRow.get(row.row) ?? []) add({ ...error, field: rowPath(error.field) });
    const leftOut = new Set<string>();
    for (let check = 0; check < MAX_CHECKS_PER_ROW; check++) {
      const view = leftOut.size > 0 ? leaveOut(row.input, leftOut) : { value: row.input, rowPath: (path: string) => path };
      try {
        const valid = validate(leftOut.size > 0 ? { ...row, input: view.value } : row, index);
        return errors.length > 0 ? { row: row.row, valid, errors } : { row: row.row, valid };
      } catch (error) {
        // A validator that stumbles on a row already found wrong (a field left out) has said all it can.
        if (!isBadUserInput(error) && (errors.length > 0 || known.length > 0 || leftOut.size > 0)) break;
        const found = rowErrorFromValidation(error);
        const inInput = view.rowPath(found.field);
        if (!add({ ...found, field: rowPath(inInput) }) || !hasValueAt(row.input, inInput)) break;
        leftOut.add(inInput);
      }
    }
    return { row: row.row, errors };
  });
}
