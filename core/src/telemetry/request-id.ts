import { randomUUID } from "node:crypto";
import type { ApolloServerPlugin, BaseContext } from "@apollo/server";
import type { RequestHandler, Response } from "express";

export const REQUEST_ID_HEADER = "x-request-id";

/**
 * What a caller may send as its request id: 1 to 128 characters of letters, digits and `-_.:` (UUIDs, ULIDs and
 * proxies' ids fit). Anything else is replaced, never echoed: the id goes into headers, logs and the audit trail.
 */
const ACCEPTED = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/;

/** The caller's `x-request-id` when it is acceptable, else undefined. */
export function acceptedRequestId(value: unknown): string | undefined {
  return typeof value === "string" && ACCEPTED.test(value) ? value : undefined;
}

/**
 * Express middleware, first in the chain: the request's id is the caller's acceptable `x-request-id`, else a new
 * UUID. It is returned in the `x-request-id` response header at once (so every answer carries it, refusals
 * included), kept in `res.locals.requestId` for the JSON errors (`withRequestId`), and read with `requestIdOf`.
 */
export function assignRequestId(): RequestHandler {
  return (req, res, next) => {
    const requestId = acceptedRequestId(req.header(REQUEST_ID_HEADER)) ?? randomUUID();
    res.locals.requestId = requestId;
    res.setHeader(REQUEST_ID_HEADER, requestId);
    next();
  };
}

export function requestIdOf(res: Response): string {
  const requestId: unknown = res.locals.requestId;
  if (typeof requestId !== "string") throw new Error("assignRequestId must run before requestIdOf");
  return requestId;
}

/** Apollo plugin: every GraphQL error of the answer carries the request's id in `extensions.requestId`. */
export function requestIdInErrors<TContext extends BaseContext & { requestId: string }>(): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response, contextValue }) {
          if (response.body.kind !== "single") return;
          const { errors } = response.body.singleResult;
          if (!errors) return;
          response.body.singleResult.errors = errors.map((error) => ({ ...error, extensions: { ...error.extensions, requestId: contextValue.requestId } }));
        },
      };
    },
  };
}
