import {
  assertNameableParties,
  afterKeyset,
  latestByKey,
  ownedRecordProperties,
  upsertRecords,
  writeOutcomeColumns,
  type RecordWrite,
  type Database,
  type Keyset,
  type MarkingsInput,
  type Tx,
} from "@cix/core";
import { assertExist, LABEL, replaceLinks, type LinkSpec } from "../common/links.js";
import { replaceDeclaredIdentifiers } from "../declared/declared-identifiers.js";
import type { ShipmentFilterParams, ShipmentWrite } from "./shipment.input.js";
import { SHIPMENT_PROJECTION, shipmentFromRow, type ShipmentRow } from "./shipment.mapping.js";
import type { Shipment } from "./shipment.types.js";

export const shipmentSchema = [
  "CREATE CONSTRAINT shipment_id IF NOT EXISTS FOR (s:Shipment) REQUIRE s.id IS UNIQUE",
  "CREATE CONSTRAINT shipment_key IF NOT EXISTS FOR (s:Shipment) REQUIRE (s.ownerAgency, s.carrier, s.trackingNumber) IS UNIQUE",
  "CREATE INDEX shipment_sort_at IF NOT EXISTS FOR (s:Shipment) ON (s.sortAt)",
  "CREATE INDEX shipment_tracking_number IF NOT EXISTS FOR (s:Shipment) ON (s.trackingNumber)",
];

/** The write of one shipment: the caller's agency, the source and markings, and the validated shipment. */
export interface ShipmentRecordWrite {
  ownerAgency: string;
  source: string;
  markings: MarkingsInput | null | undefined;
  shipment: ShipmentWrite;
}

/** Cypher for Shipment nodes and their events. Idempotent on (ownerAgency, carrier, trackingNumber). */
export class ShipmentRepository {
  constructor(private readonly db: Database) {}

  /**
   * Creates or replaces the shipment, its events, its links (parties, order, seizure) and its declared
   * identifiers in one transaction; returns its id. References are checked first, so a bad one stores nothing.
   */
  async upsert(w: ShipmentRecordWrite): Promise<string> {
    const [written] = await this.db.transaction((tx) => writeShipments(tx, [w]));
    return written!.id;
  }

  /** The same for a batch of shipments (imports), in ONE transaction: stored whole or not at all; ids in input order. */
  upsertMany(writes: readonly ShipmentRecordWrite[]): Promise<RecordWrite[]> {
    return this.db.transaction((tx) => writeShipments(tx, writes));
  }

  async findByIds(ids: readonly string[]): Promise<Shipment[]> {
    const rows = await this.db.read<{ shipment: ShipmentRow }>(
      `UNWIND $ids AS id MATCH (ship:Shipment { id: id }) RETURN ${SHIPMENT_PROJECTION} AS shipment`,
      { ids },
    );
    return rows.map((r) => shipmentFromRow(r.shipment));
  }

  /** The shipment by its natural key (as the upsert stores it), or null. */
  async findByTracking(ownerAgency: string, carrier: string, trackingNumber: string): Promise<Shipment | null> {
    const rows = await this.db.read<{ shipment: ShipmentRow }>(
      `MATCH (ship:Shipment { ownerAgency: $ownerAgency, carrier: $carrier, trackingNumber: $trackingNumber }) RETURN ${SHIPMENT_PROJECTION} AS shipment`,
      { ownerAgency, carrier, trackingNumber },
    );
    return rows[0] ? shipmentFromRow(rows[0].shipment) : null;
  }

  /** A page of shipments matching the filter, most recently dispatched first; `limit` is one more than the page size. */
  async list(filter: ShipmentFilterParams, page: Keyset, limit: number): Promise<Shipment[]> {
    const rows = await this.db.read<{ shipment: ShipmentRow }>(
      `MATCH (ship:Shipment)
       WHERE ($carrier IS NULL OR ship.carrier = $carrier)
         AND ($mode IS NULL OR ship.deliveryMode = $mode)
         AND ($from IS NULL OR ship.sortAt >= datetime($from))
         AND ($to IS NULL OR ship.sortAt < datetime($to))
         AND ($originCountry IS NULL OR ship.originCountry = $originCountry)
         AND ($destinationCountry IS NULL OR ship.destinationCountry = $destinationCountry)
         AND ($seized IS NULL OR $seized = EXISTS { (ship)-[:SEIZED_IN]->(:Seizure) })
         AND ${afterKeyset("ship", "sortAt")}
       RETURN ${SHIPMENT_PROJECTION} AS shipment
       ORDER BY ship.sortAt DESC, ship.id
       LIMIT toInteger($limit)`,
      { ...filter, ...page, limit },
    );
    return rows.map((r) => shipmentFromRow(r.shipment));
  }

  /** For each party id, a page of the shipments it sent or received, in one query for all parties. */
  async listByParties(partyIds: readonly string[], page: Keyset, limit: number): Promise<Array<{ partyId: string; shipment: Shipment }>> {
    const rows = await this.db.read<{ partyId: string; shipment: ShipmentRow }>(
      `UNWIND $partyIds AS partyId
       CALL (partyId) {
         MATCH (ship:Shipment)-[:CONSIGNOR|CONSIGNEE]->(:${LABEL.Party} { id: partyId })
         WITH DISTINCT ship
         WHERE ${afterKeyset("ship", "sortAt")}
         RETURN ship ORDER BY ship.sortAt DESC, ship.id LIMIT toInteger($limit)
       }
       RETURN partyId, ${SHIPMENT_PROJECTION} AS shipment
       ORDER BY partyId, ship.sortAt DESC, ship.id`,
      { partyIds, ...page, limit },
    );
    return rows.map((r) => ({ partyId: r.partyId, shipment: shipmentFromRow(r.shipment) }));
  }

  /** Shipments of each order, most recently dispatched first. */
  async findByOrderIds(orderIds: readonly string[]): Promise<Array<{ orderId: string; shipment: Shipment }>> {
    const rows = await this.db.read<{ orderId: string; shipment: ShipmentRow }>(
      `UNWIND $orderIds AS orderId
       MATCH (:Order { id: orderId })-[:FULFILLED_BY]->(ship:Shipment)
       RETURN orderId, ${SHIPMENT_PROJECTION} AS shipment
       ORDER BY orderId, ship.sortAt DESC, ship.id`,
      { orderIds },
    );
    return rows.map((r) => ({ orderId: r.orderId, shipment: shipmentFromRow(r.shipment) }));
  }

  /** Shipments seized in each of the given seizures. */
  async findBySeizureIds(seizureIds: readonly string[]): Promise<Array<{ seizureId: string; shipment: Shipment }>> {
    const rows = await this.db.read<{ seizureId: string; shipment: ShipmentRow }>(
      `UNWIND $seizureIds AS seizureId
       MATCH (ship:Shipment)-[:SEIZED_IN]->(:Seizure { id: seizureId })
       RETURN seizureId, ${SHIPMENT_PROJECTION} AS shipment
       ORDER BY seizureId, ship.sortAt DESC, ship.id`,
      { seizureIds },
    );
    return rows.map((r) => ({ seizureId: r.seizureId, shipment: shipmentFromRow(r.shipment) }));
  }
}

/** Creates or replaces the shipments with their events; `row.n` numbers the rows (see `upsertRows`). */
const UPSERT_SHIPMENTS = `UNWIND $rows AS row
  MERGE (ship:Shipment { ownerAgency: row.ownerAgency, carrier: row.carrier, trackingNumber: row.trackingNumber })
  ON CREATE SET ship.id = randomUUID(), ship.createdAt = datetime()
  WITH row, ship, ${writeOutcomeColumns("ship")}
  SET ship += row.props,
      ship.shippedAt = datetime(row.shippedAt),
      ship.sortAt = coalesce(datetime(row.shippedAt), datetime(row.events[0].time), ship.createdAt),
      ship.updatedAt = datetime()
  WITH ship, row, created, previousSource
  CALL (ship) { MATCH (ship)-[:HAS_EVENT]->(old:ShipmentEvent) DETACH DELETE old }
  CALL (ship, row) {
    UNWIND range(0, size(row.events) - 1) AS seq
    WITH seq, row.events[seq] AS event
    CREATE (ship)-[:HAS_EVENT]->(e:ShipmentEvent)
    SET e.time = datetime(event.time), e.type = event.type, e.place = event.place, e.note = event.note, e.seq = seq
  }
  RETURN row.n AS n, ship.id AS id, created, previousSource`;

/** The shipment's links and the id in its input that each one follows. */
const SHIPMENT_LINKS: ReadonlyArray<{ spec: LinkSpec; other: (s: ShipmentWrite) => string | null }> = [
  { spec: { recordLabel: LABEL.Shipment, rel: "CONSIGNOR", otherLabel: LABEL.Party, direction: "outgoing" }, other: (s) => s.consignorPartyId },
  { spec: { recordLabel: LABEL.Shipment, rel: "CONSIGNEE", otherLabel: LABEL.Party, direction: "outgoing" }, other: (s) => s.consigneePartyId },
  { spec: { recordLabel: LABEL.Shipment, rel: "FULFILLED_BY", otherLabel: LABEL.Order, direction: "incoming" }, other: (s) => s.orderId },
  { spec: { recordLabel: LABEL.Shipment, rel: "SEIZED_IN", otherLabel: LABEL.Seizure, direction: "outgoing" }, other: (s) => s.seizureId },
];

/**
 * Writes a batch of shipments inside the caller's transaction with a fixed number of statements, whatever the
 * batch size (references checked first); returns their ids in input order.
 */
async function writeShipments(tx: Tx, writes: readonly ShipmentRecordWrite[]): Promise<RecordWrite[]> {
  const shipments = writes.map((w) => w.shipment);
  await assertNameableParties(
    tx,
    writes.flatMap(({ shipment, ownerAgency }) => [
      { path: "input.consignorPartyId", id: shipment.consignorPartyId, agency: ownerAgency },
      { path: "input.consigneePartyId", id: shipment.consigneePartyId, agency: ownerAgency },
    ]),
  );
  await assertExist(tx, LABEL.Order, shipments.map((s) => ({ path: "input.orderId", id: s.orderId })), "the id of an existing Order");
  await assertExist(tx, LABEL.Seizure, shipments.map((s) => ({ path: "input.seizureId", id: s.seizureId })), "the id of an existing Seizure");
  const { unique, at } = latestByKey(writes, (w) => [w.ownerAgency, w.shipment.carrier, w.shipment.trackingNumber]);
  const written = await upsertRecords(
    tx,
    UPSERT_SHIPMENTS,
    unique.map(({ ownerAgency, source, markings, shipment }) => ({
      ownerAgency,
      carrier: shipment.carrier,
      trackingNumber: shipment.trackingNumber,
      shippedAt: shipment.shippedAt,
      props: { ...shipment.props, ...ownedRecordProperties(ownerAgency, source, markings) },
      events: shipment.events,
    })),
  );
  const ids = written.map((w) => w.id);
  for (const { spec, other } of SHIPMENT_LINKS) {
    await replaceLinks(tx, spec, unique.map((w, i) => ({ recordId: ids[i]!, otherId: other(w.shipment) })));
  }
  await replaceDeclaredIdentifiers(
    tx,
    LABEL.Shipment,
    unique.map((w, i) => ({ ownerId: ids[i]!, declared: w.shipment.declared, provenance: { ownerAgency: w.ownerAgency, source: w.source } })),
  );
  return at.map((i) => written[i]!);
}
