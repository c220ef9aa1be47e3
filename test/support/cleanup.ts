import type { Database } from "@cix/core";

/**
 * Deletes every record an agency owns (seizures, parties, orders, payments, shipments) with their parts
 * (goods, legs, items, events), the operations it leads, and identifier nodes left unlinked. In batches: a soak
 * run's agency holds tens of thousands of records, past Neo4j's per-transaction memory limit in one.
 */
export async function deleteAgencyRecords(db: Database, agency: string): Promise<void> {
  for (let deleted = Infinity; deleted > 0; ) {
    deleted = await db.transaction(async (tx) => {
      const [batch] = await tx.run<{ deleted: number; identifierIds: string[] }>(
        `MATCH (r:Seizure|Person|Company|Order|Payment|Shipment { ownerAgency: $agency })
         WITH r LIMIT 1000
         OPTIONAL MATCH (r)-[:GOODS|HAS_ITEM|HAS_EVENT|PHOTO]->(part)
         OPTIONAL MATCH (r)-[:DECLARED|FROM|TO|USES|LOCATED_AT|HOLDS|HOLDS_ACCOUNT]->(identifier)
         WITH collect(DISTINCT r) AS records, collect(DISTINCT part) AS parts, collect(DISTINCT identifier) AS identifiers
         FOREACH (n IN records + parts | DETACH DELETE n)
         RETURN size(records) AS deleted, [i IN identifiers | elementId(i)] AS identifierIds`,
        { agency },
      );
      await tx.run("UNWIND $ids AS id MATCH (i) WHERE elementId(i) = id AND NOT EXISTS { (i)--() } DELETE i", { ids: batch?.identifierIds ?? [] });
      return batch?.deleted ?? 0;
    });
  }
  await db.write("MATCH (op:Operation { leadAgency: $agency }) DETACH DELETE op", { agency });
}
