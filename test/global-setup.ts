import type { TestProject } from "vitest/node";
import { Database, loadConfig } from "@cix/core";
import { ensureNeo4j } from "@cix/neo4j";

/**
 * Makes a real Neo4j available to every test: the server named by NEO4J_URI, or the embedded launcher on a
 * test port with its own data folder (so tests never touch the dev database).
 */
export default async function setup(project: TestProject) {
  const port = Number(process.env.CIX_TEST_BOLT_PORT ?? 7688);
  // Two test runs at once (e.g. two work trees) need their own port AND data folder: a store has one owner.
  const neo4j = await ensureNeo4j({ port, home: process.env.CIX_TEST_NEO4J_HOME ?? "data-test" });
  if (!process.env.NEO4J_URI) await resetAuditTrail(neo4j.uri);
  project.provide("neo4jUri", neo4j.uri);
  return async () => {
    await neo4j.stop();
  };
}

/**
 * The audit trail is one hash chain per database; on the embedded test database each run starts a new one, so
 * a chain left by an earlier run (perhaps with another key) cannot fail this run's verification.
 */
async function resetAuditTrail(uri: string): Promise<void> {
  const db = Database.connect(loadConfig({ ...process.env, NEO4J_URI: uri }), "test-setup");
  try {
    await db.write("MATCH (n) WHERE n:AuditEntry OR n:AuditHead DETACH DELETE n");
  } finally {
    await db.close();
  }
}

declare module "vitest" {
  export interface ProvidedContext {
    neo4jUri: string;
  }
}
