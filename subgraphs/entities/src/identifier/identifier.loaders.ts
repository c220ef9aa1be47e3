import { alignMany, alignOne, type IdentifierKind, type RequestContext } from "@cix/core";
import type { PartyRow } from "../party/party.types.js";
import { IdentifierRepository, type IdentifierRow } from "./identifier.repository.js";

/** Identifier nodes of one kind by id (federation references). */
export function identifierById(ctx: RequestContext, kind: IdentifierKind) {
  return ctx.loaders.get<string, IdentifierRow | null>(`identifierById:${kind}`, async (ids) =>
    alignOne(ids, await new IdentifierRepository(ctx.db).findByIds(kind, ids), (i) => i.id),
  );
}

/** A party's identifiers of one kind (`Party.phones`, …). */
export function identifiersOfParty(ctx: RequestContext, kind: IdentifierKind) {
  return ctx.loaders.get<string, IdentifierRow[]>(`identifiersOfParty:${kind}`, async (partyIds) => {
    const rows = await new IdentifierRepository(ctx.db).ofParties(kind, partyIds);
    return alignMany(partyIds, rows, (r) => r.partyId).map((list) => list.map((r) => r.identifier));
  });
}

/** The parties linked to an identifier (`Phone.parties`, …). */
export function partiesOfIdentifier(ctx: RequestContext, kind: IdentifierKind) {
  return ctx.loaders.get<string, PartyRow[]>(`partiesOfIdentifier:${kind}`, async (ids) => {
    const rows = await new IdentifierRepository(ctx.db).partiesOf(kind, ids);
    return alignMany(ids, rows, (r) => r.identifierId).map((list) => list.map((r) => r.party));
  });
}
