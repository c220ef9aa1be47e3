import { ownedRecordProperties, prepareRows, type ImportKind, type MarkingsInput } from "@cix/core";
import { GraphQLNonNull, GraphQLString } from "graphql";
import { personWrite, type PersonWrite } from "../person/person.input.js";
import { PersonRepository } from "../person/person.repository.js";
import type { PersonInput } from "../person/person.types.js";

type PersonRow = { write: PersonWrite; markings: MarkingsInput | null | undefined };

/**
 * Persons as import rows: `PersonInput` with its identifiers (phones and e-mails as `;`-separated cells, addresses,
 * bank accounts and identity documents as `addresses[i].…`). The reference is mandatory here: it is the natural key
 * (with your agency) that makes a re-import update the same person and lets seizures and orders name them.
 */
export const personImport: ImportKind<PersonRow> = {
  name: "persons",
  subgraph: "entities",
  description:
    "Persons (nominal data) of your agency, each with a mandatory reference (your own id of the person, its natural key). Phones, " +
    "e-mails, addresses, bank accounts and identity documents become the hub's shared identifier nodes, so persons sharing one are linked.",
  inputType: "PersonInput",
  omitFields: ["reference"],
  extraFields: () => ({
    reference: { type: new GraphQLNonNull(GraphQLString), description: "Your agency's own id of the person: mandatory in imports (the natural key)." },
  }),
  // Batches link shared identifier nodes (a family's address, a shop's phone): written one at a time, they never
  // wait on each other's locks; the batch itself costs a fixed handful of statements (see the repository).
  concurrency: 1,
  naturalKey: { fields: ["reference"], of: (item) => [item.write.reference ?? ""] },
  xml: { root: "persons", record: "person" },
  templateLists: { addresses: 1, bankAccounts: 1, identityDocuments: 1 },
  examples: {
    reference: "P-2024-0001",
    givenNames: "Jan",
    familyName: "Jansen",
    fullName: null,
    aliases: ["J. Jansen"],
    dateOfBirth: "1980-05-17",
    gender: "MALE",
    nationalities: ["NL"],
    phones: ["+31612345678"],
    emails: ["jan.jansen@example.org"],
    "addresses.street": "Damrak 1",
    "addresses.postcode": "1012 LG",
    "addresses.city": "Amsterdam",
    "addresses.country": "NL",
    "bankAccounts.iban": "NL91ABNA0417164300",
    "bankAccounts.bic": "ABNANL2A",
    "identityDocuments.type": "PASSPORT",
    "identityDocuments.number": "NW1234567",
    "identityDocuments.issuingCountry": "NL",
    "identityDocuments.expiry": "2030-01-31",
    "markings.tlp": "AMBER",
  },

  async prepare(rows) {
    return prepareRows(rows, [], (r) => ({ write: personWrite(r.input as unknown as PersonInput, "input"), markings: r.input.markings as MarkingsInput | undefined }));
  },

  async writeBatch(items, writer) {
    const written = await new PersonRepository(writer.db).upsertMany(
      items.map((item) => ({ write: item.write, record: ownedRecordProperties(writer.agency, writer.source, item.markings) })),
    );
    return written.map((w) => ({ ...w, flags: 0 }));
  },
};
