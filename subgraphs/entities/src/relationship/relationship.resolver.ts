import { badUserInput, Nominal, requireViewer, Roles, type RequestContext } from "@cix/core";
import { Arg, Ctx, FieldResolver, ID, Mutation, Resolver, Root } from "type-graphql";
import { checkPeriod } from "../common/dates.js";
import { Company } from "../company/company.types.js";
import { partyById } from "../party/party.loaders.js";
import { checkParty } from "../party/party.ownership.js";
import type { PartyRow } from "../party/party.types.js";
import { Person } from "../person/person.types.js";
import { relatedParties } from "./relationship.loaders.js";
import { linkAssociatesMany, linkCompanyRolesMany, unlinkAssociates, unlinkCompanyRole } from "./relationship.repository.js";
import { Association, AssociationInput, CompanyMember, CompanyRole, CompanyRoleInput, CompanyRoleType } from "./relationship.types.js";

@Resolver(() => Person)
export class PersonRelationshipResolver {
  @Nominal()
  @FieldResolver(() => [Association], { description: "Persons this person is associated with (in either direction)." })
  async associates(@Root() person: PartyRow, @Ctx() ctx: RequestContext): Promise<Association[]> {
    const rows = await relatedParties(ctx, "associatesOf").load(person.id);
    return rows.map((r) => ({ person: r.party, ...r.edge }));
  }

  @Nominal()
  @FieldResolver(() => [CompanyRole], { description: "Companies this person directs or works for." })
  async companies(@Root() person: PartyRow, @Ctx() ctx: RequestContext): Promise<CompanyRole[]> {
    const rows = await relatedParties(ctx, "companiesOf").load(person.id);
    return rows.map((r) => ({ company: r.party, role: r.role!, ...r.edge }));
  }

  @Roles("investigator", "supervisor")
  @Mutation(() => Person, {
    description: "Records that two persons are associates: your agency's person and a person your agency may read (its own, or shared with it in an open operation). Idempotent.",
  })
  async linkAssociates(@Arg("input", () => AssociationInput, { description: "The two persons and the period." }) input: AssociationInput, @Ctx() ctx: RequestContext) {
    const viewer = requireViewer(ctx.viewer);
    checkPeriod(input.since, input.until, "input");
    if (input.personId === input.associateId) throw badUserInput("input.associateId", "another person than personId");
    await ctx.db.transaction(async (tx) => {
      await checkParty(tx, input.personId, { path: "input.personId", type: "Person", agency: viewer.agency, mustOwn: true });
      await checkParty(tx, input.associateId, { path: "input.associateId", type: "Person", agency: viewer.agency });
      const edge = { ownerAgency: viewer.agency, source: "graphql:linkAssociates", since: input.since ?? null, until: input.until ?? null };
      await linkAssociatesMany(tx, [{ personId: input.personId, associateId: input.associateId, edge }]);
    });
    return partyById(ctx).load(input.personId);
  }

  @Roles("investigator", "supervisor")
  @Mutation(() => Person, { description: "Removes your agency's record that two persons are associates. Idempotent." })
  async unlinkAssociates(
    @Arg("personId", () => ID, { description: "A person of your agency." }) personId: string,
    @Arg("associateId", () => ID, { description: "The associated person." }) associateId: string,
    @Ctx() ctx: RequestContext,
  ) {
    const viewer = requireViewer(ctx.viewer);
    await ctx.db.transaction(async (tx) => {
      await checkParty(tx, personId, { path: "personId", type: "Person", agency: viewer.agency, mustOwn: true });
      await unlinkAssociates(tx, personId, associateId, viewer.agency);
    });
    return partyById(ctx).load(personId);
  }

  @Roles("investigator", "supervisor")
  @Mutation(() => Person, { description: "Records a person's role in a company (director or employee). Idempotent." })
  async linkCompanyRole(@Arg("input", () => CompanyRoleInput, { description: "The person, the company, the role and the period." }) input: CompanyRoleInput, @Ctx() ctx: RequestContext) {
    const viewer = requireViewer(ctx.viewer);
    checkPeriod(input.since, input.until, "input");
    await ctx.db.transaction(async (tx) => {
      await checkParty(tx, input.personId, { path: "input.personId", type: "Person", agency: viewer.agency, mustOwn: true });
      await checkParty(tx, input.companyId, { path: "input.companyId", type: "Company", agency: viewer.agency });
      const edge = { ownerAgency: viewer.agency, source: "graphql:linkCompanyRole", since: input.since ?? null, until: input.until ?? null };
      await linkCompanyRolesMany(tx, [{ personId: input.personId, companyId: input.companyId, role: input.role, edge }]);
    });
    return partyById(ctx).load(input.personId);
  }

  @Roles("investigator", "supervisor")
  @Mutation(() => Person, { description: "Removes your agency's record of a person's role in a company. Idempotent." })
  async unlinkCompanyRole(
    @Arg("personId", () => ID, { description: "A person of your agency." }) personId: string,
    @Arg("companyId", () => ID, { description: "The company." }) companyId: string,
    @Arg("role", () => CompanyRoleType, { description: "The role to remove." }) role: CompanyRoleType,
    @Ctx() ctx: RequestContext,
  ) {
    const viewer = requireViewer(ctx.viewer);
    await ctx.db.transaction(async (tx) => {
      await checkParty(tx, personId, { path: "personId", type: "Person", agency: viewer.agency, mustOwn: true });
      await unlinkCompanyRole(tx, personId, companyId, role, viewer.agency);
    });
    return partyById(ctx).load(personId);
  }
}

@Resolver(() => Company)
export class CompanyRelationshipResolver {
  @Nominal()
  @FieldResolver(() => [CompanyMember], { description: "Directors and other officers of the company." })
  async directors(@Root() company: PartyRow, @Ctx() ctx: RequestContext): Promise<CompanyMember[]> {
    return this.members(company, ctx, CompanyRoleType.DIRECTOR);
  }

  @Nominal()
  @FieldResolver(() => [CompanyMember], { description: "Employees of the company." })
  async employees(@Root() company: PartyRow, @Ctx() ctx: RequestContext): Promise<CompanyMember[]> {
    return this.members(company, ctx, CompanyRoleType.EMPLOYEE);
  }

  private async members(company: PartyRow, ctx: RequestContext, role: CompanyRoleType): Promise<CompanyMember[]> {
    const rows = await relatedParties(ctx, "membersOf").load(company.id);
    return rows.filter((r) => r.role === role).map((r) => ({ person: r.party, role, ...r.edge }));
  }
}
