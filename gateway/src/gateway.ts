import { readFileSync } from "node:fs";
import { ApolloGateway, RemoteGraphQLDataSource } from "@apollo/gateway";
import { GATEWAY_HEADER, PURPOSE_HEADER, type Config, type SubgraphName, type TokenService, type Viewer } from "@cix/core";

export interface GatewayContext {
  requestId: string;
  /** The caller's verified token, forwarded so every subgraph verifies it again. */
  token: string;
  viewer: Viewer;
}

/** The composed supergraph committed in schema/ (produced by `npm run schema`). */
export function readSupergraph(): string {
  return readFileSync(new URL("../../schema/supergraph.graphql", import.meta.url), "utf8");
}

/**
 * An Apollo Gateway on the static supergraph. Subgraph URLs come from the environment, not from the
 * URLs recorded at composition time, so the same supergraph serves dev, CI and Docker.
 */
export function createGateway(config: Config, tokens: TokenService): ApolloGateway {
  return new ApolloGateway({
    supergraphSdl: readSupergraph(),
    buildService: ({ name }) =>
      new RemoteGraphQLDataSource<GatewayContext>({
        url: config.subgraphUrls[name as SubgraphName],
        async willSendRequest({ request, context }) {
          const headers = request.http?.headers;
          if (!headers || !context.token) return;
          headers.set("x-request-id", context.requestId);
          headers.set("authorization", `Bearer ${context.token}`);
          headers.set(GATEWAY_HEADER, await tokens.signGatewayCall(context.requestId));
          if (context.viewer.purpose) headers.set(PURPOSE_HEADER, context.viewer.purpose);
        },
      }),
  });
}
