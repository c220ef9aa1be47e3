import { badUserInput, decideNominal, openCursor, sealCursor, type CursorScope, type Viewer } from "@cix/core";
import type { PartyRow } from "../party/party.types.js";

/** A party read for a page, with the values it is sorted by (its keyset position). */
export type SortedPartyRow = {
  party: PartyRow;
  sort: unknown[];
};

export interface PartyPage<R extends SortedPartyRow> {
  rows: R[];
  hasNextPage: boolean;
  endCursor: string | null;
}

/**
 * One keyset page of parties. Every list of parties is a nominal read: `fetch` selects only parties whose nominal
 * data the caller may read (`nominalReadableBy` in its Cypher), so the page, its order and `hasNextPage` say nothing
 * about the others; `decideNominal` is asked again here so that a row the two rules disagree on is left out rather
 * than shown. Cursors are sealed for the list's scope (they hold names).
 */
export async function partyPage<R extends SortedPartyRow>(
  fetch: (after: readonly unknown[] | null, limit: number) => Promise<R[]>,
  opts: { first: number; after: readonly unknown[] | null; viewer: Viewer; scope: CursorScope },
): Promise<PartyPage<R>> {
  const rows = await fetch(opts.after, opts.first + 1);
  const page = rows.slice(0, opts.first).filter((row) => decideNominal(opts.viewer, row.party.__access).allowed);
  const last = rows.slice(0, opts.first).at(-1);
  return { rows: page, hasNextPage: rows.length > opts.first, endCursor: last ? sealCursor(last.sort, opts.scope) : null };
}

/**
 * The keyset position in an `after` cursor made by `partyPage`: a sort value of the expected kind (a name or
 * an ISO date-time string, or a score) and a party id.
 */
export function decodeKeyset(after: string | null | undefined, key: "name" | "instant" | "score", scope: CursorScope): unknown[] | null {
  const position = openCursor(after, scope);
  if (position === null) return null;
  const [value, id] = position;
  const valid =
    key === "score" ? typeof value === "number" : typeof value === "string" && (key === "name" || !Number.isNaN(Date.parse(value)));
  if (position.length !== 2 || !valid || typeof id !== "string") {
    throw badUserInput("after", "a cursor returned as endCursor by an earlier page of the same list and order");
  }
  return position;
}

/** A Relay connection of a page of parties, its cursors sealed for the list's scope. */
export function partyConnection(page: PartyPage<SortedPartyRow>, scope: CursorScope) {
  const edges = page.rows.map((row) => ({ cursor: sealCursor(row.sort, scope), node: row.party }));
  return { edges, nodes: edges.map((e) => e.node), pageInfo: { hasNextPage: page.hasNextPage, endCursor: page.endCursor } };
}
