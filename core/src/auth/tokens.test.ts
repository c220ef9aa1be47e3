import { describe, expect, it } from "vitest";
import { loadConfig } from "../config.js";
import { TokenService } from "./tokens.js";

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
