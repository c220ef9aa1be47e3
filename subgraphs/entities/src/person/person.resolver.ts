import {
  agencyCode,
  checkedFirst,
  cursorScope,
  foldText,
  Nominal,
  ownedRecordProperties,
  requireNominalReader,
  requireViewer,
  Roles,
  type RequestContext,
} from "@cix/core";
import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from "type-graphql";
import { requireNominalList } from "../common/nominal-search.js";
import { optionalText } from "../common/text.js";
import { decodeKeyset, partyConnection, partyPage } from "../common/party-page.js";
import { identifiersOfParty } from "../identifier/identifier.loaders.js";
import { IdentityDocument } from "../identifier/identifier.types.js";
import { loadPartyOfType, partyById } from "../party/party.loaders.js";
import { PartyRepository } from "../party/party.repository.js";
import { PartyOrder, type PartyRow } from "../party/party.types.js";
import { personWrite } from "./person.input.js";
import { PersonRepository } from "./person.repository.js";
import { Person, PersonConnection, PersonFilter, PersonInput } from "./person.types.js";

@Resolver(() => Person)
export class PersonResolver {
  @Query(() => Person, { nullable: true, description: "One person by id." })
  person(@Arg("id", () => ID, { description: "The person's hub id." }) id: string, @Ctx() ctx: RequestContext) {
    return loadPartyOfType(ctx, id, "Person");
  }

  @Query(() => Person, {
    nullable: true,
    description:
      "One person by the reference its agency recorded it under (`Person.reference`: the natural key, with the agency, that " +
      "upsertPerson and the persons import write), so a system can find the person it sent without keeping hub ids.\n\n" +
      "Personal data: finding a person by reference is a nominal read, for investigators and supervisors who state a purpose " +
      "(x-cix-purpose header); anyone else gets FORBIDDEN, whether or not the person exists. A person your agency may not read " +
      "(another agency's, not shared with yours in an open operation) is null without an error, exactly like a reference nobody " +
      "recorded. Every read is audited.",
  })
  async personByReference(
    @Arg("agency", () => String, { description: "Code of the agency that recorded the person, e.g. NL-CUSTOMS (case and spaces at the ends do not matter)." })
    agency: string,
    @Arg("reference", () => String, {
      description: "That agency's own reference of the person, as it was written (spaces at the ends and repeated spaces do not matter). Personal data.",
    })
    reference: string,
    @Ctx() ctx: RequestContext,
  ): Promise<PartyRow | null> {
    const viewer = requireNominalReader(ctx.viewer);
    const key = optionalText(reference, "reference");
    if (key === null) return null;
    const person = await new PartyRepository(ctx.db).findPersonByReference(agencyCode(agency), key, viewer.agency);
    if (person) partyById(ctx).prime(person.id, person);
    return person;
  }

  @Query(() => PersonConnection, { description: "Persons, filtered and ordered, one page at a time." })
  async persons(
    @Arg("filter", () => PersonFilter, { nullable: true, description: "Which persons." }) filter: PersonFilter | null,
    @Arg("orderBy", () => PartyOrder, { defaultValue: PartyOrder.NAME, description: "Order of the list." }) orderBy: PartyOrder,
    @Arg("first", () => Int, { defaultValue: 20, description: "Page size." }) first: number,
    @Arg("after", () => String, { nullable: true, description: "Cursor (endCursor of the previous page)." }) after: string | null,
    @Ctx() ctx: RequestContext,
  ) {
    const viewer = requireNominalList(ctx, "Listing persons");
    const size = checkedFirst(first);
    const scope = cursorScope(viewer, "Query.persons", { filter, orderBy });
    const position = decodeKeyset(after, orderBy === PartyOrder.NAME ? "name" : "instant", scope);
    const criteria = { name: filter?.name ? foldText(filter.name) : null, country: filter?.nationality ?? null, ownerAgency: filter?.ownerAgency ?? null };
    const repository = new PartyRepository(ctx.db);
    const page = await partyPage((from, limit) => repository.list("Person", criteria, orderBy, viewer.agency, from, limit), {
      first: size,
      after: position,
      viewer,
      scope,
    });
    return partyConnection(page, scope);
  }

  @Roles("investigator", "supervisor")
  @Mutation(() => Person, {
    description:
      "Records a person of your agency with its identifiers, in one transaction. Idempotent when a reference is given " +
      "(the same reference updates the same person); identifiers written differently but equal are stored once.",
  })
  async upsertPerson(@Arg("input", () => PersonInput, { description: "The person." }) input: PersonInput, @Ctx() ctx: RequestContext) {
    const viewer = requireViewer(ctx.viewer);
    const write = personWrite(input, "input");
    const id = await new PersonRepository(ctx.db).upsert(write, ownedRecordProperties(viewer.agency, "graphql:upsertPerson", input.markings));
    return partyById(ctx).load(id);
  }

  @Nominal()
  @FieldResolver(() => [IdentityDocument], { description: "Identity documents the person holds." })
  identityDocuments(@Root() person: PartyRow, @Ctx() ctx: RequestContext) {
    return identifiersOfParty(ctx, "IdentityDocument").load(person.id);
  }
}
