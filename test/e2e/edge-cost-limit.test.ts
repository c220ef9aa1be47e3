import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { authHeaders } from "../support/auth.js";
import { startTestStack, type TestStack } from "../support/stack.js";

/**
 * Finding 3 of issue 13: a `limit` sizes the lists under the field that has it, as `first` does for connections.
 * 2000 network nodes, each with a page of 500 orders, was costed as 10 nodes and accepted.
 */
describe("the cost limit counts limit and top", () => {
  let stack: TestStack;
  let analyst: Record<string, string>;

  beforeAll(async () => {
    stack = await startTestStack();
    analyst = await authHeaders({ role: "investigator", agency: "NL-CUSTOMS", purpose: "CASE-2024-COST" });
  });

  afterAll(async () => {
    await stack?.stop();
  });

  it("refuses network(hops: 1, limit: 2000) with 500 orders per node: 400 GRAPHQL_VALIDATION_FAILED with limit and found", async () => {
    const res = await stack.query(
      `{ network(from: ["x"], hops: 1, limit: 2000) { nodes { record { ... on Person { orders(first: 500) { nodes { id } } } } } } }`,
      undefined,
      analyst,
    );
    expect(res.status).toBe(400);
    expect(res.data ?? null).toBeNull();
    expect(res.errors).toHaveLength(1);
    const extensions = res.errors![0]!.extensions!;
    expect(extensions.code).toBe("GRAPHQL_VALIDATION_FAILED");
    expect(extensions.limit).toBe(50_000);
    // 10^1 for the hop, 1 for network, 2000 × (node 1 + record 1 + orders 1 + 500 orders).
    expect(extensions.found).toBe(10 + 1 + 2000 * (1 + 1 + 1 + 500));
    expect(res.errors![0]!.message).toMatch(/cost limit of 50000 exceeded, found 1006011/);
  });

  it("refuses the same through a variable limit, and possibleMatches and centrality sized by limit and top", async () => {
    const byVariable = await stack.query(
      `query($n: Int!) { network(from: ["x"], hops: 1, limit: $n) { nodes { record { ... on Person { orders(first: 500) { nodes { id } } } } } } }`,
      { n: 2000 },
      analyst,
    );
    expect(byVariable.status).toBe(400);
    expect(byVariable.errors![0]!.extensions).toMatchObject({ code: "GRAPHQL_VALIDATION_FAILED", limit: 50_000 });
    const matches = await stack.query(
      `{ possibleMatches(partyId: "x", limit: 50) { candidate { orders(first: 500) { nodes { items { description } } } } } }`,
      undefined,
      analyst,
    );
    expect(matches.errors![0]!.extensions).toMatchObject({ code: "GRAPHQL_VALIDATION_FAILED", found: 50 * (1 + 1 + 1 + 500 * (1 + 10)) });
    const central = await stack.query(
      `{ centrality(scope: { from: ["x"], hops: 1 }, measure: DEGREE, top: 100) { scores { node { record { ... on Person { orders(first: 500) { nodes { id } } } } } } } }`,
      undefined,
      analyst,
    );
    expect(central.errors![0]!.extensions).toMatchObject({ code: "GRAPHQL_VALIDATION_FAILED", found: 10 + 1 + 100 * (1 + 1 + 1 + 1 + 500) });
  });

  it("still accepts a large network that asks for little per node", async () => {
    const res = await stack.query(`{ network(from: ["x"], hops: 1, limit: 2000) { nodes { id kind } edges { type } truncated } }`, undefined, analyst);
    // Past the cost rule: the entities subgraph answers (the start record does not exist).
    expect(res.errors?.[0]?.extensions?.code).not.toBe("GRAPHQL_VALIDATION_FAILED");
    expect(res.errors?.[0]?.extensions?.field).toBe("from[0]");
  });
});
