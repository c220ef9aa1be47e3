import http from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { authHeaders } from "../support/auth.js";
import { expectNoInternals } from "../support/edge.js";
import { startTestStack, type TestStack } from "../support/stack.js";

/**
 * Finding 4 of issue 13: an unknown path or method answers JSON in the edge's GraphQL error shape (404 NOT_FOUND,
 * 405 METHOD_NOT_ALLOWED for a known path), never Express's HTML "Cannot GET" page or a stack trace; at the gateway
 * and at each subgraph.
 */

interface RawReply {
  status: number;
  headers: http.IncomingHttpHeaders;
  text: string;
}

/** A request with exactly this request target (odd characters are sent as they are). */
function raw(url: string, method: string, target: string, headers: Record<string, string> = {}, body?: string): Promise<RawReply> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const req = http.request({ host: hostname, port, method, path: target, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (chunk: Buffer) => chunks.push(chunk));
      res.on("end", () => resolve({ status: res.statusCode!, headers: res.headers, text: Buffer.concat(chunks).toString() }));
    });
    req.on("error", reject);
    req.end(body);
  });
}

function expectJsonError(reply: RawReply, status: number, code: string): void {
  expect(reply.status, reply.text).toBe(status);
  expect(reply.headers["content-type"]).toMatch(/^application\/(graphql-response\+)?json/);
  expect(reply.text).not.toMatch(/<html|<!DOCTYPE|<pre>|Cannot (GET|POST|PUT|DELETE)/i);
  expectNoInternals(reply.text);
  const body = JSON.parse(reply.text) as { data?: unknown; errors: Array<{ message: string; extensions: Record<string, unknown> }> };
  expect(Object.keys(body)).toEqual(["errors"]);
  expect(body.errors).toHaveLength(1);
  expect(body.errors[0]!.message).toEqual(expect.any(String));
  expect(body.errors[0]!.extensions.code).toBe(code);
}

describe("unknown paths and methods answer JSON", () => {
  let stack: TestStack;
  let headers: Record<string, string>;

  beforeAll(async () => {
    stack = await startTestStack();
    headers = await authHeaders({ role: "investigator", agency: "NL-CUSTOMS" });
  });

  afterAll(async () => {
    await stack?.stop();
  });

  const notFound: Array<[string, string, string]> = [
    ["GET /nope", "GET", "/nope"],
    ["POST /nope", "POST", "/nope"],
    ["GET /import/whatever", "GET", "/import/whatever"],
    ["GET /import/jobs", "GET", "/import/jobs"],
    ["DELETE /", "DELETE", "/"],
    ["a path with odd characters", "GET", "/%E0%A4%A/..%2F..%2Fetc%2Fpasswd/<script>alert(1)</script>;%00?x=%ZZ"],
    ["an absolute-form target", "GET", "http://127.0.0.1:1/nope"],
  ];

  it.each(notFound)("the gateway answers %s with 404 NOT_FOUND, with or without a token", async (_what, method, target) => {
    expectJsonError(await raw(stack.gatewayUrl, method, target), 404, "NOT_FOUND");
    expectJsonError(await raw(stack.gatewayUrl, method, target, headers), 404, "NOT_FOUND");
  });

  it.each<[string, string, string, string]>([
    ["POST /healthz", "POST", "/healthz", "GET"],
    ["DELETE /readyz", "DELETE", "/readyz", "GET"],
    ["PUT /graphql", "PUT", "/graphql", "POST, GET"],
    ["DELETE /graphql", "DELETE", "/graphql", "POST, GET"],
    ["GET /import/seizures", "GET", "/import/seizures", "POST"],
    ["POST /import/jobs/<id>/report.csv", "POST", "/import/jobs/6f1c2a56-3b0e-4a43-9d6c-1d2f0c9b8e7a/report.csv", "GET"],
  ])("the gateway answers %s (a known path, another method) with 405 and Allow", async (_what, method, target, allow) => {
    const reply = await raw(stack.gatewayUrl, method, target, headers);
    expectJsonError(reply, 405, "METHOD_NOT_ALLOWED");
    expect(reply.headers.allow).toBe(allow);
  });

  it("answers a request line HTTP cannot parse (raw non-ASCII bytes in the path) with 400 BAD_REQUEST in JSON, gateway and subgraphs", async () => {
    for (const url of [stack.gatewayUrl, ...Object.values(stack.subgraphs).map((s) => s.url)]) {
      expectJsonError(await raw(url, "GET", "/caf\u00e9/\u00ff"), 400, "BAD_REQUEST");
    }
  });

  it("answers in the media type the client prefers, as the edge's other errors do", async () => {
    const reply = await raw(stack.gatewayUrl, "GET", "/nope", { accept: "application/graphql-response+json" });
    expectJsonError(reply, 404, "NOT_FOUND");
    expect(reply.headers["content-type"]).toMatch(/^application\/graphql-response\+json/);
  });

  it("each subgraph answers an unknown path with 404 and a known one with another method with 405, in JSON", async () => {
    for (const server of Object.values(stack.subgraphs)) {
      for (const [, method, target] of notFound) expectJsonError(await raw(server.url, method, target), 404, "NOT_FOUND");
      expectJsonError(await raw(server.url, "POST", "/healthz"), 405, "METHOD_NOT_ALLOWED");
      expectJsonError(await raw(server.url, "PUT", "/graphql"), 405, "METHOD_NOT_ALLOWED");
    }
  });
});
