import type { Tx } from "../neo4j/database.js";
import { IDENTIFIER_KINDS, type Identifier, type IdentifierKind } from "./normalize.js";

/** Labels of the records that may link to identifiers. */
export const RECORD_LABELS = ["Person", "Company", "Order", "Shipment", "Payment"] as const;
export type RecordLabel = (typeof RECORD_LABELS)[number];

/** Relationship types from a record to an identifier. */
export const IDENTIFIER_RELS = ["USES", "LOCATED_AT", "HOLDS", "HOLDS_ACCOUNT", "DECLARED", "FROM", "TO"] as const;
export type IdentifierRel = (typeof IDENTIFIER_RELS)[number];

/** The role in which an order, shipment or payment declares an identifier (the `role` of a DECLARED edge). */
export const DECLARED_ROLES = ["buyer", "seller", "consignor", "consignee", "payer", "payee"] as const;
export type DeclaredRole = (typeof DECLARED_ROLES)[number];

/** A link from a record to an identifier. */
export interface IdentifierLink {
  rel: IdentifierRel;
  identifier: Identifier;
  /**
   * Edge properties: provenance (e.g. `source`, `ownerAgency`), `since`/`until` (YYYY-MM-DD, stored as Neo4j
   * dates and kept when a later link omits them) and, for DECLARED, the required `role`. `createdAt` and
   * `updatedAt` are set here.
   */
  edgeProps?: Record<string, unknown>;
}

/** An identifier node after linking: which one it is and its hub id. */
export interface LinkedIdentifier {
  kind: IdentifierKind;
  key: string;
  id: string;
}

/** The owner's edges of one relationship type to one kind of identifier (and, for DECLARED, one role). */
export interface IdentifierSlot {
  rel: IdentifierRel;
  kind: IdentifierKind;
  role?: DeclaredRole;
}

type Owner = { label: RecordLabel; id: string };

/** Which records may hold which identifiers through which relationship (the graph model, as an allow-list). */
const RULES: Record<IdentifierRel, { owners: readonly RecordLabel[]; kinds: readonly IdentifierKind[] }> = {
  USES: { owners: ["Person", "Company"], kinds: ["Phone", "Email"] },
  LOCATED_AT: { owners: ["Person", "Company"], kinds: ["Address"] },
  HOLDS: { owners: ["Person"], kinds: ["IdentityDocument"] },
  HOLDS_ACCOUNT: { owners: ["Person", "Company"], kinds: ["BankAccount"] },
  DECLARED: { owners: ["Order", "Shipment", "Payment"], kinds: IDENTIFIER_KINDS },
  // A payment moves money from the payer's account to the payee's (MODEL.md: (:Payment)-[:FROM|:TO]->(:BankAccount)).
  FROM: { owners: ["Payment"], kinds: ["BankAccount"] },
  TO: { owners: ["Payment"], kinds: ["BankAccount"] },
};

/** The properties each identifier node carries (besides `id`, `key`, `createdAt`); dates are stored as `date()`. */
const NODE_PROPS: Record<IdentifierKind, ReadonlyArray<{ name: string; date?: true }>> = {
  Phone: [{ name: "number" }, { name: "country" }],
  Email: [{ name: "address" }],
  Address: [{ name: "street" }, { name: "postcode" }, { name: "city" }, { name: "country" }],
  BankAccount: [{ name: "iban" }, { name: "bic" }, { name: "country" }],
  IdentityDocument: [{ name: "type" }, { name: "number" }, { name: "issuingCountry" }, { name: "expiry", date: true }],
};

/** Edge properties with their own treatment; the rest are copied onto the edge as they are. */
const SPECIAL_EDGE_PROPS = new Set(["role", "since", "until", "createdAt", "updatedAt"]);

function checkSlot(owner: Owner, rel: IdentifierRel, kind: IdentifierKind): void {
  const rule = RULES[rel];
  // Labels and types are spliced into Cypher text, so anything outside the allow-lists is refused outright.
  if (!rule || !RECORD_LABELS.includes(owner.label) || !rule.owners.includes(owner.label) || !rule.kinds.includes(kind)) {
    throw new Error(`A ${owner.label} cannot be linked to a ${kind} by ${rel}`);
  }
}

const linkStatements = new Map<string, string>();

/**
 * Static Cypher for one (owner label, relationship, identifier kind), built only from the constants above.
 * Node properties are filled, never overwritten: the first record to give a value (e.g. a BIC or the spelling
 * of a street) sets it, and later ones fill what is still missing, so a shared node does not flip-flop.
 */
function linkStatement(label: RecordLabel, rel: IdentifierRel, kind: IdentifierKind): string {
  const name = `${label}:${rel}:${kind}`;
  let cypher = linkStatements.get(name);
  if (!cypher) {
    const fill = NODE_PROPS[kind]
      .map((p) => `i.${p.name} = coalesce(i.${p.name}, ${p.date ? `date(link.props.${p.name})` : `link.props.${p.name}`})`)
      .join(", ");
    const edgeIdentity = rel === "DECLARED" ? " { role: link.role }" : "";
    cypher = `MATCH (o:${label} { id: $ownerId })
      UNWIND $links AS link
      MERGE (i:${kind} { key: link.key })
        ON CREATE SET i.id = randomUUID(), i.createdAt = datetime()
      SET ${fill}
      MERGE (o)-[r:${rel}${edgeIdentity}]->(i)
        ON CREATE SET r.createdAt = datetime()
      SET r += link.edge, r.updatedAt = datetime()
      FOREACH (d IN CASE WHEN link.since IS NULL THEN [] ELSE [link.since] END | SET r.since = date(d))
      FOREACH (d IN CASE WHEN link.until IS NULL THEN [] ELSE [link.until] END | SET r.until = date(d))
      RETURN link.key AS key, i.id AS id`;
    linkStatements.set(name, cypher);
  }
  return cypher;
}

function linkParams(link: IdentifierLink) {
  const { kind, key, props } = link.identifier;
  const allowed = NODE_PROPS[kind].map((p) => p.name);
  const unknown = Object.keys(props).filter((k) => !allowed.includes(k));
  if (unknown.length > 0) throw new Error(`${kind} identifiers have no ${unknown.join(", ")} property`);
  const edgeProps = link.edgeProps ?? {};
  const role = edgeProps.role ?? null;
  if (link.rel === "DECLARED" && !DECLARED_ROLES.includes(role as DeclaredRole)) {
    throw new Error(`A DECLARED link needs a role, one of ${DECLARED_ROLES.join(", ")}`);
  }
  const edge = Object.fromEntries(Object.entries(edgeProps).filter(([k, v]) => !SPECIAL_EDGE_PROPS.has(k) && v !== undefined));
  return { key, props, role, edge, since: edgeProps.since ?? null, until: edgeProps.until ?? null };
}

/**
 * MERGEs the identifier nodes by `key` (one node per identical identifier, shared by every record that uses
 * it) and MERGEs the owner's edge to each, inside the caller's transaction: one UNWIND statement per
 * (relationship, kind) group. Idempotent. Throws if the owner node does not exist (the transaction is then
 * rolled back with everything else the caller wrote).
 */
export async function linkIdentifiers(tx: Tx, owner: Owner, links: readonly IdentifierLink[]): Promise<LinkedIdentifier[]> {
  const groups = new Map<string, { rel: IdentifierRel; kind: IdentifierKind; params: Array<ReturnType<typeof linkParams>> }>();
  for (const link of links) {
    checkSlot(owner, link.rel, link.identifier.kind);
    const name = `${link.rel}:${link.identifier.kind}`;
    const group = groups.get(name) ?? { rel: link.rel, kind: link.identifier.kind, params: [] };
    group.params.push(linkParams(link));
    groups.set(name, group);
  }
  const linked: LinkedIdentifier[] = [];
  for (const { rel, kind, params } of groups.values()) {
    const rows = await tx.run<{ key: string; id: string }>(linkStatement(owner.label, rel, kind), { ownerId: owner.id, links: params });
    if (rows.length !== params.length) throw new Error(`${owner.label} ${owner.id} does not exist`);
    for (const row of rows) linked.push({ kind, key: row.key, id: row.id });
  }
  return linked;
}

/**
 * Removes the owner's edges in `slot` to the identifiers whose key is (`listed` = true) or is not (false) in
 * `keys`. An identifier left with no relationship at all is deleted: personal data nobody refers to any more
 * is not kept.
 */
async function removeLinks(tx: Tx, owner: Owner, slot: IdentifierSlot, keys: readonly string[], listed: boolean): Promise<number> {
  checkSlot(owner, slot.rel, slot.kind);
  const rows = await tx.run<{ removed: number }>(
    `MATCH (o:${owner.label} { id: $ownerId })-[r:${slot.rel}]->(i:${slot.kind})
     WHERE (i.key IN $keys) = $listed AND ($role IS NULL OR r.role = $role)
     WITH i, collect(r) AS rels
     FOREACH (r IN rels | DELETE r)
     WITH i, size(rels) AS removed, NOT EXISTS { (i)--() } AS orphan
     FOREACH (_ IN CASE WHEN orphan THEN [1] ELSE [] END | DELETE i)
     RETURN sum(removed) AS removed`,
    { ownerId: owner.id, keys: [...keys], listed, role: slot.role ?? null },
  );
  return rows[0]?.removed ?? 0;
}

/** Unlinks the identifiers with these keys from the owner (idempotent); returns how many edges went. */
export function unlinkIdentifiers(tx: Tx, owner: Owner, slot: IdentifierSlot, keys: readonly string[]): Promise<number> {
  return removeLinks(tx, owner, slot, keys, true);
}

/**
 * Unlinks every identifier in `slot` except those with these keys: with `linkIdentifiers`, makes a record's
 * list (e.g. its phones) exactly what an upsert says.
 */
export function retainIdentifiers(tx: Tx, owner: Owner, slot: IdentifierSlot, keep: readonly string[]): Promise<number> {
  return removeLinks(tx, owner, slot, keep, false);
}
