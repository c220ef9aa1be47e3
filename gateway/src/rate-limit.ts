import type { Config } from "@cix/core";
import type { RequestHandler } from "express";
import { RateLimiterMemory, RateLimiterRes } from "rate-limiter-flexible";
import { verifiedCaller } from "./authenticate.js";
import { sendEdgeError } from "./http-errors.js";

interface Limit {
  limiter: RateLimiterMemory;
  /** What the limit counts, for the message. */
  per: string;
}

/**
 * Requests per window (CIX_RATE_LIMIT_WINDOW_SECONDS): per token subject and per agency for verified callers, per
 * IP address for everyone else. Over the limit: 429 with Retry-After, before the body is even read. In memory,
 * so per gateway instance: behind a load balancer with N gateways the effective limit is N times higher.
 */
export function rateLimit(config: Config): RequestHandler {
  const make = (points: number, per: string): Limit | undefined =>
    points > 0 ? { limiter: new RateLimiterMemory({ points, duration: config.CIX_RATE_LIMIT_WINDOW_SECONDS, keyPrefix: per }), per } : undefined;
  const bySub = make(config.CIX_RATE_LIMIT_PER_SUB, "caller");
  const byAgency = make(config.CIX_RATE_LIMIT_PER_AGENCY, "agency");
  const byIp = make(config.CIX_RATE_LIMIT_PER_IP, "IP address without a valid token");

  return async (req, res, next) => {
    const caller = verifiedCaller(res);
    const checks: Array<[Limit | undefined, string]> = caller
      ? [[bySub, caller.viewer.sub], [byAgency, caller.viewer.agency]]
      : [[byIp, req.ip ?? req.socket.remoteAddress ?? "unknown"]];
    for (const [limit, key] of checks) {
      if (!limit) continue;
      try {
        await limit.limiter.consume(key);
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
}
