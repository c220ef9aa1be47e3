import {
  agencyCode,
  checkedFirst,
  CountryCodeScalar,
  cursorScope,
  foldText,
  ownedRecordProperties,
  registrationNumberKey,
  requireNominalReader,
  requireViewer,
  Roles,
  type RequestContext,
} from "@cix/core";
import { Arg, Ctx, ID, Int, Mutation, Query, Resolver } from "type-graphql";
import { requireNominalList } from "../common/nominal-search.js";
import { decodeKeyset, partyConnection, partyPage } from "../common/party-page.js";
import { loadPartyOfType, partyById } from "../party/party.loaders.js";
import { PartyRepository } from "../party/party.repository.js";
import { PartyOrder, type PartyRow } from "../party/party.types.js";
import { companyWrite } from "./company.input.js";
import { CompanyRepository } from "./company.repository.js";
import { Company, CompanyConnection, CompanyFilter, CompanyInput } from "./company.types.js";

@Resolver(() => Company)
export class CompanyResolver {
  @Query(() => Company, { nullable: true, description: "One company by id." })
  company(@Arg("id", () => ID, { description: "The company's hub id." }) id: string, @Ctx() ctx: RequestContext) {
    return loadPartyOfType(ctx, id, "Company");
  }

  @Query(() => Company, {
    nullable: true,
    description:
      "One company by its registration as its agency recorded it (registration country and number: the natural key, with the " +
      "agency, that upsertCompany and the companies import write), so a system can find the company it sent without keeping hub ids.\n\n" +
      "Personal data: finding a company by its registration number is a nominal read, for investigators and supervisors who state " +
      "a purpose (x-cix-purpose header); anyone else gets FORBIDDEN, whether or not the company exists. A company your agency may " +
      "not read (another agency's, not shared with yours in an open operation) is null without an error, exactly like a " +
      "registration nobody recorded. Every read is audited.",
  })
  async companyByRegistration(
    @Arg("agency", () => String, { description: "Code of the agency that recorded the company, e.g. NL-CUSTOMS (case and spaces at the ends do not matter)." })
    agency: string,
    @Arg("registrationCountry", () => CountryCodeScalar, { description: "Country of the company register (ISO 3166-1 alpha-2)." })
    registrationCountry: string,
    @Arg("registrationNumber", () => String, {
      description: "Number in the company register, as written anywhere (compared as stored: letters and digits only, upper case). Personal data.",
    })
    registrationNumber: string,
    @Ctx() ctx: RequestContext,
  ): Promise<PartyRow | null> {
    const viewer = requireNominalReader(ctx.viewer);
    const number = registrationNumberKey(registrationNumber);
    if (number === "") return null;
    const company = await new PartyRepository(ctx.db).findCompanyByRegistration(agencyCode(agency), registrationCountry, number, viewer.agency);
    if (company) partyById(ctx).prime(company.id, company);
    return company;
  }

  @Query(() => CompanyConnection, { description: "Companies, filtered and ordered, one page at a time." })
  async companies(
    @Arg("filter", () => CompanyFilter, { nullable: true, description: "Which companies." }) filter: CompanyFilter | null,
    @Arg("orderBy", () => PartyOrder, { defaultValue: PartyOrder.NAME, description: "Order of the list." }) orderBy: PartyOrder,
    @Arg("first", () => Int, { defaultValue: 20, description: "Page size." }) first: number,
    @Arg("after", () => String, { nullable: true, description: "Cursor (endCursor of the previous page)." }) after: string | null,
    @Ctx() ctx: RequestContext,
  ) {
    const viewer = requireNominalList(ctx, "Listing companies");
    const size = checkedFirst(first);
    const scope = cursorScope(viewer, "Query.companies", { filter, orderBy });
    const position = decodeKeyset(after, orderBy === PartyOrder.NAME ? "name" : "instant", scope);
    const criteria = { name: filter?.name ? foldText(filter.name) : null, country: filter?.registrationCountry ?? null, ownerAgency: filter?.ownerAgency ?? null };
    const repository = new PartyRepository(ctx.db);
    const page = await partyPage((from, limit) => repository.list("Company", criteria, orderBy, viewer.agency, from, limit), {
      first: size,
      after: position,
      viewer,
      scope,
    });
    return partyConnection(page, scope);
  }

  @Roles("investigator", "supervisor")
  @Mutation(() => Company, {
    description:
      "Records a company of your agency with its identifiers, in one transaction. Idempotent when a registration number " +
      "and country are given (they identify the company within your agency).",
  })
  async upsertCompany(@Arg("input", () => CompanyInput, { description: "The company." }) input: CompanyInput, @Ctx() ctx: RequestContext) {
    const viewer = requireViewer(ctx.viewer);
    const write = companyWrite(input, "input");
    const id = await new CompanyRepository(ctx.db).upsert(write, ownedRecordProperties(viewer.agency, "graphql:upsertCompany", input.markings));
    return partyById(ctx).load(id);
  }
}
