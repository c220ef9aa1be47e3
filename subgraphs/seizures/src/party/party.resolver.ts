import { checkedFirst, cursorScope, keysetAfter, Nominal, toConnection, type RequestContext } from "@cix/core";
import { Arg, Ctx, FieldResolver, Int, Resolver, Root } from "type-graphql";
import { SeizureConnection } from "../seizure/seizure.types.js";
import { seizuresByOffenderId } from "./party.loaders.js";
import { PartyRef } from "./party.ref.js";

@Resolver(() => PartyRef)
export class PartySeizuresResolver {
  @Nominal()
  @FieldResolver(() => SeizureConnection, {
    description: "Seizure cases this person or company is an offender in, most recently seized first (nominal: it ties the party to the cases).",
  })
  async seizures(
    @Root() party: PartyRef,
    @Arg("first", () => Int, { defaultValue: 20, description: "Page size, 1 to the hub's maximum (500 by default)." }) first: number,
    @Arg("after", () => String, { nullable: true, description: "endCursor of the previous page." }) after: string | null,
    @Ctx() ctx: RequestContext,
  ) {
    const size = checkedFirst(first);
    const scope = cursorScope(ctx.viewer, "Party.seizures", { party: party.id });
    const rows = await seizuresByOffenderId(ctx, size + 1, keysetAfter(after, scope)).load(party.id);
    return toConnection(rows, size, (s) => [s.seizedAt, s.id], scope);
  }
}
