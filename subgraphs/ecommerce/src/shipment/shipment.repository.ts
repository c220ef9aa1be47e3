import { ownedRecordProperties, type Database, type MarkingsInput, type Tx } from "@cix/core";
import { afterKeyset, type Keyset } from "@cix/core";
import { assertExist, LABEL, replaceLink } from "../common/links.js";
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
  upsert(w: ShipmentRecordWrite): Promise<string> {
    return this.db.transaction((tx) => writeShipment(tx, w));
  }

  /** The batch variant for imports: the same checks and statements for each shipment, all in ONE transaction (stored whole or not at all). */
  upsertMany(writes: readonly ShipmentRecordWrite[]): Promise<string[]> {
    return this.db.transaction(async (tx) => {
      const ids: string[] = [];
      for (const w of writes) ids.push(await writeShipment(tx, w));
      return ids;
    });
  }


  async findByIds(ids: readonly string[]): Promise<Shipment[]> {
    const rows = await this.db.read<{ shipment: ShipmentRow }>(
      `UNWIND $ids AS id MATCH (ship:Shipment { id: id }) RETURN ${SHIPMENT_PROJECTION} AS shipment`,
      { ids },
    );
    return rows.map((r) => shipmentFromRow(r.shipment));
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

/** Writes one shipment inside the caller's transaction (references checked first); returns its id. */
async function writeShipment(tx: Tx, w: ShipmentRecordWrite): Promise<string> {
  const { shipment: s } = w;
  await assertExist(
    tx,
    LABEL.Party,
    [
      { path: "input.consignorPartyId", id: s.consignorPartyId },
      { path: "input.consigneePartyId", id: s.consigneePartyId },
    ],
    "the id of an existing Person or Company",
  );
  await assertExist(tx, LABEL.Order, [{ path: "input.orderId", id: s.orderId }], "the id of an existing Order");
  await assertExist(tx, LABEL.Seizure, [{ path: "input.seizureId", id: s.seizureId }], "the id of an existing Seizure");
  const rows = await tx.run<{ id: string }>(
    `MERGE (ship:Shipment { ownerAgency: $ownerAgency, carrier: $carrier, trackingNumber: $trackingNumber })
     ON CREATE SET ship.id = randomUUID(), ship.createdAt = datetime()
     SET ship += $props,
         ship.shippedAt = datetime($shippedAt),
         ship.sortAt = coalesce(datetime($shippedAt), datetime($events[0].time), ship.createdAt),
         ship.updatedAt = datetime()
     WITH ship
     CALL (ship) { MATCH (ship)-[:HAS_EVENT]->(old:ShipmentEvent) DETACH DELETE old }
     CALL (ship) {
       UNWIND range(0, size($events) - 1) AS seq
       WITH seq, $events[seq] AS event
       CREATE (ship)-[:HAS_EVENT]->(e:ShipmentEvent)
       SET e.time = datetime(event.time), e.type = event.type, e.place = event.place, e.note = event.note, e.seq = seq
     }
     RETURN ship.id AS id`,
    {
      ownerAgency: w.ownerAgency,
      carrier: s.carrier,
      trackingNumber: s.trackingNumber,
      shippedAt: s.shippedAt,
      props: { ...s.props, ...ownedRecordProperties(w.ownerAgency, w.source, w.markings) },
      events: s.events,
    },
  );
  const id = rows[0]!.id;
  const record = { label: LABEL.Shipment, id };
  await replaceLink(tx, { record, rel: "CONSIGNOR", other: { label: LABEL.Party, id: s.consignorPartyId }, direction: "outgoing" });
  await replaceLink(tx, { record, rel: "CONSIGNEE", other: { label: LABEL.Party, id: s.consigneePartyId }, direction: "outgoing" });
  await replaceLink(tx, { record, rel: "FULFILLED_BY", other: { label: LABEL.Order, id: s.orderId }, direction: "incoming" });
  await replaceLink(tx, { record, rel: "SEIZED_IN", other: { label: LABEL.Seizure, id: s.seizureId }, direction: "outgoing" });
  await replaceDeclaredIdentifiers(tx, record, s.declared, { ownerAgency: w.ownerAgency, source: w.source });
  return id;
}
