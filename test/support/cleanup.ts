import type { Database } from "@cix/core";

/**
 * Deletes every record an agency owns (seizures, parties, orders, payments, shipments) with their parts
 * (goods, legs, items, events), the operations it leads, and identifier nodes left unlinked.
 */
export async function deleteAgencyRecords(db: Database, agency: string): Promise<void> {
  await db.write(
    `MATCH (r:Seizure|Person|Company|Order|Payment|Shipment { ownerAgency: $agency })
     OPTIONAL MATCH (r)-[:GOODS|HAS_ITEM|HAS_EVENT|PHOTO]->(part)
     OPTIONAL MATCH (r)-[:DECLARED|FROM|TO|USES|LOCATED_AT|HOLDS|HOLDS_ACCOUNT]->(identifier)
     WITH collect(DISTINCT r) + collect(DISTINCT part) AS doomed, collect(DISTINCT identifier) AS identifiers
     FOREACH (n IN doomed | DETACH DELETE n)
     WITH identifiers UNWIND identifiers AS identifier
     WITH identifier WHERE NOT EXISTS { (identifier)--() }
     DELETE identifier`,
    { agency },
  );
  await db.write("MATCH (op:Operation { leadAgency: $agency }) DETACH DELETE op", { agency });
}
