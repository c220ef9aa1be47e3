import { GraphQLError, GraphQLScalarType, Kind, print, type ValueNode } from "graphql";

/**
 * Shared machinery of the CIX scalars: one `check` function per scalar turns raw input into the
 * normalised value or a reason, and this module turns reasons into uniform `BAD_USER_INPUT` errors:
 *
 *   HSCode "1234X" is not valid: expected a 2-, 4- or 6-digit code from the HS 2022 nomenclature (e.g. "010121")
 *   HSCode "999999" is not in the HS 2022 nomenclature
 *
 * with `extensions: { code: "BAD_USER_INPUT", expected: "<short form>" }`.
 */

export type CheckResult<T> =
  | { ok: true; value: T }
  /** Not of the expected form. `detail` replaces the generic "expected …" text when given. */
  | { ok: false; reason: "format"; detail?: string }
  /** Well-formed, but not in the code list; `message` completes `<Scalar> "<value>" …`. */
  | { ok: false; reason: "unknown"; message: string };

export interface StringScalarSpec<T> {
  name: string;
  description: string;
  specifiedByURL?: string;
  /** Short form for `extensions.expected`, e.g. `2-, 4- or 6-digit HS 2022 code, e.g. "010121"`. */
  expected: string;
  /** Completes "expected …" in format errors, e.g. `a 2-, 4- or 6-digit code from … (e.g. "010121")`. */
  expectedLong: string;
  /** Extra advice when a number is sent instead of a string. */
  numberHint?: string;
  /** Validates and normalises a string input. */
  check(input: string): CheckResult<T>;
  /** Output conversion; by default the value is returned as it is when it is a string. */
  serialize?(value: unknown): string;
}

const ok = <T>(value: T): CheckResult<T> => ({ ok: true, value });
const format = (detail?: string): CheckResult<never> => ({ ok: false, reason: "format", detail });
const unknown = (message: string): CheckResult<never> => ({ ok: false, reason: "unknown", message });
export const result = { ok, format, unknown };

/** `"value"` for strings, the value itself for other primitives, cut to a readable length. */
export function show(value: unknown): string {
  let s: string;
  if (typeof value === "string") s = JSON.stringify(value);
  else if (value === null || value === undefined || typeof value !== "object") s = String(value);
  else s = Array.isArray(value) ? "a list" : "an object";
  return s.length > 60 ? `${s.slice(0, 57)}…` : s;
}

export function badInput(message: string, expected: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: "BAD_USER_INPUT", expected } });
}

function describeType(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "a list";
  return typeof value === "object" ? "an object" : `${typeof value} ${show(value)}`;
}

function literalKind(node: ValueNode): string {
  switch (node.kind) {
    case Kind.INT:
      return `Int literal ${node.value}`;
    case Kind.FLOAT:
      return `Float literal ${node.value}`;
    case Kind.BOOLEAN:
      return `Boolean literal ${String(node.value)}`;
    case Kind.ENUM:
      return `enum value ${node.value}`;
    default:
      return print(node);
  }
}

/** Runs `spec.check` on a string and throws the uniform error when it fails. */
export function parseWith<T>(spec: StringScalarSpec<T>, input: string): T {
  const r = spec.check(input);
  if (r.ok) return r.value;
  if (r.reason === "unknown") throw badInput(`${spec.name} ${show(input)} ${r.message}`, spec.expected);
  throw badInput(`${spec.name} ${show(input)} is not valid: ${r.detail ?? `expected ${spec.expectedLong}`}`, spec.expected);
}

function notAString(spec: StringScalarSpec<unknown>, got: string, isNumber: boolean): GraphQLError {
  const hint = isNumber && spec.numberHint ? ` (${spec.numberHint})` : "";
  return badInput(`${spec.name} must be a string, got ${got}${hint}: expected ${spec.expectedLong}`, spec.expected);
}

/** A scalar whose input is a string (literal or variable), validated and normalised by `spec.check`. */
export function stringScalar<T>(spec: StringScalarSpec<T>): GraphQLScalarType<T, string> {
  return new GraphQLScalarType<T, string>({
    name: spec.name,
    description: spec.description,
    specifiedByURL: spec.specifiedByURL,
    parseValue(value: unknown): T {
      if (typeof value !== "string") throw notAString(spec, describeType(value), typeof value === "number");
      return parseWith(spec, value);
    },
    parseLiteral(node: ValueNode): T {
      if (node.kind !== Kind.STRING) {
        throw notAString(spec, literalKind(node), node.kind === Kind.INT || node.kind === Kind.FLOAT);
      }
      return parseWith(spec, node.value);
    },
    serialize(value: unknown): string {
      if (spec.serialize) return spec.serialize(value);
      if (typeof value === "string") return value;
      throw new GraphQLError(`${spec.name} cannot represent a non-string value: ${describeType(value)}`);
    },
  });
}
