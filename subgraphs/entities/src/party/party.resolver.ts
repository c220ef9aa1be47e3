import { badUserInput, checkedFirst, cursorScope, identifierLookup, Nominal, sealCursor, type RequestContext } from "@cix/core";
import { Arg, Ctx, FieldResolver, ID, Int, Query, Resolver, Root } from "type-graphql";
import { requireNominalList } from "../common/nominal-search.js";
import { decodeKeyset, partyPage } from "../common/party-page.js";
import { identifiersOfParty } from "../identifier/identifier.loaders.js";
import { Address, BankAccount, Email, Phone } from "../identifier/identifier.types.js";
import { partyById } from "./party.loaders.js";
import { PartyRepository } from "./party.repository.js";
import { nameQuery } from "./party.search.js";
import { Party, PartySearchConnection, type PartyRow } from "./party.types.js";

@Resolver(() => Party)
export class PartyResolver {
  @Query(() => Party, { nullable: true, description: "One person or company by id." })
  party(@Arg("id", () => ID, { description: "The party's hub id." }) id: string, @Ctx() ctx: RequestContext) {
    return partyById(ctx).load(id);
  }

  @Query(() => PartySearchConnection, {
    description:
      "Finds persons and companies by name and/or identifier. A name matches full names, aliases and company names " +
      'regardless of accents, word order and one typo per word ("de vries jan" finds "Jan de Vries", "Smiht" finds ' +
      '"Smith"), best first. An identifier (phone number, e-mail address, IBAN or identity document number, written ' +
      "in any usual way) matches exactly. With both, only holders of the identifier are ranked by name. Only parties " +
      "whose nominal data you may read are returned; needs a stated purpose.",
  })
  async searchParties(
    @Arg("name", () => String, { nullable: true, description: "Name or part of a name to search for." }) name: string | null,
    @Arg("identifier", () => String, { nullable: true, description: "Phone number, e-mail address, IBAN or document number." })
    identifier: string | null,
    @Arg("ownerAgency", () => String, { nullable: true, description: "Only parties recorded by this agency." }) ownerAgency: string | null,
    @Arg("first", () => Int, { defaultValue: 20, description: "Page size." }) first: number,
    @Arg("after", () => String, { nullable: true, description: "Cursor (endCursor of the previous page)." }) after: string | null,
    @Ctx() ctx: RequestContext,
  ): Promise<PartySearchConnection> {
    const size = checkedFirst(first);
    // Arguments left out arrive as undefined.
    const lucene = name == null ? null : nameQuery(name);
    if (name != null && lucene === null) throw badUserInput("name", "a name with at least one letter or digit");
    const lookup = identifier == null ? null : identifierLookup(identifier);
    if (lookup && lookup.keys.length === 0 && lookup.documentNumber === null) {
      throw badUserInput("identifier", "a phone number, e-mail address, IBAN or identity document number");
    }
    if (lucene === null && lookup === null) throw badUserInput("name", "a name and/or an identifier to search for");
    const viewer = requireNominalList(ctx, `Searching parties by ${lucene ? "name" : "identifier"}`);
    const scope = cursorScope(viewer, "Query.searchParties", { name, identifier, ownerAgency });
    const position = decodeKeyset(after, "score", scope);

    const search = { lookup, ownerAgency: ownerAgency ?? null, readerAgency: viewer.agency };
    const repository = new PartyRepository(ctx.db);
    const page = await partyPage(
      (from, limit) => (lucene ? repository.searchByName(lucene, search, from, limit) : repository.searchByIdentifier(search, from, limit)),
      { first: size, after: position, viewer, scope },
    );
    const edges = page.rows.map((row) => ({ cursor: sealCursor(row.sort, scope), node: row.party, score: row.score }));
    return { edges, nodes: edges.map((e) => e.node), pageInfo: { hasNextPage: page.hasNextPage, endCursor: page.endCursor } };
  }

  @Nominal()
  @FieldResolver(() => [Phone], { description: "Phone numbers the party uses." })
  phones(@Root() party: PartyRow, @Ctx() ctx: RequestContext) {
    return identifiersOfParty(ctx, "Phone").load(party.id);
  }

  @Nominal()
  @FieldResolver(() => [Email], { description: "E-mail addresses the party uses." })
  emails(@Root() party: PartyRow, @Ctx() ctx: RequestContext) {
    return identifiersOfParty(ctx, "Email").load(party.id);
  }

  @Nominal()
  @FieldResolver(() => [Address], { description: "Addresses the party is located at." })
  addresses(@Root() party: PartyRow, @Ctx() ctx: RequestContext) {
    return identifiersOfParty(ctx, "Address").load(party.id);
  }

  @Nominal()
  @FieldResolver(() => [BankAccount], { description: "Bank accounts the party holds." })
  bankAccounts(@Root() party: PartyRow, @Ctx() ctx: RequestContext) {
    return identifiersOfParty(ctx, "BankAccount").load(party.id);
  }
}
