import { expect } from "vitest";

/** A raw HTTP answer of the gateway, for requests stack.query cannot send (bad JSON, other methods, headers). */
export interface Reply {
  status: number;
  headers: Headers;
  text: string;
  body: { data?: unknown; errors?: Array<{ message: string; extensions?: Record<string, unknown> }> };
}

export async function send(url: string, init: RequestInit = {}): Promise<Reply> {
  const res = await fetch(url, init);
  const text = await res.text();
  let body: Reply["body"] = {};
  try {
    body = JSON.parse(text) as Reply["body"];
  } catch {
    // not JSON: the assertions on `body` will say so
  }
  return { status: res.status, headers: res.headers, text, body };
}

/** POSTs a body (an object is sent as JSON, a string as is) with the given headers. */
export function post(url: string, body: unknown, headers: Record<string, string>): Promise<Reply> {
  return send(url, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
}

/** Nothing an attacker could learn the hub's insides from: stack traces, hosts, sockets, Cypher, suggestions. */
const INTERNALS = /stacktrace|127\.0\.0\.1|localhost|ECONNREFUSED|serviceName|MATCH \(|bolt:|neo4j|Did you mean|Apollo Server|at [\w.<>]+ \(|\.ts:\d+/i;

export function expectNoInternals(text: string): void {
  expect(text).not.toMatch(INTERNALS);
}

export async function healthz(gatewayUrl: string): Promise<number> {
  return (await fetch(gatewayUrl.replace(/\/graphql$/, "/healthz"))).status;
}

/**
 * A refusal by the rate limits: 429 with a Retry-After within the window, no data, and the GraphQL-shaped error
 * `RATE_LIMITED` with the same `retryAfterSeconds` and a message naming the limit (`per`) and when to retry.
 */
export function expectRateLimited(reply: Reply, per: RegExp, windowSeconds = 60): void {
  expect(reply.status).toBe(429);
  const retryAfter = Number(reply.headers.get("retry-after"));
  expect(retryAfter).toBeGreaterThan(0);
  expect(retryAfter).toBeLessThanOrEqual(windowSeconds);
  expect(reply.body.data ?? null).toBeNull();
  expect(reply.body.errors?.[0]?.extensions).toMatchObject({ code: "RATE_LIMITED", retryAfterSeconds: retryAfter });
  expect(reply.body.errors?.[0]?.message).toMatch(per);
  expect(reply.body.errors?.[0]?.message).toMatch(/Retry in \d+ s/);
  expectNoInternals(reply.text);
}
