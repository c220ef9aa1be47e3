import type { Request, Response } from "express";

const GRAPHQL_RESPONSE = "application/graphql-response+json";

/**
 * Answers a request the edge refuses before GraphQL runs (too large, too deep, too many requests) the way
 * Apollo answers its own errors: `{ errors: [{ message, extensions: { code } }] }`, in the media type the client
 * accepts (application/json unless it prefers application/graphql-response+json).
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
    .send(JSON.stringify({ errors: [{ message, extensions }] }));
}
