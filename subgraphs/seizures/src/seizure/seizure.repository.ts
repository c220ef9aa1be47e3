import { accessProjection, badUserInput, ownedRecordProperties, type AccessEnvelope, type Database, type Tx, type Keyset } from "@cix/core";
import { placeOf } from "../place/place.lookup.js";
import { ReviewStatus, canMove } from "../review/review-status.js";
import { AFTER_CURSOR, SEIZURE_PROJECTION } from "./seizure.projection.js";
import type { GoodsItem, RouteLeg, Seizure } from "./seizure.types.js";
import type { ValidFilter, ValidLeg, ValidSeizure } from "./seizure.validation.js";

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
];

/** Who writes: the case is keyed and owned by the caller's agency. */
export interface Writer {
  agency: string;
  country: string;
  /** Provenance, e.g. "graphql:upsertSeizure" or an import id. */
  source: string;
}

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

/** A Place node: keyed by its UN/LOCODE, or by the country code for a country-level place. */
interface PlaceNode {
  key: string;
  locode: string | null;
  country: string;
  name: string | null;
  latitude: number | null;
  longitude: number | null;
}

function placeNode(locode: string | null, country: string): PlaceNode {
  const place = placeOf(locode, country);
  return {
    key: locode ?? country,
    locode,
    country,
    name: place.name,
    latitude: place.coordinates?.latitude ?? null,
    longitude: place.coordinates?.longitude ?? null,
  };
}

/** The status a case gets from an upsert, or BAD_USER_INPUT when the input asks for an illegal move. */
function statusAfterUpsert(current: ReviewStatus | null, requested: ValidSeizure["reviewStatus"]): ReviewStatus {
  if (current === null) return requested ?? ReviewStatus.DRAFT;
  if (requested === null || requested === current || canMove(current, requested)) return requested ?? current;
  throw badUserInput(
    "input.reviewStatus",
    `a status reachable from ${current}`,
    `Invalid value for input.reviewStatus: the case is ${current} and cannot be set to ${requested}.`,
  );
}

/** Cypher for Seizure nodes and the goods lines, places and offender links they own. */
export class SeizureRepository {
  constructor(private readonly db: Database) {}

  /**
   * Creates or replaces the case (reportingAgency, caseNumber) in one transaction: offender ids are checked
   * and the status move is checked before anything is written; a failure rolls everything back.
   */
  upsert(input: ValidSeizure, writer: Writer): Promise<Seizure> {
    return this.db.transaction(async (tx) => {
      const { id } = await writeSeizure(tx, input, writer);
      const [row] = await tx.run<{ seizure: Seizure }>(`MATCH (s:Seizure { id: $id }) RETURN ${SEIZURE_PROJECTION} AS seizure`, { id });
      return row!.seizure;
    });
  }

  /**
   * The batch variant for imports: the same checks and statements as `upsert` for each case, all in ONE
   * transaction, so the batch is stored whole or not at all (the import then retries its cases one by one).
   */
  upsertMany(inputs: readonly ValidSeizure[], writer: Writer): Promise<Array<{ id: string }>> {
    return this.db.transaction(async (tx) => {
      const written: Array<{ id: string }> = [];
      for (const input of inputs) written.push(await writeSeizure(tx, input, writer));
      return written;
    });
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
    return this.db.read<{ seizureId: string; seq: number; role: RouteLeg["role"]; locode: string | null; country: string }>(
      `UNWIND $seizureIds AS seizureId
       MATCH (:Seizure { id: seizureId })-[leg:LEG]->(p:Place)
       RETURN seizureId, leg.seq AS seq, leg.role AS role, p.locode AS locode, p.country AS country
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

/**
 * Creates or replaces the case (reportingAgency, caseNumber) inside the caller's transaction: offender ids are
 * checked and the status move is checked before anything is written; a failure rolls everything back.
 */
async function writeSeizure(tx: Tx, input: ValidSeizure, writer: Writer): Promise<{ id: string }> {
  if (input.offenderIds) await assertOffendersExist(tx, input.offenderIds);
  // MERGE and SET lock the node, so the status read below cannot race a review mutation.
  const [head] = await tx.run<{ id: string; status: ReviewStatus | null }>(
    `MERGE (s:Seizure { reportingAgency: $agency, caseNumber: $caseNumber })
     ON CREATE SET s.id = randomUUID(), s.createdAt = datetime()
     SET s.updatedAt = datetime()
     RETURN s.id AS id, s.reviewStatus AS status`,
    { agency: writer.agency, caseNumber: input.caseNumber },
  );
  const { id, status } = head!;
  const nextStatus = statusAfterUpsert(status, input.reviewStatus);
  await tx.run(`MATCH (s:Seizure { id: $id }) SET s += $props, s.seizedAt = datetime($seizedAt)`, {
    id,
    seizedAt: input.seizedAt,
    props: nodeProperties(input, writer, nextStatus, status),
  });
  await replacePlaces(tx, id, input.placeLocode, input.route);
  await replaceGoods(tx, id, input);
  if (input.offenderIds) await replaceOffenders(tx, id, input.offenderIds);
  return { id };
}

/** BAD_USER_INPUT naming `input.offenderIds[i]` for the first id that is no Person or Company (one query). */
async function assertOffendersExist(tx: Tx, ids: readonly string[]): Promise<void> {
  const rows = await tx.run<{ id: string }>(
    "UNWIND $ids AS id MATCH (p:Person|Company { id: id }) RETURN DISTINCT p.id AS id",
    { ids },
  );
  const found = new Set(rows.map((r) => r.id));
  const missing = ids.findIndex((id) => !found.has(id));
  if (missing >= 0) throw badUserInput(`input.offenderIds[${missing}]`, "the id of an existing Person or Company");
}

/** The case's own properties; nulls remove properties the new input no longer has. */
function nodeProperties(input: ValidSeizure, writer: Writer, status: ReviewStatus, previous: ReviewStatus | null) {
  const c = input.conveyance;
  return {
    reportingCountry: writer.country,
    placeLocode: input.placeLocode,
    placeCountry: input.placeLocode?.slice(0, 2) ?? null,
    commodity: input.commodity,
    detectionMethod: input.detectionMethod,
    offenceType: input.offenceType,
    conveyanceMode: c?.mode ?? null,
    carrierName: c?.carrierName ?? null,
    airlineCode: c?.airlineCode ?? null,
    flightNumber: c?.flightNumber ?? null,
    voyageNumber: c?.voyageNumber ?? null,
    vesselImo: c?.vesselImo ?? null,
    vehicleRegistration: c?.vehicleRegistration ?? null,
    concealmentMethod: input.concealment?.method ?? null,
    concealmentDescription: input.concealment?.description ?? null,
    reviewStatus: status,
    // A return reason belongs to the RETURNED state; resubmitting clears it.
    ...(status !== previous ? { returnReason: null } : {}),
    ...ownedRecordProperties(writer.agency, writer.source, input.markings),
  };
}

/** Replaces the case's AT and LEG links; Place nodes are merged on their key and refreshed from the code list. */
async function replacePlaces(tx: Tx, id: string, placeLocode: string | null, route: readonly ValidLeg[]): Promise<void> {
  const at = placeLocode ? placeNode(placeLocode, placeLocode.slice(0, 2)) : null;
  const legs = route.map((leg) => ({ seq: leg.seq, role: leg.role, ...placeNode(leg.locode, leg.country) }));
  // Sorted, so concurrent upserts lock shared Place nodes in the same order and cannot deadlock on them.
  const places = [...new Map([...(at ? [at] : []), ...legs].map((p) => [p.key, p])).values()].sort((a, b) => a.key.localeCompare(b.key));
  await tx.run(
    `MATCH (s:Seizure { id: $id })
     CALL (s) { MATCH (s)-[old:AT|LEG]->(:Place) DELETE old }
     CALL (s) {
       UNWIND $places AS pl
       MERGE (p:Place { key: pl.key })
       SET p.locode = pl.locode, p.country = pl.country, p.name = pl.name,
           p.location = CASE WHEN pl.latitude IS NULL THEN null ELSE point({ latitude: pl.latitude, longitude: pl.longitude }) END
     }
     CALL (s) {
       UNWIND $legs AS leg
       MATCH (p:Place { key: leg.key })
       CREATE (s)-[:LEG { seq: toInteger(leg.seq), role: leg.role }]->(p)
     }
     CALL (s) {
       MATCH (p:Place { key: $atKey })
       CREATE (s)-[:AT]->(p)
     }`,
    { id, places, legs, atKey: at?.key ?? null },
  );
}

/** Goods lines are keyed by their line number, so re-upserting keeps their ids and drops lines that went away. */
async function replaceGoods(tx: Tx, id: string, input: ValidSeizure): Promise<void> {
  await tx.run(
    `MATCH (s:Seizure { id: $id })
     CALL (s) { MATCH (s)-[:GOODS]->(old:GoodsItem) WHERE old.seq > size($goods) DETACH DELETE old }
     CALL (s) {
       UNWIND $goods AS item
       MERGE (s)-[:GOODS]->(g:GoodsItem { seq: toInteger(item.seq) })
       ON CREATE SET g.id = randomUUID()
       SET g += item.props
     }`,
    // JS numbers reach Neo4j as floats: line numbers are made integers in Cypher.
    { id, goods: input.goods.map(({ seq, ...props }) => ({ seq, props })) },
  );
}

async function replaceOffenders(tx: Tx, id: string, offenderIds: readonly string[]): Promise<void> {
  await tx.run(
    `MATCH (s:Seizure { id: $id })
     CALL (s) { MATCH (s)-[old:OFFENDER]->() DELETE old }
     CALL (s) {
       UNWIND $offenders AS offender
       MATCH (p:Person|Company { id: offender.id })
       CREATE (s)-[:OFFENDER { seq: toInteger(offender.seq) }]->(p)
     }`,
    // Linked in id order (a stable lock order between concurrent writers); `seq` keeps the order given.
    { id, offenders: [...new Set(offenderIds)].map((offenderId, i) => ({ id: offenderId, seq: i + 1 })).sort((a, b) => a.id.localeCompare(b.id)) },
  );
}
