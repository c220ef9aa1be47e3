import { ownedRecordFields } from "@cix/core";
import { LABEL } from "../common/links.js";
import { optional } from "../common/rows.js";
import { declaredFromProperties } from "../declared/declared-party.js";
import type { Shipment } from "./shipment.types.js";

/**
 * Cypher projection of a shipment bound to `ship`: its properties, provenance, markings and access envelope,
 * its events (oldest first) and the ids it links to.
 */
export const SHIPMENT_PROJECTION = `ship { .*, ${ownedRecordFields("ship")},
  consignorPartyId: head([(ship)-[:CONSIGNOR]->(p:${LABEL.Party}) | p.id]),
  consigneePartyId: head([(ship)-[:CONSIGNEE]->(p:${LABEL.Party}) | p.id]),
  orderId: head([(o:Order)-[:FULFILLED_BY]->(ship) | o.id]),
  seizureId: head([(ship)-[:SEIZED_IN]->(z:Seizure) | z.id]),
  events: COLLECT { MATCH (ship)-[:HAS_EVENT]->(e:ShipmentEvent) RETURN e { .time, .type, .place, .note } AS event ORDER BY e.time, e.seq }
}`;

/** A shipment as SHIPMENT_PROJECTION reads it. */
export type ShipmentRow = Shipment & Record<string, unknown>;

/** The GraphQL shape of a row; the row's other keys (among them `__access`) stay on the object. */
export function shipmentFromRow(row: ShipmentRow): Shipment {
  return {
    ...row,
    declaredConsignor: declaredFromProperties("consignor", row),
    declaredConsignee: declaredFromProperties("consignee", row),
    originLocode: optional<string>(row.originLocode),
    originCountry: optional<string>(row.originCountry),
    destinationLocode: optional<string>(row.destinationLocode),
    destinationCountry: optional<string>(row.destinationCountry),
    grossWeightKg: optional<number>(row.grossWeightKg),
    pieces: optional<number>(row.pieces),
    declaredValue: optional<number>(row.declaredValue),
    currency: optional<string>(row.currency),
    goodsDescription: optional<string>(row.goodsDescription),
    hsCodes: optional<string[]>(row.hsCodes) ?? [],
    shippedAt: optional<string>(row.shippedAt),
  };
}
