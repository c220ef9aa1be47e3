import { writeOutcomeColumns, type Database, type RecordWrite } from "@cix/core";
import { upsertParties, type PartyUpsert } from "../common/upsert-parties.js";
import type { RecordProps } from "../common/record.js";
import { replacePartyIdentifiers } from "../identifier/identifier.write.js";
import type { PersonWrite } from "./person.input.js";

export const personSchema: readonly string[] = [
  "CREATE CONSTRAINT person_id IF NOT EXISTS FOR (p:Person) REQUIRE p.id IS UNIQUE",
  "CREATE CONSTRAINT person_reference IF NOT EXISTS FOR (p:Person) REQUIRE (p.ownerAgency, p.reference) IS UNIQUE",
  "CREATE INDEX person_sort_name IF NOT EXISTS FOR (p:Person) ON (p.sortName)",
  "CREATE INDEX person_updated_at IF NOT EXISTS FOR (p:Person) ON (p.updatedAt)",
  "CREATE INDEX person_owner_agency IF NOT EXISTS FOR (p:Person) ON (p.ownerAgency)",
];

const SET_FIELDS = "SET party += row.record, party += row.props, party.dateOfBirth = date(row.dateOfBirth), party.updatedAt = datetime() RETURN row.n AS n, party.id AS id, created, previousSource";

/** Persons with a reference: the owner's person with that reference, created or updated; without one, a new person. */
const STATEMENTS: PartyUpsert = {
  merge: `UNWIND $rows AS row
    MERGE (party:Person:Party { ownerAgency: row.record.ownerAgency, reference: row.reference })
      ON CREATE SET party.id = randomUUID(), party.createdAt = datetime()
    WITH row, party, ${writeOutcomeColumns("party")}
    ${SET_FIELDS}`,
  create: `UNWIND $rows AS row CREATE (party:Person:Party { id: randomUUID(), createdAt: datetime() }) WITH row, party, ${writeOutcomeColumns("party")} ${SET_FIELDS}`,
};

/** Cypher writes of Person nodes. */
export class PersonRepository {
  constructor(private readonly db: Database) {}

  /** Stores the person and its identifier links in one transaction; returns its id. */
  async upsert(write: PersonWrite, record: RecordProps): Promise<string> {
    const [written] = await this.upsertMany([{ write, record }]);
    return written!.id;
  }

  /**
   * Stores persons and their identifier links in ONE transaction (stored whole or not at all) with a fixed number
   * of statements however many there are: the import's batches and the mutation share this one write path.
   */
  upsertMany(items: ReadonlyArray<{ write: PersonWrite; record: RecordProps }>): Promise<RecordWrite[]> {
    return this.db.transaction(async (tx) => {
      const written = await upsertParties(
        tx,
        STATEMENTS,
        items.map(({ write, record }) => ({
          keyed: write.reference !== null,
          params: { record, reference: write.reference, props: write.props, dateOfBirth: write.dateOfBirth },
        })),
      );
      await replacePartyIdentifiers(
        tx,
        "Person",
        items.map(({ write, record }, i) => ({ partyId: written[i]!.id, lists: write.identifiers, provenance: { ownerAgency: record.ownerAgency, source: record.source } })),
      );
      return written;
    });
  }
}
