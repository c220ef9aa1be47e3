import { CountryCodeScalar, ownedRecordProperties, prepareRows, type ImportKind, type MarkingsInput } from "@cix/core";
import { GraphQLNonNull, GraphQLString } from "graphql";
import { companyWrite, type CompanyWrite } from "../company/company.input.js";
import { CompanyRepository } from "../company/company.repository.js";
import type { CompanyInput } from "../company/company.types.js";

type CompanyRow = { write: CompanyWrite; markings: MarkingsInput | null | undefined };

/**
 * Companies as import rows: `CompanyInput` with its identifiers. Registration number and country are mandatory
 * here: with your agency they are the natural key that makes a re-import update the same company.
 */
export const companyImport: ImportKind<CompanyRow> = {
  name: "companies",
  subgraph: "entities",
  description:
    "Companies (nominal data) of your agency, each with its registration number and country (the natural key). Phones, e-mails, " +
    "addresses and bank accounts become the hub's shared identifier nodes.",
  inputType: "CompanyInput",
  omitFields: ["registrationNumber", "registrationCountry"],
  extraFields: () => ({
    registrationNumber: { type: new GraphQLNonNull(GraphQLString), description: "Number in the company register: mandatory in imports (natural key with the country)." },
    registrationCountry: { type: new GraphQLNonNull(CountryCodeScalar), description: "Country of the company register: mandatory in imports." },
  }),
  // Batches link shared identifier nodes (a family's address, a shop's phone): written one at a time, they never
  // wait on each other's locks; the batch itself costs a fixed handful of statements (see the repository).
  concurrency: 1,
  naturalKey: {
    fields: ["registrationCountry", "registrationNumber"],
    of: (item) => [item.write.registration?.country ?? "", item.write.registration?.number ?? ""],
  },
  xml: { root: "companies", record: "company" },
  templateLists: { addresses: 1, bankAccounts: 1 },
  examples: {
    name: "Example Trading B.V.",
    registrationNumber: "12345678",
    registrationCountry: "NL",
    legalForm: "B.V.",
    phones: ["+31201234567"],
    emails: ["info@example-trading.example"],
    "addresses.street": "Keizersgracht 100",
    "addresses.postcode": "1015 AA",
    "addresses.city": "Amsterdam",
    "addresses.country": "NL",
    "bankAccounts.iban": "NL91ABNA0417164300",
    "bankAccounts.bic": "ABNANL2A",
    "markings.tlp": "AMBER",
  },

  async prepare(rows) {
    return prepareRows(rows, [], (r) => ({ write: companyWrite(r.input as unknown as CompanyInput, "input"), markings: r.input.markings as MarkingsInput | undefined }));
  },

  async writeBatch(items, writer) {
    const written = await new CompanyRepository(writer.db).upsertMany(
      items.map((item) => ({ write: item.write, record: ownedRecordProperties(writer.agency, writer.source, item.markings) })),
    );
    return written.map((w) => ({ ...w, flags: 0 }));
  },
};
