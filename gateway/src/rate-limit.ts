import { createHmac, hkdfSync } from "node:crypto";
import { loadSecrets, type Config, type Logger } from "@cix/core";
import type { RequestHandler } from "express";
import { Redis } from "ioredis";
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from "rate-limiter-flexible";
import { verifiedCaller } from "./authenticate.js";
import { sendEdgeError } from "./http-errors.js";

/**
 * How long a rate-limit check waits for Redis before it counts in memory instead: a Redis that hangs must not
 * hold up every request (nor open the gate).
 */
const REDIS_COMMAND_TIMEOUT_MS = 250;
/** How long start-up waits for the first connection before the gateway starts counting in memory. */
const REDIS_CONNECT_TIMEOUT_MS = 2000;

interface Limit {
  limiter: RateLimiterAbstract;
  /** What the limit counts, for the message. */
  per: string;
}

/** The edge's rate limits: one middleware for every route they guard, and the Redis connection to close on stop. */
export interface RateLimits {
  middleware: RequestHandler;
  close(): Promise<void>;
}

/**
 * Requests per window (CIX_RATE_LIMIT_WINDOW_SECONDS): per token subject and per agency for verified callers, per
 * IP address for everyone else, counted once across /graphql and /import. Over the limit: 429 with Retry-After,
 * before the body is even read.
 *
 * With CIX_REDIS_URL the counts live in Redis, so every gateway replica shares them. When Redis cannot answer
 * (down, unreachable, slower than REDIS_COMMAND_TIMEOUT_MS), each limit falls back to its insurance limiter, a
 * count in this process's memory with the same limit: the gate never opens, and with N replicas a caller gets at
 * most N times the limit until Redis is back. The outage and the recovery are logged once each. Without Redis the
 * counts are per process from the start (N replicas: N times the limit).
 */
export async function createRateLimits(config: Config, log: Logger): Promise<RateLimits> {
  const store = config.CIX_REDIS_URL ? await connectRedis(config.CIX_REDIS_URL, log) : undefined;
  const redis = store?.redis;
  const counterKey = counterKeys(config);
  const make = (points: number, name: string, per: string): Limit | undefined => {
    if (points <= 0) return undefined;
    const options = { points, duration: config.CIX_RATE_LIMIT_WINDOW_SECONDS, keyPrefix: `cix:rate:${name}` };
    const inMemory = new RateLimiterMemory(options);
    const limiter = redis
      ? new RateLimiterRedis({ ...options, storeClient: redis, rejectIfRedisNotReady: true, insuranceLimiter: inMemory })
      : inMemory;
    return { limiter, per };
  };
  const bySub = make(config.CIX_RATE_LIMIT_PER_SUB, "sub", "caller");
  const byAgency = make(config.CIX_RATE_LIMIT_PER_AGENCY, "agency", "agency");
  const byIp = make(config.CIX_RATE_LIMIT_PER_IP, "ip", "IP address without a valid token");

  const middleware: RequestHandler = async (req, res, next) => {
    const caller = verifiedCaller(res);
    const checks: Array<[Limit | undefined, string]> = caller
      ? [[bySub, caller.viewer.sub], [byAgency, caller.viewer.agency]]
      : [[byIp, req.ip ?? req.socket.remoteAddress ?? "unknown"]];
    for (const [limit, key] of checks) {
      if (!limit) continue;
      try {
        await limit.limiter.consume(counterKey(key));
      } catch (rejection) {
        if (!(rejection instanceof RateLimiterRes)) return next(rejection);
        const retryAfter = Math.max(1, Math.ceil(rejection.msBeforeNext / 1000));
        return sendEdgeError(
          req,
          res,
          429,
          `Too many requests: at most ${limit.limiter.points} per ${config.CIX_RATE_LIMIT_WINDOW_SECONDS} s per ${limit.per}. Retry in ${retryAfter} s.`,
          { code: "RATE_LIMITED", retryAfterSeconds: retryAfter },
          { "retry-after": String(retryAfter) },
        );
      }
    }
    next();
  };
  return { middleware, close: async () => store?.close() };
}

/**
 * Subjects and IP addresses are personal data, and an agency is telling: the store (Redis above all, shared and
 * inspectable) sees only an HMAC of them. A plain hash would not hide them: agency codes and IPv4 addresses are few
 * enough to hash every guess. The key is derived from the gateway secret, which every replica shares, so all
 * replicas count a caller under the same key.
 */
function counterKeys(config: Config): (value: string) => string {
  const key = Buffer.from(hkdfSync("sha256", loadSecrets(config).gatewaySecret, new Uint8Array(0), "cix-rate-limit-keys-v1", 32));
  return (value) => createHmac("sha256", key).update(value).digest("base64url");
}

/**
 * One connection for the three limits. Commands fail at once while it is down (no offline queue, no retries), so
 * a check falls back to memory instead of waiting; ioredis keeps reconnecting in the background. Start-up waits
 * for the first connection at most REDIS_CONNECT_TIMEOUT_MS and goes on without it.
 */
async function connectRedis(url: string, log: Logger): Promise<{ redis: Redis; close(): void }> {
  const where = redisAddress(url);
  const redis = new Redis(url, {
    lazyConnect: true,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    commandTimeout: REDIS_COMMAND_TIMEOUT_MS,
    connectTimeout: REDIS_CONNECT_TIMEOUT_MS,
    retryStrategy: (attempt) => Math.min(attempt * 200, 2000),
  });
  let available: boolean | undefined;
  let closing = false;
  const down = (reason: string) => {
    if (available === false || closing) return;
    available = false;
    log.error({ redis: where, reason }, "Rate limits: Redis is unavailable; each gateway counts in its own memory until it is back (with N replicas a caller gets up to N times the limit)");
  };
  redis.on("error", (error: Error) => down(error.message));
  redis.on("close", () => down("connection closed"));
  redis.on("ready", () => {
    if (available === false) log.warn({ redis: where }, "Rate limits: Redis is back; the limits are shared by every gateway again");
    else log.info({ redis: where }, "Rate limits are counted in Redis, shared by every gateway");
    available = true;
  });
  await redis.connect().catch(() => undefined);
  return {
    redis,
    close: () => {
      closing = true;
      redis.disconnect();
    },
  };
}

/** host:port of a Redis URL, for the log: never its password. */
function redisAddress(url: string): string {
  const { hostname, port } = new URL(url);
  return `${hostname}:${port || "6379"}`;
}
