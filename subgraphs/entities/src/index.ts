import "reflect-metadata";
import { identifierSchema, IDENTIFIER_KINDS, ImportJobResolver, type RequestContext, type SubgraphDefinition } from "@cix/core";
import { entitiesImportRoutes } from "./import/routes.js";
import { AnalysisResolver } from "./analysis/analysis.resolver.js";
import { MatchResolver } from "./analysis/match/match.resolver.js";
import { NetworkNodeResolver } from "./analysis/record.resolver.js";
import { CompanyResolver } from "./company/company.resolver.js";
import { companySchema } from "./company/company.repository.js";
import { IdentifierLinkResolver } from "./identifier/identifier-link.resolver.js";
import { identifierById } from "./identifier/identifier.loaders.js";
import { identifierResolvers } from "./identifier/identifier.resolver.js";
import { loadPartyOfType, partyById } from "./party/party.loaders.js";
import { partySchema } from "./party/party.projection.js";
import { PartyResolver } from "./party/party.resolver.js";
import { AuditResolver } from "./audit/audit.resolver.js";
import { purgeOperationDataJob } from "./operation/operation.jobs.js";
import { operationById } from "./operation/operation.loaders.js";
import { operationSchema } from "./operation/operation.repository.js";
import { OperationResolver } from "./operation/operation.resolver.js";
import { PersonResolver } from "./person/person.resolver.js";
import { personSchema } from "./person/person.repository.js";
import { CompanyRelationshipResolver, PersonRelationshipResolver } from "./relationship/relationship.resolver.js";

type Ref = { id: string };

/** The entities subgraph: persons, companies, the identifiers that link them, and their relationships (nominal data); joint operations; link analysis. */
export const entitiesSubgraph: SubgraphDefinition = {
  name: "entities",
  resolvers: [
    PartyResolver,
    PersonResolver,
    CompanyResolver,
    PersonRelationshipResolver,
    CompanyRelationshipResolver,
    IdentifierLinkResolver,
    ...identifierResolvers,
    OperationResolver,
    ImportJobResolver,
    AnalysisResolver,
    NetworkNodeResolver,
    MatchResolver,
    AuditResolver,
  ],
  referenceResolvers: {
    // A `Party` reference (from an @interfaceObject in another subgraph) resolves to its concrete type via __typename.
    Party: { __resolveReference: (ref: Ref, ctx: RequestContext) => partyById(ctx).load(ref.id) },
    Person: { __resolveReference: (ref: Ref, ctx: RequestContext) => loadPartyOfType(ctx, ref.id, "Person") },
    Company: { __resolveReference: (ref: Ref, ctx: RequestContext) => loadPartyOfType(ctx, ref.id, "Company") },
    Operation: { __resolveReference: (ref: Ref, ctx: RequestContext) => operationById(ctx).load(ref.id) },
    ...Object.fromEntries(
      IDENTIFIER_KINDS.map((kind) => [kind, { __resolveReference: (ref: Ref, ctx: RequestContext) => identifierById(ctx, kind).load(ref.id) }]),
    ),
  },
  neo4jSchema: [...partySchema, ...personSchema, ...companySchema, ...identifierSchema, ...operationSchema],
  jobs: [purgeOperationDataJob],
  httpRoutes: [entitiesImportRoutes],
};

/** The record kinds this subgraph imports (for the import CLI and the CEN-scale loader). */
export { entitiesImportKinds } from "./import/routes.js";
/** Operations for loaders that write without the gateway (the CEN-scale seed shares the rings' parties). */
export { OperationRepository } from "./operation/operation.repository.js";
