import type { Database, Tx } from "@cix/core";
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

const SET_FIELDS = "SET n += $record, n += $props, n.dateOfBirth = date($dateOfBirth), n.updatedAt = datetime() RETURN n.id AS id";

/** With a reference: the owner's person with that reference, created or updated. */
const UPSERT_BY_REFERENCE = `MERGE (n:Person:Party { ownerAgency: $record.ownerAgency, reference: $reference })
  ON CREATE SET n.id = randomUUID(), n.createdAt = datetime()
  ${SET_FIELDS}`;

/** Without a reference there is no natural key: a new person. */
const CREATE = `CREATE (n:Person:Party { id: randomUUID(), createdAt: datetime() }) ${SET_FIELDS}`;

/** Cypher writes of Person nodes. */
export class PersonRepository {
  constructor(private readonly db: Database) {}

  /** Stores the person and its identifier links in one transaction; returns its id. */
  upsert(write: PersonWrite, record: RecordProps): Promise<string> {
    return this.db.transaction((tx) => writePerson(tx, write, record));
  }

  /** The batch variant for imports: the same statements for each person, all in ONE transaction (stored whole or not at all). */
  upsertMany(items: ReadonlyArray<{ write: PersonWrite; record: RecordProps }>): Promise<string[]> {
    return this.db.transaction(async (tx) => {
      const ids: string[] = [];
      for (const item of items) ids.push(await writePerson(tx, item.write, item.record));
      return ids;
    });
  }
}

/** Stores the person and its identifier links inside the caller's transaction; returns its id. */
async function writePerson(tx: Tx, write: PersonWrite, record: RecordProps): Promise<string> {
  const rows = await tx.run<{ id: string }>(write.reference ? UPSERT_BY_REFERENCE : CREATE, {
    record,
    reference: write.reference,
    props: write.props,
    dateOfBirth: write.dateOfBirth,
  });
  const id = rows[0]!.id;
  await replacePartyIdentifiers(tx, { label: "Person", id }, write.identifiers, { ownerAgency: record.ownerAgency, source: record.source });
  return id;
}
