import { printSubgraphSchema } from "@apollo/subgraph";
import { composeServices } from "@apollo/composition";
import { API_VERSION, buildFederatedSchema, loadConfig, type SubgraphDefinition } from "@cix/core";
import { ecommerceSubgraph } from "@cix/subgraph-ecommerce";
import { entitiesSubgraph } from "@cix/subgraph-entities";
import { seizuresSubgraph } from "@cix/subgraph-seizures";
import { parse } from "graphql";
import { printApiSchema } from "./api.js";

export { API_HEADER_PREFIX } from "./api.js";

export const subgraphs: readonly SubgraphDefinition[] = [seizuresSubgraph, entitiesSubgraph, ecommerceSubgraph];

export interface SchemaArtefacts {
  /** File name (in schema/) → content. */
  files: Record<string, string>;
}

/**
 * Prints each subgraph's SDL (with federation and custom directives), composes the supergraph, and prints its
 * client-facing API schema with the API version (`api.graphql`, schema/api.ts).
 * Throws with every composition error listed if the subgraphs do not compose.
 */
export async function produceSchemaArtefacts(): Promise<SchemaArtefacts> {
  const config = loadConfig({ ...process.env, SEIZURES_URL: undefined, ENTITIES_URL: undefined, ECOMMERCE_URL: undefined });
  const files: Record<string, string> = {};
  const services = [];
  for (const def of subgraphs) {
    const sdl = printSubgraphSchema(await buildFederatedSchema(def)) + "\n";
    files[`${def.name}.graphql`] = sdl;
    // The URL recorded here is the default; the gateway overrides it from the environment.
    services.push({ name: def.name, url: config.subgraphUrls[def.name], typeDefs: parse(sdl) });
  }
  const composed = composeServices(services);
  if (composed.errors) {
    throw new Error(`Supergraph composition failed:\n${composed.errors.map((e) => `- ${e.message}`).join("\n")}`);
  }
  files["supergraph.graphql"] = composed.supergraphSdl;
  files["api.graphql"] = printApiSchema(composed, API_VERSION);
  return { files };
}
