import { once } from "node:events";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { authHeaders } from "../support/auth.js";
import { expectNoInternals, healthz, post } from "../support/edge.js";
import { startProductionStack, type ProductionStack } from "../support/production.js";
import { startTestStack, type TestStack } from "../support/stack.js";

describe("errors at the edge when a subgraph fails (production)", () => {
  let stack: ProductionStack;
  let broken: http.Server;
  let as: Record<string, string>;

  beforeAll(async () => {
    // A "subgraph" that fails the way a misconfigured one does, telling everything about itself.
    broken = http.createServer((_req, res) => {
      res.writeHead(401, { "content-type": "application/json" });
      res.end(JSON.stringify({ errors: [{ message: "entities at http://10.1.2.3:4002 down: Neo4jError MATCH (p:Person) ...", extensions: { code: "UNAUTHENTICATED" } }] }));
    });
    broken.listen(0, "127.0.0.1");
    await once(broken, "listening");
    const brokenUrl = `http://127.0.0.1:${(broken.address() as AddressInfo).port}/graphql`;
    stack = await startProductionStack({ ENTITIES_URL: brokenUrl });
    as = await stack.headers({ role: "investigator", agency: "NL-CUSTOMS", purpose: "CASE-EDGE-ERR-1" });
  });
  afterAll(async () => {
    await stack.stop();
    broken.close();
  });

  /** Only the message and code meant for clients (plus the request's id, to quote when reporting it). */
  const expectGeneric = (
    text: string,
    errors: Array<{ message: string; extensions?: Record<string, unknown> }> | undefined,
    expected: { message: string | RegExp; code: string } = { message: "Internal server error", code: "INTERNAL_SERVER_ERROR" },
  ) => {
    expect(errors?.length).toBeGreaterThan(0);
    for (const error of errors!) {
      expect(error).toMatchObject({ message: expected.message, extensions: { code: expected.code, requestId: expect.any(String) } });
      expect(Object.keys(error.extensions!).sort()).toEqual(["code", "requestId"]);
    }
    expectNoInternals(text);
    // The path is the client's own field names (`seizures`), not the subgraph's.
    expect(text.replace(/"path":\[[^\]]*\]/g, "")).not.toMatch(/10\.1\.2\.3|4002|entities|seizures"|Person\)|401|Unauthorized/);
  };

  it("answers a generic error, not the subgraph's status, URL or body, when a subgraph answers with an HTTP error", async () => {
    const reply = await post(stack.gatewayUrl, { query: "{ persons(first: 1) { nodes { id } } }" }, as);
    expect(reply.body.data ?? null).toBeNull();
    expectGeneric(reply.text, reply.body.errors);
    expect(await healthz(stack.gatewayUrl)).toBe(200);
  });

  it("answers a retryable SERVICE_UNAVAILABLE, not ECONNREFUSED and the subgraph's address, when a subgraph is down", async () => {
    await stack.subgraphs.seizures.stop();
    const reply = await post(stack.gatewayUrl, { query: "{ seizures(first: 1) { nodes { id } } }" }, as);
    expect(reply.body.data ?? null).toBeNull();
    expectGeneric(reply.text, reply.body.errors, { message: expect.stringMatching(/did not answer in time.*Retry later/) as unknown as RegExp, code: "SERVICE_UNAVAILABLE" });
    expect(await healthz(stack.gatewayUrl)).toBe(200);
  });
});

describe("the edge in development", () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack();
  });
  afterAll(async () => {
    await stack.stop();
  });

  it("keeps introspection on for tools and tests", async () => {
    const res = await stack.query<{ __schema: { queryType: { name: string } } }>("{ __schema { queryType { name } } }", undefined, await authHeaders({ role: "analyst", agency: "NL-CUSTOMS" }));
    expect(res.status).toBe(200);
    expect(res.data!.__schema.queryType.name).toBe("Query");
  });

  it("still answers without stack traces, and with the same limits", async () => {
    const as = await authHeaders({ role: "analyst", agency: "NL-CUSTOMS" });
    const invalid = await post(stack.gatewayUrl, { query: "{ seizurez { id } }" }, as);
    expect(invalid.status).toBe(400);
    expect(invalid.text).not.toMatch(/stacktrace|\.ts:\d+/);
    const aliases = await post(stack.gatewayUrl, { query: `{ ${Array.from({ length: 31 }, (_, i) => `t${i}: __typename`).join(" ")} }` }, as);
    expect(aliases.body.errors?.[0]?.message).toMatch(/Aliases limit of 30 exceeded, found 31/);
  });
});
