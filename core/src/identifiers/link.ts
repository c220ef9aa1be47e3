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
    // Links are sorted by key (see linkIdentifiersMany), so concurrent batches lock shared nodes in one order.
    cypher = `UNWIND $links AS link
      MATCH (o:${label} { id: link.ownerId })
      MERGE (i:${kind} { key: link.key })
        ON CREATE SET i.id = randomUUID(), i.createdAt = datetime()
      SET ${fill}
      MERGE (o)-[r:${rel}${edgeIdentity}]->(i)
        ON CREATE SET r.createdAt = datetime()
      SET r += link.edge, r.updatedAt = datetime()
      FOREACH (d IN CASE WHEN link.since IS NULL THEN [] ELSE [link.since] END | SET r.since = date(d))
      FOREACH (d IN CASE WHEN link.until IS NULL THEN [] ELSE [link.until] END | SET r.until = date(d))
      RETURN link.n AS n, i.id AS id`;
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

/** One record's links, for the batch functions. */
export interface OwnerLinks {
  ownerId: string;
  links: readonly IdentifierLink[];
}

/**
 * MERGEs the identifier nodes by `key` (one node per identical identifier, shared by every record that uses
 * it) and MERGEs each owner's edge to each, inside the caller's transaction: one UNWIND statement per
 * (relationship, kind) group for ALL the owners, so a batch of a thousand records costs as many statements as
 * one. Idempotent. Returns each owner's linked identifiers, in the owners' order. Throws if an owner node does
 * not exist (the transaction is then rolled back with everything else the caller wrote).
 */
export async function linkIdentifiersMany(tx: Tx, label: RecordLabel, owners: readonly OwnerLinks[]): Promise<LinkedIdentifier[][]> {
  type Param = ReturnType<typeof linkParams> & { ownerId: string; n: number };
  const groups = new Map<string, { rel: IdentifierRel; kind: IdentifierKind; params: Param[] }>();
  const where: Array<{ owner: number; kind: IdentifierKind; key: string }> = [];
  owners.forEach(({ ownerId, links }, owner) => {
    for (const link of links) {
      checkSlot({ label, id: ownerId }, link.rel, link.identifier.kind);
      const name = `${link.rel}:${link.identifier.kind}`;
      const group = groups.get(name) ?? { rel: link.rel, kind: link.identifier.kind, params: [] };
      group.params.push({ ...linkParams(link), ownerId, n: where.length });
      where.push({ owner, kind: link.identifier.kind, key: link.identifier.key });
      groups.set(name, group);
    }
  });
  const linked: LinkedIdentifier[][] = owners.map(() => []);
  for (const { rel, kind, params } of groups.values()) {
    params.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    const rows = await tx.run<{ n: number; id: string }>(linkStatement(label, rel, kind), { links: params });
    if (rows.length !== params.length) {
      const found = new Set(rows.map((r) => r.n));
      const missing = params.find((p) => !found.has(p.n));
      throw new Error(`${label} ${missing?.ownerId ?? "?"} does not exist`);
    }
    for (const row of rows) {
      const link = where[row.n]!;
      linked[link.owner]!.push({ kind: link.kind, key: link.key, id: row.id });
    }
  }
  return linked;
}

/** `linkIdentifiersMany` for one owner. */
export async function linkIdentifiers(tx: Tx, owner: Owner, links: readonly IdentifierLink[]): Promise<LinkedIdentifier[]> {
  const [linked] = await linkIdentifiersMany(tx, owner.label, [{ ownerId: owner.id, links }]);
  return linked ?? [];
}

/** One record's identifier keys, for the batch functions. */
export interface OwnerKeys {
  ownerId: string;
  keys: readonly string[];
}

/**
 * Removes each owner's edges in `slot` to the identifiers whose key is (`listed` = true) or is not (false) in
 * its `keys`, in one statement for all the owners. An identifier left with no relationship at all is deleted:
 * personal data nobody refers to any more is not kept.
 */
async function removeLinks(tx: Tx, label: RecordLabel, slot: IdentifierSlot, owners: readonly OwnerKeys[], listed: boolean): Promise<number> {
  if (owners.length === 0) return 0;
  for (const { ownerId } of owners) checkSlot({ label, id: ownerId }, slot.rel, slot.kind);
  const rows = await tx.run<{ removed: number }>(
    `UNWIND $owners AS owner
     MATCH (o:${label} { id: owner.ownerId })-[r:${slot.rel}]->(i:${slot.kind})
     WHERE (i.key IN owner.keys) = $listed AND ($role IS NULL OR r.role = $role)
     WITH i, collect(r) AS rels
     FOREACH (r IN rels | DELETE r)
     WITH i, size(rels) AS removed, NOT EXISTS { (i)--() } AS orphan
     FOREACH (_ IN CASE WHEN orphan THEN [1] ELSE [] END | DELETE i)
     RETURN sum(removed) AS removed`,
    { owners: owners.map((o) => ({ ownerId: o.ownerId, keys: [...o.keys] })), listed, role: slot.role ?? null },
  );
  return rows[0]?.removed ?? 0;
}

/** Unlinks the identifiers with these keys from the owner (idempotent); returns how many edges went. */
export function unlinkIdentifiers(tx: Tx, owner: Owner, slot: IdentifierSlot, keys: readonly string[]): Promise<number> {
  return removeLinks(tx, owner.label, slot, [{ ownerId: owner.id, keys }], true);
}

/**
 * Unlinks, for each owner, every identifier in `slot` except those with its keys: with `linkIdentifiersMany`,
 * makes each record's list (e.g. its phones) exactly what an upsert says.
 */
export function retainIdentifiersMany(tx: Tx, label: RecordLabel, slot: IdentifierSlot, owners: readonly OwnerKeys[]): Promise<number> {
  return removeLinks(tx, label, slot, owners, false);
}

/** `retainIdentifiersMany` for one owner. */
export function retainIdentifiers(tx: Tx, owner: Owner, slot: IdentifierSlot, keep: readonly string[]): Promise<number> {
  return removeLinks(tx, owner.label, slot, [{ ownerId: owner.id, keys: keep }], false);
}
