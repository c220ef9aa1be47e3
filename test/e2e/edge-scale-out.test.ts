import { createHash } from "node:crypto";
import { createLogger, type RunningServer } from "@cix/core";
import { startGatewayServer } from "@cix/gateway";
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectRateLimited, healthz, post, type Reply } from "../support/edge.js";
import { startProductionStack, type ProductionStack } from "../support/production.js";
import { startRedis, type TestRedis } from "../support/redis.js";
import { unique } from "../support/stack.js";

/**
 * Two gateway replicas over the same subgraphs, counting their rate limits in one Redis (README "Scaling out"):
 * a caller gets the per-caller limit once across both, not once per replica.
 */
describe("scaling out: two gateway replicas share one Redis for their rate limits", () => {
  const PER_SUB = 4;
  const QUERY = { query: "{ seizures(first: 1) { nodes { id } } }" };
  const agency = unique("EDGE-SCALE");
  let redis: TestRedis;
  let stack: ProductionStack;
  let second: RunningServer;
  let replicas: [string, string];
  let store: Redis;

  beforeAll(async () => {
    redis = await startRedis();
    stack = await startProductionStack({
      CIX_REDIS_URL: redis.url,
      CIX_RATE_LIMIT_PER_SUB: String(PER_SUB),
      // High enough that only the per-caller limit is reached.
      CIX_RATE_LIMIT_PER_AGENCY: "1000",
      CIX_RATE_LIMIT_WINDOW_SECONDS: "60",
    });
    // The second replica: the same configuration (Redis, subgraphs, keys), its own process state.
    second = await startGatewayServer(stack.config, createLogger("gateway-replica-2", stack.config.LOG_LEVEL), 0);
    replicas = [stack.gatewayUrl, `http://127.0.0.1:${second.port}/graphql`];
    store = new Redis(redis.url, { lazyConnect: true, maxRetriesPerRequest: 0 });
    await store.connect();
  });
  afterAll(async () => {
    store?.disconnect();
    await second?.stop();
    await stack?.stop();
    await redis?.stop();
  });

  /** The caller's token sent `count` times, alternately to each replica, one after another. */
  const alternate = async (headers: Record<string, string>, count: number): Promise<Array<{ replica: number; reply: Reply }>> => {
    const replies = [];
    for (let i = 0; i < count; i++) replies.push({ replica: i % 2, reply: await post(replicas[i % 2]!, QUERY, headers) });
    return replies;
  };
  const caller = (sub: string) => stack.headers({ role: "analyst", agency, sub });

  it("accepts the per-caller limit once across both replicas, refuses the rest on either with 429, and leaves another caller alone", async () => {
    const alice = await caller(unique("alice"));
    const replies = await alternate(alice, 2 * PER_SUB + 2);

    // Per-replica counting would accept 2 × PER_SUB; shared counting accepts the first PER_SUB and nothing after.
    expect(replies.map(({ reply }) => reply.status)).toEqual([...Array<number>(PER_SUB).fill(200), ...Array<number>(PER_SUB + 2).fill(429)]);
    const refused = replies.slice(PER_SUB);
    expect(new Set(refused.map(({ replica }) => replica))).toEqual(new Set([0, 1]));
    for (const { reply } of refused) expectRateLimited(reply, new RegExp(`at most ${PER_SUB} per 60 s per caller`));

    // Both replicas incremented one counter: it holds every attempt.
    const counts = await Promise.all((await store.keys("cix:rate:sub:*")).map((key) => store.get(key)));
    expect(counts).toContain(String(2 * PER_SUB + 2));

    const bob = await caller(unique("bob"));
    for (const url of replicas) expect((await post(url, QUERY, bob)).status).toBe(200);
  });

  it("stores only keyed hashes in Redis: no agency, subject, IP address or token, nor their plain SHA-256", async () => {
    const sub = unique("carol");
    const carol = await caller(sub);
    for (const url of replicas) expect((await post(url, QUERY, carol)).status).toBe(200);

    const keys = await store.keys("*");
    expect(keys.length).toBeGreaterThan(0);
    for (const key of keys) expect(key).toMatch(/^cix:rate:(sub|agency|ip):[A-Za-z0-9_-]{43}$/);
    const stored = keys.join("\n");
    const token = carol.authorization!.replace(/^Bearer /, "");
    for (const clear of [agency, sub, "127.0.0.1", token, ...token.split(".")]) expect(stored).not.toContain(clear);
    // A plain hash of a guessable value (an agency code, an IPv4 address) is reversed by hashing guesses.
    const sha256 = (value: string) => createHash("sha256").update(value).digest("base64url");
    for (const guessable of [agency, sub, "127.0.0.1", "::ffff:127.0.0.1"]) expect(stored).not.toContain(sha256(guessable));
  });

  it("keeps limiting when Redis goes away: each replica counts in its own memory, and nothing answers 500", async () => {
    store.disconnect();
    await redis.stop();
    const dave = await caller(unique("dave"));
    const replies = await alternate(dave, 2 * PER_SUB + 2);

    // Without the shared store each replica allows the limit on its own (N replicas: N times the limit), never more.
    for (const replica of [0, 1]) {
      const own = replies.filter((r) => r.replica === replica).map(({ reply }) => reply);
      expect(own.map((reply) => reply.status)).toEqual([...Array<number>(PER_SUB).fill(200), 429]);
      expectRateLimited(own[PER_SUB]!, new RegExp(`at most ${PER_SUB} per 60 s per caller`));
    }
    for (const url of replicas) expect(await healthz(url)).toBe(200);
  });
});
