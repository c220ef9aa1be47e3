import { badUserInput, type Tx } from "@cix/core";

/**
 * The labels and relationship types this subgraph links records with. Cypher text is built only from these
 * constants (labels and types cannot be query parameters); ids always travel as parameters.
 */
export const LABEL = {
  Order: "Order",
  Payment: "Payment",
  Shipment: "Shipment",
  Seizure: "Seizure",
  /** A resolved party: the entities subgraph's Person or Company. */
  Party: "Person|Company",
} as const;
export type Label = (typeof LABEL)[keyof typeof LABEL];

export type Relationship = "BUYER" | "SELLER" | "CONSIGNOR" | "CONSIGNEE" | "PAID_BY" | "FULFILLED_BY" | "SEIZED_IN";

/** A reference from input to an existing node, with the input path to blame if it does not exist. */
export interface Reference {
  path: string;
  id: string | null | undefined;
}

/**
 * Throws BAD_USER_INPUT for the first reference whose node does not exist (one query for all of them). Runs
 * inside the write transaction before anything is written, so a bad reference stores nothing.
 */
export async function assertExist(tx: Tx, label: Label, refs: readonly Reference[], expected: string): Promise<void> {
  const ids = [...new Set(refs.flatMap((r) => (r.id ? [r.id] : [])))];
  if (ids.length === 0) return;
  const rows = await tx.run<{ id: string }>(`UNWIND $ids AS id MATCH (n:${label} { id: id }) RETURN DISTINCT n.id AS id`, { ids });
  const found = new Set(rows.map((r) => r.id));
  const missing = refs.find((r) => r.id && !found.has(r.id));
  if (missing) throw badUserInput(missing.path, expected);
}

/** Which link a batch replaces: the relationship type, the labels at both ends and which way it points. */
export interface LinkSpec {
  /** The label of the records being written. */
  recordLabel: Label;
  rel: Relationship;
  /** The label of the node at the other end. */
  otherLabel: Label;
  /** Whether the relationship points from the record to the other node (`outgoing`) or from it (`incoming`). */
  direction: "outgoing" | "incoming";
}

/** One record and the node its link should reach, or null to leave the record without this link. */
export interface LinkPair {
  recordId: string;
  otherId: string | null | undefined;
}

/**
 * Makes `rel` of every record in the batch exactly what its pair says, in one statement: the record's links of
 * that type to other nodes are removed and the new one (if any) merged, so an upsert can move or drop the link;
 * a link that stays is left as it is. A record listed twice keeps its last pair.
 */
export async function replaceLinks(tx: Tx, spec: LinkSpec, pairs: readonly LinkPair[]): Promise<void> {
  // One pair per record: with two, the planner may run both deletes before both merges and keep two links.
  const last = [...new Map(pairs.map((p) => [p.recordId, { recordId: p.recordId, otherId: p.otherId ?? null }])).values()];
  if (last.length === 0) return;
  // Sorted by the other node, so concurrent writers lock shared nodes (a seller on many orders) in one order.
  last.sort((a, b) => (a.otherId ?? "").localeCompare(b.otherId ?? ""));
  const { recordLabel, rel, otherLabel } = spec;
  const outgoing = spec.direction === "outgoing";
  const old = outgoing ? `(r)-[old:${rel}]->(x:${otherLabel})` : `(r)<-[old:${rel}]-(x:${otherLabel})`;
  const create = outgoing ? `(r)-[:${rel}]->(o)` : `(r)<-[:${rel}]-(o)`;
  await tx.run(
    `UNWIND $pairs AS pair
     MATCH (r:${recordLabel} { id: pair.recordId })
     OPTIONAL MATCH ${old}
     WHERE pair.otherId IS NULL OR x.id <> pair.otherId
     DELETE old
     WITH DISTINCT r, pair
     OPTIONAL MATCH (o:${otherLabel} { id: pair.otherId })
     FOREACH (_ IN CASE WHEN o IS NULL THEN [] ELSE [1] END | MERGE ${create})`,
    { pairs: last },
  );
}
