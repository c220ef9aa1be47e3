import { badUserInput, decodeCursor, loadConfig, pageSize } from "@cix/core";

let maxPageSize: number | undefined;

/** `first`, checked against the hub's hard maximum (CIX_MAX_PAGE_SIZE). */
export function checkedFirst(first: number): number {
  maxPageSize ??= loadConfig().CIX_MAX_PAGE_SIZE;
  return pageSize(first, maxPageSize);
}

/** Where the previous page ended: the sort instant and id of its last item. */
export interface Keyset {
  afterAt: string | null;
  afterId: string | null;
}

/** Decodes an `after` cursor made by `toConnection(rows, first, (r) => [r.<sortAt>, r.id])`. */
export function keysetAfter(after: string | null | undefined): Keyset {
  const cursor = decodeCursor(after);
  if (!cursor) return { afterAt: null, afterId: null };
  const [at, id] = cursor;
  if (typeof at !== "string" || Number.isNaN(Date.parse(at)) || typeof id !== "string") {
    throw badUserInput("after", "a cursor returned as endCursor by an earlier page");
  }
  return { afterAt: at, afterId: id };
}

/**
 * Cypher condition for "after the cursor" in `ORDER BY <v>.<prop> DESC, <v>.id` order, reading `$afterAt` and
 * `$afterId`. `variable` and `property` are constants of the calling repository, never input.
 */
export function afterCursor(variable: string, property: string): string {
  const key = `${variable}.${property}`;
  return `($afterAt IS NULL OR ${key} < datetime($afterAt) OR (${key} = datetime($afterAt) AND ${variable}.id > $afterId))`;
}
