import { badUserInput } from "../errors.js";
import type { RequestContext } from "../graphql/context.js";
import type { Tx } from "../neo4j/database.js";
import { alignOne } from "../graphql/loaders.js";
import { accessProjection, nominalReadableBy, type AccessEnvelope } from "./envelope.js";

/** A reference to a person or company (a federation stub) with the party's own access envelope. */
export interface PartyStub {
  id: string;
  __access: AccessEnvelope;
}

/**
 * Party references by id with their access envelopes, batched per request. Every subgraph that links a record to a
 * party (offenders, buyers, sellers, consignors, consignees) or adds fields to `Party` hands out its references
 * through this, because a link to a party is disclosed only to callers who may read the party (rules.ts): a stub
 * without its envelope is never disclosed. Reads only the id and envelope of the entities subgraph's nodes.
 */
export function partyReferences(ctx: RequestContext) {
  return ctx.loaders.get<string, PartyStub | null>("partyReferences", async (ids) => {
    const rows = await ctx.db.read<{ id: string; __access: AccessEnvelope }>(
      `UNWIND $ids AS id MATCH (p:Party { id: id }) RETURN p.id AS id, ${accessProjection("p")} AS __access`,
      { ids },
    );
    return alignOne(ids, rows, (p) => p.id);
  });
}

/** A party named by a write: the input path to blame, the id, and the writing agency. */
export interface NamedParty {
  path: string;
  id: string | null | undefined;
  agency: string;
}

/** What a write that names a party expects; the same words whether the party is missing or hidden. */
export const NAMEABLE_PARTY = "the id of a person or company your agency may read (its own, or shared with it in an open operation)";

/**
 * An agency may name (as offender, buyer, seller, consignor, consignee, associate, company) only a party it may read:
 * its own, or one shared with it in an open operation. Checked inside the write transaction before anything is
 * written, in one query; the first other id is BAD_USER_INPUT at its path, worded as for an id that does not exist,
 * so a write cannot tell a hidden party from a missing one.
 */
export async function assertNameableParties(tx: Tx, named: readonly NamedParty[], expected = NAMEABLE_PARTY): Promise<void> {
  const refs = [...new Map(named.flatMap((n) => (n.id ? [[`${n.agency}|${n.id}`, { id: n.id, agency: n.agency }] as const] : []))).values()];
  if (refs.length === 0) return;
  const rows = await tx.run<{ id: string; agency: string }>(
    `UNWIND $refs AS ref MATCH (p:Party { id: ref.id }) WHERE ${nominalReadableBy("p", "ref.agency")} RETURN ref.id AS id, ref.agency AS agency`,
    { refs },
  );
  const found = new Set(rows.map((r) => `${r.agency}|${r.id}`));
  const hidden = named.find((n) => n.id && !found.has(`${n.agency}|${n.id}`));
  if (hidden) throw badUserInput(hidden.path, expected);
}
