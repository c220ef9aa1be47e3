import { buildSchema, parse, validate } from "graphql";
import { describe, expect, it } from "vitest";
import { costLimitRule, type CostOptions } from "./cost.js";

const schema = buildSchema(`
  type Query {
    item(id: ID!): Item
    items(first: Int = 20, after: String): ItemConnection!
    network(id: ID!, maxHops: Int = 2, first: Int = 10): ItemConnection!
    clusters(scope: Scope!): [Item!]!
    graph(from: [ID!]!, hops: Int! = 2, limit: Int! = 200): Graph!
    matches(id: ID!, limit: Int! = 10): [Item!]!
    ranking(scope: Scope!, top: Int! = 20): Ranking!
  }
  input Scope { from: [ID!]! hops: Int! = 2 limit: Int! = 200 }
  type Graph { nodes: [Item!]! edges: [ItemEdge!]! truncated: Boolean! }
  type Ranking { scores: [Item!]! }
  type ItemConnection { nodes: [Item!]! edges: [ItemEdge!]! pageInfo: PageInfo! }
  type ItemEdge { cursor: String! node: Item! }
  type PageInfo { hasNextPage: Boolean! }
  type Item { id: ID! name: String tags: [String!]! children: [Item!]! related(first: Int = 20): ItemConnection! }
`);

const options: CostOptions = { maxCost: 0, maxPageSize: 500, maxListSize: 2000, defaultListSize: 10, hopFactor: 10 };

/** The cost the rule computes (with maxCost 0 every operation reports it), or the page-size error. */
function cost(query: string, variables?: Record<string, unknown>, operationName?: string, opts: Partial<CostOptions> = {}) {
  const errors = validate(schema, parse(query), [costLimitRule({ ...options, ...opts }, { variables, operationName })]);
  const pageSize = errors.find((e) => e.extensions.code === "BAD_USER_INPUT");
  if (pageSize) return { error: pageSize.message, field: pageSize.extensions.field };
  return errors.length ? (errors[0]!.extensions.found as number) : 0;
}

describe("the cost rule", () => {
  it.each<[string, string, number]>([
    ["scalars cost nothing, an object costs 1", `{ item(id: "1") { id name tags } }`, 1],
    ["a connection's first multiplies its nodes", "{ items(first: 5) { nodes { id } } }", 1 + 5],
    ["and its edges, not its pageInfo", "{ items(first: 5) { edges { node { id } } pageInfo { hasNextPage } } }", 1 + 5 * (1 + 1) + 1],
    ["an omitted first counts with its default", "{ items { nodes { id } } }", 1 + 20],
    ["a list without a page size counts as the default list size", `{ item(id: "1") { children { id } } }`, 1 + 10],
    ["nested pages multiply", "{ items(first: 10) { nodes { related(first: 10) { nodes { id } } } } }", 1 + 10 * (1 + 1 + 10)],
    ["a traversal adds hopFactor^hops once", `{ network(id: "1", maxHops: 3, first: 5) { nodes { id } } }`, 1000 + 1 + 5],
    ["hops inside an input-object argument multiply too", `{ clusters(scope: { from: ["1"], hops: 4 }) { id } }`, 10_000 + 200],
    ["and count with the input field's default", `{ clusters(scope: { from: ["1"] }) { id } }`, 100 + 200],
    ["a limit sizes the lists of the object it returns", `{ graph(from: ["1"], hops: 1, limit: 50) { nodes { id } edges { node { id } } truncated } }`, 10 + 1 + 50 + 50 * 2],
    ["an omitted limit counts with its default", `{ graph(from: ["1"], hops: 1) { nodes { id } } }`, 10 + 1 + 200],
    ["a limit on a list field is its length", `{ matches(id: "1", limit: 50) { children { id } } }`, 50 * (1 + 10)],
    ["top sizes the lists under it, before the scope's limit", `{ ranking(scope: { from: ["1"], hops: 1, limit: 2000 }, top: 5) { scores { id } } }`, 10 + 1 + 5],
    ["a limit inside an input-object argument sizes the lists too", `{ clusters(scope: { from: ["1"], hops: 1, limit: 40 }) { id } }`, 10 + 40],
    ["a limit above the largest list size counts as that size", `{ graph(from: ["1"], hops: 1, limit: 100000) { nodes { id } } }`, 10 + 1 + 2000],
    ["a fragment counts where it is spread", "{ items(first: 4) { nodes { ...F } } } fragment F on Item { children { id } }", 1 + 4 * (1 + 10)],
    ["inline fragments count", `{ item(id: "1") { ... on Item { children { id } } } }`, 1 + 10],
    ["__typename costs nothing", "{ __typename items(first: 2) { __typename nodes { __typename } } }", 1 + 2],
  ])("%s", (_what, query, expected) => {
    expect(cost(query)).toBe(expected);
  });

  it("reads page sizes from variables, their defaults, or the argument's default", () => {
    const query = "query($n: Int) { items(first: $n) { nodes { id } } }";
    expect(cost(query, { n: 3 })).toBe(4);
    expect(cost("query($n: Int = 7) { items(first: $n) { nodes { id } } }")).toBe(8);
    expect(cost(query)).toBe(21);
    expect(cost(query, { n: "not a number" })).toBe(21); // coercion refuses it later
  });

  it("reads hops inside an input object from a variable, whole or in part", () => {
    expect(cost("query($s: Scope!) { clusters(scope: $s) { id } }", { s: { from: ["1"], hops: 3 } })).toBe(1000 + 200);
    expect(cost("query($h: Int!) { clusters(scope: { from: [\"1\"], hops: $h }) { id } }", { h: 5 })).toBe(100_000 + 200);
  });

  it("reads limit and top from variables, and a limit inside an input object from a variable", () => {
    expect(cost("query($n: Int!) { graph(from: [\"1\"], hops: 1, limit: $n) { nodes { id } } }", { n: 700 })).toBe(10 + 1 + 700);
    expect(cost("query($t: Int!) { ranking(scope: { from: [\"1\"], hops: 1 }, top: $t) { scores { id } } }", { t: 3 })).toBe(10 + 1 + 3);
    expect(cost("query($s: Scope!) { clusters(scope: $s) { id } }", { s: { from: ["1"], hops: 1, limit: 30 } })).toBe(10 + 30);
  });

  it("costs the issue's example by its limit: 2000 nodes, each with 500 orders, is far over the limit", () => {
    const query = `{ graph(from: ["1"], hops: 1, limit: 2000) { nodes { related(first: 500) { nodes { id } } } } }`;
    expect(cost(query)).toBe(10 + 1 + 2000 * (1 + 1 + 500));
    expect(validate(schema, parse(query), [costLimitRule({ ...options, maxCost: 50_000 })])[0]!.extensions).toMatchObject({
      code: "GRAPHQL_VALIDATION_FAILED",
      limit: 50_000,
      found: 10 + 1 + 2000 * 502,
    });
  });

  it("measures only the operation that runs", () => {
    const doc = "query Cheap { item(id: \"1\") { id } } query Dear { items(first: 100) { nodes { id } } }";
    expect(cost(doc, undefined, "Cheap")).toBe(1);
    expect(cost(doc, undefined, "Dear")).toBe(101);
  });

  it("refuses a page size above the hard maximum, as a literal or a variable, even Infinity", () => {
    expect(cost("{ items(first: 501) { nodes { id } } }")).toEqual({ error: "Page size first: 501 on Query.items is over the maximum of 500.", field: "first" });
    expect(cost("query($n: Int) { items(first: $n) { nodes { id } } }", { n: Infinity })).toMatchObject({ field: "first" });
    expect(cost("{ items(first: 500) { nodes { id } } }")).toBe(501);
  });

  it("says the limit and how far over", () => {
    const [error] = validate(schema, parse("{ items(first: 100) { nodes { id } } }"), [costLimitRule({ ...options, maxCost: 50 })]);
    expect(error!.message).toMatch(/^Query cost limit of 50 exceeded, found 101 \(51 over\)\./);
    expect(error!.extensions).toMatchObject({ code: "GRAPHQL_VALIDATION_FAILED", limit: 50, found: 101 });
    expect(validate(schema, parse("{ items(first: 49) { nodes { id } } }"), [costLimitRule({ ...options, maxCost: 50 })])).toEqual([]);
  });

  it("measures a fragment bomb (each fragment spreads the next twice) without exponential work", () => {
    const levels = 40;
    const fragments = Array.from({ length: levels }, (_, i) =>
      i === levels - 1 ? `fragment F${i} on Item { children { id } }` : `fragment F${i} on Item { ...F${i + 1} ... on Item { ...F${i + 1} } }`,
    ).join("\n");
    const started = Date.now();
    const found = cost(`{ item(id: "1") { ...F0 } } ${fragments}`);
    expect(Date.now() - started).toBeLessThan(1000);
    expect(found).toBeGreaterThan(2 ** 39);
  });
});
