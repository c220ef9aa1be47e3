import { bearerToken, unauthenticated, type TokenService, type Viewer } from "@cix/core";
import type { RequestHandler, Response } from "express";
import { decodeJwt } from "jose";

/** The verified caller of a request, as the edge knows it. */
export interface Caller {
  token: string;
  viewer: Omit<Viewer, "purpose">;
  /**
   * The calling application: the token's `azp` (authorized party) or `client_id` claim, else its `sub`. Taken
   * from the verified token, never from a header such as apollographql-client-name, which anyone can set.
   */
  clientId: string;
}

interface EdgeLocals {
  caller?: Caller;
  authError?: unknown;
}

/**
 * Verifies the bearer token once, before the body is read, so rate limits can count per caller. A missing or bad
 * token is not answered here: the request goes on (limited per IP) and Apollo answers it with a 401 when it
 * builds the context (see `callerOf`), in the GraphQL error format.
 */
export function authenticate(tokens: TokenService): RequestHandler {
  return async (req, res, next) => {
    const locals = res.locals as EdgeLocals;
    try {
      const token = bearerToken(req);
      if (token) locals.caller = { token, viewer: await tokens.verifyUserToken(token), clientId: clientIdOf(token) };
    } catch (error) {
      locals.authError = error;
    }
    next();
  };
}

/** The caller `authenticate` verified, or the 401 it could not. */
export function callerOf(res: Response): Caller {
  const { caller, authError } = res.locals as EdgeLocals;
  if (caller) return caller;
  throw authError ?? unauthenticated();
}

/** The caller, if the request carried a valid token. */
export function verifiedCaller(res: Response): Caller | undefined {
  return (res.locals as EdgeLocals).caller;
}

function clientIdOf(verifiedToken: string): string {
  const claims = decodeJwt(verifiedToken);
  for (const claim of [claims.azp, claims.client_id, claims.sub]) {
    if (typeof claim === "string" && claim.length > 0) return claim;
  }
  return "";
}
