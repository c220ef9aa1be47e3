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
import { companyRoleWrite, type CompanyRoleFields } from "../relationship/relationship.input.js";
import { linkAssociatesMany, linkCompanyRolesMany, type AssociationWrite, type CompanyRoleWrite } from "../relationship/relationship.repository.js";
import { AssociationKind } from "../relationship/relationship.types.js";

/**
 * Relationships between parties as import rows: associations between persons and persons' roles in companies, the
 * nominal intelligence agencies exchange besides the records themselves. The parties are named by natural key (a
 * person's reference, a company's registration) and must have been imported before. An association's person is one
 * of the importing agency's; the other party, and both parties of a company role, may be any agency's that the
 * importing agency may read (resolvePartyReferences: a party it may not read is not found). The edge is the
 * importing agency's. Re-importing a row changes nothing: each agency's edge between two parties is merged, not added.
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

type RowFailure = Omit<RowError, "row"> & { row: number };

/** One party a relationship row names: the field naming it, what it may be, and whether it must be the importer's own. */
interface PartyEnd {
  field: string;
  labels: readonly PartyLabel[];
  own?: boolean;
}

const kindsOf = (labels: readonly PartyLabel[]) => labels.map((l) => `a ${l.toLowerCase()}`).join(" or ");

/**
 * Resolves the two parties of each row (`first` and `other`, each a reference in the row's field) and checks what
 * they must be (a person or a company as the kind requires; the importer's own when `own`). Rows that failed
 * already (`failed`) are left as they are. Then runs `validate` on the row.
 */
async function prepareRelationships<T>(
  rows: readonly CoercedRow[],
  writer: ImportWriter,
  ends: { first: PartyEnd; other: PartyEnd },
  validate: (input: Record<string, unknown>, firstId: string, otherId: string) => T,
  failed: RowFailure[] = [],
): Promise<Array<PreparedRow<T>>> {
  const pair = [ends.first, ends.other];
  const uses: Array<ReferenceUse<PartyReference>> = rows.flatMap((r) => pair.map((end) => ({ row: r.row, path: end.field, ref: r.input[end.field] as PartyReference })));
  const resolved = await resolvePartyReferences(writer.db, writer.agency, uses);
  const parties = await partiesOf(writer.db, resolved.ids.filter((id): id is string => id !== null));
  failed.push(...resolved.errors);
  rows.forEach((r, i) => {
    pair.forEach((end, j) => {
      const party = resolved.ids[2 * i + j] ? parties.get(resolved.ids[2 * i + j]!) : undefined;
      if (party && !end.labels.includes(party.label)) {
        failed.push({ row: r.row, field: end.field, code: "INVALID_VALUE", message: `Expected ${kindsOf(end.labels)}.` });
      } else if (party && end.own && party.ownerAgency !== writer.agency) {
        failed.push({ row: r.row, field: end.field, code: "INVALID_VALUE", message: `Expected ${kindsOf(end.labels)} of your agency (${writer.agency}): only the owner records its relationships.` });
      }
    });
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
    "named by reference, with the kind of tie (default ASSOCIATE) and the period. Idempotent: each agency records one association of " +
    "each kind between two persons; the same two persons with another kind keep both kinds.",
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
    kind: "ASSOCIATE",
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
    const ends = { first: { field: "person", labels: ["Person"], own: true }, other: { field: "associate", labels: ["Person"] } } as const;
    return prepareRelationships(rows, writer, ends, (input, personId, associateId) => {
      if (personId === associateId) throw badUserInput("input.associate", "another person than person");
      return { personId, associateId, kind: (input.kind as AssociationKind | null | undefined) ?? AssociationKind.ASSOCIATE, edge: edgeOf(input, writer) };
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
    "Roles of persons and companies in companies (nominal data): officers, employees, shareholders, beneficial owners, nominees, " +
    "intermediaries and registered agents, with the share (owner roles), the period and a note. The holder and the company may be " +
    "any agency's your agency may read (its own, or shared with it in an open operation; give their agency); any other is not found. " +
    "Idempotent: each agency records one role of each kind between a holder and a company.",
  inputType: "CompanyRoleHolderInput",
  omitFields: ["holderId", "companyId"],
  extraFields: () => ({
    holder: { type: PartyReferenceImport, description: "The person (by reference) or company (by registration) holding the role, or its hub id." },
    person: { type: PartyReferenceImport, description: "Files of API 1.x: the holder when it is a person (give holder or person, not both)." },
    company: partyField("The company, by registration country and number (or hub id)."),
  }),
  concurrency: 1,
  xml: { root: "companyRoles", record: "companyRole" },
  examples: {
    // The persons and companies templates' records.
    "holder.personReference": "P-2024-0001",
    "company.companyRegistrationCountry": "NL",
    "company.companyRegistrationNumber": "12345678",
    role: "DIRECTOR",
    since: "2019-01-01",
    note: "Register extract of 2019-01-02",
    sharePercentage: null,
    shares: null,
    "holder.agency": null,
    "holder.companyRegistrationCountry": null,
    "holder.companyRegistrationNumber": null,
    "holder.id": null,
    "person.personReference": null,
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
    // `person` is the holder's name in files of API 1.x: it reads as `holder`.
    const failed: RowFailure[] = [];
    const named = rows.map((r) => {
      const { holder, person } = r.input;
      if (holder && person) failed.push({ row: r.row, field: "person", code: "INVALID_VALUE", message: "Give holder or person (its former name), not both." });
      else if (!holder && !person) failed.push({ row: r.row, field: "holder", code: "REQUIRED", message: "Name the holder: a person or a company." });
      return { ...r, input: { ...r.input, holder: holder ?? person } };
    });
    const ends = { first: { field: "holder", labels: ["Person", "Company"] }, other: { field: "company", labels: ["Company"] } } as const;
    return prepareRelationships(
      named,
      writer,
      ends,
      (input, holderId, companyId) => companyRoleWrite(input as unknown as CompanyRoleFields, holderId, companyId, { ownerAgency: writer.agency, source: writer.source }, "input.company"),
      failed,
    );
  },

  async writeBatch(items, writer) {
    await writer.db.transaction((tx) => linkCompanyRolesMany(tx, items));
    return items.map((item) => ({ id: item.holderId, flags: 0 }));
  },
};
