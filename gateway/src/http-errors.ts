import { withRequestId } from "@cix/core";
import type { Request, RequestHandler, Response } from "express";

const GRAPHQL_RESPONSE = "application/graphql-response+json";

/**
 * Answers a request the edge refuses before GraphQL runs (too large, too deep, too many requests) the way
 * Apollo answers its own errors: `{ errors: [{ message, extensions: { code } }] }`, in the media type the client
 * accepts (application/json unless it prefers application/graphql-response+json), with the request's id.
 */
export function sendEdgeError(
  req: Request,
  res: Response,
  status: number,
  message: string,
  extensions: Record<string, unknown>,
  headers: Record<string, string> = {},
): void {
  const type = req.accepts(["application/json", GRAPHQL_RESPONSE]) === GRAPHQL_RESPONSE ? GRAPHQL_RESPONSE : "application/json";
  res
    .status(status)
    .set(headers)
    .type(`${type}; charset=utf-8`)
    .send(JSON.stringify({ errors: [{ message, extensions: withRequestId(res, extensions) }] }));
}

/** Any path the edge does not serve: 404 NOT_FOUND in the GraphQL error shape (never Express's HTML page; the path is not echoed). */
export function notFound(served: string): RequestHandler {
  return (req, res) => sendEdgeError(req, res, 404, `Not found. The hub answers ${served}.`, { code: "NOT_FOUND" });
}

/** A known path asked with another method: 405 METHOD_NOT_ALLOWED with an `Allow` header. */
export function methodNotAllowed(allowed: readonly string[]): RequestHandler {
  return (req, res) =>
    sendEdgeError(req, res, 405, `Method not allowed: this path takes ${allowed.join(" or ")}.`, { code: "METHOD_NOT_ALLOWED", allowed: [...allowed] }, { allow: allowed.join(", ") });
}
