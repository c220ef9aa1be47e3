import { linkIdentifiersMany, retainIdentifiersMany, type IdentifierKind, type OwnerKeys, type OwnerLinks, type Tx } from "@cix/core";
import { PARTY_REL } from "./identifier.kinds.js";
import type { IdentifierLists } from "./identifier.input.js";

/** One party's identifier lists as an upsert gives them, with the provenance its links get. */
export interface PartyIdentifiers {
  partyId: string;
  lists: IdentifierLists;
  provenance: { ownerAgency: string; source: string };
}

/**
 * Makes each given list of each party's identifiers exactly what its input says (links merged, links no longer
 * listed removed), inside the caller's transaction, with one statement per identifier kind for the whole batch.
 * Lists not given are left as stored. When one party appears twice (the same natural key twice in one file),
 * the later entry wins, as it would have if the rows had been stored one after the other.
 */
export async function replacePartyIdentifiers(tx: Tx, label: "Person" | "Company", parties: readonly PartyIdentifiers[]): Promise<void> {
  const latest = [...new Map(parties.map((p) => [p.partyId, p])).values()];
  const retain = new Map<IdentifierKind, OwnerKeys[]>();
  const links: OwnerLinks[] = [];
  for (const { partyId, lists, provenance } of latest) {
    const partyLinks: OwnerLinks["links"][number][] = [];
    for (const [kind, identifiers] of Object.entries(lists) as Array<[IdentifierKind, IdentifierLists[IdentifierKind]]>) {
      if (!identifiers) continue;
      const rel = PARTY_REL[kind];
      const owners = retain.get(kind) ?? [];
      owners.push({ ownerId: partyId, keys: identifiers.map((i) => i.key) });
      retain.set(kind, owners);
      for (const identifier of identifiers) partyLinks.push({ rel, identifier, edgeProps: provenance });
    }
    if (partyLinks.length > 0) links.push({ ownerId: partyId, links: partyLinks });
  }
  for (const [kind, owners] of retain) await retainIdentifiersMany(tx, label, { rel: PARTY_REL[kind], kind }, owners);
  if (links.length > 0) await linkIdentifiersMany(tx, label, links);
}
