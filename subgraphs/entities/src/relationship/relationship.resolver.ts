import { badUserInput, decideNominal, Nominal, requireViewer, Roles, type RequestContext } from "@cix/core";
import { Arg, Ctx, FieldResolver, ID, Mutation, Resolver, Root } from "type-graphql";
import { checkPeriod } from "../common/dates.js";
import { Company } from "../company/company.types.js";
import { partyById } from "../party/party.loaders.js";
import { checkParty } from "../party/party.ownership.js";
import type { PartyRow } from "../party/party.types.js";
import { Person } from "../person/person.types.js";
import { companyRoleWrite } from "./relationship.input.js";
import { relatedParties, roleLinks } from "./relationship.loaders.js";
import { linkAssociatesMany, linkCompanyRolesMany, unlinkAssociates, unlinkCompanyRole, type RoleLinkRow } from "./relationship.repository.js";
import {
  Association,
  AssociationInput,
  AssociationKind,
  CompanyMember,
  CompanyRole,
  CompanyRoleHolderInput,
  CompanyRoleInput,
  CompanyRoleLink,
  CompanyRoleType,
} from "./relationship.types.js";

const rolesArg = { nullable: true, description: "Only these roles (default: every role)." } as const;

/**
 * Role links from one end (`self`) to parties at the other end, holding only those whose other party the caller may
 * read: a role says who holds what in which company, so a link to a hidden party is left out whole (not shown with
 * its stake and dates and a null party).
 */
function presentRoleLinks(ctx: RequestContext, self: PartyRow, rows: readonly RoleLinkRow[], end: "holder" | "company", roles: readonly CompanyRoleType[] | null): CompanyRoleLink[] {
  return rows
    .filter((r) => (!roles || roles.includes(r.role)) && decideNominal(ctx.viewer, r.party.__access).allowed)
    .map(({ party, edge, role, sharePercentage, shares, note }) => ({
      ...edge,
      holder: end === "holder" ? party : self,
      company: end === "company" ? party : self,
      role,
      sharePercentage,
      shares,
      note,
    }));
}

/** `companyRoles` of a person or a company: the roles it holds in companies. */
async function companyRolesOf(ctx: RequestContext, party: PartyRow, roles: CompanyRoleType[] | null): Promise<CompanyRoleLink[]> {
  return presentRoleLinks(ctx, party, await roleLinks(ctx, "roleHoldingsOf").load(party.id), "company", roles);
}

const COMPANY_ROLES_DESCRIPTION =
  "The roles held in companies (officer, owner, agent…), with share and period; only links to companies you may read.";

@Resolver(() => Person)
export class PersonRelationshipResolver {
  @Nominal()
  @FieldResolver(() => [Association], { description: "Persons this person is associated with (in either direction)." })
  async associates(@Root() person: PartyRow, @Ctx() ctx: RequestContext): Promise<Association[]> {
    const rows = await relatedParties(ctx, "associatesOf").load(person.id);
    return rows.map((r) => ({ person: r.party, kind: r.kind ?? AssociationKind.ASSOCIATE, ...r.edge }));
  }

  @Nominal()
  @FieldResolver(() => [CompanyRoleLink], { description: COMPANY_ROLES_DESCRIPTION })
  async companyRoles(
    @Root() person: PartyRow,
    @Arg("roles", () => [CompanyRoleType], rolesArg) roles: CompanyRoleType[] | null,
    @Ctx() ctx: RequestContext,
  ): Promise<CompanyRoleLink[]> {
    return companyRolesOf(ctx, person, roles);
  }

  @Nominal()
  @FieldResolver(() => [CompanyRole], { description: "Companies this person directs or works for (DIRECTOR and EMPLOYEE; every role: companyRoles)." })
  async companies(@Root() person: PartyRow, @Ctx() ctx: RequestContext): Promise<CompanyRole[]> {
    const rows = await relatedParties(ctx, "companiesOf").load(person.id);
    return rows.map((r) => ({ company: r.party, role: r.role!, ...r.edge }));
  }

  @Roles("investigator", "supervisor")
  @Mutation(() => Person, {
    description:
      "Records that two persons are associates: your agency's person and a person your agency may read (its own, or shared with it in an " +
      "open operation), with the kind of tie. Idempotent per kind; another kind for the same two persons is recorded beside it.",
  })
  async linkAssociates(@Arg("input", () => AssociationInput, { description: "The two persons and the period." }) input: AssociationInput, @Ctx() ctx: RequestContext) {
    const viewer = requireViewer(ctx.viewer);
    checkPeriod(input.since, input.until, "input");
    if (input.personId === input.associateId) throw badUserInput("input.associateId", "another person than personId");
    await ctx.db.transaction(async (tx) => {
      await checkParty(tx, input.personId, { path: "input.personId", type: "Person", agency: viewer.agency, mustOwn: true });
      await checkParty(tx, input.associateId, { path: "input.associateId", type: "Person", agency: viewer.agency });
      const edge = { ownerAgency: viewer.agency, source: "graphql:linkAssociates", since: input.since ?? null, until: input.until ?? null };
      await linkAssociatesMany(tx, [{ personId: input.personId, associateId: input.associateId, kind: input.kind ?? AssociationKind.ASSOCIATE, edge }]);
    });
    return partyById(ctx).load(input.personId);
  }

  @Roles("investigator", "supervisor")
  @Mutation(() => Person, { description: "Removes your agency's record that two persons are associates (of one kind, or of every kind). Idempotent." })
  async unlinkAssociates(
    @Arg("personId", () => ID, { description: "A person of your agency." }) personId: string,
    @Arg("associateId", () => ID, { description: "The associated person." }) associateId: string,
    @Arg("kind", () => AssociationKind, { nullable: true, description: "Only this kind of tie (default: every kind)." }) kind: AssociationKind | null,
    @Ctx() ctx: RequestContext,
  ) {
    const viewer = requireViewer(ctx.viewer);
    await ctx.db.transaction(async (tx) => {
      await checkParty(tx, personId, { path: "personId", type: "Person", agency: viewer.agency, mustOwn: true });
      await unlinkAssociates(tx, personId, associateId, viewer.agency, kind ?? null);
    });
    return partyById(ctx).load(personId);
  }

  @Roles("investigator", "supervisor")
  @Mutation(() => Person, {
    description: "Records the role of a person of your agency in a company. Idempotent. For any holder (a company too), shares and a note: linkCompanyRoleHolder.",
  })
  async linkCompanyRole(@Arg("input", () => CompanyRoleInput, { description: "The person, the company, the role and the period." }) input: CompanyRoleInput, @Ctx() ctx: RequestContext) {
    const viewer = requireViewer(ctx.viewer);
    const write = companyRoleWrite(input, input.personId, input.companyId, { ownerAgency: viewer.agency, source: "graphql:linkCompanyRole" });
    await ctx.db.transaction(async (tx) => {
      await checkParty(tx, input.personId, { path: "input.personId", type: "Person", agency: viewer.agency, mustOwn: true });
      await checkParty(tx, input.companyId, { path: "input.companyId", type: "Company", agency: viewer.agency });
      await linkCompanyRolesMany(tx, [write]);
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

  @Nominal()
  @FieldResolver(() => [CompanyRoleLink], {
    description:
      "Who holds a role in the company, persons and companies: officers, shareholders, beneficial owners, nominees, intermediaries, " +
      "agents, with share and period, as each agency recorded them; only links to holders you may read.",
  })
  async roleHolders(
    @Root() company: PartyRow,
    @Arg("roles", () => [CompanyRoleType], rolesArg) roles: CompanyRoleType[] | null,
    @Ctx() ctx: RequestContext,
  ): Promise<CompanyRoleLink[]> {
    return presentRoleLinks(ctx, company, await roleLinks(ctx, "roleHoldersOf").load(company.id), "holder", roles);
  }

  @Nominal()
  @FieldResolver(() => [CompanyRoleLink], { description: COMPANY_ROLES_DESCRIPTION })
  async companyRoles(
    @Root() company: PartyRow,
    @Arg("roles", () => [CompanyRoleType], rolesArg) roles: CompanyRoleType[] | null,
    @Ctx() ctx: RequestContext,
  ): Promise<CompanyRoleLink[]> {
    return companyRolesOf(ctx, company, roles);
  }

  @Roles("investigator", "supervisor")
  @Mutation(() => Company, {
    description:
      "Records a person's or company's role in a company (officer, owner, nominee, intermediary, agent…) with its share, period and " +
      "note, as your agency's record. Both parties may be any your agency may read (its own, or shared with it in an open operation); " +
      "any other id is refused as one that does not exist. Idempotent per holder, company, role and agency; a share, date or note " +
      "left out keeps the one recorded.",
  })
  async linkCompanyRoleHolder(
    @Arg("input", () => CompanyRoleHolderInput, { description: "The holder, the company, the role, the share and the period." }) input: CompanyRoleHolderInput,
    @Ctx() ctx: RequestContext,
  ) {
    const viewer = requireViewer(ctx.viewer);
    const write = companyRoleWrite(input, input.holderId, input.companyId, { ownerAgency: viewer.agency, source: "graphql:linkCompanyRoleHolder" });
    await ctx.db.transaction(async (tx) => {
      await checkParty(tx, input.holderId, { path: "input.holderId", agency: viewer.agency });
      await checkParty(tx, input.companyId, { path: "input.companyId", type: "Company", agency: viewer.agency });
      await linkCompanyRolesMany(tx, [write]);
    });
    return partyById(ctx).load(input.companyId);
  }

  @Roles("investigator", "supervisor")
  @Mutation(() => Company, { description: "Removes your agency's record of a person's or company's role in a company. Idempotent." })
  async unlinkCompanyRoleHolder(
    @Arg("holderId", () => ID, { description: "The person or company holding the role." }) holderId: string,
    @Arg("companyId", () => ID, { description: "The company (one your agency may read)." }) companyId: string,
    @Arg("role", () => CompanyRoleType, { description: "The role to remove." }) role: CompanyRoleType,
    @Ctx() ctx: RequestContext,
  ) {
    const viewer = requireViewer(ctx.viewer);
    await ctx.db.transaction(async (tx) => {
      await checkParty(tx, companyId, { path: "companyId", type: "Company", agency: viewer.agency });
      await unlinkCompanyRole(tx, holderId, companyId, role, viewer.agency);
    });
    return partyById(ctx).load(companyId);
  }

  private async members(company: PartyRow, ctx: RequestContext, role: CompanyRoleType): Promise<CompanyMember[]> {
    const rows = await relatedParties(ctx, "membersOf").load(company.id);
    return rows.filter((r) => r.role === role).map((r) => ({ person: r.party, role, ...r.edge }));
  }
}
