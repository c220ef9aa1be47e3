import { type Database } from "@cix/core";
import type { Seizure, SeizureInput } from "./seizure.types.js";

export const seizureSchema = [
  "CREATE CONSTRAINT seizure_id IF NOT EXISTS FOR (s:Seizure) REQUIRE s.id IS UNIQUE",
  "CREATE CONSTRAINT seizure_case IF NOT EXISTS FOR (s:Seizure) REQUIRE (s.reportingAgency, s.caseNumber) IS UNIQUE",
  "CREATE INDEX seizure_seized_at IF NOT EXISTS FOR (s:Seizure) ON (s.seizedAt)",
];

const SEIZURE_FIELDS = "s { .id, .caseNumber, .reportingAgency, .commodity, seizedAt: toString(s.seizedAt) }";

/** Cypher for Seizure nodes. Idempotent on (reportingAgency, caseNumber). */
export class SeizureRepository {
  constructor(private readonly db: Database) {}

  async upsert(input: SeizureInput): Promise<Seizure> {
    const rows = await this.db.write<{ seizure: Seizure }>(
      `MERGE (s:Seizure { reportingAgency: $input.reportingAgency, caseNumber: $input.caseNumber })
       ON CREATE SET s.id = randomUUID(), s.createdAt = datetime()
       SET s.seizedAt = datetime($input.seizedAt), s.commodity = $input.commodity, s.updatedAt = datetime()
       RETURN ${SEIZURE_FIELDS} AS seizure`,
      { input: { ...input } },
    );
    return rows[0]!.seizure;
  }

  async findByIds(ids: readonly string[]): Promise<Seizure[]> {
    const rows = await this.db.read<{ seizure: Seizure }>(
      `UNWIND $ids AS id MATCH (s:Seizure { id: id }) RETURN ${SEIZURE_FIELDS} AS seizure`,
      { ids },
    );
    return rows.map((r) => r.seizure);
  }

  async list(first: number): Promise<Seizure[]> {
    const rows = await this.db.read<{ seizure: Seizure }>(
      `MATCH (s:Seizure) RETURN ${SEIZURE_FIELDS} AS seizure ORDER BY s.seizedAt DESC, s.id LIMIT $first`,
      { first },
    );
    return rows.map((r) => r.seizure);
  }
}
