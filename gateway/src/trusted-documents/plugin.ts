import type { ApolloServerPlugin } from "@apollo/server";
import { GraphQLError } from "graphql";
import { sha256Hex, type TrustedClient } from "./manifests.js";

export interface TrustedDocumentsContext {
  /** The caller's registered client, if it has a manifest. */
  trustedClient?: TrustedClient;
}

/**
 * Trusted documents (persisted queries from a per-client manifest):
 * - a registered client may send only `extensions.persistedQuery.sha256Hash` and the gateway runs the
 *   operation with that hash from the client's manifest;
 * - a client held to its manifest (`trustedOnly`) is refused any other operation before it executes.
 * Nobody else can register operations: automatic persisted queries store nothing (see apollo-options.ts).
 */
export function trustedDocumentsPlugin<TContext extends TrustedDocumentsContext>(): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart({ request, contextValue }) {
      const client = contextValue.trustedClient;
      if (!client) return;
      const hash: unknown = (request.extensions?.persistedQuery as { sha256Hash?: unknown } | undefined)?.sha256Hash;
      if (request.query === undefined && typeof hash === "string") request.query = client.operations.get(hash);
      if (!client.trustedOnly) return;
      if (request.query !== undefined && client.operations.has(sha256Hex(request.query))) return;
      return {
        async didResolveOperation() {
          throw new GraphQLError(
            `Client ${client.client} may run only the operations registered in its trusted-documents manifest, and this is not one of them.`,
            { extensions: { code: "PERSISTED_QUERY_NOT_IN_LIST", http: { status: 403 } } },
          );
        },
      };
    },
  };
}
