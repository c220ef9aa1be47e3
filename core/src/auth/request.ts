import type { Request } from "express";
import { GraphQLError } from "graphql";
import { unauthenticated } from "./tokens.js";

export const PURPOSE_HEADER = "x-cix-purpose";
export const GATEWAY_HEADER = "x-cix-gateway";

/** The bearer token from the Authorization header. Tokens in the URL are refused: URLs end up in logs. */
export function bearerToken(req: Request): string | undefined {
  const query = req.query as Record<string, unknown>;
  if (["access_token", "token", "jwt", "authorization"].some((k) => k in query)) {
    throw unauthenticated("Tokens are accepted only in the Authorization header, never in the URL.");
  }
  const header = req.header("authorization");
  const match = header?.match(/^Bearer\s+([A-Za-z0-9._~+/=-]+)$/);
  return match?.[1];
}

/** The stated purpose of the request (a case or operation reference), if any; bounded and printable. */
export function statedPurpose(req: Request): string | undefined {
  const purpose = req.header(PURPOSE_HEADER)?.trim();
  if (!purpose) return undefined;
  if (!/^[\p{L}\p{N} ._:/#()-]{3,200}$/u.test(purpose)) {
    throw new GraphQLError(`The ${PURPOSE_HEADER} header must be 3 to 200 letters, digits, spaces or . _ : / # ( ) -.`, {
      extensions: { code: "BAD_REQUEST", field: PURPOSE_HEADER, http: { status: 400 } },
    });
  }
  return purpose;
}
