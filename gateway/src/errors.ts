import { ErrorCode, makeFormatError, type Config, type Logger } from "@cix/core";
import type { GraphQLFormattedError } from "graphql";
import { scalarRefusal } from "./scalars.js";

/** Codes the edge itself raises, whose messages are written for the client. */
const EDGE_CODES = new Set(["PERSISTED_QUERY_NOT_IN_LIST"]);

/** Extensions the gateway adds to failed subgraph fetches: `response` carries the subgraph's URL and body. */
const GATEWAY_INTERNAL_EXTENSIONS = ["response"];

/** Text that only an internal failure produces: URLs, IP addresses, socket errors, Bolt/Cypher. */
const INTERNAL_DETAIL = /\b(?:https?|bolt|neo4j(?:\+s)?):\/\/|\b\d{1,3}(?:\.\d{1,3}){3}\b|\bE(?:CONNREFUSED|CONNRESET|TIMEDOUT|NOTFOUND|PIPE)\b|\bNeo4jError\b|\b(?:MATCH|MERGE|UNWIND) \(/;

/** graphql-js stops counting tokens at the limit (so how far over is unknown); its text also has a typo. */
const TOKEN_LIMIT = /Document contains more th(?:at|an) (\d+) tokens/;

/**
 * The gateway's `formatError`: core's (known client errors pass, anything else becomes a bare
 * INTERNAL_SERVER_ERROR) plus the edge's own codes, minus gateway-internal extensions. In production also:
 * no "Did you mean …" suggestions (graphql-js adds them to validation and variable errors alike), no Apollo
 * advice on re-enabling introspection, and any message naming a host, URL or socket error replaced, whatever
 * its code.
 */
export function edgeFormatError(config: Config, log: Logger) {
  const onInternal = (error: unknown) => log.error({ err: error }, "request failed");
  const core = makeFormatError(onInternal);
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const code = formatted.extensions?.code;
    const result = typeof code === "string" && EDGE_CODES.has(code) ? formatted : core(scalarRefusal(formatted, error), error);
    const extensions = { ...result.extensions };
    for (const key of GATEWAY_INTERNAL_EXTENSIONS) delete extensions[key];
    const message = clientMessage(result.message, extensions, config.production);
    if (message === undefined) {
      onInternal(error);
      return { message: "Internal server error", ...(result.path ? { path: result.path } : {}), extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR } };
    }
    return { ...result, message, extensions };
  };
}

/** The message the client sees, or undefined when it gives away internals (production). */
function clientMessage(message: string, extensions: Record<string, unknown>, production: boolean): string | undefined {
  const tokens = TOKEN_LIMIT.exec(message);
  if (tokens) return `The document has more than ${tokens[1]} tokens, the limit; parsing stopped there. Simplify the operation or split it.`;
  if (!production) return message;
  if (INTERNAL_DETAIL.test(message)) return undefined;
  if (extensions.validationErrorCode === "INTROSPECTION_DISABLED") return "Introspection (__schema, __type) is disabled in production; use the published schema.";
  return withoutSuggestions(message);
}

/** `Cannot query field "x" on type "Query". Did you mean "y"?` → `Cannot query field "x" on type "Query".` */
export function withoutSuggestions(message: string): string {
  return message.replace(/\s*Did you mean [^?]*\?/g, "");
}
