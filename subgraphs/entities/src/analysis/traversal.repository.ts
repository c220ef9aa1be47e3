import { accessProjection, RECORD_LABELS, type AccessEnvelope, type Tx } from "@cix/core";
import type { RelationshipType } from "./analysis.enums.js";
import {
  ALL_RELATIONSHIPS_PATTERN,
  labelPredicate,
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

/**
 * Statements are sent with their whitespace collapsed: the driver writes a message in 1400-byte chunks, and a
 * statement that needs a second chunk waits for the first one's (delayed) TCP acknowledgement, ~40 ms.
 */
function compact(cypher: string): string {
  return cypher.replace(/\s+/g, " ").trim();
}

/** What a traversal keeps of a node `m`; the kind is the first of its labels that is a network label. */
const DETAILS = `elementId(m) AS eid, m.id AS id, [l IN labels(m) WHERE l IN $labels][0] AS label,
  COUNT { (m)-[:${ALL_RELATIONSHIPS_PATTERN}]-() } AS degree,
  CASE WHEN m:Seizure THEN m.commodity END AS commodity, CASE WHEN m:Seizure THEN m.placeLocode END AS placeLocode,
  CASE WHEN m:Shipment THEN m.trackingNumber END AS trackingNumber`;

/** Each network label has a unique `id` constraint, so each branch is an index seek. */
const FIND_STARTS = compact(`UNWIND $ids AS id
  CALL (id) {
    ${NODE_LABELS.map((label) => `MATCH (m:${label} { id: id }) RETURN m`).join(" UNION ")}
  }
  RETURN ${DETAILS}`);

const NODE_DETAILS = compact(`UNWIND $eids AS eid MATCH (m) WHERE elementId(m) = eid RETURN ${DETAILS}`);

/**
 * Who may see a person, a company or an identifier: the party's own envelope; for an identifier, the envelopes
 * of the records linked to it that could grant access under decideNominal (the reader's own agency's first,
 * then records shared into some operation), at most MAX_IDENTIFIER_ENVELOPES of them, so that a phone shared by
 * thousands costs no more than a few.
 */
const RECORD = labelPredicate("x", RECORD_LABELS);
const NODE_ACCESS = compact(`UNWIND $eids AS eid MATCH (m) WHERE elementId(m) = eid
  RETURN eid, CASE
    WHEN ${labelPredicate("m", PARTY_LABELS)} THEN [${accessProjection("m")}]
    ELSE [(m)<--(x) WHERE ${RECORD} AND x.ownerAgency = $agency | ${accessProjection("x")}][..1] +
      [(m)<--(x) WHERE ${RECORD} AND x.ownerAgency <> $agency AND EXISTS { (x)-[:SHARED_IN]->() } | ${accessProjection("x")}][..${MAX_IDENTIFIER_ENVELOPES}]
    END AS access`);

/** `sd`/`ed`: the event date of the start and end node (each record kind has one: seizedAt, orderDate, paidAt, shippedAt). */
const INCIDENT_EDGES = compact(`UNWIND $eids AS eid
  MATCH (n) WHERE elementId(n) = eid
  MATCH (n)-[r]-(m)
  WHERE type(r) IN $types AND ${labelPredicate("m", NODE_LABELS)} AND ($within IS NULL OR elementId(m) IN $within)
    AND (NOT $inbound OR endNode(r) = n)
  WITH r, startNode(r) AS sn, endNode(r) AS en
  LIMIT toInteger($rowCap)
  RETURN elementId(r) AS rid, type(r) AS type, elementId(sn) AS start, elementId(en) AS end, coalesce(r.role, r.kind) AS role,
    r.sharePercentage AS sharePercentage, r.since AS since,
    r.until AS until, r.at AS edgeAt, coalesce(sn.seizedAt, sn.orderDate, sn.paidAt, sn.shippedAt) AS startAt,
    coalesce(en.seizedAt, en.orderDate, en.paidAt, en.shippedAt) AS endAt,
    coalesce(r.ownerAgency, r.agency, sn.ownerAgency) AS ownerAgency, r.source AS source, coalesce(r.createdAt, r.at) AS createdAt`);

const SAME_TRACKING_NUMBER = compact(`UNWIND $eids AS eid
  MATCH (a:Shipment) WHERE elementId(a) = eid
  MATCH (b:Shipment { trackingNumber: a.trackingNumber }) WHERE b <> a
  RETURN eid AS from, elementId(b) AS other
  LIMIT toInteger($rowCap)`);

const SEIZURE_PROFILES = compact(`UNWIND $ids AS id
  MATCH (s:Seizure { id: id })
  RETURN s.id AS id, s.commodity AS commodity,
    [x IN [s.placeLocode] + [(s)-[:LEG]->(p:Place) WHERE p.locode IS NOT NULL | p.locode] WHERE x IS NOT NULL] AS locodes`);

export type NodeDetails = {
  eid: string;
  id: string;
  label: NodeLabel;
  degree: number;
  commodity: string | null;
  placeLocode: string | null;
  trackingNumber: string | null;
};

export interface Reader {
  agency: string;
  /** Whether the reader may read any nominal data at all (role and purpose); if not, no envelope is read. */
  withAccess: boolean;
}

/** The start records found (ids of any network kind), with their details. */
export function findStarts(tx: Tx, ids: readonly string[]): Promise<NodeDetails[]> {
  return tx.run(FIND_STARTS, { ids, labels: NODE_LABELS });
}

export function nodeDetails(tx: Tx, eids: readonly string[]): Promise<NodeDetails[]> {
  if (eids.length === 0) return Promise.resolve([]);
  return tx.run(NODE_DETAILS, { eids, labels: NODE_LABELS });
}

/** The envelopes deciding whether `reader` may see each given person, company or identifier (see NODE_ACCESS). */
export function nodeAccess(tx: Tx, eids: readonly string[], reader: Reader): Promise<Array<{ eid: string; access: AccessEnvelope[] }>> {
  if (eids.length === 0 || !reader.withAccess) return Promise.resolve([]);
  return tx.run(NODE_ACCESS, { eids, agency: reader.agency });
}

type EdgeRow = Omit<GraphEdge, "at"> & { edgeAt: string | null; startAt: string | null; endAt: string | null };

/** Which end's event a relationship stands for: an offender is dated by its seizure, a payment link by the payment… */
const EVENT_END: Partial<Record<RelationshipType, "start" | "end" | "edge">> = {
  OFFENDER: "start",
  SEIZED_IN: "end",
  BUYER: "start",
  SELLER: "start",
  PAID_BY: "end",
  FROM: "start",
  TO: "start",
  FULFILLED_BY: "end",
  CONSIGNOR: "start",
  CONSIGNEE: "start",
  DECLARED: "start",
  SAME_AS: "edge",
};

function withEventDate({ edgeAt, startAt, endAt, ...edge }: EdgeRow): GraphEdge {
  const end = EVENT_END[edge.type];
  return { ...edge, at: end === "start" ? startAt : end === "end" ? endAt : end === "edge" ? edgeAt : null };
}

/**
 * The relationships of the given types between the nodes `eids` and network nodes (only those in `within`,
 * when given; only those pointing at the nodes, when `inbound`), at most `rowCap` of them.
 */
export async function incidentEdges(
  tx: Tx,
  eids: readonly string[],
  types: readonly RelationshipType[],
  rowCap: number,
  within: readonly string[] | null = null,
  inbound = false,
): Promise<GraphEdge[]> {
  if (eids.length === 0 || types.length === 0) return [];
  return (await tx.run<EdgeRow>(INCIDENT_EDGES, { eids, types, rowCap, within, inbound })).map(withEventDate);
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
