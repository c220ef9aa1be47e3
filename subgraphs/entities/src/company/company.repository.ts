import type { Database, Tx } from "@cix/core";
import type { RecordProps } from "../common/record.js";
import { replacePartyIdentifiers } from "../identifier/identifier.write.js";
import type { CompanyWrite } from "./company.input.js";

export const companySchema: readonly string[] = [
  "CREATE CONSTRAINT company_id IF NOT EXISTS FOR (c:Company) REQUIRE c.id IS UNIQUE",
  "CREATE CONSTRAINT company_registration IF NOT EXISTS FOR (c:Company) REQUIRE (c.ownerAgency, c.registrationCountry, c.registrationNumber) IS UNIQUE",
  "CREATE INDEX company_sort_name IF NOT EXISTS FOR (c:Company) ON (c.sortName)",
  "CREATE INDEX company_updated_at IF NOT EXISTS FOR (c:Company) ON (c.updatedAt)",
  "CREATE INDEX company_owner_agency IF NOT EXISTS FOR (c:Company) ON (c.ownerAgency)",
];

const SET_FIELDS = "SET n += $record, n += $props, n.updatedAt = datetime() RETURN n.id AS id";

/** With a registration: the owner's company with that registration, created or updated. */
const UPSERT_BY_REGISTRATION = `MERGE (n:Company:Party { ownerAgency: $record.ownerAgency, registrationCountry: $country, registrationNumber: $number })
  ON CREATE SET n.id = randomUUID(), n.createdAt = datetime()
  ${SET_FIELDS}`;

/** Without a registration there is no natural key: a new company. */
const CREATE = `CREATE (n:Company:Party { id: randomUUID(), createdAt: datetime() }) ${SET_FIELDS}`;

/** Cypher writes of Company nodes. */
export class CompanyRepository {
  constructor(private readonly db: Database) {}

  /** Stores the company and its identifier links in one transaction; returns its id. */
  upsert(write: CompanyWrite, record: RecordProps): Promise<string> {
    return this.db.transaction((tx) => writeCompany(tx, write, record));
  }

  /** The batch variant for imports: the same statements for each company, all in ONE transaction (stored whole or not at all). */
  upsertMany(items: ReadonlyArray<{ write: CompanyWrite; record: RecordProps }>): Promise<string[]> {
    return this.db.transaction(async (tx) => {
      const ids: string[] = [];
      for (const item of items) ids.push(await writeCompany(tx, item.write, item.record));
      return ids;
    });
  }
}

/** Stores the company and its identifier links inside the caller's transaction; returns its id. */
async function writeCompany(tx: Tx, write: CompanyWrite, record: RecordProps): Promise<string> {
  const rows = await tx.run<{ id: string }>(write.registration ? UPSERT_BY_REGISTRATION : CREATE, {
    record,
    props: write.props,
    number: write.registration?.number ?? null,
    country: write.registration?.country ?? null,
  });
  const id = rows[0]!.id;
  await replacePartyIdentifiers(tx, { label: "Company", id }, write.identifiers, { ownerAgency: record.ownerAgency, source: record.source });
  return id;
}
