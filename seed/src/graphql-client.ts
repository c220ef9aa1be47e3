/**
 * The loader's requests go through @cix/client (typed documents, error codes, Retry-After on 429); this names the
 * record a failed request was for, so a stopped load says which one and why.
 */
import { CixError, type CixClient, type CixGraphQLError, type TypedDocumentNode, type VariablesArgument } from "@cix/client";

/** A request the hub answered with errors (or not with GraphQL at all), for the record named by `label`. */
export class GraphQLRequestError extends Error {
  constructor(
    readonly label: string,
    readonly errors: readonly CixGraphQLError[],
    readonly status: number,
  ) {
    super(
      `${label} failed (HTTP ${status}): ` +
        errors
          .map((e) => {
            const where = [e.path?.join("."), e.field].filter(Boolean).join(" ");
            return `[${e.code}]${where ? ` ${where}:` : ""} ${e.message}`;
          })
          .join("; "),
    );
    this.name = "GraphQLRequestError";
  }

  /** Whether any error has this code (e.g. GRAPHQL_VALIDATION_FAILED for a field the schema lacks). */
  has(code: string): boolean {
    return this.errors.some((e) => e.code === code);
  }
}

/** Runs `document` and returns its data; any error becomes a GraphQLRequestError naming `label`. */
export async function send<R, V extends Record<string, unknown>>(client: CixClient, label: string, document: TypedDocumentNode<R, V>, variables: V): Promise<R> {
  try {
    return await client.request(document, ...([variables] as VariablesArgument<V>));
  } catch (error) {
    if (error instanceof CixError) throw new GraphQLRequestError(label, error.errors, error.status);
    throw error;
  }
}
