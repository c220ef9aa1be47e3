import { accessProjection, type AccessEnvelope, type Database, type Keyset } from "@cix/core";
import { AFTER_CURSOR, SEIZURE_PROJECTION } from "./seizure.projection.js";
import type { GoodsItem, RouteLeg, Seizure } from "./seizure.types.js";
import type { ValidFilter, ValidSeizure } from "./seizure.validation.js";
import { writeSeizures, type SeizureWrite, type Writer } from "./seizure.write.js";

export type { Writer } from "./seizure.write.js";

/**
 * Constraints and indexes for the labels this repository writes: Seizure, GoodsItem and Place. The Seizure
 * indexes back the filters of the `seizures` query; `GoodsItem.hsCode` backs the HS prefix filter (a range
 * index answers STARTS WITH).
 */
export const seizureSchema: readonly string[] = [
  "CREATE CONSTRAINT seizure_id IF NOT EXISTS FOR (s:Seizure) REQUIRE s.id IS UNIQUE",
  "CREATE CONSTRAINT seizure_case IF NOT EXISTS FOR (s:Seizure) REQUIRE (s.reportingAgency, s.caseNumber) IS UNIQUE",
  "CREATE INDEX seizure_seized_at IF NOT EXISTS FOR (s:Seizure) ON (s.seizedAt)",
  "CREATE INDEX seizure_reporting_agency IF NOT EXISTS FOR (s:Seizure) ON (s.reportingAgency)",
  "CREATE INDEX seizure_reporting_country IF NOT EXISTS FOR (s:Seizure) ON (s.reportingCountry)",
  "CREATE INDEX seizure_place_locode IF NOT EXISTS FOR (s:Seizure) ON (s.placeLocode)",
  "CREATE INDEX seizure_place_country IF NOT EXISTS FOR (s:Seizure) ON (s.placeCountry)",
  "CREATE INDEX seizure_commodity IF NOT EXISTS FOR (s:Seizure) ON (s.commodity)",
  "CREATE INDEX seizure_conveyance_mode IF NOT EXISTS FOR (s:Seizure) ON (s.conveyanceMode)",
  "CREATE INDEX seizure_review_status IF NOT EXISTS FOR (s:Seizure) ON (s.reviewStatus)",
  "CREATE INDEX seizure_owner_agency IF NOT EXISTS FOR (s:Seizure) ON (s.ownerAgency)",
  "CREATE CONSTRAINT goods_item_id IF NOT EXISTS FOR (g:GoodsItem) REQUIRE g.id IS UNIQUE",
  "CREATE INDEX goods_item_hs_code IF NOT EXISTS FOR (g:GoodsItem) ON (g.hsCode)",
  "CREATE CONSTRAINT place_key IF NOT EXISTS FOR (p:Place) REQUIRE p.key IS UNIQUE",
  "CREATE CONSTRAINT place_locode IF NOT EXISTS FOR (p:Place) REQUIRE p.locode IS UNIQUE",
  "CREATE INDEX place_country IF NOT EXISTS FOR (p:Place) ON (p.country)",
  "CREATE POINT INDEX place_location IF NOT EXISTS FOR (p:Place) ON (p.location)",
  // The cross-agency duplicate check looks cases up by conveyance and day.
  "CREATE INDEX seizure_flight_day IF NOT EXISTS FOR (s:Seizure) ON (s.flightNumber, s.seizedAt)",
  "CREATE INDEX seizure_voyage_day IF NOT EXISTS FOR (s:Seizure) ON (s.voyageNumber, s.seizedAt)",
  "CREATE INDEX seizure_vessel_day IF NOT EXISTS FOR (s:Seizure) ON (s.vesselImo, s.seizedAt)",
];

/** Cypher fragment per filter; only fragments of filters that are set are joined into the WHERE clause. */
const FILTERS: Readonly<Record<keyof ValidFilter, string>> = {
  seizedFrom: "s.seizedAt >= datetime($seizedFrom)",
  seizedBefore: "s.seizedAt < datetime($seizedBefore)",
  placeLocode: "s.placeLocode = $placeLocode",
  country: "(s.placeCountry = $country OR s.reportingCountry = $country)",
  commodity: "s.commodity = $commodity",
  hsPrefix: "EXISTS { MATCH (s)-[:GOODS]->(g:GoodsItem) WHERE g.hsCode STARTS WITH $hsPrefix }",
  conveyanceMode: "s.conveyanceMode = $conveyanceMode",
  reviewStatus: "s.reviewStatus = $reviewStatus",
  reportingAgency: "s.reportingAgency = $reportingAgency",
};

/** Cypher for Seizure nodes and the goods lines, places and offender links they own. */
export class SeizureRepository {
  constructor(private readonly db: Database) {}

  /**
   * Creates or replaces the case (reportingAgency, caseNumber) in one transaction: offender ids are checked
   * and the status move is checked before anything is written; a failure rolls everything back.
   */
  upsert(input: ValidSeizure, writer: Writer): Promise<Seizure> {
    return this.db.transaction(async (tx) => {
      const [written] = await writeSeizures(tx, [input], writer);
      const id = written!.id;
      const [row] = await tx.run<{ seizure: Seizure }>(`MATCH (s:Seizure { id: $id }) RETURN ${SEIZURE_PROJECTION} AS seizure`, { id });
      return row!.seizure;
    });
  }

  /**
   * The batch variant for imports: the same checks and statements as `upsert` (one write path), all cases in ONE
   * transaction, so the batch is stored whole or not at all (the import then retries its cases one by one).
   */
  upsertMany(inputs: readonly ValidSeizure[], writer: Writer): Promise<SeizureWrite[]> {
    return this.db.transaction((tx) => writeSeizures(tx, inputs, writer));
  }

  async findByIds(ids: readonly string[]): Promise<Seizure[]> {
    const rows = await this.db.read<{ seizure: Seizure }>(
      `UNWIND $ids AS id MATCH (s:Seizure { id: id }) RETURN ${SEIZURE_PROJECTION} AS seizure`,
      { ids },
    );
    return rows.map((r) => r.seizure);
  }

  async findByCase(reportingAgency: string, caseNumber: string): Promise<Seizure | null> {
    const rows = await this.db.read<{ seizure: Seizure }>(
      `MATCH (s:Seizure { reportingAgency: $reportingAgency, caseNumber: $caseNumber }) RETURN ${SEIZURE_PROJECTION} AS seizure`,
      { reportingAgency, caseNumber },
    );
    return rows[0]?.seizure ?? null;
  }

  /** Up to `limit` cases matching `filter`, newest first, after the keyset. */
  async list(filter: ValidFilter, limit: number, after: Keyset): Promise<Seizure[]> {
    const where = (Object.keys(FILTERS) as Array<keyof ValidFilter>).filter((k) => filter[k] !== null).map((k) => FILTERS[k]);
    where.push(AFTER_CURSOR);
    const rows = await this.db.read<{ seizure: Seizure }>(
      `MATCH (s:Seizure) ${where.length > 0 ? `WHERE ${where.join(" AND ")}` : ""}
       RETURN ${SEIZURE_PROJECTION} AS seizure ORDER BY s.seizedAt DESC, s.id LIMIT toInteger($limit)`,
      { ...filter, ...after, limit },
    );
    return rows.map((r) => r.seizure);
  }

  /** For each party, up to `limit` cases it is an offender in, newest first, after the keyset. */
  async listByOffenders(partyIds: readonly string[], limit: number, after: Keyset): Promise<Array<{ partyId: string; seizure: Seizure }>> {
    return this.db.read(
      `UNWIND $partyIds AS partyId
       CALL (partyId) {
         MATCH (s:Seizure)-[:OFFENDER]->(:Person|Company { id: partyId })
         WHERE ${AFTER_CURSOR}
         RETURN s ORDER BY s.seizedAt DESC, s.id LIMIT toInteger($limit)
       }
       RETURN partyId, ${SEIZURE_PROJECTION} AS seizure ORDER BY s.seizedAt DESC, s.id`,
      { partyIds, limit, ...after },
    );
  }

  async goodsOf(seizureIds: readonly string[]): Promise<Array<GoodsItem & { seizureId: string }>> {
    const rows = await this.db.read<{ item: GoodsItem & { seizureId: string } }>(
      `UNWIND $seizureIds AS seizureId
       MATCH (:Seizure { id: seizureId })-[:GOODS]->(g:GoodsItem)
       RETURN g { .id, .seq, .hsCode, .description, .quantity, .unit, .estimatedValue, .currency, .speciesName,
                  .citesAppendix, seizureId: seizureId } AS item
       ORDER BY g.seq`,
      { seizureIds },
    );
    return rows.map((r) => r.item);
  }

  async routesOf(seizureIds: readonly string[]): Promise<Array<RouteLeg & { seizureId: string }>> {
    return this.db.read<{ seizureId: string; seq: number; role: RouteLeg["role"]; departedAt: string | null; locode: string | null; country: string }>(
      `UNWIND $seizureIds AS seizureId
       MATCH (:Seizure { id: seizureId })-[leg:LEG]->(p:Place)
       RETURN seizureId, leg.seq AS seq, leg.role AS role, leg.departedAt AS departedAt, p.locode AS locode, p.country AS country
       ORDER BY leg.seq`,
      { seizureIds },
    );
  }

  /** Offenders of each case with the party's own access envelope (for nominal fields read through them). */
  async offendersOf(seizureIds: readonly string[]): Promise<Array<{ seizureId: string; id: string; access: AccessEnvelope }>> {
    return this.db.read(
      `UNWIND $seizureIds AS seizureId
       MATCH (:Seizure { id: seizureId })-[o:OFFENDER]->(p:Person|Company)
       RETURN seizureId, p.id AS id, ${accessProjection("p")} AS access ORDER BY o.seq`,
      { seizureIds },
    );
  }
}
