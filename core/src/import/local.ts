import type { Logger } from "pino";
import type { Config } from "../config.js";
import { buildFederatedSchema, type SubgraphDefinition } from "../graphql/federation.js";
import type { Database } from "../neo4j/database.js";
import { applySchema, sharedNeo4jSchema } from "../neo4j/schema.js";
import { ImportService } from "./service.js";
import type { ImportKind } from "./types.js";

export interface LocalImportDeps {
  db: Database;
  config: Config;
  log: Logger;
  auditKey: Uint8Array;
  /** Each subgraph with the kinds it imports (its schema gives their row types; its constraints are applied). */
  subgraphs: ReadonlyArray<{ def: SubgraphDefinition; kinds: readonly ImportKind[] }>;
}

/**
 * Import services for running imports in this process, straight against Neo4j (the CLI, the CEN-scale loader and
 * the benchmark): the same engine, kinds, validation and upserts as the HTTP endpoint, without the HTTP hop.
 * Applies each subgraph's constraints first, so an empty database works.
 */
export async function localImportServices(deps: LocalImportDeps): Promise<Map<string, ImportService>> {
  const services = new Map<string, ImportService>();
  const statements = new Set<string>(sharedNeo4jSchema);
  for (const { def } of deps.subgraphs) for (const s of def.neo4jSchema) statements.add(s);
  await applySchema(deps.db, [...statements]);
  for (const { def, kinds } of deps.subgraphs) {
    const schema = await buildFederatedSchema(def);
    const service = new ImportService({ db: deps.db, schema, kinds, config: deps.config, log: deps.log, auditKey: deps.auditKey });
    for (const kind of kinds) services.set(kind.name, service);
  }
  return services;
}
