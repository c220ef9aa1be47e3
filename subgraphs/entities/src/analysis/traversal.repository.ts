import { accessProjection, RECORD_LABELS, type AccessEnvelope, type Tx } from "@cix/core";
import type { RelationshipType } from "./analysis.enums.js";
import {
  ALL_RELATIONSHIPS_PATTERN,
  EVENT_DATE,
  IDENTIFIER_LABELS,
  labelPredicate,
  LOOKUP_LABELS,
  NODE_LABELS,
  PARTY_LABELS,
  type NodeLabel,
} from "./graph.model.js";
import type { GraphEdge } from "./subgraph.js";

/**
 * Cypher of link analysis. Every statement takes a bounded list (`UNWIND $eids`) and runs inside the caller's
 * read transaction, hop by hop; relationship types travel as parameters (`type(r) IN $types`); labels and
 * the degree pattern are spliced only from the constants of graph.model.ts.
 */

/** At most this many linked records are read to decide whether a shared identifier may be shown to the reader. */
const MAX_IDENTIFIER_ENVELOPES = 25;

const FIND_STARTS = `UNWIND $ids AS id
  CALL (id) {
    ${LOOKUP_LABELS.map((label) => `MATCH (n:${label} { id: id }) RETURN n`).join("\n    UNION\n    ")}
  }
  RETURN id, elementId(n) AS eid`;

/**
 * Who may see an identifier: the envelopes of the records linked to it that could grant access under
 * decideNominal (the reader's own agency's first, then records shared into some operation), at most
 * MAX_IDENTIFIER_ENVELOPES of them, so a phone shared by thousands costs no more than a few.
 */
const RECORD = labelPredicate("rec", RECORD_LABELS);
const ACCESS = `CASE
    WHEN NOT $withAccess THEN []
    WHEN ${labelPredicate("m", PARTY_LABELS)} THEN [${accessProjection("m")}]
    WHEN ${labelPredicate("m", IDENTIFIER_LABELS)} THEN
      [(m)<--(rec) WHERE ${RECORD} AND rec.ownerAgency = $agency | ${accessProjection("rec")}][..1] +
      [(m)<--(rec) WHERE ${RECORD} AND rec.ownerAgency <> $agency AND EXISTS { (rec)-[:SHARED_IN]->(:Operation) }
        | ${accessProjection("rec")}][..${MAX_IDENTIFIER_ENVELOPES}]
    ELSE [] END`;

const NODE_DETAILS = `UNWIND $eids AS eid
  MATCH (m) WHERE elementId(m) = eid
  RETURN eid, m.id AS id, [l IN labels(m) WHERE l IN $labels][0] AS label,
    COUNT { (m)-[:${ALL_RELATIONSHIPS_PATTERN}]-() } AS degree,
    ${ACCESS} AS access,
    CASE WHEN m:Seizure THEN m.commodity END AS commodity, CASE WHEN m:Seizure THEN m.placeLocode END AS placeLocode,
    CASE WHEN m:Shipment THEN m.trackingNumber END AS trackingNumber`;

const EDGE_FIELDS = `elementId(r) AS rid, type(r) AS type, elementId(sn) AS start, elementId(en) AS end,
    r.role AS role, r.since AS since, r.until AS until, ${EVENT_DATE} AS at,
    coalesce(r.ownerAgency, r.agency, sn.ownerAgency) AS ownerAgency, r.source AS source, coalesce(r.createdAt, r.at) AS createdAt`;

const INCIDENT_EDGES = `UNWIND $eids AS eid
  MATCH (n) WHERE elementId(n) = eid
  MATCH (n)-[r]-(m)
  WHERE type(r) IN $types AND ${labelPredicate("m", NODE_LABELS)} AND ($within IS NULL OR elementId(m) IN $within)
  WITH r, startNode(r) AS sn, endNode(r) AS en
  LIMIT toInteger($rowCap)
  RETURN ${EDGE_FIELDS}`;

const SAME_TRACKING_NUMBER = `UNWIND $eids AS eid
  MATCH (a:Shipment) WHERE elementId(a) = eid
  MATCH (b:Shipment { trackingNumber: a.trackingNumber }) WHERE b <> a
  RETURN eid AS from, elementId(b) AS other
  LIMIT toInteger($rowCap)`;

const SEIZURE_PROFILES = `UNWIND $ids AS id
  MATCH (s:Seizure { id: id })
  RETURN s.id AS id, s.commodity AS commodity,
    [x IN [s.placeLocode] + [(s)-[:LEG]->(p:Place) WHERE p.locode IS NOT NULL | p.locode] WHERE x IS NOT NULL] AS locodes`;

export type NodeDetails = {
  eid: string;
  id: string;
  label: NodeLabel;
  degree: number;
  access: AccessEnvelope[];
  commodity: string | null;
  placeLocode: string | null;
  trackingNumber: string | null;
};

export interface Reader {
  agency: string;
  /** Whether the reader may read any nominal data at all (role and purpose); if not, no envelope is read. */
  withAccess: boolean;
}

/** The element id of each start id found (ids of any network kind). */
export function findStarts(tx: Tx, ids: readonly string[]): Promise<Array<{ id: string; eid: string }>> {
  return tx.run(FIND_STARTS, { ids });
}

export function nodeDetails(tx: Tx, eids: readonly string[], reader: Reader): Promise<NodeDetails[]> {
  if (eids.length === 0) return Promise.resolve([]);
  return tx.run(NODE_DETAILS, { eids, labels: NODE_LABELS, agency: reader.agency, withAccess: reader.withAccess });
}

/**
 * The relationships of the given types between the nodes `eids` and network nodes (only those in `within`,
 * when given), at most `rowCap` of them.
 */
export function incidentEdges(
  tx: Tx,
  eids: readonly string[],
  types: readonly RelationshipType[],
  rowCap: number,
  within: readonly string[] | null = null,
): Promise<GraphEdge[]> {
  if (eids.length === 0 || types.length === 0) return Promise.resolve([]);
  return tx.run(INCIDENT_EDGES, { eids, types, rowCap, within });
}

/** Other shipments with the tracking number of each given shipment. */
export function sameTrackingNumber(tx: Tx, eids: readonly string[], rowCap: number): Promise<Array<{ from: string; other: string }>> {
  if (eids.length === 0) return Promise.resolve([]);
  return tx.run(SAME_TRACKING_NUMBER, { eids, rowCap });
}

/** Commodity category and UN/LOCODEs (place and route) of seizures. */
export function seizureProfiles(tx: Tx, ids: readonly string[]): Promise<Array<{ id: string; commodity: string | null; locodes: string[] }>> {
  if (ids.length === 0) return Promise.resolve([]);
  return tx.run(SEIZURE_PROFILES, { ids });
}
