import { badUserInput, decideNominal, decodeCursor, encodeCursor, type Viewer } from "@cix/core";
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

/** Rounds of fetching a filtered page may take before it returns a short page with a cursor to go on from. */
const MAX_ROUNDS = 5;

/**
 * One keyset page of parties. When the list was selected by nominal criteria (a name, an identifier, a
 * nationality), only parties whose nominal data the caller may read are returned: otherwise the page itself
 * would tell who is named so. Hidden rows are skipped by fetching further, so pages stay exact; `fetch`
 * returns rows after the given keyset position in sort order.
 */
export async function partyPage<R extends SortedPartyRow>(
  fetch: (after: readonly unknown[] | null, limit: number) => Promise<R[]>,
  opts: { first: number; after: readonly unknown[] | null; viewer: Viewer | null; visibleOnly: boolean },
): Promise<PartyPage<R>> {
  const { first, viewer, visibleOnly } = opts;
  const limit = visibleOnly ? Math.max(first + 1, 50) : first + 1;
  const visible: R[] = [];
  let position = opts.after;
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const batch = await fetch(position, limit);
    for (const row of batch) {
      if (!visibleOnly || decideNominal(viewer, row.party.__access).allowed) visible.push(row);
      if (visible.length > first) {
        const page = visible.slice(0, first);
        return { rows: page, hasNextPage: true, endCursor: encodeCursor(page.at(-1)!.sort) };
      }
    }
    if (batch.length < limit) {
      const last = visible.at(-1);
      return { rows: visible, hasNextPage: false, endCursor: last ? encodeCursor(last.sort) : null };
    }
    position = batch.at(-1)!.sort;
  }
  // Many hidden rows in a row: return what was found and let the client go on from the last row looked at.
  return { rows: visible, hasNextPage: true, endCursor: position ? encodeCursor(position) : null };
}

/**
 * The keyset position in an `after` cursor made by `partyPage`: a sort value of the expected kind (a name or
 * an ISO date-time string, or a score) and a party id.
 */
export function decodeKeyset(after: string | null | undefined, key: "name" | "instant" | "score"): unknown[] | null {
  const position = decodeCursor(after);
  if (position === null) return null;
  const [value, id] = position;
  const valid =
    key === "score" ? typeof value === "number" : typeof value === "string" && (key === "name" || !Number.isNaN(Date.parse(value)));
  if (position.length !== 2 || !valid || typeof id !== "string") {
    throw badUserInput("after", "a cursor returned as endCursor by an earlier page of the same list and order");
  }
  return position;
}

/** A Relay connection of a page of parties. */
export function partyConnection(page: PartyPage<SortedPartyRow>) {
  const edges = page.rows.map((row) => ({ cursor: encodeCursor(row.sort), node: row.party }));
  return { edges, nodes: edges.map((e) => e.node), pageInfo: { hasNextPage: page.hasNextPage, endCursor: page.endCursor } };
}
