import { OWNERSHIP_ROLES, ROLE_REL } from "../relationship/relationship.types.js";
import { LinkKind, NodeKind, RelationshipType } from "./analysis.enums.js";

/**
 * What link analysis sees of the graph: which labels are network nodes, which are nominal, and how the
 * relationship types group. Cypher text is only ever built from these constants.
 */

/** Node labels of network nodes, with their kind. */
export const LABEL_KIND = {
  Seizure: NodeKind.SEIZURE,
  Person: NodeKind.PERSON,
  Company: NodeKind.COMPANY,
  Phone: NodeKind.PHONE,
  Email: NodeKind.EMAIL,
  Address: NodeKind.ADDRESS,
  BankAccount: NodeKind.BANK_ACCOUNT,
  IdentityDocument: NodeKind.IDENTITY_DOCUMENT,
  Order: NodeKind.ORDER,
  Payment: NodeKind.PAYMENT,
  Shipment: NodeKind.SHIPMENT,
} as const;
export type NodeLabel = keyof typeof LABEL_KIND;
export const NODE_LABELS = Object.keys(LABEL_KIND) as NodeLabel[];

export const PARTY_LABELS: readonly NodeLabel[] = ["Person", "Company"];
export const IDENTIFIER_LABELS: readonly NodeLabel[] = ["Phone", "Email", "Address", "BankAccount", "IdentityDocument"];
/** Records whose own fields are guarded by the subgraph that owns them; their ids are not nominal. */
export const NON_NOMINAL_LABELS: readonly NodeLabel[] = ["Seizure", "Order", "Payment", "Shipment"];

export function isNominal(label: NodeLabel): boolean {
  return !NON_NOMINAL_LABELS.includes(label);
}


export const ALL_RELATIONSHIPS = Object.values(RelationshipType);

/** Relationships between records: an offender of a case, a buyer of an order, a shipment seized in a case… */
export const RECORD_RELATIONSHIPS: readonly RelationshipType[] = [
  RelationshipType.OFFENDER,
  RelationshipType.BUYER,
  RelationshipType.SELLER,
  RelationshipType.CONSIGNOR,
  RelationshipType.CONSIGNEE,
  RelationshipType.SEIZED_IN,
  RelationshipType.PAID_BY,
  RelationshipType.FULFILLED_BY,
  RelationshipType.SAME_AS,
];

/** A person's or company's roles in companies: director, employee, shareholder, agent… (one link type per role). */
export const COMPANY_ROLE_RELATIONSHIPS: readonly RelationshipType[] = Object.values(ROLE_REL);

/** Holder → company links that carry a stake: what an ownership chain follows. */
export const OWNERSHIP_RELATIONSHIPS: readonly RelationshipType[] = OWNERSHIP_ROLES.map((role) => ROLE_REL[role]);

/** Relationships from a record to something other records share: identifiers, and companies people or companies hold roles in. */
export const LINK_RELATIONSHIPS: readonly RelationshipType[] = [
  RelationshipType.USES,
  RelationshipType.LOCATED_AT,
  RelationshipType.HOLDS,
  RelationshipType.HOLDS_ACCOUNT,
  RelationshipType.DECLARED,
  RelationshipType.FROM,
  RelationshipType.TO,
  ...COMPANY_ROLE_RELATIONSHIPS,
];

/** From a record to the person or company it names: a case's offender, an order's buyer or seller, a parcel's consignor or consignee. */
export const PARTY_RELATIONSHIPS: readonly RelationshipType[] = [
  RelationshipType.OFFENDER,
  RelationshipType.BUYER,
  RelationshipType.SELLER,
  RelationshipType.CONSIGNOR,
  RelationshipType.CONSIGNEE,
];

/** What ties a record to something others may share: an identifier it holds or declares, a company it names or works for. */
export function sharesThrough(type: RelationshipType, label: NodeLabel): boolean {
  if (label === "Company") return LINK_RELATIONSHIPS.includes(type) || PARTY_RELATIONSHIPS.includes(type);
  return IDENTIFIER_LABELS.includes(label) && LINK_RELATIONSHIPS.includes(type);
}

/** Stored in one direction but meaning both. */
export const UNDIRECTED_RELATIONSHIPS: readonly RelationshipType[] = [RelationshipType.ASSOCIATE_OF];

export const LINK_KIND_OF_LABEL: Partial<Record<NodeLabel, LinkKind>> = {
  Phone: LinkKind.PHONE,
  Email: LinkKind.EMAIL,
  Address: LinkKind.ADDRESS,
  BankAccount: LinkKind.BANK_ACCOUNT,
  IdentityDocument: LinkKind.IDENTITY_DOCUMENT,
  Company: LinkKind.COMPANY,
};

/** `(m:Seizure OR m:Person OR …)` for a variable from repository code. */
export function labelPredicate(variable: string, labels: readonly string[]): string {
  return `(${labels.map((l) => `${variable}:${l}`).join(" OR ")})`;
}

/** `OFFENDER|USES|…`: every analysis relationship, for degree counts (a constant, not client input). */
export const ALL_RELATIONSHIPS_PATTERN = ALL_RELATIONSHIPS.join("|");
