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

export interface LinkSpec {
  /** The record being written. */
  record: { label: Label; id: string };
  rel: Relationship;
  /** The node at the other end, or null to leave the record without this link. */
  other: { label: Label; id: string | null | undefined };
  /** Whether the relationship points from the record to the other node (`outgoing`) or from it (`incoming`). */
  direction: "outgoing" | "incoming";
}

/**
 * Makes `rel` between the record and `other` exactly what the input says: the record's previous link of that
 * type is removed and the new one (if any) merged, so an upsert can move or drop the link.
 */
export async function replaceLink(tx: Tx, spec: LinkSpec): Promise<void> {
  const { record, rel, other } = spec;
  const pattern = spec.direction === "outgoing" ? `(r)-[old:${rel}]->(:${other.label})` : `(r)<-[old:${rel}]-(:${other.label})`;
  const create = spec.direction === "outgoing" ? `(r)-[:${rel}]->(o)` : `(r)<-[:${rel}]-(o)`;
  await tx.run(
    `MATCH (r:${record.label} { id: $recordId })
     OPTIONAL MATCH ${pattern}
     DELETE old
     WITH DISTINCT r
     OPTIONAL MATCH (o:${other.label} { id: $otherId })
     FOREACH (_ IN CASE WHEN o IS NULL THEN [] ELSE [1] END | MERGE ${create})`,
    { recordId: record.id, otherId: other.id ?? null },
  );
}
