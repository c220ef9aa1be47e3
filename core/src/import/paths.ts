/**
 * Field paths as the import writes them: `caseNumber`, `conveyance.mode`, `goods[0].hsCode`, `phones[1]`.
 * Flat formats use them as column names; nested formats (JSON, XML) are flattened to them before a column
 * mapping applies, so one mapping mechanism serves every format.
 */

export interface PathSegment {
  name: string;
  /** The list index, when the segment has one. */
  index?: number;
}

const SEGMENT = /^([^.[\]]+)(?:\[(\d{1,6})\])?$/;

/** Splits a path into segments, or returns null when it is not a well-formed path. */
export function parsePath(path: string): PathSegment[] | null {
  const parts = path.trim().split(".");
  const segments: PathSegment[] = [];
  for (const part of parts) {
    const m = SEGMENT.exec(part.trim());
    if (!m) return null;
    segments.push(m[2] === undefined ? { name: m[1]! } : { name: m[1]!, index: Number(m[2]) });
  }
  return segments;
}

export function formatPath(segments: readonly PathSegment[]): string {
  return segments.map((s) => (s.index === undefined ? s.name : `${s.name}[${s.index}]`)).join(".");
}

/** A GraphQL error path (`["goods", 2, "quantity"]`) as a field path (`goods[2].quantity`). */
export function pathFromKeys(keys: ReadonlyArray<string | number>): string {
  let out = "";
  for (const key of keys) out += typeof key === "number" ? `[${key}]` : out === "" ? key : `.${key}`;
  return out;
}

/** Leaves of a nested value by path; arrays get indices, empty objects and arrays vanish. */
export function flatten(value: Record<string, unknown>, prefix = "", out = new Map<string, unknown>()): Map<string, unknown> {
  for (const [key, child] of Object.entries(value)) {
    const path = prefix === "" ? key : `${prefix}.${key}`;
    addLeaves(path, child, out);
  }
  return out;
}

function addLeaves(path: string, value: unknown, out: Map<string, unknown>): void {
  if (Array.isArray(value)) {
    // An empty list stays one (JSON `"items": []` is a list with no entries, not an absent field).
    if (value.length === 0) out.set(path, []);
    value.forEach((item, i) => addLeaves(`${path}[${i}]`, item, out));
  } else if (value !== null && typeof value === "object" && !(value instanceof Date)) {
    flatten(value as Record<string, unknown>, path, out);
  } else {
    out.set(path, value);
  }
}
