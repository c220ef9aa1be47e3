import { createHash } from "node:crypto";
import { decodeJwt, decodeProtectedHeader } from "jose";
import { describe, expect, it } from "vitest";
import { loadConfig } from "../config.js";
import { routeRequest, TokenService, type ReceivedCall } from "./tokens.js";

const claims = { sub: "alice", agency: "NL-CUSTOMS", country: "NL", roles: ["investigator" as const], operations: [] };

describe("verified-token cache", () => {
  it("answers a token it verified again from the cache, frozen, and refuses it once it has expired", async () => {
    const tokens = new TokenService(loadConfig());
    const token = await tokens.mintDevToken(claims, "2s");
    const first = await tokens.verifyUserToken(token);
    const again = await tokens.verifyUserToken(token);
    expect(again).toBe(first);
    expect(Object.isFrozen(first) && Object.isFrozen(first.roles)).toBe(true);
    // JWT expiry has second resolution: 2 s from issue is past after 3 s at the latest.
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    await expect(tokens.verifyUserToken(token)).rejects.toMatchObject({ extensions: { code: "UNAUTHENTICATED" } });
  });

  it("never caches a refusal: a token signed with another key stays refused", async () => {
    const other = new TokenService(loadConfig({ ...process.env, CIX_JWT_SECRET: "z".repeat(48) }));
    const forged = await other.mintDevToken(claims);
    const tokens = new TokenService(loadConfig());
    for (let i = 0; i < 2; i++) await expect(tokens.verifyUserToken(forged)).rejects.toMatchObject({ extensions: { code: "UNAUTHENTICATED" } });
  });
});

describe("gateway call credentials", () => {
  const tokens = new TokenService(loadConfig());
  const body = Buffer.from(JSON.stringify({ query: "{ seizure(id: \"x\") { id } }", variables: {} }));
  const call = { requestId: "rid-1", token: "user.token.one", audience: "seizures" as const, request: body };
  const received: ReceivedCall = { audience: "seizures", token: call.token, request: body, requestId: call.requestId };

  it("carries exactly the claims that bind it to one call, for 30 seconds", () => {
    const credential = tokens.signGatewayCall(call);
    const claims = decodeJwt(credential);
    expect(decodeProtectedHeader(credential)).toEqual({ alg: "HS256", typ: "JWT" });
    expect(Object.keys(claims).sort()).toEqual(["aud", "exp", "iat", "iss", "jti", "rh", "rid", "th"]);
    expect(claims).toMatchObject({
      iss: "cix-gateway",
      aud: "seizures",
      rid: "rid-1",
      th: createHash("sha256").update("user.token.one").digest("base64url"),
      rh: createHash("sha256").update(body).digest("base64url"),
    });
    expect(claims.exp! - claims.iat!).toBe(30);
    expect(decodeJwt(tokens.signGatewayCall(call)).jti).not.toBe(claims.jti);
  });

  it("is accepted once for the call it was signed for, and refused a second time", async () => {
    const credential = tokens.signGatewayCall(call);
    await expect(tokens.verifyGatewayCall(credential, received)).resolves.toEqual({ requestId: "rid-1" });
    await expect(tokens.verifyGatewayCall(credential, received)).rejects.toMatchObject({ extensions: { code: "UNAUTHENTICATED" } });
  });

  it.each<[string, Partial<ReceivedCall>]>([
    ["another body", { request: Buffer.from(JSON.stringify({ query: "{ seizures(first: 500) { nodes { id } } }" })) }],
    ["the same body with one byte changed", { request: Buffer.concat([body, Buffer.from(" ")]) }],
    ["another user's token", { token: "user.token.two" }],
    ["no user token", { token: undefined }],
    ["another subgraph", { audience: "entities" }],
    ["another request id", { requestId: "rid-2" }],
  ])("is refused for %s", async (_what, change) => {
    const credential = tokens.signGatewayCall(call);
    await expect(tokens.verifyGatewayCall(credential, { ...received, ...change })).rejects.toMatchObject({ extensions: { code: "UNAUTHENTICATED" } });
    // Refused without being spent: the call it was signed for still passes.
    await expect(tokens.verifyGatewayCall(credential, received)).resolves.toEqual({ requestId: "rid-1" });
  });

  it("is refused once its lifetime has passed, and when signed with another secret", async () => {
    // 2 s: JWT times are whole seconds, so 1 s could lapse between signing and verifying.
    const shortLived = tokens.signGatewayCall(call, 2);
    // While fresh, a credential with the same short lifetime is accepted: only the time is different below.
    await expect(tokens.verifyGatewayCall(tokens.signGatewayCall(call, 2), received)).resolves.toEqual({ requestId: "rid-1" });
    const other = new TokenService(loadConfig({ ...process.env, CIX_GATEWAY_SECRET: "y".repeat(48) }));
    await expect(tokens.verifyGatewayCall(other.signGatewayCall(call), received)).rejects.toMatchObject({ extensions: { code: "UNAUTHENTICATED" } });
    await new Promise((resolve) => setTimeout(resolve, 3_100));
    await expect(tokens.verifyGatewayCall(shortLived, received)).rejects.toMatchObject({ extensions: { code: "UNAUTHENTICATED" } });
  });

  it("binds a streamed route by method and path with its query", async () => {
    const route = routeRequest("post", "/import/seizures?dryRun=true");
    expect(route).toBe("POST /import/seizures?dryRun=true");
    const credential = tokens.signGatewayCall({ ...call, request: route });
    await expect(tokens.verifyGatewayCall(credential, { ...received, request: routeRequest("POST", "/import/seizures?dryRun=false") })).rejects.toThrow();
    await expect(tokens.verifyGatewayCall(credential, { ...received, request: routeRequest("POST", "/import/seizures?dryRun=true") })).resolves.toEqual({ requestId: "rid-1" });
  });
});
