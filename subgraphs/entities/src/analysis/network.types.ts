import { DateScalar, DateTimeScalar } from "@cix/core";
import { Field, Float, ID, InputType, Int, ObjectType } from "type-graphql";
import { NodeKind, RelationshipType } from "./analysis.enums.js";
import type { NodeLabel } from "./graph.model.js";

/** Which record a node's `record` field loads (absent for pseudonymous nodes). */
export interface RecordRef {
  label: NodeLabel;
  id: string;
}

@ObjectType({
  description:
    "A record or identifier in a network. Persons, companies and identifiers you may not read are pseudonyms: a stable id " +
    "per agency, no record, so the structure is visible and the identity is not.",
})
export class NetworkNode {
  @Field(() => ID, {
    description:
      'The hub id, or a pseudonym ("P-…", the same for your agency in every query) when you may not read the nominal record. ' +
      "Seizures, orders, payments and shipments always keep their ids.",
  })
  id: string;

  @Field(() => NodeKind, { description: "What the node is." })
  kind: NodeKind;

  @Field(() => Boolean, { description: "Whether `id` is a pseudonym (and `record` therefore null)." })
  pseudonymous: boolean;

  @Field(() => Int, { description: "Hops from the nearest record the query started from (0 for a starting record)." })
  hop: number;

  @Field(() => Int, { description: "How many analysis relationships the node has in the whole graph (not only those returned)." })
  degree: number;

  /** What `record` resolves; null for pseudonymous nodes. */
  recordRef: RecordRef | null;
}

@ObjectType({ description: "Who recorded a relationship and when (fields the relationship does not carry are null)." })
export class EdgeProvenance {
  @Field(() => String, { nullable: true, description: "Agency that recorded it." })
  ownerAgency: string | null;

  @Field(() => String, { nullable: true, description: 'Where it came from: a mutation (e.g. "graphql:upsertPerson") or an import id.' })
  source: string | null;

  @Field(() => DateTimeScalar, { nullable: true, description: "When it was first recorded in the hub." })
  createdAt: string | null;
}

@ObjectType({ description: "A relationship between two network nodes, as stored (from `source` to `target`)." })
export class NetworkEdge {
  @Field(() => RelationshipType, { description: "The kind of relationship." })
  type: RelationshipType;

  @Field(() => ID, { description: "Id (or pseudonym) of the node the relationship starts at." })
  source: string;

  @Field(() => ID, { description: "Id (or pseudonym) of the node the relationship points to." })
  target: string;

  @Field(() => Boolean, { description: "False for relationships that mean both ways (ASSOCIATE_OF)." })
  directed: boolean;

  @Field(() => String, {
    nullable: true,
    description:
      "For DECLARED: the party role the identifier was declared for (buyer, seller, consignor, consignee, payer, payee); for " +
      "ASSOCIATE_OF: the kind of tie (an AssociationKind).",
  })
  role: string | null;

  @Field(() => Float, { nullable: true, description: "For owner roles (SHAREHOLDER_OF, BENEFICIAL_OWNER_OF, NOMINEE_SHAREHOLDER_OF): the percentage of the shares held, if recorded." })
  sharePercentage: number | null;

  @Field(() => DateScalar, { nullable: true, description: "Since when the link holds, if recorded (phones, addresses, accounts, associations, roles)." })
  since: string | null;

  @Field(() => DateScalar, { nullable: true, description: "Until when the link held, if it has ended." })
  until: string | null;

  @Field(() => DateTimeScalar, {
    nullable: true,
    description: "When the event it stands for happened: the seizure, order, payment or dispatch; null for links that are states.",
  })
  at: string | null;

  @Field(() => EdgeProvenance, { description: "Who recorded it." })
  provenance: EdgeProvenance;
}

@ObjectType({ description: "A node returned but not expanded because it is linked to too many records (a super-node)." })
export class CutNode {
  @Field(() => ID, { description: "The node's id or pseudonym (as in `nodes`)." })
  id: string;

  @Field(() => NodeKind, { description: "What the node is." })
  kind: NodeKind;

  @Field(() => Int, { description: "Its analysis relationships in the whole graph." })
  degree: number;

  @Field(() => String, { description: "Why it was not expanded." })
  reason: string;
}

@ObjectType({ description: "A bounded network: nodes, the relationships among them, and what was left out." })
export class Network {
  @Field(() => [NetworkNode], { description: "The nodes, starting records first, then by hop." })
  nodes: NetworkNode[];

  @Field(() => [NetworkEdge], { description: "The relationships among the nodes." })
  edges: NetworkEdge[];

  @Field(() => Boolean, { description: "True when the node or relationship limit left parts of the neighbourhood out." })
  truncated: boolean;

  @Field(() => [CutNode], { description: "Super-nodes that were returned but not expanded." })
  cut: CutNode[];
}

@InputType({ description: "The bounded neighbourhood an analysis runs on (the same bounds as `network`)." })
export class NetworkScopeInput {
  @Field(() => [ID], { description: "Ids of the starting records: seizures, persons, companies, identifiers, orders, payments, shipments (1 to 50)." })
  from: string[];

  @Field(() => Int, { defaultValue: 2, description: "How many relationships away from a starting record to go (1 to CIX_MAX_HOPS, default 5)." })
  hops: number;

  @Field(() => [RelationshipType], { nullable: true, description: "Only follow these relationships (default: all analysis relationships)." })
  relationshipTypes?: RelationshipType[] | null;

  @Field(() => DateTimeScalar, { nullable: true, description: "Leave out dated relationships that ended or happened before this instant." })
  since?: string | null;

  @Field(() => DateTimeScalar, { nullable: true, description: "Leave out dated relationships that began or happened after this instant." })
  until?: string | null;

  @Field(() => Int, { defaultValue: 200, description: "Most nodes to return (1 to CIX_ANALYSIS_MAX_NODES, default 2000)." })
  limit: number;
}
