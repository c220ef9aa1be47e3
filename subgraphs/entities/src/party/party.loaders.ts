import { alignOne, type RequestContext } from "@cix/core";
import { PartyRepository } from "./party.repository.js";
import type { PartyRow } from "./party.types.js";

/** Persons and companies by id, batched per request (queries, mutations' results and federation references). */
export function partyById(ctx: RequestContext) {
  return ctx.loaders.get<string, PartyRow | null>("partyById", async (ids) =>
    alignOne(ids, await new PartyRepository(ctx.db).findByIds(ids), (p) => p.id),
  );
}

/** A party of one kind by id, or null (also when the id is the other kind's). */
export async function loadPartyOfType(ctx: RequestContext, id: string, type: PartyRow["__typename"]): Promise<PartyRow | null> {
  const party = await partyById(ctx).load(id);
  return party?.__typename === type ? party : null;
}
