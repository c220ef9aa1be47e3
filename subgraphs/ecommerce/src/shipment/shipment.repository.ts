import type { Database } from "@cix/core";
import type { Shipment, ShipmentInput } from "./shipment.types.js";

export const shipmentSchema = [
  "CREATE CONSTRAINT shipment_id IF NOT EXISTS FOR (s:Shipment) REQUIRE s.id IS UNIQUE",
  "CREATE CONSTRAINT shipment_tracking IF NOT EXISTS FOR (s:Shipment) REQUIRE (s.carrier, s.trackingNumber) IS UNIQUE",
];

const SHIPMENT_FIELDS = "sh { .id, .trackingNumber, .carrier, seizureId: head([(sh)-[:SEIZED_IN]->(z:Seizure) | z.id]) }";

/** Cypher for Shipment nodes. Idempotent on (carrier, trackingNumber). */
export class ShipmentRepository {
  constructor(private readonly db: Database) {}

  async upsert(input: ShipmentInput): Promise<Shipment> {
    const rows = await this.db.write<{ shipment: Shipment }>(
      `MERGE (sh:Shipment { carrier: $input.carrier, trackingNumber: $input.trackingNumber })
       ON CREATE SET sh.id = randomUUID(), sh.createdAt = datetime()
       SET sh.updatedAt = datetime()
       WITH sh
       OPTIONAL MATCH (z:Seizure { id: $input.seizureId })
       FOREACH (_ IN CASE WHEN z IS NULL THEN [] ELSE [1] END | MERGE (sh)-[:SEIZED_IN]->(z))
       RETURN ${SHIPMENT_FIELDS} AS shipment`,
      { input: { ...input, seizureId: input.seizureId ?? null } },
    );
    return rows[0]!.shipment;
  }

  async findByIds(ids: readonly string[]): Promise<Shipment[]> {
    const rows = await this.db.read<{ shipment: Shipment }>(
      `UNWIND $ids AS id MATCH (sh:Shipment { id: id }) RETURN ${SHIPMENT_FIELDS} AS shipment`,
      { ids },
    );
    return rows.map((r) => r.shipment);
  }

  /** Shipments seized in each of the given seizures. */
  async findBySeizureIds(seizureIds: readonly string[]): Promise<Array<Shipment & { seizureId: string }>> {
    const rows = await this.db.read<{ shipment: Shipment & { seizureId: string } }>(
      `UNWIND $seizureIds AS zid MATCH (sh:Shipment)-[:SEIZED_IN]->(:Seizure { id: zid })
       RETURN sh { .id, .trackingNumber, .carrier, seizureId: zid } AS shipment ORDER BY sh.trackingNumber`,
      { seizureIds },
    );
    return rows.map((r) => r.shipment);
  }
}
