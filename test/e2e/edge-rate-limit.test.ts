import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectRateLimited, healthz, post, type Reply } from "../support/edge.js";
import { startProductionStack, type ProductionStack } from "../support/production.js";
import { unique } from "../support/stack.js";

/** Rate limits per token subject, per agency and per IP without a valid token, with deliberately low limits. */
describe("rate limits at the edge", () => {
  let stack: ProductionStack;
  const agency = unique("EDGE-RL");
  const other = unique("EDGE-RL");
  const QUERY = { query: "{ seizures(first: 1) { nodes { id } } }" };

  beforeAll(async () => {
    stack = await startProductionStack({
      CIX_RATE_LIMIT_PER_SUB: "3",
      CIX_RATE_LIMIT_PER_AGENCY: "5",
      CIX_RATE_LIMIT_PER_IP: "2",
      CIX_RATE_LIMIT_WINDOW_SECONDS: "60",
    });
  });
  afterAll(async () => {
    await stack.stop();
  });

  const call = async (caller: { sub: string; agency: string } | null): Promise<Reply> =>
    post(stack.gatewayUrl, QUERY, caller ? await stack.headers({ role: "analyst", country: "NL", ...caller }) : {});

  it("limits each token subject, then its agency, and leaves other agencies alone", async () => {
    const alice = { sub: "alice", agency };
    for (let i = 0; i < 3; i++) expect((await call(alice)).status).toBe(200);
    expectRateLimited(await call(alice), /at most 3 per 60 s per caller/);

    // Alice's agency has used 3 of its 5; a colleague gets the remaining 2, then the agency is limited.
    const bob = { sub: "bob", agency };
    for (let i = 0; i < 2; i++) expect((await call(bob)).status).toBe(200);
    expectRateLimited(await call(bob), /at most 5 per 60 s per agency/);

    expect((await call({ sub: "carol", agency: other })).status).toBe(200);
    expect(await healthz(stack.gatewayUrl)).toBe(200);
  });

  it("limits requests without a valid token per IP address, so tokens cannot be guessed at speed", async () => {
    const forged = { authorization: "Bearer not.a.token" };
    expect((await post(stack.gatewayUrl, QUERY, forged)).status).toBe(401);
    expect((await call(null)).status).toBe(401);
    expectRateLimited(await post(stack.gatewayUrl, QUERY, forged), /IP address without a valid token/);
    // A valid token is counted per caller, not per IP.
    expect((await call({ sub: "dave", agency: other })).status).toBe(200);
  });
});
