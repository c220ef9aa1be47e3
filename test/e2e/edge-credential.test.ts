import { once } from "node:events";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { createLogger, GATEWAY_HEADER, loadConfig, TokenService, type RunningServer } from "@cix/core";
import { startGatewayServer } from "@cix/gateway";
import { afterAll, beforeAll, describe, expect, it, inject } from "vitest";
import { authHeaders } from "../support/auth.js";
import { startProductionStack, type ProductionStack } from "../support/production.js";
import { postGraphQL, startTestStack, testConfig, type TestStack } from "../support/stack.js";
import { postToSubgraph } from "../support/subgraph.js";

/**
 * Finding 1 of issue 13: the gateway's credential (`x-cix-gateway`) is good for one call only. A credential the
 * gateway really sent is captured on its way to the seizures subgraph and played again: with another body, another
 * user's token, to another subgraph, after its lifetime, and a second time with everything identical.
 */

/** One request the gateway sent to the seizures subgraph, as the subgraph would have received it. */
interface Captured {
  headers: Record<string, string>;
  body: Buffer;
}

/**
 * Stands between the gateway and the seizures subgraph. In `hold` mode it keeps the request and answers 502 (the
 * credential is never used, so each check below is the only reason for a refusal); in `forward` mode it passes it on.
 */
class Recorder {
  readonly captured: Captured[] = [];
  mode: "hold" | "forward" = "hold";
  private server!: http.Server;
  url!: string;

  constructor(private readonly upstream: string) {}

  async start(): Promise<void> {
    this.server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on("data", (chunk: Buffer) => chunks.push(chunk));
      req.on("end", () => {
        const headers = Object.fromEntries(Object.entries(req.headers).filter((e): e is [string, string] => typeof e[1] === "string"));
        const body = Buffer.concat(chunks);
        this.captured.push({ headers, body });
        if (this.mode === "hold") {
          res.writeHead(502).end();
          return;
        }
        void send(this.upstream, headers, body).then((answer) => res.writeHead(answer.status, { "content-type": "application/json" }).end(answer.text));
      });
    });
    this.server.listen(0, "127.0.0.1");
    await once(this.server, "listening");
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/graphql`;
  }

  stop(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

/** POSTs exactly these headers and body bytes (hop-by-hop headers left to fetch). */
async function send(url: string, headers: Record<string, string>, body: Buffer): Promise<{ status: number; text: string; json: Record<string, unknown> }> {
  const { host: _host, connection: _connection, "content-length": _length, ...rest } = headers;
  const res = await fetch(url, { method: "POST", headers: rest, body });
  const text = await res.text();
  let json: Record<string, unknown> = {};
  try {
    json = JSON.parse(text) as Record<string, unknown>;
  } catch {
    // asserted below
  }
  return { status: res.status, text, json };
}

/** A 401 and nothing else: one UNAUTHENTICATED error, no data. */
function expectRefused(answer: { status: number; json: Record<string, unknown> }): void {
  expect(answer.status).toBe(401);
  expect(Object.keys(answer.json)).toEqual(["errors"]);
  const errors = answer.json.errors as Array<{ message: string; extensions: Record<string, unknown> }>;
  expect(errors).toHaveLength(1);
  expect(errors[0]!.extensions).toEqual({ code: "UNAUTHENTICATED" });
  expect(errors[0]!.message).toMatch(/only the gateway/);
}

describe("the gateway credential is bound to one call", () => {
  let stack: TestStack;
  let recorder: Recorder;
  let gateway: RunningServer;
  let gatewayUrl: string;
  let alice: Record<string, string>;
  let bob: Record<string, string>;
  const QUERY = `query One($id: ID!) { seizure(id: $id) { id caseNumber } }`;

  /** Sends a query through the recording gateway and returns what the seizures subgraph was sent. */
  async function capture(variables: Record<string, unknown>, headers: Record<string, string>): Promise<Captured> {
    const before = recorder.captured.length;
    await postGraphQL(gatewayUrl, QUERY, variables, headers);
    expect(recorder.captured.length).toBe(before + 1);
    return recorder.captured.at(-1)!;
  }

  beforeAll(async () => {
    stack = await startTestStack();
    recorder = new Recorder(stack.subgraphs.seizures.url);
    await recorder.start();
    const config = loadConfig({
      ...process.env,
      NEO4J_URI: inject("neo4jUri"),
      LOG_LEVEL: "silent",
      SEIZURES_URL: recorder.url,
      ENTITIES_URL: stack.subgraphs.entities.url,
      ECOMMERCE_URL: stack.subgraphs.ecommerce.url,
    });
    gateway = await startGatewayServer(config, createLogger("test", "silent"), 0);
    gatewayUrl = `http://127.0.0.1:${gateway.port}/graphql`;
    alice = await authHeaders({ role: "investigator", agency: "NL-CUSTOMS", sub: "alice" });
    bob = await authHeaders({ role: "investigator", agency: "NL-CUSTOMS", sub: "bob" });
  });

  afterAll(async () => {
    await gateway?.stop();
    await recorder?.stop();
    await stack?.stop();
  });

  it("carries the claims of this call: the subgraph as audience, the request id, the token's and the body's hashes, a jti, 30 s", async () => {
    const call = await capture({ id: "claims" }, alice);
    const credential = call.headers[GATEWAY_HEADER]!;
    const claims = JSON.parse(Buffer.from(credential.split(".")[1]!, "base64url").toString()) as Record<string, unknown>;
    const { createHash } = await import("node:crypto");
    const sha = (value: string | Buffer) => createHash("sha256").update(value).digest("base64url");
    expect(claims).toMatchObject({
      iss: "cix-gateway",
      aud: "seizures",
      rid: call.headers["x-request-id"],
      th: sha(alice.authorization!.slice("Bearer ".length)),
      rh: sha(call.body),
    });
    expect(claims.jti).toEqual(expect.any(String));
    expect((claims.exp as number) - (claims.iat as number)).toBe(30);
  });

  it("is refused with another body, another user's token or at another subgraph; the call it was made for passes once, then never again", async () => {
    recorder.mode = "hold";
    const call = await capture({ id: "first" }, alice);
    const other = await capture({ id: "second" }, alice); // another request: its body differs in the id only
    const seizures = stack.subgraphs.seizures.url;

    // Another body: the other request's, with this request's credential.
    expectRefused(await send(seizures, call.headers, other.body));
    // The same body with the document changed (as an attacker would, to read something else).
    expectRefused(await send(seizures, call.headers, Buffer.from(JSON.stringify({ query: "{ seizures(first: 500) { nodes { id } } }" }))));
    // Another user's token.
    expectRefused(await send(seizures, { ...call.headers, authorization: bob.authorization! }, call.body));
    // Another subgraph, with everything else as sent.
    expectRefused(await send(stack.subgraphs.entities.url, call.headers, call.body));
    expectRefused(await send(stack.subgraphs.ecommerce.url, call.headers, call.body));

    // None of those refusals spent it: exactly as captured it is accepted, once.
    const first = await send(seizures, call.headers, call.body);
    expect(first.status).toBe(200);
    expect(first.json).toEqual({ data: { seizure: null } });
    // The same call a second time, byte for byte: the jti was seen.
    expectRefused(await send(seizures, call.headers, call.body));
  });

  it("is refused a second time when the gateway itself used it (forwarded)", async () => {
    recorder.mode = "forward";
    const before = recorder.captured.length;
    const res = await postGraphQL(gatewayUrl, QUERY, { id: "forwarded" }, alice);
    expect(res.status).toBe(200);
    expect(res.data).toEqual({ seizure: null });
    const call = recorder.captured[before]!;
    expectRefused(await send(stack.subgraphs.seizures.url, call.headers, call.body));
  });

  it("is refused after its lifetime", async () => {
    const tokens = new TokenService(testConfig());
    const body = Buffer.from(JSON.stringify({ query: QUERY, variables: { id: "late" } }));
    const token = alice.authorization!.slice("Bearer ".length);
    const headers = (credential: string, requestId: string) => ({ "content-type": "application/json", ...alice, "x-request-id": requestId, [GATEWAY_HEADER]: credential });
    const shortLived = tokens.signGatewayCall({ requestId: "late-1", token, audience: "seizures", request: body }, 1);
    // The same call with the normal lifetime passes: the short one differs only in its expiry.
    const fresh = await send(stack.subgraphs.seizures.url, headers(tokens.signGatewayCall({ requestId: "late-2", token, audience: "seizures", request: body }), "late-2"), body);
    expect(fresh.status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 2_100));
    expectRefused(await send(stack.subgraphs.seizures.url, headers(shortLived, "late-1"), body));
  });
});

describe("production subgraphs refuse introspection and _service", () => {
  let production: ProductionStack;
  let development: TestStack;

  beforeAll(async () => {
    [production, development] = await Promise.all([startProductionStack(), startTestStack()]);
  });

  afterAll(async () => {
    await production?.stop();
    await development?.stop();
  });

  it.each([
    ["__schema", "{ __schema { types { name } } }", /Introspection .*disabled|introspection/i],
    ["__type", '{ __type(name: "Seizure") { name fields { name } } }', /Introspection .*disabled|introspection/i],
    ["_service", "{ _service { sdl } }", /_service field is disabled in production/],
  ])("a production subgraph called with a valid credential refuses %s (400), a development one answers it", async (_what, query, message) => {
    const headers = await production.headers({ role: "supervisor", agency: "NL-CUSTOMS" });
    for (const name of ["seizures", "entities", "ecommerce"] as const) {
      const refused = await postToSubgraph(name, production.subgraphs[name].url, query, undefined, headers);
      expect(refused.status, name).toBe(400);
      expect(refused.data ?? null).toBeNull();
      expect(refused.errors?.[0]?.extensions?.code).toBe("GRAPHQL_VALIDATION_FAILED");
      expect(refused.errors?.[0]?.message).toMatch(message);
    }
    const dev = await postToSubgraph("seizures", development.subgraphs.seizures.url, query, undefined, await authHeaders({ role: "supervisor", agency: "NL-CUSTOMS" }));
    expect(dev.status).toBe(200);
    expect(dev.errors).toBeUndefined();
  });

  it("a production subgraph still answers the gateway's own calls (_entities included)", async () => {
    const headers = await production.headers({ role: "supervisor", agency: "NL-CUSTOMS" });
    const direct = await postToSubgraph(
      "seizures",
      production.subgraphs.seizures.url,
      '{ _entities(representations: [{ __typename: "Seizure", id: "none" }]) { __typename } }',
      undefined,
      headers,
    );
    expect(direct.status).toBe(200);
    expect(direct.errors).toBeUndefined();
    const viaGateway = await production.query("{ seizure(id: \"none\") { id } }", undefined, headers);
    expect(viaGateway.status).toBe(200);
    expect(viaGateway.errors).toBeUndefined();
  });
});
