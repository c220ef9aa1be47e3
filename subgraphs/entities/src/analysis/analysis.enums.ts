import { registerEnumType } from "type-graphql";

/**
 * The relationships link analysis follows. Values are the relationship types stored in the graph, so a value
 * the schema accepted is also the type matched (as a query parameter, never as Cypher text). Places, goods
 * lines, order items, shipment events, photos, operations (AT, LEG, GOODS, SHARED_IN, …) are not network nodes.
 */
export enum RelationshipType {
  OFFENDER = "OFFENDER",
  USES = "USES",
  LOCATED_AT = "LOCATED_AT",
  HOLDS = "HOLDS",
  HOLDS_ACCOUNT = "HOLDS_ACCOUNT",
  ASSOCIATE_OF = "ASSOCIATE_OF",
  DIRECTOR_OF = "DIRECTOR_OF",
  EMPLOYED_BY = "EMPLOYED_BY",
  SHAREHOLDER_OF = "SHAREHOLDER_OF",
  BENEFICIAL_OWNER_OF = "BENEFICIAL_OWNER_OF",
  NOMINEE_DIRECTOR_OF = "NOMINEE_DIRECTOR_OF",
  NOMINEE_SHAREHOLDER_OF = "NOMINEE_SHAREHOLDER_OF",
  SECRETARY_OF = "SECRETARY_OF",
  OFFICER_OF = "OFFICER_OF",
  INTERMEDIARY_OF = "INTERMEDIARY_OF",
  REGISTERED_AGENT_OF = "REGISTERED_AGENT_OF",
  BUYER = "BUYER",
  SELLER = "SELLER",
  PAID_BY = "PAID_BY",
  FROM = "FROM",
  TO = "TO",
  FULFILLED_BY = "FULFILLED_BY",
  CONSIGNOR = "CONSIGNOR",
  CONSIGNEE = "CONSIGNEE",
  SEIZED_IN = "SEIZED_IN",
  DECLARED = "DECLARED",
  SAME_AS = "SAME_AS",
}
registerEnumType(RelationshipType, {
  name: "RelationshipType",
  description: "A kind of relationship between records and identifiers that link analysis follows (the graph's relationship type).",
  valuesConfig: {
    OFFENDER: { description: "Seizure → person or company: an offender in the case (dated by the seizure)." },
    USES: { description: "Person or company → phone or e-mail address it uses (may carry since/until)." },
    LOCATED_AT: { description: "Person or company → address it is located at (may carry since/until)." },
    HOLDS: { description: "Person → identity document it holds." },
    HOLDS_ACCOUNT: { description: "Person or company → bank account it holds." },
    ASSOCIATE_OF: { description: "Person — person: associates, as recorded by an agency (not directed; the edge's role is the AssociationKind)." },
    DIRECTOR_OF: { description: "Person or company → company it directs." },
    EMPLOYED_BY: { description: "Person → company it works for." },
    SHAREHOLDER_OF: { description: "Person or company → company whose shares it holds (the edge may carry sharePercentage)." },
    BENEFICIAL_OWNER_OF: { description: "Person or company → company it ultimately owns or controls (may carry sharePercentage)." },
    NOMINEE_DIRECTOR_OF: { description: "Person or company → company it directs in name for someone else." },
    NOMINEE_SHAREHOLDER_OF: { description: "Person or company → company whose shares it holds in name for someone else (may carry sharePercentage)." },
    SECRETARY_OF: { description: "Person or company → company it is secretary of." },
    OFFICER_OF: { description: "Person or company → company it is an officer of (function not named by the source)." },
    INTERMEDIARY_OF: { description: "Person or company → company it set up or serves as intermediary." },
    REGISTERED_AGENT_OF: { description: "Person or company → company it is registered agent of." },
    BUYER: { description: "Order → the person or company the buyer was resolved to (dated by the order)." },
    SELLER: { description: "Order → the person or company the seller was resolved to (dated by the order)." },
    PAID_BY: { description: "Order → payment for it (dated by the payment)." },
    FROM: { description: "Payment → the payer's bank account (dated by the payment)." },
    TO: { description: "Payment → the payee's bank account (dated by the payment)." },
    FULFILLED_BY: { description: "Order → shipment that carried it (dated by the shipment's dispatch)." },
    CONSIGNOR: { description: "Shipment → the person or company the consignor was resolved to." },
    CONSIGNEE: { description: "Shipment → the person or company the consignee was resolved to." },
    SEIZED_IN: { description: "Shipment → seizure case in which it was seized (dated by the seizure)." },
    DECLARED: { description: "Order, payment or shipment → an identifier declared for one of its parties (the edge's role says which)." },
    SAME_AS: { description: "Person → person: an investigator confirmed both records are the same person (confirmMatch)." },
  },
});

/** What a network node is. */
export enum NodeKind {
  SEIZURE = "SEIZURE",
  PERSON = "PERSON",
  COMPANY = "COMPANY",
  PHONE = "PHONE",
  EMAIL = "EMAIL",
  ADDRESS = "ADDRESS",
  BANK_ACCOUNT = "BANK_ACCOUNT",
  IDENTITY_DOCUMENT = "IDENTITY_DOCUMENT",
  ORDER = "ORDER",
  PAYMENT = "PAYMENT",
  SHIPMENT = "SHIPMENT",
}
registerEnumType(NodeKind, {
  name: "NodeKind",
  description: "The kind of record or identifier a network node stands for.",
  valuesConfig: {
    SEIZURE: { description: "A seizure case (non-nominal; always shown with its id)." },
    PERSON: { description: "A person (nominal: a pseudonym unless you may read the record)." },
    COMPANY: { description: "A company (nominal: a pseudonym unless you may read the record)." },
    PHONE: { description: "A phone number (nominal: a pseudonym unless you may read a record linked to it)." },
    EMAIL: { description: "An e-mail address (nominal: a pseudonym unless you may read a record linked to it)." },
    ADDRESS: { description: "A postal address (nominal: a pseudonym unless you may read a record linked to it)." },
    BANK_ACCOUNT: { description: "A bank account (nominal: a pseudonym unless you may read a record linked to it)." },
    IDENTITY_DOCUMENT: { description: "An identity document (nominal: a pseudonym unless you may read a record linked to it)." },
    ORDER: { description: "An e-commerce order (shown with its id; its declared parties are guarded on the record)." },
    PAYMENT: { description: "A payment (shown with its id; its accounts are guarded on the record)." },
    SHIPMENT: { description: "A shipment (shown with its id; its declared parties are guarded on the record)." },
  },
});

export enum PathMode {
  SHORTEST = "SHORTEST",
  ALL_SHORTEST = "ALL_SHORTEST",
  TIME_ORDERED = "TIME_ORDERED",
}
registerEnumType(PathMode, {
  name: "PathMode",
  description: "Which paths to find between two records.",
  valuesConfig: {
    SHORTEST: { description: "One shortest path." },
    ALL_SHORTEST: { description: "Every shortest path (up to `limit`)." },
    TIME_ORDERED: {
      description:
        "Paths (up to maxHops long, shortest first) whose dated relationships happened in order from `from` to `to`: each event " +
        "(seizure, order, payment, dispatch) on or after the previous one. Undated links (a phone in use) fit anywhere.",
    },
  },
});

export enum CentralityMeasure {
  DEGREE = "DEGREE",
  BETWEENNESS = "BETWEENNESS",
  PAGERANK = "PAGERANK",
}
registerEnumType(CentralityMeasure, {
  name: "CentralityMeasure",
  description: "How central a node is in the network.",
  valuesConfig: {
    DEGREE: { description: "Share of the other nodes it is directly linked to (graphology-metrics degree centrality)." },
    BETWEENNESS: { description: "How many shortest paths between other nodes run through it: brokers (normalised Brandes betweenness)." },
    PAGERANK: { description: "PageRank: linked to nodes that are themselves well linked." },
  },
});

export enum CommunityAlgorithm {
  LOUVAIN = "LOUVAIN",
  LABEL_PROPAGATION = "LABEL_PROPAGATION",
  CONNECTED_COMPONENTS = "CONNECTED_COMPONENTS",
}
registerEnumType(CommunityAlgorithm, {
  name: "CommunityAlgorithm",
  description: "How the network is split into clusters.",
  valuesConfig: {
    LOUVAIN: { description: "Louvain modularity optimisation (graphology-communities-louvain), seeded so a result can be repeated." },
    LABEL_PROPAGATION: { description: "Label propagation: each node takes the label most of its neighbours carry (deterministic order)." },
    CONNECTED_COMPONENTS: { description: "Connected components: everything linked by any path is one cluster." },
  },
});

/** What ties two records together in `sharedIdentifiers`. */
export enum LinkKind {
  PHONE = "PHONE",
  EMAIL = "EMAIL",
  ADDRESS = "ADDRESS",
  BANK_ACCOUNT = "BANK_ACCOUNT",
  IDENTITY_DOCUMENT = "IDENTITY_DOCUMENT",
  TRACKING_NUMBER = "TRACKING_NUMBER",
  COMPANY = "COMPANY",
}
registerEnumType(LinkKind, {
  name: "LinkKind",
  description: "The kind of shared identifier that links two records.",
  valuesConfig: {
    PHONE: { description: "The same phone number." },
    EMAIL: { description: "The same e-mail address." },
    ADDRESS: { description: "The same postal address." },
    BANK_ACCOUNT: { description: "The same bank account." },
    IDENTITY_DOCUMENT: { description: "The same identity document." },
    TRACKING_NUMBER: { description: "Shipments recorded with the same tracking number (e.g. by two agencies)." },
    COMPANY: { description: "The same company, which both persons direct or work for." },
  },
});
