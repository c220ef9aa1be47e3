import {
  coerceInputValue,
  getNamedType,
  getNullableType,
  GraphQLError,
  isEnumType,
  isInputObjectType,
  isListType,
  type GraphQLInputField,
  type GraphQLInputObjectType,
  type GraphQLInputType,
  type GraphQLNamedInputType,
} from "graphql";
import { ErrorCode } from "../errors.js";
import { findTextProblems, textProblemMessage } from "../graphql/text-input.js";
import { leaveOut, type LeftOut } from "./leave-out.js";
import { pathFromKeys } from "./paths.js";
import type { RowError, RowErrorCode } from "./types.js";

/** Refused strings reported per row (one is enough to fix the row; a few show a pattern). */
const MAX_TEXT_ERRORS = 10;

const CODE_SCALARS = new Set(["HSCode", "UNLocode", "CountryCode", "CurrencyCode", "AirlineCode"]);

/** The error code for a value that the named type refused. */
function codeForType(typeName: string | undefined, enumType: boolean): RowErrorCode {
  if (enumType) return "INVALID_ENUM";
  if (typeName === "Float" || typeName === "Int") return "INVALID_NUMBER";
  if (typeName === "Boolean") return "INVALID_BOOLEAN";
  if (typeName === "DateTime" || typeName === "Date") return "INVALID_DATE";
  if (typeName && CODE_SCALARS.has(typeName)) return "INVALID_CODE";
  return "INVALID_FORMAT";
}

/** The input type at a coercion error's path (list indices skipped). */
function typeAt(rowType: GraphQLInputObjectType, keys: ReadonlyArray<string | number>): GraphQLInputType | undefined {
  let type: GraphQLInputType = rowType;
  for (const key of keys) {
    if (typeof key === "number") continue;
    const named: GraphQLNamedInputType = getNamedType(type);
    if (!isInputObjectType(named)) return undefined;
    const field: GraphQLInputField | undefined = named.getFields()[key];
    if (!field) return undefined;
    type = field.type;
  }
  return type;
}

/**
 * Coerces a shaped row exactly as GraphQL coerces a mutation's variables (the same scalars with their code-list
 * checks, the same enums, the same mandatory fields), collecting every problem with its field path. Then every
 * string passes the hub's text rule (`graphql/text-input.ts`: no control characters, bidirectional controls or lone
 * surrogates; line breaks only in `@multiline` fields), as the subgraphs apply it to every GraphQL input:
 * `INVALID_VALUE` with the field and the character as U+XXXX.
 */
export function coerceRow(
  shaped: Record<string, unknown>,
  rowType: GraphQLInputObjectType,
): { value: Record<string, unknown> | null; partial: LeftOut; errors: Array<Omit<RowError, "row">> } {
  const errors: Array<Omit<RowError, "row">> = [];
  const value = coerceInputValue(shaped, rowType, (keys, _invalid, error) => {
    const missing = /^Field "([^"]+)" of required type "[^"]+" was not provided\.$/.exec(error.message);
    if (missing) {
      const field = pathFromKeys([...keys, missing[1]!]);
      errors.push({ field, code: "REQUIRED", message: `${field} is required.` });
      return;
    }
    const undefinedField = /^Field "([^"]+)" is not defined by type "([^"]+)"/.exec(error.message);
    if (undefinedField) {
      errors.push({ field: pathFromKeys([...keys, undefinedField[1]!]), code: "UNKNOWN_FIELD", message: error.message });
      return;
    }
    const field = pathFromKeys(keys);
    if (/^Expected non-nullable type/.test(error.message)) {
      errors.push({ field, code: "REQUIRED", message: `${field} is required.` });
      return;
    }
    const type = typeAt(rowType, keys);
    const named = type ? getNamedType(type) : undefined;
    const nullable = type ? getNullableType(type) : undefined;
    const code = nullable && isListType(nullable) ? "INVALID_FORMAT" : codeForType(named?.name, !!named && isEnumType(named));
    errors.push({ field, code, message: error.message });
  }) as Record<string, unknown> | undefined;
  // What coerced, without the fields that did not, so the row's further checks can still run on it.
  let partial = leaveOut(value ?? {}, new Set(errors.map((e) => e.field)));
  const textErrors = findTextProblems(rowType, partial.value, "", false, undefined, MAX_TEXT_ERRORS).map(
    (problem): Omit<RowError, "row"> => ({ field: partial.rowPath(problem.field), code: "INVALID_VALUE", message: textProblemMessage(problem) }),
  );
  if (textErrors.length > 0) {
    errors.push(...textErrors);
    partial = leaveOut(value ?? {}, new Set(errors.map((e) => e.field)));
  }
  return { value: errors.length === 0 && value ? partial.value : null, partial, errors };
}

/**
 * A validation error thrown by a mutation's own checks (`badUserInput("input.goods[2].quantity", …)`) as a row error
 * in the import's field names (`goods[2].quantity`). Anything that is not a BAD_USER_INPUT is not the row's fault
 * and is rethrown.
 */
export function rowErrorFromValidation(error: unknown): Omit<RowError, "row"> {
  if (error instanceof GraphQLError && error.extensions?.code === ErrorCode.BAD_USER_INPUT) {
    const raw = typeof error.extensions.field === "string" ? error.extensions.field : "";
    const field = raw.replace(/^input(\.|$)/, "");
    return { field, code: "INVALID_VALUE", message: error.message.replace(/\binput\./g, "").replace(/\binput\b/g, "row") };
  }
  throw error;
}

/** Runs a mutation's validation on one row: its result, or the row error it raised. */
export function validateRow<T>(validate: () => T): { valid: T } | { errors: Array<Omit<RowError, "row">> } {
  try {
    return { valid: validate() };
  } catch (error) {
    return { errors: [rowErrorFromValidation(error)] };
  }
}
