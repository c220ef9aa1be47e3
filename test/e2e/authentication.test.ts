import { SignJWT, generateKeyPair } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { authHeaders } from "../support/auth.js";
import { postGraphQL, startTestStack, testConfig, type TestStack } from "../support/stack.js";

const QUERY = `{ seizure(id: "none") { id } }`;

describe("authentication at the gateway and in every subgraph", () => {
  let stack: TestStack;
  const config = testConfig();
  const secret = new TextEncoder().encode(config.CIX_JWT_SECRET!);
  const claims = { agency: "NL-CUSTOMS", country: "NL", roles: ["investigator"], operations: [] };

  const sign = (
    payload: Record<string, unknown> = claims,
    opts: { iss?: string; aud?: string; exp?: string | number; key?: Uint8Array } = {},
  ) =>
    new SignJWT(payload)
      .setProtectedHeader({ alg: "HS256" })
      .setSubject("mallory")
      .setIssuer(opts.iss ?? config.CIX_JWT_ISSUER)
      .setAudience(opts.aud ?? config.CIX_JWT_AUDIENCE)
      .setExpirationTime(opts.exp ?? "5m")
      .sign(opts.key ?? secret);

  const withToken = (token: string) => ({ authorization: `Bearer ${token}` });

  beforeAll(async () => {
    stack = await startTestStack();
  });
  afterAll(async () => {
    await stack.stop();
  });

  it("accepts a valid token", async () => {
    const res = await stack.query(QUERY, undefined, await authHeaders({ role: "analyst", agency: "NL-CUSTOMS" }));
    expect(res.status).toBe(200);
    expect(res.errors).toBeUndefined();
  });

  const rejected: Array<[string, () => Promise<Record<string, string>>]> = [
    ["no token", async () => ({})],
    ["a malformed header", async () => ({ authorization: "Basic abc" })],
    ["alg none", async () => {
      const header = Buffer.from(JSON.stringify({ alg: "none", typ: "JWT" })).toString("base64url");
      const body = Buffer.from(JSON.stringify({ ...claims, sub: "x", iss: config.CIX_JWT_ISSUER, aud: config.CIX_JWT_AUDIENCE, exp: Math.floor(Date.now() / 1000) + 300 })).toString("base64url");
      return withToken(`${header}.${body}.`);
    }],
    ["a wrong key", async () => withToken(await sign(claims, { key: new TextEncoder().encode("another-secret-another-secret-another-secret") }))],
    ["a wrong issuer", async () => withToken(await sign(claims, { iss: "evil" }))],
    ["a wrong audience", async () => withToken(await sign(claims, { aud: "other-app" }))],
    ["an expired token", async () => withToken(await sign(claims, { exp: Math.floor(Date.now() / 1000) - 60 }))],
    ["missing claims", async () => withToken(await sign({ roles: ["investigator"] }))],
    ["an unknown role", async () => withToken(await sign({ ...claims, roles: ["god"] }))],
    ["an RS256 token when only HS256 is configured", async () => {
      const { privateKey } = await generateKeyPair("RS256");
      const token = await new SignJWT(claims).setProtectedHeader({ alg: "RS256" }).setSubject("x").setIssuer(config.CIX_JWT_ISSUER).setAudience(config.CIX_JWT_AUDIENCE).setExpirationTime("5m").sign(privateKey);
      return withToken(token);
    }],
  ];

  it.each(rejected)("answers 401 and no data for %s", async (_name, headers) => {
    const res = await stack.query(QUERY, undefined, await headers());
    expect(res.status).toBe(401);
    expect(res.data ?? null).toBeNull();
    expect(res.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
  });

  it("refuses a token in the query string", async () => {
    const { authorization } = await authHeaders({ role: "analyst", agency: "NL-CUSTOMS" });
    const res = await postGraphQL(`${stack.gatewayUrl}?access_token=${authorization!.slice(7)}`, QUERY, undefined, { authorization: authorization! });
    expect(res.status).toBe(401);
  });

  it("subgraphs called directly answer nothing without the gateway's credential, even with a valid user token", async () => {
    const headers = await authHeaders({ role: "supervisor", agency: "NL-CUSTOMS" });
    for (const server of Object.values(stack.subgraphs)) {
      for (const query of [QUERY, `{ _service { sdl } }`, `{ _entities(representations: [{ __typename: "Seizure", id: "x" }]) { __typename } }`]) {
        const res = await postGraphQL(server.url, query, undefined, headers);
        expect(res.status).toBe(401);
        expect(res.data ?? null).toBeNull();
      }
    }
  });
});
