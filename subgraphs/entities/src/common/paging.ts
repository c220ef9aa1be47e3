import { loadConfig, pageSize } from "@cix/core";

let max: number | undefined;

/** Validates `first` against the hub's hard maximum page size (CIX_MAX_PAGE_SIZE). */
export function checkedPageSize(first: number): number {
  max ??= loadConfig().CIX_MAX_PAGE_SIZE;
  return pageSize(first, max);
}
