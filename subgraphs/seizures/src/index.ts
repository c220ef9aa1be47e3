import "reflect-metadata";
import { ImportJobResolver, partyReferences, type RequestContext, type SubgraphDefinition } from "@cix/core";
import { seizuresImportRoutes } from "./import/routes.js";
import { PartySeizuresResolver } from "./party/party.resolver.js";
import { photoSchema } from "./photos/photo.repository.js";
import { QualityResolver } from "./quality/quality.resolver.js";
import { qualityStatisticsJob, qualityStatisticsSchema } from "./quality/quality.statistics.js";
import { PhotoResolver } from "./photos/photo.resolver.js";
import { ReviewResolver } from "./review/review.resolver.js";
import { seizureById } from "./seizure/seizure.loaders.js";
import { seizureSchema } from "./seizure/seizure.repository.js";
import { RouteLegResolver, SeizureResolver } from "./seizure/seizure.resolver.js";

/** The seizures subgraph: CEN cases, their goods, routes, concealment and photos (non-nominal facts), and offender links. */
export const seizuresSubgraph: SubgraphDefinition = {
  name: "seizures",
  resolvers: [SeizureResolver, RouteLegResolver, ReviewResolver, PhotoResolver, PartySeizuresResolver, QualityResolver, ImportJobResolver],
  referenceResolvers: {
    Seizure: { __resolveReference: (ref: { id: string }, ctx: RequestContext) => seizureById(ctx).load(ref.id) },
    Party: { __resolveReference: (ref: { id: string }, ctx: RequestContext) => partyReferences(ctx).load(ref.id) },
  },
  neo4jSchema: [...seizureSchema, ...photoSchema, ...qualityStatisticsSchema],
  jobs: [qualityStatisticsJob],
  httpRoutes: [seizuresImportRoutes],
};

/** The record kinds this subgraph imports (for the import CLI and the CEN-scale loader). */
export { seizuresImportKinds } from "./import/routes.js";
