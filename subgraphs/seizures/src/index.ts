import "reflect-metadata";
import type { RequestContext, SubgraphDefinition } from "@cix/core";
import { seizureById } from "./seizure/seizure.loaders.js";
import { seizureSchema } from "./seizure/seizure.repository.js";
import { SeizureResolver } from "./seizure/seizure.resolver.js";

/** The seizures subgraph: CEN cases, their goods, routes and concealment (non-nominal facts). */
export const seizuresSubgraph: SubgraphDefinition = {
  name: "seizures",
  resolvers: [SeizureResolver],
  referenceResolvers: {
    Seizure: { __resolveReference: (ref: { id: string }, ctx: RequestContext) => seizureById(ctx).load(ref.id) },
  },
  neo4jSchema: seizureSchema,
};
