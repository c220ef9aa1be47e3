import { randomUUID } from "node:crypto";
import { inject } from "vitest";
import {
  applySchema,
  sharedNeo4jSchema,
  createLogger,
  Database,
  loadConfig,
  type Config,
  type RunningServer,
  type SubgraphName,
  startSubgraphServer,
  TokenService,
  loadSecrets,
} from "@cix/core";
import { startGatewayServer } from "@cix/gateway";
import { subgraphs } from "@cix/schema";

export interface GraphQLResponse<T = Record<string, unknown>> {
  status: number;
  data?: T | null;
  errors?: Array<{ message: string; path?: Array<string | number>; extensions?: Record<string, unknown> }>;
}

export interface TestStack {
  config: Config;
  db: Database;
  gatewayUrl: string;
  subgraphs: Record<SubgraphName, RunningServer>;
  gateway: RunningServer;
  /** POSTs a GraphQL request to the gateway. */
  query<T = Record<string, unknown>>(query: string, variables?: Record<string, unknown>, headers?: Record<string, string>): Promise<GraphQLResponse<T>>;
  stop(): Promise<void>;
}

/** Test config pointing at the test Neo4j, with every port chosen by the OS. */
export function testConfig(overrides: Record<string, string> = {}): Config {
  return loadConfig({
    ...process.env,
    NEO4J_URI: inject("neo4jUri"),
    LOG_LEVEL: process.env.LOG_LEVEL ?? "silent",
    ...overrides,
  });
}

export function testDatabase(component = "test"): Database {
  return Database.connect(testConfig(), component);
}

/** The whole hub in this process: three subgraphs and the gateway on ephemeral loopback ports, on the real Neo4j. */
export async function startTestStack(overrides: Record<string, string> = {}): Promise<TestStack> {
  const base = testConfig(overrides);
  const log = createLogger("test", base.LOG_LEVEL);
  const db = Database.connect(base, "test");
  const running = {} as Record<SubgraphName, RunningServer>;
  for (const def of subgraphs) {
    const subgraphDb = Database.connect(base, def.name);
    await applySchema(subgraphDb, [...sharedNeo4jSchema, ...def.neo4jSchema]);
    const server = await startSubgraphServer(def, { db: subgraphDb, log, tokens: new TokenService(base), auditKey: loadSecrets(base).auditKey, host: "127.0.0.1", port: 0, production: base.production });
    running[def.name] = { ...server, stop: async () => { await server.stop(); await subgraphDb.close(); } };
  }
  const config = loadConfig({
    ...process.env,
    NEO4J_URI: inject("neo4jUri"),
    LOG_LEVEL: base.LOG_LEVEL,
    SEIZURES_URL: running.seizures.url,
    ENTITIES_URL: running.entities.url,
    ECOMMERCE_URL: running.ecommerce.url,
    ...overrides,
  });
  const gateway = await startGatewayServer(config, log, 0);
  const gatewayUrl = `http://127.0.0.1:${gateway.port}/graphql`;
  return {
    config,
    db,
    gatewayUrl,
    subgraphs: running,
    gateway,
    query: (query, variables, headers) => postGraphQL(gatewayUrl, query, variables, headers),
    stop: async () => {
      await gateway.stop();
      for (const s of Object.values(running)) await s.stop().catch(() => undefined);
      await db.close();
    },
  };
}

export async function postGraphQL<T>(
  url: string,
  query: string,
  variables?: Record<string, unknown>,
  headers: Record<string, string> = {},
): Promise<GraphQLResponse<T>> {
  const res = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await res.json()) as Omit<GraphQLResponse<T>, "status">;
  return { status: res.status, ...body };
}

/** A value no other test run will use, for natural keys (case numbers, tracking numbers). */
export function unique(prefix: string): string {
  return `${prefix}-${randomUUID().slice(0, 8).toUpperCase()}`;
}
