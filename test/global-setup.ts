import type { TestProject } from "vitest/node";
import { ensureNeo4j } from "@cix/neo4j";

/**
 * Makes a real Neo4j available to every test: the server named by NEO4J_URI, or the embedded launcher on a
 * test port with its own data folder (so tests never touch the dev database).
 */
export default async function setup(project: TestProject) {
  const port = Number(process.env.CIX_TEST_BOLT_PORT ?? 7688);
  const neo4j = await ensureNeo4j({ port, home: "data-test" });
  project.provide("neo4jUri", neo4j.uri);
  return async () => {
    await neo4j.stop();
  };
}

declare module "vitest" {
  export interface ProvidedContext {
    neo4jUri: string;
  }
}
