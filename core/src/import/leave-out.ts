import { getNamedType, isInputObjectType, isNonNullType, type GraphQLInputObjectType } from "graphql";
import { parsePath } from "./paths.js";
import { IMPORT_REFERENCE, type RowError, type RowErrorCode } from "./types.js";

/**
 * Leaving fields out of a row: how the import finds every error of a row (a field that failed is left out and the
 * row checked again, so the next check can speak) and how a lenient import stores a row without an optional value
 * that failed. One mechanism for every kind: the mutations' validators stay as they are (first error thrown).
 */

/** Most checks of one row while looking for its further errors. */
export const MAX_CHECKS_PER_ROW = 50;

/** A row value without some field paths, and how to number a path in it as in the row (list entries move up). */
export interface LeftOut {
  value: Record<string, unknown>;
  rowPath(path: string): string;
}

const identity = (path: string) => path;

/** An input object as coercion builds it (not a Date or another scalar's value). */
function isPlainObject(node: unknown): node is Record<string, unknown> {
  if (node === null || typeof node !== "object") return false;
  const proto = Object.getPrototypeOf(node) as unknown;
  return proto === Object.prototype || proto === null;
}

/** `value` without the fields and list entries at `paths` (in `value`'s own numbering) and without undefined fields. */
export function leaveOut(value: Record<string, unknown>, paths: ReadonlySet<string>): LeftOut {
  // For each list (by its path in `value`), the index in `value` of each entry kept.
  const kept = new Map<string, number[]>();
  const walk = (node: unknown, path: string): unknown => {
    if (Array.isArray(node)) {
      const indices: number[] = [];
      const out: unknown[] = [];
      node.forEach((item, i) => {
        const itemPath = `${path}[${i}]`;
        if (paths.has(itemPath) || item === undefined) return;
        indices.push(i);
        out.push(walk(item, itemPath));
      });
      kept.set(path, indices);
      return out;
    }
    if (isPlainObject(node)) {
      const out: Record<string, unknown> = {};
      for (const [key, child] of Object.entries(node)) {
        const childPath = path === "" ? key : `${path}.${key}`;
        if (child === undefined || paths.has(childPath)) continue;
        out[key] = walk(child, childPath);
      }
      return out;
    }
    return node;
  };
  const result = walk(value, "") as Record<string, unknown>;
  if (kept.size === 0) return { value: result, rowPath: identity };
  return {
    value: result,
    rowPath(path: string): string {
      const segments = parsePath(path);
      if (!segments) return path;
      let out = "";
      for (const seg of segments) {
        out = out === "" ? seg.name : `${out}.${seg.name}`;
        if (seg.index !== undefined) out += `[${kept.get(out)?.[seg.index] ?? seg.index}]`;
      }
      return out;
    },
  };
}

/** Whether the row has a value at a path (a field, or a list entry). */
export function hasValueAt(value: Record<string, unknown>, path: string): boolean {
  const segments = parsePath(path);
  if (!segments) return false;
  let node: unknown = value;
  for (const seg of segments) {
    if (node === null || typeof node !== "object") return false;
    node = (node as Record<string, unknown>)[seg.name];
    if (seg.index !== undefined) node = Array.isArray(node) ? node[seg.index] : undefined;
  }
  return node !== undefined && node !== null;
}

/**
 * Whether an error on `field` is the consequence of one already reported on `reported`: the same field, or a field
 * holding it (`route[0]` "a locode or a country" once `route[0].locode` was left out; `""`, the row as a whole).
 */
export function follows(field: string, reported: string): boolean {
  return field === reported || field === "" || reported.startsWith(`${field}.`) || reported.startsWith(`${field}[`);
}

const NEVER_LEFT_OUT: ReadonlySet<RowErrorCode> = new Set(["REQUIRED", "UNKNOWN_FIELD", "REFERENCE_NOT_FOUND", "MALFORMED_ROW", "WRITE_FAILED", "FILE_REJECTED"]);

/**
 * Whether a lenient import may store the row without the value an error is about: an optional value (a scalar or
 * enum field that is not mandatory, or an entry of an optional list of such values) that is neither part of the
 * kind's natural key nor of a reference to another record. Mandatory fields, natural keys, references and checks
 * of a whole object or of the row (cross-field rules) reject the row.
 */
export function mayLeaveOut(rowType: GraphQLInputObjectType, keyFields: readonly string[], error: Omit<RowError, "row">): boolean {
  if (NEVER_LEFT_OUT.has(error.code)) return false;
  const segments = parsePath(error.field);
  if (!segments || keyFields.includes(segments[0]!.name)) return false;
  let type = rowType;
  for (let i = 0; i < segments.length; i++) {
    const field = type.getFields()[segments[i]!.name];
    if (!field) return false;
    const named = getNamedType(field.type);
    if (named.extensions[IMPORT_REFERENCE] === true) return false;
    if (i === segments.length - 1) return !isInputObjectType(named) && !isNonNullType(field.type);
    if (!isInputObjectType(named)) return false;
    type = named;
  }
  return false;
}
