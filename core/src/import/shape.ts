import {
  getNamedType,
  getNullableType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  type GraphQLInputObjectType,
  type GraphQLInputType,
  type GraphQLNamedType,
} from "graphql";
import type { ColumnMapping } from "./mapping.js";
import { formatPath, parsePath } from "./paths.js";
import type { RowError } from "./types.js";

/**
 * Turns a record's leaves (path → value) into the nested input object of the kind's row type, guided by the type:
 * - a list of objects takes indices (`goods[0].hsCode`); a missing index means the first entry, so a single
 *   unindexed XML element or a `goods.hsCode` column is `goods[0]`;
 * - a list of values takes indices (`phones[1]`) or, in text formats, one cell of values separated by `;`;
 * - empty cells are absent values; entries of a list must be consecutive (`goods[0]`, `goods[1]`, …).
 * In text formats (CSV, XLSX, XML) numbers, booleans and dates are read from their text and enum values are
 * upper-cased; JSON values are taken as they are (as GraphQL variables are). Type checks are left to the
 * GraphQL coercion that follows, so the messages are the mutation's own. Dates and date-times in a format the
 * column mapping names (`$dateFormats`) are read in that format first, in any file format.
 */
export function shapeRecord(
  leaves: Map<string, unknown>,
  rowType: GraphQLInputObjectType,
  textual: boolean,
  dates?: Pick<ColumnMapping, "readDate">,
): { input: Record<string, unknown>; errors: Array<Omit<RowError, "row">> } {
  const input: Record<string, unknown> = {};
  const errors: Array<Omit<RowError, "row">> = [];
  const unknown = (field: string, message: string) => errors.push({ field, code: "UNKNOWN_FIELD", message });
  const convertLeaf = (field: string, raw: unknown, type: GraphQLNamedType): unknown => {
    if (dates && typeof raw === "string" && (type.name === "Date" || type.name === "DateTime")) {
      const read = dates.readDate(field, raw, type.name);
      if (read && "error" in read) {
        errors.push(read.error);
        return undefined;
      }
      if (read) return read.value;
    }
    return convert(raw, type, textual);
  };

  for (const [path, raw] of leaves) {
    const value = present(raw);
    if (value === undefined) continue;
    const segments = parsePath(path);
    if (!segments) {
      unknown(path, `"${path}" is not a field path (e.g. "goods[0].hsCode").`);
      continue;
    }
    let type: GraphQLInputObjectType = rowType;
    let target: Record<string, unknown> = input;
    for (let i = 0; i < segments.length; i++) {
      const seg = segments[i]!;
      const last = i === segments.length - 1;
      const where = formatPath(segments.slice(0, i + 1));
      const field = type.getFields()[seg.name];
      if (!field) {
        unknown(path, `${where === path ? `"${path}"` : `"${where}" (in "${path}")`} is not a field of ${type.name}.`);
        break;
      }
      const fieldType = getNullableType(field.type) as GraphQLInputType;
      const named = getNamedType(fieldType);
      if (isListType(fieldType)) {
        const list = (target[seg.name] ??= []) as unknown[];
        if (Array.isArray(value) && value.length === 0 && last) break;
        if (isInputObjectType(named)) {
          if (last) {
            unknown(path, `"${path}" is a list of ${named.name}: give its fields, e.g. "${seg.name}[0].${Object.keys(named.getFields())[0]}".`);
            break;
          }
          target = (list[seg.index ?? 0] ??= {}) as Record<string, unknown>;
          type = named;
          continue;
        }
        if (!last) {
          unknown(path, `"${where}" is a list of values and has no sub-fields.`);
          break;
        }
        if (seg.index !== undefined) list[seg.index] = convertLeaf(path, value, named);
        else if (textual && typeof value === "string") list.push(...value.split(";").flatMap((v) => (v.trim() === "" ? [] : [convertLeaf(path, v, named)])));
        else list.push(convertLeaf(path, value, named));
        break;
      }
      if (seg.index !== undefined) {
        unknown(path, `"${seg.name}" is a single value, not a list: "${where}" cannot have an index (is the element or column repeated?).`);
        break;
      }
      if (isInputObjectType(named)) {
        if (last) {
          unknown(path, `"${path}" has sub-fields: give them, e.g. "${path}.${Object.keys(named.getFields())[0]}".`);
          break;
        }
        target = (target[seg.name] ??= {}) as Record<string, unknown>;
        type = named;
        continue;
      }
      if (!last) {
        unknown(path, `"${where}" is a value and has no sub-fields.`);
        break;
      }
      const converted = convertLeaf(path, value, named);
      if (converted !== undefined) target[seg.name] = converted;
    }
  }
  if (textual) emptyRequiredLists(input, rowType);
  findHoles(input, "", errors);
  return { input, errors };
}

/** Flat formats cannot say "an empty list": a mandatory list with no columns filled is an empty list (e.g. an order's items). */
function emptyRequiredLists(value: Record<string, unknown>, type: GraphQLInputObjectType): void {
  for (const field of Object.values(type.getFields())) {
    const named = getNamedType(field.type);
    const child = value[field.name];
    if (child === undefined && isNonNullType(field.type) && isListType(field.type.ofType)) value[field.name] = [];
    else if (isInputObjectType(named) && child && typeof child === "object") {
      for (const item of Array.isArray(child) ? child : [child]) if (item && typeof item === "object") emptyRequiredLists(item as Record<string, unknown>, named);
    }
  }
}

/** The value, or undefined when it is absent (null, or text that is empty once trimmed). */
function present(raw: unknown): unknown {
  if (raw === null || raw === undefined) return undefined;
  if (typeof raw === "string") {
    const text = raw.trim();
    return text === "" ? undefined : text;
  }
  return raw;
}

const NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;
const TRUE = new Set(["true", "yes", "y", "1"]);
const FALSE = new Set(["false", "no", "n", "0"]);

/** Text (or a spreadsheet's typed cell) as the JSON value the GraphQL type expects; left alone when it cannot be. */
function convert(value: unknown, type: GraphQLNamedType, textual: boolean): unknown {
  if (!textual) return value;
  switch (type.name) {
    case "Float":
    case "Int":
      return typeof value === "string" && NUMBER.test(value) ? Number(value) : value;
    case "Boolean": {
      if (typeof value !== "string") return value;
      const v = value.toLowerCase();
      return TRUE.has(v) ? true : FALSE.has(v) ? false : value;
    }
    case "Date":
      return value instanceof Date ? value.toISOString().slice(0, 10) : asText(value);
    default:
      if (isEnumType(type) && typeof value === "string") return value.toUpperCase();
      return asText(value);
  }
}

function asText(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString();
  return typeof value === "number" || typeof value === "boolean" ? String(value) : value;
}

/** Lists with a gap (`goods[0]` and `goods[2]` but no `goods[1]`) are refused: entries are numbered in order. */
function findHoles(value: unknown, path: string, errors: Array<Omit<RowError, "row">>): void {
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      if (!(i in value)) {
        errors.push({ field: `${path}[${i}]`, code: "REQUIRED", message: `${path}[${i}] is empty but a later entry is not: list entries must be consecutive from [0].` });
      } else {
        findHoles(value[i], `${path}[${i}]`, errors);
      }
    }
  } else if (value !== null && typeof value === "object" && !(value instanceof Date)) {
    for (const [key, child] of Object.entries(value)) findHoles(child, path === "" ? key : `${path}.${key}`, errors);
  }
}
