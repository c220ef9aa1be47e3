// The read scenarios, each in three forms: the GraphQL query through the gateway, the owning subgraph's part of
// it sent straight to that subgraph, and one Cypher query returning the same data (the floor).
import type { SubgraphName } from "@cix/core";
import type { Fixtures } from "./fixtures.js";

export interface GraphQLRequest {
  query: string;
  variables: Record<string, unknown>;
}

export type Row = Record<string, unknown>;

export interface Scenario {
  id: string;
  title: string;
  gateway: GraphQLRequest;
  subgraph: {
    name: SubgraphName;
    request: GraphQLRequest;
    /** What of the query the subgraph answers alone ("whole query", or its own part for cross-subgraph queries). */
    part: string;
  };
  cypher: { text: string; params: Record<string, unknown> };
  /** What an answer holds ("73 cases, 12 offenders, 12 names"), from the gateway's data and from the Cypher rows: they must agree. */
  shapeOfData(data: unknown): string;
  shapeOfRows(rows: Row[]): string;
}

export interface Unavailable {
  id: string;
  title: string;
  unavailable: string;
}

/**
 * Whether the caller may read a record's nominal data (core/src/permissions/envelope.ts `decideNominal`, for an
 * investigator with a purpose): own agency, or shared into an open operation of the caller's agency unless
 * RED/AMBER_STRICT, H2 only when released. The floor applies it so it returns what the hub returns.
 */
function readable(v: string): string {
  return `(${v}.ownerAgency = $agency OR (NOT coalesce(${v}.tlp, 'AMBER') IN ['RED', 'AMBER_STRICT'] AND EXISTS {
    MATCH (${v})-[share:SHARED_IN]->(op:Operation)
    WHERE op.status = 'OPEN' AND (op.endsAt IS NULL OR op.endsAt > datetime()) AND $agency IN op.memberAgencies
      AND (coalesce(${v}.handling, 'H0') <> 'H2' OR coalesce(share.released, false)) }))`;
}

const list = (value: unknown): Row[] => (Array.isArray(value) ? (value as Row[]) : []);
const field = (value: unknown, name: string): unknown => (value && typeof value === "object" ? (value as Row)[name] : undefined);

/** 1: one case by id with its goods and route (seizures subgraph only). */
export function seizureById(f: Fixtures): Scenario {
  const query = `query Bench1($id: ID!) {
    seizure(id: $id) {
      id caseNumber seizedAt commodity reportingAgency
      goods { seq hsCode description quantity unit estimatedValue currency }
      route { seq role place { locode country name } }
    }
  }`;
  const shape = (s: unknown) => `1 case, ${list(field(s, "goods")).length} goods, ${list(field(s, "route")).length} legs`;
  return {
    id: "1",
    title: "one seizure by id with its goods and route",
    gateway: { query, variables: { id: f.seizureId } },
    subgraph: { name: "seizures", request: { query, variables: { id: f.seizureId } }, part: "whole query" },
    cypher: {
      text: `MATCH (s:Seizure { id: $id })
        RETURN s { .id, .caseNumber, .seizedAt, .commodity, .reportingAgency,
          goods: COLLECT { MATCH (s)-[:GOODS]->(g:GoodsItem) RETURN g { .seq, .hsCode, .description, .quantity, .unit, .estimatedValue, .currency } ORDER BY g.seq },
          route: COLLECT { MATCH (s)-[leg:LEG]->(p:Place) RETURN { seq: leg.seq, role: leg.role, locode: p.locode, country: p.country, name: p.name } ORDER BY leg.seq }
        } AS seizure`,
      params: { id: f.seizureId },
    },
    shapeOfData: (data) => shape(field(data, "seizure")),
    shapeOfRows: (rows) => shape(rows[0]?.seizure),
  };
}

/**
 * 2: a page of cases filtered by commodity and date, each with its offenders' names (seizures → entities).
 * `ownCases` filters by date and the caller's agency instead (scenario 7): other agencies' offenders are refused
 * before any loader runs, so only a page of the caller's own cases resolves every nested field at any size.
 */
export function seizurePage(f: Fixtures, first = 100, ownCases = false): Scenario {
  const filter = ownCases
    ? { reportingAgency: f.agency, seizedFrom: f.seizedFrom, seizedBefore: f.seizedBefore }
    : { commodity: f.commodity, seizedFrom: f.seizedFrom, seizedBefore: f.seizedBefore };
  const variables = { first, filter };
  const gatewayQuery = `query Bench2($first: Int!, $filter: SeizureFilter) {
    seizures(first: $first, filter: $filter) {
      nodes { id caseNumber seizedAt commodity reportingAgency offenders { id name } }
    }
  }`;
  const ownPart = `query Bench2Own($first: Int!, $filter: SeizureFilter) {
    seizures(first: $first, filter: $filter) { nodes { id caseNumber seizedAt commodity reportingAgency offenders { id } } }
  }`;
  const shape = (cases: Row[]) => {
    const offenders = cases.flatMap((c) => list(c.offenders));
    return `${cases.length} cases, ${offenders.length} offenders, ${offenders.filter((o) => o.name).length} names`;
  };
  return {
    id: ownCases ? `7@${first}` : "2",
    title: `a page of ${first} seizures by ${ownCases ? "date of the caller's agency" : "commodity and date"}, each with its offenders`,
    gateway: { query: gatewayQuery, variables },
    subgraph: { name: "seizures", request: { query: ownPart, variables }, part: "seizures part only: cases and offender ids (names come from entities)" },
    cypher: {
      text: `MATCH (s:Seizure) WHERE ${ownCases ? "s.reportingAgency = $reportingAgency" : "s.commodity = $commodity"}
          AND s.seizedAt >= datetime($seizedFrom) AND s.seizedAt < datetime($seizedBefore)
        WITH s ORDER BY s.seizedAt DESC, s.id LIMIT toInteger($first)
        RETURN s { .id, .caseNumber, .seizedAt, .commodity, .reportingAgency,
          offenders: CASE WHEN ${readable("s")} THEN COLLECT {
            MATCH (s)-[o:OFFENDER]->(p:Person|Company)
            RETURN { id: p.id, name: CASE WHEN ${readable("p")} THEN coalesce(p.fullName, p.name) END } ORDER BY o.seq } END
        } AS seizure ORDER BY s.seizedAt DESC, s.id`,
      params: { ...filter, first, agency: f.agency },
    },
    shapeOfData: (data) => shape(list(field(field(data, "seizures"), "nodes"))),
    shapeOfRows: (rows) => shape(rows.map((r) => r.seizure as Row)),
  };
}

/** 3: a person with their cases, orders, payments and shipments (entities → seizures and ecommerce). */
export function personWithRecords(f: Fixtures): Scenario {
  const gatewayQuery = `query Bench3($id: ID!) {
    person(id: $id) {
      id fullName
      seizures(first: 20) { nodes { id caseNumber seizedAt commodity } }
      orders(first: 20) { nodes { id orderNumber orderDate totalValue currency } }
      payments(first: 20) { nodes { id amount currency paidAt } }
      shipments(first: 20) { nodes { id trackingNumber carrier shippedAt } }
    }
  }`;
  const ownPart = `query Bench3Own($id: ID!) { person(id: $id) { id fullName } }`;
  const shape = (p: Row | undefined) =>
    p
      ? ["seizures", "orders", "payments", "shipments"].map((k) => `${list(field(p[k], "nodes") ?? p[k]).length} ${k}`).join(", ")
      : "no person";
  return {
    id: "3",
    title: "a person with their seizures, orders, payments and shipments",
    gateway: { query: gatewayQuery, variables: { id: f.personId } },
    subgraph: { name: "entities", request: { query: ownPart, variables: { id: f.personId } }, part: "entities part only: the person (the lists come from seizures and ecommerce)" },
    cypher: {
      text: `MATCH (p:Person { id: $id })
        RETURN p { .id, .fullName,
          seizures: COLLECT { MATCH (s:Seizure)-[:OFFENDER]->(p) RETURN s { .id, .caseNumber, .seizedAt, .commodity } ORDER BY s.seizedAt DESC, s.id LIMIT 20 },
          orders: COLLECT { MATCH (o:Order)-[:BUYER|SELLER]->(p) WITH DISTINCT o
            RETURN o { .id, .orderNumber, .orderDate, .totalValue, .currency } ORDER BY o.orderDate DESC, o.id LIMIT 20 },
          payments: COLLECT { CALL (p) { MATCH (p)<-[:BUYER]-(:Order)-[:PAID_BY]->(pay:Payment) RETURN pay
                                         UNION MATCH (p)-[:HOLDS_ACCOUNT]->(:BankAccount)<-[:FROM]-(pay:Payment) RETURN pay }
            RETURN pay { .id, .amount, .currency, .paidAt } ORDER BY pay.paidAt DESC, pay.id LIMIT 20 },
          shipments: COLLECT { MATCH (sh:Shipment)-[:CONSIGNOR|CONSIGNEE]->(p) WITH DISTINCT sh
            RETURN sh { .id, .trackingNumber, .carrier, .shippedAt } ORDER BY sh.sortAt DESC, sh.id LIMIT 20 }
        } AS person`,
      params: { id: f.personId },
    },
    shapeOfData: (data) => shape(field(data, "person") as Row | undefined),
    shapeOfRows: (rows) => shape(rows[0]?.person as Row | undefined),
  };
}

/** What link analysis walks (entities' RelationshipType enum and network node labels); the floor walks the same. */
const ANALYSIS_RELATIONSHIPS =
  "OFFENDER|USES|LOCATED_AT|HOLDS|HOLDS_ACCOUNT|ASSOCIATE_OF|DIRECTOR_OF|EMPLOYED_BY|BUYER|SELLER|PAID_BY|FROM|TO|FULFILLED_BY|CONSIGNOR|CONSIGNEE|SEIZED_IN|DECLARED|SAME_AS";
const ANALYSIS_NODE = "(n:Seizure OR n:Person OR n:Company OR n:Phone OR n:Email OR n:Address OR n:BankAccount OR n:IdentityDocument OR n:Order OR n:Payment OR n:Shipment)";

/** 4: link analysis in the entities subgraph: a 2-hop network from a ring's suspect, and a path between two of its cases. */
export function linkAnalysis(f: Fixtures, queryFields: ReadonlySet<string>): Array<Scenario | Unavailable> {
  const missing = ["network", "paths"].filter((name) => !queryFields.has(name));
  const why = missing.length > 0 ? `not yet available: the gateway has no ${missing.join("/")} query` : "not available: no seed manifest with rings";
  if (missing.length > 0 || !f.ring) {
    return [
      { id: "4a", title: "a 2-hop network from a suspect", unavailable: why },
      { id: "4b", title: "paths between two seizures of one ring", unavailable: why },
    ];
  }
  const networkQuery = `query Bench4a($from: [ID!]!) { network(from: $from, hops: 2) { nodes { id kind hop } edges { type source target } truncated } }`;
  const networkShape = (nodes: number, edges: number) => `${nodes} nodes, ${edges} edges`;
  const [a, b] = f.ring.seizureIds;
  const pathsQuery = `query Bench4b($from: ID!, $to: ID!) { paths(from: $from, to: $to, maxHops: 4) { paths { length nodes { id } } truncated } }`;
  const pathShape = (lengths: number[]) => `${lengths.length} path(s) of length ${lengths.join(", ") || "–"}`;
  return [
    {
      id: "4a",
      title: "a 2-hop network from a suspect",
      gateway: { query: networkQuery, variables: { from: [f.ring.personId] } },
      subgraph: { name: "entities", request: { query: networkQuery, variables: { from: [f.ring.personId] } }, part: "whole query" },
      cypher: {
        text: `MATCH (start:Person { id: $id })
          CALL (start) { MATCH (start)-[:${ANALYSIS_RELATIONSHIPS}*1..2]-(n) WHERE ${ANALYSIS_NODE} RETURN collect(DISTINCT n) AS reached }
          WITH CASE WHEN start IN reached THEN reached ELSE reached + start END AS nodes
          CALL (nodes) { UNWIND nodes AS x MATCH (x)-[r:${ANALYSIS_RELATIONSHIPS}]-(y) WHERE y IN nodes
                         RETURN collect(DISTINCT { type: type(r), source: startNode(r).id, target: endNode(r).id }) AS edges }
          RETURN [n IN nodes | n.id] AS nodes, edges`,
        params: { id: f.ring.personId },
      },
      shapeOfData: (data) => {
        const network = field(data, "network");
        return networkShape(list(field(network, "nodes")).length, list(field(network, "edges")).length);
      },
      shapeOfRows: (rows) => networkShape(list(rows[0]?.nodes).length, list(rows[0]?.edges).length),
    },
    {
      id: "4b",
      title: "paths between two seizures of one ring",
      gateway: { query: pathsQuery, variables: { from: a, to: b } },
      subgraph: { name: "entities", request: { query: pathsQuery, variables: { from: a, to: b } }, part: "whole query" },
      cypher: {
        text: `MATCH (a:Seizure { id: $from }), (b:Seizure { id: $to })
          MATCH p = shortestPath((a)-[:${ANALYSIS_RELATIONSHIPS}*..4]-(b))
          RETURN length(p) AS length, [n IN nodes(p) | n.id] AS nodes`,
        params: { from: a, to: b },
      },
      shapeOfData: (data) => pathShape(list(field(field(data, "paths"), "paths")).map((p) => Number(p.length))),
      shapeOfRows: (rows) => pathShape(rows.map((r) => Number(r.length))),
    },
  ];
}
