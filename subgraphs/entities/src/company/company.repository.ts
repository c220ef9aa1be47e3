import { writeOutcomeColumns, type Database, type RecordWrite } from "@cix/core";
import { upsertParties, type PartyUpsert } from "../common/upsert-parties.js";
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

const SET_FIELDS = "SET party += row.record, party += row.props, party.updatedAt = datetime() RETURN row.n AS n, party.id AS id, created, previousSource";

/** Companies with a registration: the owner's company with that registration, created or updated; without one, a new company. */
const STATEMENTS: PartyUpsert = {
  merge: `UNWIND $rows AS row
    MERGE (party:Company:Party { ownerAgency: row.record.ownerAgency, registrationCountry: row.country, registrationNumber: row.number })
      ON CREATE SET party.id = randomUUID(), party.createdAt = datetime()
    WITH row, party, ${writeOutcomeColumns("party")}
    ${SET_FIELDS}`,
  create: `UNWIND $rows AS row CREATE (party:Company:Party { id: randomUUID(), createdAt: datetime() }) WITH row, party, ${writeOutcomeColumns("party")} ${SET_FIELDS}`,
};

/** Cypher writes of Company nodes. */
export class CompanyRepository {
  constructor(private readonly db: Database) {}

  /** Stores the company and its identifier links in one transaction; returns its id. */
  async upsert(write: CompanyWrite, record: RecordProps): Promise<string> {
    const [written] = await this.upsertMany([{ write, record }]);
    return written!.id;
  }

  /**
   * Stores companies and their identifier links in ONE transaction (stored whole or not at all) with a fixed
   * number of statements however many there are: the import's batches and the mutation share this one write path.
   */
  upsertMany(items: ReadonlyArray<{ write: CompanyWrite; record: RecordProps }>): Promise<RecordWrite[]> {
    return this.db.transaction(async (tx) => {
      const written = await upsertParties(
        tx,
        STATEMENTS,
        items.map(({ write, record }) => ({
          keyed: write.registration !== null,
          params: { record, props: write.props, number: write.registration?.number ?? null, country: write.registration?.country ?? null },
        })),
      );
      await replacePartyIdentifiers(
        tx,
        "Company",
        items.map(({ write, record }, i) => ({ partyId: written[i]!.id, lists: write.identifiers, provenance: { ownerAgency: record.ownerAgency, source: record.source } })),
      );
      return written;
    });
  }
}
