import { badUserInput, linkIdentifiers, requireViewer, Roles, unlinkIdentifiers, type RequestContext } from "@cix/core";
import { Arg, Ctx, ID, Mutation, Resolver } from "type-graphql";
import { checkPeriod } from "../common/dates.js";
import { partyById } from "../party/party.loaders.js";
import { checkParty } from "../party/party.ownership.js";
import { Party, type PartyRow } from "../party/party.types.js";
import { linkedIdentifier } from "./identifier.input.js";
import { PARTY_REL } from "./identifier.kinds.js";
import { identifierLinkedToParty } from "./identifier.repository.js";
import { LinkIdentifierInput } from "./identifier.types.js";

@Resolver()
export class IdentifierLinkResolver {
  @Roles("investigator", "supervisor")
  @Mutation(() => Party, {
    description:
      "Links a phone, e-mail address, address, bank account or identity document to a person or company of your agency. " +
      "The identifier is normalised and shared: a number already known is linked, not duplicated. Idempotent.",
  })
  async linkIdentifier(
    @Arg("input", () => LinkIdentifierInput, { description: "The party, the identifier and the period of the link." }) input: LinkIdentifierInput,
    @Ctx() ctx: RequestContext,
  ): Promise<PartyRow | null> {
    const viewer = requireViewer(ctx.viewer);
    const identifier = linkedIdentifier(input, "input");
    checkPeriod(input.since, input.until, "input");
    await ctx.db.transaction(async (tx) => {
      const label = await checkParty(tx, input.partyId, { path: "input.partyId", agency: viewer.agency, mustOwn: true });
      if (identifier.kind === "IdentityDocument" && label !== "Person") {
        throw badUserInput("input.identityDocument", "a document held by a person (companies hold none)");
      }
      const edgeProps = { ownerAgency: viewer.agency, source: "graphql:linkIdentifier", since: input.since, until: input.until };
      await linkIdentifiers(tx, { label, id: input.partyId }, [{ rel: PARTY_REL[identifier.kind], identifier, edgeProps }]);
    });
    return partyById(ctx).load(input.partyId);
  }

  @Roles("investigator", "supervisor")
  @Mutation(() => Party, {
    description: "Removes the link between a party of your agency and an identifier. Idempotent: unlinking what is not linked changes nothing.",
  })
  async unlinkIdentifier(
    @Arg("partyId", () => ID, { description: "The person or company." }) partyId: string,
    @Arg("identifierId", () => ID, { description: "The hub id of the phone, e-mail, address, account or document." }) identifierId: string,
    @Ctx() ctx: RequestContext,
  ): Promise<PartyRow | null> {
    const viewer = requireViewer(ctx.viewer);
    await ctx.db.transaction(async (tx) => {
      const label = await checkParty(tx, partyId, { path: "partyId", agency: viewer.agency, mustOwn: true });
      const linked = await identifierLinkedToParty(tx, partyId, identifierId);
      if (linked) await unlinkIdentifiers(tx, { label, id: partyId }, { rel: PARTY_REL[linked.kind], kind: linked.kind }, [linked.key]);
    });
    return partyById(ctx).load(partyId);
  }
}
