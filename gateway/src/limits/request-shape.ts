import type { Config } from "@cix/core";
import type { ErrorRequestHandler, Request, RequestHandler } from "express";
import { sendEdgeError } from "../http-errors.js";

/**
 * Limits on the HTTP request itself, checked after the JSON body is parsed and before GraphQL sees it: the size of
 * the GraphQL document and the nesting of `variables`/`extensions` (graphql-js coerces variables recursively, so
 * a 100 000-level array must never reach it).
 */
export function requestShapeLimits(config: Config): RequestHandler {
  const maxQuery = config.CIX_MAX_QUERY_BYTES;
  const maxDepth = config.CIX_MAX_VARIABLES_DEPTH;
  return (req, res, next) => {
    const params = requestParams(req);
    if (!params) return next();
    if (typeof params.query === "string") {
      const bytes = Buffer.byteLength(params.query, "utf8");
      if (bytes > maxQuery) {
        return sendEdgeError(
          req,
          res,
          413,
          `The GraphQL document is ${bytes} bytes; the maximum is ${maxQuery} (${bytes - maxQuery} over). Send a smaller operation or pass large values as variables.`,
          { code: "BAD_REQUEST", limit: maxQuery, found: bytes },
        );
      }
    }
    for (const key of ["variables", "extensions"] as const) {
      const value = parsedParam(params[key]);
      if (nestingDepth(value, maxDepth) > maxDepth) {
        return sendEdgeError(req, res, 400, `\`${key}\` is nested more than ${maxDepth} levels deep; the maximum is ${maxDepth}.`, {
          code: "BAD_REQUEST",
          limit: maxDepth,
        });
      }
    }
    next();
  };
}

/** A body larger than the limit: say the limit, and by how much it is over when the size is known. */
export function bodyTooLargeHandler(config: Config): ErrorRequestHandler {
  return (err, req, res, next) => {
    const e = err as { type?: string; length?: number };
    if (e.type !== "entity.too.large") return next(err);
    const max = config.CIX_MAX_BODY_BYTES;
    const size = typeof e.length === "number" && Number.isFinite(e.length) ? e.length : undefined;
    const over = size !== undefined ? ` is ${size} bytes (${size - max} over)` : " is larger than that";
    sendEdgeError(req, res, 413, `Request body too large: the maximum is ${max} bytes and this one${over}.`, { code: "BAD_REQUEST", limit: max });
  };
}

/** The GraphQL parameters: the JSON body of a POST, the query string of a GET. */
function requestParams(req: Request): Record<string, unknown> | undefined {
  const params: unknown = req.method === "GET" ? req.query : req.body;
  return params !== null && typeof params === "object" && !Array.isArray(params) ? (params as Record<string, unknown>) : undefined;
}

/** GET carries `variables`/`extensions` as JSON text; anything unparsable is left for Apollo to refuse. */
function parsedParam(value: unknown): unknown {
  if (typeof value !== "string") return value;
  try {
    return JSON.parse(value);
  } catch {
    return undefined;
  }
}

/** Nesting depth of a JSON value (a scalar is 0, `{}` is 1), without recursion; stops once past `stopAfter`. */
export function nestingDepth(value: unknown, stopAfter: number): number {
  let deepest = 0;
  const pending: Array<[unknown, number]> = [[value, 0]];
  while (pending.length > 0) {
    const [node, depth] = pending.pop()!;
    if (node === null || typeof node !== "object") continue;
    const here = depth + 1;
    if (here > deepest) {
      deepest = here;
      if (deepest > stopAfter) return deepest;
    }
    for (const child of Object.values(node)) pending.push([child, here]);
  }
  return deepest;
}
