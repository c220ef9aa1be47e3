import {
  badUserInput,
  PartyReferenceImport,
  prepareRows,
  resolvePartyReferences,
  type CoercedRow,
  type Database,
  type ImportKind,
  type ImportWriter,
  type PartyReference,
  type PreparedRow,
  type ReferenceUse,
  type RowError,
} from "@cix/core";
import { GraphQLNonNull } from "graphql";
import { checkPeriod } from "../common/dates.js";
import { linkAssociatesMany, linkCompanyRolesMany, type AssociationWrite, type CompanyRoleWrite } from "../relationship/relationship.repository.js";
import type { CompanyRoleType } from "../relationship/relationship.types.js";

/**
 * Relationships between parties as import rows: associations between persons and persons' roles in companies, the
 * nominal intelligence agencies exchange besides the records themselves. The parties are named by natural key (a
 * person's reference, a company's registration) and must have been imported before; the person is always one of
 * the importing agency's (only the owner records its relationships), the other party may be any agency's.
 * Re-importing a row changes nothing: each agency's edge between two parties is merged, not added.
 */

type PartyLabel = "Person" | "Company";

/** The resolved party of each named reference: its label and owner (null when the id names no party). */
async function partiesOf(db: Database, ids: readonly string[]): Promise<Map<string, { label: PartyLabel; ownerAgency: string }>> {
  const rows = await db.read<{ id: string; label: PartyLabel; ownerAgency: string }>(
    `UNWIND $ids AS id
     MATCH (n:Party { id: id })
     RETURN id, CASE WHEN n:Person THEN 'Person' ELSE 'Company' END AS label, n.ownerAgency AS ownerAgency`,
    { ids: [...new Set(ids)] },
  );
  return new Map(rows.map((r) => [r.id, { label: r.label, ownerAgency: r.ownerAgency }]));
}

/**
 * Resolves the two parties of each row (`person` and `other`) and checks what they must be: the person a person of
 * the importing agency, the other a person or a company as the kind requires. Then runs `validate` on the row.
 */
async function prepareRelationships<T>(
  rows: readonly CoercedRow[],
  writer: ImportWriter,
  other: { field: string; label: PartyLabel },
  validate: (input: Record<string, unknown>, personId: string, otherId: string) => T,
): Promise<Array<PreparedRow<T>>> {
  const uses: Array<ReferenceUse<PartyReference>> = rows.flatMap((r) => [
    { row: r.row, path: "person", ref: r.input.person as PartyReference },
    { row: r.row, path: other.field, ref: r.input[other.field] as PartyReference },
  ]);
  const resolved = await resolvePartyReferences(writer.db, writer.agency, uses);
  const parties = await partiesOf(writer.db, resolved.ids.filter((id): id is string => id !== null));
  const failed: Array<Omit<RowError, "row"> & { row: number }> = [...resolved.errors];
  rows.forEach((r, i) => {
    const person = resolved.ids[2 * i] ? parties.get(resolved.ids[2 * i]!) : undefined;
    const otherParty = resolved.ids[2 * i + 1] ? parties.get(resolved.ids[2 * i + 1]!) : undefined;
    if (person && person.label !== "Person") failed.push({ row: r.row, field: "person", code: "INVALID_VALUE", message: "Expected a person, not a company." });
    else if (person && person.ownerAgency !== writer.agency) {
      failed.push({ row: r.row, field: "person", code: "INVALID_VALUE", message: `Expected a person of your agency (${writer.agency}): only the owner records its relationships.` });
    }
    if (otherParty && otherParty.label !== other.label) {
      failed.push({ row: r.row, field: other.field, code: "INVALID_VALUE", message: `Expected a ${other.label.toLowerCase()}.` });
    }
  });
  return prepareRows(rows, failed, (r, i) => validate(r.input, resolved.ids[2 * i]!, resolved.ids[2 * i + 1]!));
}

function edgeOf(input: Record<string, unknown>, writer: ImportWriter) {
  const since = (input.since as string | null | undefined) ?? null;
  const until = (input.until as string | null | undefined) ?? null;
  checkPeriod(since, until, "input");
  return { ownerAgency: writer.agency, source: writer.source, since, until };
}

const partyField = (description: string) => ({ type: new GraphQLNonNull(PartyReferenceImport), description });

export const associationImport: ImportKind<AssociationWrite> = {
  name: "associations",
  subgraph: "entities",
  description:
    "Associations between persons (nominal data): a person of your agency and an associate of any agency, both imported before and " +
    "named by reference, with the period. Idempotent: each agency records one association between two persons.",
  inputType: "AssociationInput",
  omitFields: ["personId", "associateId"],
  extraFields: () => ({
    person: partyField("A person of your agency, by reference (or hub id)."),
    associate: partyField("The associated person (of any agency: give its agency), by reference (or hub id)."),
  }),
  // Rows of one batch may name the same person: written one batch at a time, they never wait on each other's locks.
  concurrency: 1,
  xml: { root: "associations", record: "association" },
  examples: {
    // The persons template's person; the associate is another person of the same agency.
    "person.personReference": "P-2024-0001",
    "associate.agency": null,
    "associate.personReference": "P-2024-0002",
    since: "2021-03-01",
    "person.agency": null,
    "person.companyRegistrationCountry": null,
    "person.companyRegistrationNumber": null,
    "person.id": null,
    "associate.companyRegistrationCountry": null,
    "associate.companyRegistrationNumber": null,
    "associate.id": null,
    until: null,
  },

  prepare(rows, writer) {
    return prepareRelationships(rows, writer, { field: "associate", label: "Person" }, (input, personId, associateId) => {
      if (personId === associateId) throw badUserInput("input.associate", "another person than person");
      return { personId, associateId, edge: edgeOf(input, writer) };
    });
  },

  async writeBatch(items, writer) {
    await writer.db.transaction((tx) => linkAssociatesMany(tx, items));
    return items.map((item) => ({ id: item.personId, flags: 0 }));
  },
};

export const companyRoleImport: ImportKind<CompanyRoleWrite> = {
  name: "company-roles",
  subgraph: "entities",
  description:
    "Persons' roles in companies (nominal data): a person of your agency, a company of any agency (by registration), DIRECTOR or " +
    "EMPLOYEE, with the period. Idempotent: each agency records one role of each kind between a person and a company.",
  inputType: "CompanyRoleInput",
  omitFields: ["personId", "companyId"],
  extraFields: () => ({
    person: partyField("A person of your agency, by reference (or hub id)."),
    company: partyField("The company (of any agency: give its agency), by registration country and number (or hub id)."),
  }),
  concurrency: 1,
  xml: { root: "companyRoles", record: "companyRole" },
  examples: {
    // The persons and companies templates' records.
    "person.personReference": "P-2024-0001",
    "company.companyRegistrationCountry": "NL",
    "company.companyRegistrationNumber": "12345678",
    role: "DIRECTOR",
    since: "2019-01-01",
    "person.agency": null,
    "person.companyRegistrationCountry": null,
    "person.companyRegistrationNumber": null,
    "person.id": null,
    "company.agency": null,
    "company.personReference": null,
    "company.id": null,
    until: null,
  },

  prepare(rows, writer) {
    return prepareRelationships(rows, writer, { field: "company", label: "Company" }, (input, personId, companyId) => ({
      personId,
      companyId,
      role: input.role as CompanyRoleType,
      edge: edgeOf(input, writer),
    }));
  },

  async writeBatch(items, writer) {
    await writer.db.transaction((tx) => linkCompanyRolesMany(tx, items));
    return items.map((item) => ({ id: item.personId, flags: 0 }));
  },
};
