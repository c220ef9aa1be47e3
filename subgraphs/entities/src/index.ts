import "reflect-metadata";
import type { RequestContext, SubgraphDefinition } from "@cix/core";
import { personById } from "./person/person.loaders.js";
import { personSchema } from "./person/person.repository.js";
import { PersonResolver } from "./person/person.resolver.js";

/** The entities subgraph: persons, companies and the identifiers that link them (nominal data). */
export const entitiesSubgraph: SubgraphDefinition = {
  name: "entities",
  resolvers: [PersonResolver],
  referenceResolvers: {
    Person: { __resolveReference: (ref: { id: string }, ctx: RequestContext) => personById(ctx).load(ref.id) },
  },
  neo4jSchema: personSchema,
};
