import "reflect-metadata";
import { buildSubgraphSchema } from "@apollo/subgraph";
import { printSchemaWithDirectives } from "@graphql-tools/utils";
import { Kind, parse, visit, type DocumentNode, type GraphQLSchema } from "graphql";
import { buildSchema, createResolversMap, type NonEmptyArray } from "type-graphql";
import type { Router } from "express";
import type { Logger } from "pino";
import type { TokenService } from "../auth/tokens.js";
import type { SubgraphName } from "../config.js";
import type { Database } from "../neo4j/database.js";
import { NOMINAL_DIRECTIVE } from "./nominal.js";
import { MULTILINE_DIRECTIVE_SDL } from "./text-input.js";

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- Apollo's resolver map is untyped by design
type ResolverMap = Record<string, any>;

/** What a subgraph package exports: its type-graphql resolvers, reference resolvers and Neo4j schema. */
export interface SubgraphDefinition {
  name: SubgraphName;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type -- type-graphql takes resolver classes
  resolvers: NonEmptyArray<Function>;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  orphanedTypes?: Function[];
  /** `__resolveReference` per entity type the subgraph owns; each must go through a DataLoader. */
  referenceResolvers: ResolverMap;
  /** Idempotent constraint/index statements for the labels this subgraph writes. */
  neo4jSchema: readonly string[];
  /** Background jobs the subgraph process runs on a schedule (e.g. purging expired operation data). */
  jobs?: readonly ScheduledJob[];
  /**
   * Extra HTTP routes served beside /graphql (e.g. bulk import uploads, `core/src/import`). They get no body
   * parser and no authentication of their own: each route must verify the gateway credential and the user token.
   */
  httpRoutes?: ReadonlyArray<(app: Router, deps: SubgraphHttpDeps) => void>;
}

/** What an extra HTTP route of a subgraph may use. */
export interface SubgraphHttpDeps {
  db: Database;
  log: Logger;
  tokens: TokenService;
  /** HMAC key of the audit trail (writes through extra routes are audited too). */
  auditKey: Uint8Array;
  /** The subgraph's schema (e.g. for the GraphQL input types an import validates against). */
  schema: GraphQLSchema;
  /** Aborted when the server stops: background work the routes started (timers, import jobs) winds down with it. */
  stopped?: AbortSignal;
  /** Background work the server waits for when it stops (an import job committing its batches in flight). */
  keepUntilDone?: (work: Promise<unknown>) => void;
}

export interface ScheduledJob {
  name: string;
  intervalMs: number;
  run(db: Database, log: Logger): Promise<void>;
}

// `@nominal` and `@roles` are CIX's own directives, composed into the supergraph so consumers see which fields are
// personal data and who may call what; `@multiline` (graphql/text-input.ts) marks the inputs that take free text.
const FEDERATION_LINK = `extend schema
  @link(url: "https://specs.apollo.dev/federation/v2.7",
        import: ["@key", "@shareable", "@external", "@requires", "@provides", "@interfaceObject", "@inaccessible", "@tag", "@composeDirective"])
  @link(url: "https://cix.wcoomd.org/nominal/v1.0", import: ["@nominal"])
  @composeDirective(name: "@nominal")
  @link(url: "https://cix.wcoomd.org/roles/v1.0", import: ["@roles"])
  @composeDirective(name: "@roles")
  @link(url: "https://cix.wcoomd.org/multiline/v1.0", import: ["@multiline"])
  @composeDirective(name: "@multiline")

"""Nominal (personal) data: names, birth dates, documents, addresses, phones, e-mails, accounts, registration numbers, agencies' own references. Readable only by investigators and supervisors of the owner agency (or of members of an open operation it is shared into), with a stated purpose; every read is audited. On a type: every object of it is about a person or company, so a link to one (any field returning it) is personal data too, present only for callers who may read that object's nominal data."""
directive @nominal on FIELD_DEFINITION | OBJECT | INTERFACE

"""Who may call this field: callers holding any of these roles (partner, analyst, investigator, supervisor, admin). Every mutation carries it; a mutation without it is refused to everyone."""
directive @roles(anyOf: [String!]!) on FIELD_DEFINITION

${MULTILINE_DIRECTIVE_SDL}`;

/**
 * Builds a Federation 2 subgraph schema from type-graphql classes: type-graphql produces the schema (with the
 * `@key` and other directives set by `@Directive`), which is printed to SDL and handed to `@apollo/subgraph`
 * together with type-graphql's resolvers and the reference resolvers.
 */
export async function buildFederatedSchema(def: SubgraphDefinition): Promise<GraphQLSchema> {
  const typeGraphqlSchema = await buildSchema({
    resolvers: def.resolvers,
    orphanedTypes: def.orphanedTypes,
    skipCheck: true,
    validate: false,
  });
  const typeDefs = nominalFieldsNullable(parse(FEDERATION_LINK + printSchemaWithDirectives(typeGraphqlSchema)));
  return buildSubgraphSchema({ typeDefs, resolvers: mergeResolverMaps(createResolversMap(typeGraphqlSchema), def.referenceResolvers) });
}

function mergeResolverMaps(base: ResolverMap, extra: ResolverMap): ResolverMap {
  const merged: ResolverMap = { ...base };
  for (const [typeName, fields] of Object.entries(extra)) merged[typeName] = { ...(merged[typeName] ?? {}), ...fields };
  return merged;
}

/**
 * A denied nominal field reads as `null` with a FORBIDDEN error, so every `@nominal` field must be nullable:
 * the marking makes it so, whatever the type declares (otherwise a denial would null the whole parent).
 */
function nominalFieldsNullable(document: DocumentNode): DocumentNode {
  return visit(document, {
    FieldDefinition(node) {
      const nominal = node.directives?.some((d) => d.name.value === NOMINAL_DIRECTIVE);
      return nominal && node.type.kind === Kind.NON_NULL_TYPE ? { ...node, type: node.type.type } : undefined;
    },
  });
}
