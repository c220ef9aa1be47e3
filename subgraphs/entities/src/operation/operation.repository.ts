import type { Database } from "@cix/core";
import type { Operation } from "./operation.types.js";

export const operationSchema = [
  "CREATE CONSTRAINT operation_id IF NOT EXISTS FOR (o:Operation) REQUIRE o.id IS UNIQUE",
  "CREATE INDEX operation_status IF NOT EXISTS FOR (o:Operation) ON (o.status)",
];

/** Operations past their end date count as CLOSED even before anyone closes them. */
const OPERATION_FIELDS = `op { .id, .name, .leadAgency, .memberAgencies, .startsAt, .endsAt, .closedAt, .retentionDays,
  status: CASE WHEN op.status = 'OPEN' AND op.endsAt > datetime() THEN 'OPEN' ELSE 'CLOSED' END,
  sharedRecordCount: COUNT { (op)<-[:SHARED_IN]-() } }`;

/** Labels of records that can be shared into an operation. */
const SHAREABLE = ["Seizure", "Person", "Company", "Order", "Payment", "Shipment"];

export class OperationRepository {
  constructor(private readonly db: Database) {}

  async open(input: { name: string; leadAgency: string; memberAgencies: string[]; endsAt: string; retentionDays: number }): Promise<Operation> {
    const [row] = await this.db.write<{ op: Operation }>(
      `CREATE (op:Operation { id: randomUUID(), name: $name, leadAgency: $leadAgency, memberAgencies: $members,
         startsAt: datetime(), endsAt: datetime($endsAt), status: 'OPEN', retentionDays: $retentionDays, createdAt: datetime() })
       RETURN ${OPERATION_FIELDS} AS op`,
      { ...input, members: [...new Set([input.leadAgency, ...input.memberAgencies])] },
    );
    return row!.op;
  }

  async findByIds(ids: readonly string[]): Promise<Operation[]> {
    const rows = await this.db.read<{ op: Operation }>(`UNWIND $ids AS id MATCH (op:Operation { id: id }) RETURN ${OPERATION_FIELDS} AS op`, { ids });
    return rows.map((r) => r.op);
  }

  /** Operations the agency leads or takes part in. */
  async forAgency(agency: string): Promise<Operation[]> {
    const rows = await this.db.read<{ op: Operation }>(
      `MATCH (op:Operation) WHERE $agency IN op.memberAgencies RETURN ${OPERATION_FIELDS} AS op ORDER BY op.endsAt DESC`,
      { agency },
    );
    return rows.map((r) => r.op);
  }

  async setMembers(id: string, add: string[], remove: string[]): Promise<Operation | null> {
    const [row] = await this.db.write<{ op: Operation }>(
      `MATCH (op:Operation { id: $id })
       SET op.memberAgencies = [a IN (op.memberAgencies + [x IN $add WHERE NOT x IN op.memberAgencies]) WHERE NOT a IN $remove OR a = op.leadAgency]
       RETURN ${OPERATION_FIELDS} AS op`,
      { id, add, remove },
    );
    return row?.op ?? null;
  }

  async close(id: string): Promise<Operation | null> {
    const [row] = await this.db.write<{ op: Operation }>(
      `MATCH (op:Operation { id: $id }) SET op.status = 'CLOSED', op.closedAt = coalesce(op.closedAt, datetime())
       RETURN ${OPERATION_FIELDS} AS op`,
      { id },
    );
    return row?.op ?? null;
  }

  /**
   * Shares records the agency owns with the operation's members of today (kept on the share, see `sharedWith` in
   * core's envelope); returns the ids actually shared (others are not the agency's).
   */
  async share(id: string, recordIds: string[], ownerAgency: string, released: boolean, operationOnly: boolean, by: string): Promise<string[]> {
    const rows = await this.db.write<{ id: string }>(
      `MATCH (op:Operation { id: $id })
       UNWIND $recordIds AS rid
       MATCH (r { id: rid }) WHERE any(l IN labels(r) WHERE l IN $shareable) AND r.ownerAgency = $ownerAgency
       MERGE (r)-[s:SHARED_IN]->(op)
       SET s.released = $released, s.operationOnly = $operationOnly, s.sharedBy = $by, s.sharedAt = datetime(),
           s.members = op.memberAgencies
       RETURN r.id AS id`,
      { id, recordIds, ownerAgency, released, operationOnly, by, shareable: SHAREABLE },
    );
    return rows.map((r) => r.id);
  }

  async unshare(id: string, recordIds: string[], ownerAgency: string): Promise<string[]> {
    const rows = await this.db.write<{ id: string }>(
      `MATCH (r)-[s:SHARED_IN]->(:Operation { id: $id }) WHERE r.id IN $recordIds AND r.ownerAgency = $ownerAgency
       DELETE s RETURN r.id AS id`,
      { id, recordIds, ownerAgency },
    );
    return rows.map((r) => r.id);
  }
}

/** Operations closed or ended, not yet purged, whose retention period has run out by `$now`. */
const EXPIRED_OPERATIONS = `MATCH (op:Operation)
  WHERE (op.status = 'CLOSED' OR op.endsAt <= datetime($now)) AND op.purgedAt IS NULL
    AND coalesce(op.closedAt, op.endsAt) + duration({ days: op.retentionDays }) <= datetime($now)`;

/** Records shared into `op` for the operation only, and into no other operation that is still open. */
const OPERATION_ONLY_RECORDS = `OPTIONAL MATCH (r)-[:SHARED_IN { operationOnly: true }]->(op)
  WHERE r IS NOT NULL AND NOT EXISTS { (r)-[:SHARED_IN]->(other:Operation) WHERE other <> op AND other.status = 'OPEN' AND other.endsAt > datetime($now) }`;

/**
 * Deletes operation-only records of operations whose retention period has run out (closed or ended, plus
 * retentionDays), unless another open operation still holds them. Their goods lines and route legs go with
 * them; shared identifier and place nodes stay. `dryRun` only counts them, in a read transaction (where Neo4j
 * refuses any write).
 */
export async function purgeExpiredOperationData(db: Database, now = new Date(), { dryRun = false } = {}): Promise<{ operations: number; records: number }> {
  const params = { now: now.toISOString() };
  const [row] = dryRun
    ? await db.read<{ operations: number; records: number }>(
        `${EXPIRED_OPERATIONS} ${OPERATION_ONLY_RECORDS}
         RETURN count(DISTINCT op) AS operations, count(DISTINCT r) AS records`,
        params,
      )
    : await db.write<{ operations: number; records: number }>(
        `${EXPIRED_OPERATIONS}
         CALL (op) {
           ${OPERATION_ONLY_RECORDS}
           OPTIONAL MATCH (r)-[:GOODS|ITEM|EVENT]->(part)
           DETACH DELETE part
           WITH DISTINCT r
           DETACH DELETE r
           RETURN count(r) AS records
         }
         SET op.purgedAt = datetime($now)
         RETURN count(op) AS operations, coalesce(sum(records), 0) AS records`,
        params,
      );
  return row ?? { operations: 0, records: 0 };
}
