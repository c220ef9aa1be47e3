import { readFileSync } from "node:fs";
import { buildASTSchema, getNamedType, isObjectType, isInterfaceType, isNonNullType, parse, type GraphQLField } from "graphql";
import { describe, expect, it } from "vitest";

/**
 * Every field whose name or type says personal data must carry `@nominal` in the composed supergraph: the
 * marking is the single source of the permission rules, so an unmarked personal field would leak.
 */
const PERSONAL_NAME = /(^|[a-z])(name|names|alias|aliases|birth|gender|nationalit|document|address|addresses|phone|phones|email|emails|iban|bic|account|accounts|registration|buyer|seller|consignor|consignee|payer|payee|offender|offenders|director|directors|employee|employees|associate|associates|holder|holders|parties|party)/i;
const PERSONAL_TYPES = new Set(["Person", "Company", "Party", "Phone", "Email", "Address", "BankAccount", "IdentityDocument", "DeclaredParty", "DeclaredAddress", "PaymentAccount"]);

/** Fields that match the pattern but are not about a natural or legal person, with the reason. */
const NOT_PERSONAL: Record<string, string> = {
  "Place.name": "a UN/LOCODE place name",
  "Place.subdivision": "a region of a country",
  "Conveyance.carrierName": "an airline, shipping line or carrier",
  "GoodsItem.speciesName": "a CITES species",
  "Operation.name": "the name of a joint operation",
  "Operation.memberAgencies": "agency codes",
  "HsDescription.sectionName": "an HS section",
  "Place.countryName": "the name of a country",
  "BankAccount.bic": "identifies the bank, not the account holder",
  "Company.registrationCountry": "a country; the registration number itself is nominal",
  "ImportJob.fileName": "the name of an uploaded file, chosen by the uploading agency",
};

const supergraph = readFileSync(new URL("../../schema/supergraph.graphql", import.meta.url), "utf8");
const schema = buildASTSchema(parse(supergraph), { assumeValidSDL: true });

function isNominal(field: GraphQLField<unknown, unknown>): boolean {
  return !!field.astNode?.directives?.some((d) => d.name.value === "nominal");
}

function personalFields(): Array<{ coordinate: string; field: GraphQLField<unknown, unknown> }> {
  const out = [];
  for (const type of Object.values(schema.getTypeMap())) {
    if (!(isObjectType(type) || isInterfaceType(type)) || type.name.startsWith("_") || ["Query", "Mutation"].includes(type.name)) continue;
    // Page wrappers only carry nodes; the nodes' own fields are checked.
    if (/(Connection|Edge)$/.test(type.name)) continue;
    for (const field of Object.values(type.getFields())) {
      const coordinate = `${type.name}.${field.name}`;
      if (field.name === "id" || field.name === "__typename" || NOT_PERSONAL[coordinate]) continue;
      const target = getNamedType(field.type).name;
      if (PERSONAL_NAME.test(field.name) || PERSONAL_TYPES.has(target)) out.push({ coordinate, field });
    }
  }
  return out;
}

describe("nominal marking", () => {
  it("finds personal-data fields to check (the pattern is not dead)", () => {
    expect(personalFields().length).toBeGreaterThan(20);
  });

  it("marks every field whose name or type says personal data with @nominal", () => {
    const unmarked = personalFields().filter(({ field }) => !isNominal(field)).map(({ coordinate }) => coordinate);
    expect(unmarked).toEqual([]);
  });

  it("makes every @nominal field nullable, so a denial nulls only that field", () => {
    const nonNull = personalFields()
      .filter(({ field }) => isNominal(field) && isNonNullType(field.type))
      .map(({ coordinate }) => coordinate);
    expect(nonNull).toEqual([]);
  });

  it("composes the @nominal directive into the supergraph for consumers", () => {
    expect(supergraph).toMatch(/directive @nominal on FIELD_DEFINITION/);
  });
});
