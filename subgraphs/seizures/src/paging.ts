import { badUserInput, decodeCursor, loadConfig, pageSize } from "@cix/core";
import type { Keyset } from "./seizure/seizure.projection.js";

let maxPageSize: number | undefined;

/** `first`, checked against the hub's hard maximum (CIX_MAX_PAGE_SIZE). */
export function checkedFirst(first: number, argName = "first"): number {
  maxPageSize ??= loadConfig().CIX_MAX_PAGE_SIZE;
  return pageSize(first, maxPageSize, argName);
}

/** Decodes an `after` cursor made from `[seizedAt, id]` of the last case of a page. */
export function keysetAfter(after: string | null | undefined, argName = "after"): Keyset | null {
  const cursor = decodeCursor(after, argName);
  if (!cursor) return null;
  const [at, id] = cursor;
  if (typeof at !== "string" || Number.isNaN(Date.parse(at)) || typeof id !== "string") {
    throw badUserInput(argName, "a cursor returned as endCursor by an earlier page");
  }
  return { afterAt: at, afterId: id };
}
