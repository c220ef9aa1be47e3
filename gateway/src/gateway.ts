import { readFileSync } from "node:fs";
import { ApolloGateway, RemoteGraphQLDataSource } from "@apollo/gateway";
import type { Config, SubgraphName } from "@cix/core";

export interface GatewayContext {
  requestId: string;
}

/** The composed supergraph committed in schema/ (produced by `npm run schema`). */
export function readSupergraph(): string {
  return readFileSync(new URL("../../schema/supergraph.graphql", import.meta.url), "utf8");
}

/**
 * An Apollo Gateway on the static supergraph. Subgraph URLs come from the environment, not from the
 * URLs recorded at composition time, so the same supergraph serves dev, CI and Docker.
 */
export function createGateway(config: Config): ApolloGateway {
  return new ApolloGateway({
    supergraphSdl: readSupergraph(),
    buildService: ({ name }) =>
      new RemoteGraphQLDataSource<GatewayContext>({
        url: config.subgraphUrls[name as SubgraphName],
        willSendRequest({ request, context }) {
          if (context.requestId) request.http?.headers.set("x-request-id", context.requestId);
        },
      }),
  });
}
