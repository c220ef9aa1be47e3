// What the scenarios ask for, picked from the loaded data by Cypher (so any seed or scale works): the
// richest case, the commonest commodity and its date range, the person with the most linked records.
import type { Database } from "@cix/core";
import type { DataSet } from "./dataset.js";

export interface Fixtures {
  /** The caller's agency: the data set's first (NL-CUSTOMS in the demo); it owns the person below. */
  agency: string;
  /** A case with goods and a route. */
  seizureId: string;
  /** Filter of the list scenarios: the commonest commodity and the whole date range of its cases. */
  commodity: string;
  seizedFrom: string;
  seizedBefore: string;
  /** A person of `agency` with seizures, orders, payments and shipments (the most, if none has all four). */
  personId: string;
  /** Two cases of one planted ring, and one of its persons (for link analysis), when the manifest is known. */
  ring: { seizureIds: [string, string]; personId: string } | null;
}

export async function pickFixtures(db: Database, data: DataSet): Promise<Fixtures> {
  const agency = data.agencies[0]!;
  const agencies = data.agencies;
  const [seizure] = await db.read<{ id: string }>(
    `MATCH (s:Seizure) WHERE s.ownerAgency IN $agencies
     WITH s, COUNT { (s)-[:GOODS]->() } AS goods, COUNT { (s)-[:LEG]->() } AS legs WHERE goods > 0 AND legs > 0
     RETURN s.id AS id ORDER BY goods + legs DESC, s.id LIMIT 1`,
    { agencies },
  );
  const [commodity] = await db.read<{ commodity: string; seizedFrom: string; seizedBefore: string }>(
    `MATCH (s:Seizure) WHERE s.ownerAgency IN $agencies
     WITH s.commodity AS commodity, count(*) AS cases, min(s.seizedAt) AS first, max(s.seizedAt) AS last
     RETURN commodity, first AS seizedFrom, last + duration('PT1S') AS seizedBefore ORDER BY cases DESC, commodity LIMIT 1`,
    { agencies },
  );
  const [person] = await db.read<{ id: string }>(
    `MATCH (p:Person { ownerAgency: $agency })
     WITH p,
       COUNT { (p)<-[:OFFENDER]-(:Seizure) } AS seizures,
       COUNT { (p)<-[:BUYER|SELLER]-(:Order) } AS orders,
       COUNT { (p)<-[:BUYER]-(:Order)-[:PAID_BY]->(:Payment) } + COUNT { (p)-[:HOLDS_ACCOUNT]->(:BankAccount)<-[:FROM]-(:Payment) } AS payments,
       COUNT { (p)<-[:CONSIGNOR|CONSIGNEE]-(:Shipment) } AS shipments
     RETURN p.id AS id
     ORDER BY CASE WHEN seizures > 0 AND orders > 0 AND payments > 0 AND shipments > 0 THEN 1 ELSE 0 END DESC,
              seizures + orders + payments + shipments DESC, p.id LIMIT 1`,
    { agency },
  );
  if (!seizure || !commodity || !person) throw new Error(`The data set has no cases or persons of ${agency} to benchmark with`);
  const ring = data.manifest?.rings.find((r) => r.seizures.length >= 2 && r.persons.length > 0);
  return {
    agency,
    seizureId: seizure.id,
    commodity: commodity.commodity,
    seizedFrom: commodity.seizedFrom,
    seizedBefore: commodity.seizedBefore,
    personId: person.id,
    ring: ring ? { seizureIds: [ring.seizures[0]!, ring.seizures[1]!], personId: ring.persons[0]! } : null,
  };
}
