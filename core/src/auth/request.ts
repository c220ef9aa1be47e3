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

/**
 * What a stated purpose must look like: a case or operation reference such as `CASE-2024-001`, `OP ORION 2025` or
 * `NL/2024/123`. 3 to 100 characters; ASCII letters, digits, spaces and `- _ . / : #` (HTTP header values are
 * ASCII); starting and ending with a letter or digit; at least one digit, so that words such as "search" or "..."
 * are not a purpose. Audited with every nominal read, so it must name the case it serves.
 */
export const PURPOSE_PATTERN = /^(?=[^0-9]*[0-9])[A-Za-z0-9](?:[A-Za-z0-9 _./:#-]{1,98}[A-Za-z0-9])$/;

/** The pattern in words, for the error message and the docs. */
export const PURPOSE_RULE =
  "a case or operation reference: 3 to 100 characters, letters A-Z, digits, spaces and - _ . / : #, starting and ending " +
  "with a letter or digit and containing at least one digit (e.g. CASE-2024-001, OP ORION 2025, NL/2024/123)";

/** The stated purpose of the request (a case or operation reference), if any; see `PURPOSE_PATTERN`. */
export function statedPurpose(req: Request): string | undefined {
  const purpose = req.header(PURPOSE_HEADER)?.trim();
  if (!purpose) return undefined;
  if (!PURPOSE_PATTERN.test(purpose)) {
    throw new GraphQLError(`The ${PURPOSE_HEADER} header must be ${PURPOSE_RULE}.`, {
      extensions: { code: "BAD_REQUEST", field: PURPOSE_HEADER, expected: PURPOSE_RULE, http: { status: 400 } },
    });
  }
  return purpose;
}
