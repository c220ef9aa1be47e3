import { GraphQLError, type GraphQLFormattedError } from "graphql";
import { unwrapResolverError } from "@apollo/server/errors";
import { isDatabaseUnavailable } from "./neo4j/database.js";

/** The error codes a client may see. Anything else is reported as INTERNAL_SERVER_ERROR with no detail. */
export const ErrorCode = {
  BAD_USER_INPUT: "BAD_USER_INPUT",
  NOT_FOUND: "NOT_FOUND",
  CONFLICT: "CONFLICT",
  FORBIDDEN: "FORBIDDEN",
  UNAUTHENTICATED: "UNAUTHENTICATED",
  /** A part of the hub did not answer in time: the field is null and a retry may succeed. */
  SERVICE_UNAVAILABLE: "SERVICE_UNAVAILABLE",
  INTERNAL_SERVER_ERROR: "INTERNAL_SERVER_ERROR",
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

/** Codes raised by Apollo/graphql-js itself whose messages describe the client's request, not our internals. */
const CLIENT_SAFE_CODES = new Set<string>([
  ...Object.values(ErrorCode),
  "GRAPHQL_PARSE_FAILED",
  "GRAPHQL_VALIDATION_FAILED",
  "BAD_REQUEST",
  "PERSISTED_QUERY_NOT_FOUND",
  "PERSISTED_QUERY_NOT_SUPPORTED",
  "OPERATION_RESOLUTION_FAILURE",
]);
CLIENT_SAFE_CODES.delete(ErrorCode.INTERNAL_SERVER_ERROR);

/** Extensions that may leak internals (stack traces, subgraph names, URLs) and are never sent. */
const INTERNAL_EXTENSIONS = ["stacktrace", "exception", "serviceName", "query", "variables"];

/** Invalid input: names the field path and what was expected, so the client can fix it. */
export function badUserInput(field: string, expected: string, message?: string): GraphQLError {
  return new GraphQLError(message ?? `Invalid value for ${field}: expected ${expected}.`, {
    extensions: { code: ErrorCode.BAD_USER_INPUT, field, expected },
  });
}

export function notFound(what: string, id: string): GraphQLError {
  return new GraphQLError(`${what} ${id} was not found.`, { extensions: { code: ErrorCode.NOT_FOUND } });
}

export function forbidden(message = "You are not allowed to see this."): GraphQLError {
  return new GraphQLError(message, { extensions: { code: ErrorCode.FORBIDDEN } });
}

/** What a client reads when Neo4j cannot serve: no host, port or driver detail, and that a retry may succeed. */
const DATABASE_UNAVAILABLE = "The database is unavailable at the moment; retry the request shortly.";

/** The error a GraphQL error was made from (a resolver's, the context function's), through every wrapping. */
function rootCause(error: unknown): unknown {
  let cause = unwrapResolverError(error);
  while (cause instanceof GraphQLError && cause.originalError) cause = cause.originalError;
  return cause;
}

/**
 * Apollo `formatError`: client errors keep their message and code; a Neo4j outage becomes SERVICE_UNAVAILABLE with
 * `retryable: true`; every other error (a Cypher failure, a bug, a network error to a subgraph) becomes a bare
 * INTERNAL_SERVER_ERROR. Both of the latter are logged server-side with their details.
 */
export function makeFormatError(onInternal: (error: unknown) => void) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const code = formatted.extensions?.code;
    if (typeof code === "string" && CLIENT_SAFE_CODES.has(code)) {
      const extensions = { ...formatted.extensions };
      for (const key of INTERNAL_EXTENSIONS) delete extensions[key];
      return { ...formatted, extensions };
    }
    const cause = rootCause(error);
    onInternal(cause);
    if (isDatabaseUnavailable(cause)) {
      return {
        message: DATABASE_UNAVAILABLE,
        ...(formatted.path ? { path: formatted.path } : {}),
        extensions: { code: ErrorCode.SERVICE_UNAVAILABLE, retryable: true },
      };
    }
    return {
      message: "Internal server error",
      ...(formatted.path ? { path: formatted.path } : {}),
      extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR },
    };
  };
}
