import { linkIdentifiers, retainIdentifiers, type IdentifierKind, type Tx } from "@cix/core";
import { PARTY_REL } from "./identifier.kinds.js";
import type { IdentifierLists } from "./identifier.input.js";

/**
 * Makes each given list of a party's identifiers exactly what the input says (links merged, links no longer
 * listed removed), inside the caller's transaction. Lists not given are left as stored.
 */
export async function replacePartyIdentifiers(
  tx: Tx,
  party: { label: "Person" | "Company"; id: string },
  lists: IdentifierLists,
  provenance: { ownerAgency: string; source: string },
): Promise<void> {
  for (const [kind, identifiers] of Object.entries(lists) as Array<[IdentifierKind, NonNullable<IdentifierLists[IdentifierKind]>]>) {
    const rel = PARTY_REL[kind];
    await retainIdentifiers(tx, party, { rel, kind }, identifiers.map((i) => i.key));
    await linkIdentifiers(tx, party, identifiers.map((identifier) => ({ rel, identifier, edgeProps: provenance })));
  }
}
