import { loadSecrets } from "../auth/secrets.js";
import { TokenService } from "../auth/tokens.js";
import { initCodeLists } from "../codelists/singleton.js";
import { configuredCodeListsDir } from "../codelists/load.js";
import { loadConfig } from "../config.js";
import { createLogger } from "../logger.js";
import { Database } from "../neo4j/database.js";
import { applySchema, sharedNeo4jSchema } from "../neo4j/schema.js";
import type { SubgraphDefinition } from "./federation.js";
import { startSubgraphServer } from "./subgraph-server.js";
import { startTelemetry } from "../telemetry/tracing.js";

/**
 * The process entry of a subgraph: read config, connect to Neo4j, apply the subgraph's constraints,
 * serve, and shut down cleanly on SIGINT/SIGTERM. A failure at start-up logs one line and exits 1.
 */
export async function runSubgraphProcess(def: SubgraphDefinition): Promise<void> {
  const config = loadConfig();
  const log = createLogger(`subgraph-${def.name}`, config.LOG_LEVEL);
  const db = Database.connect(config, def.name);
  try {
    // Before anything else, so the first request is traced too (CIX_OTEL_EXPORTER; off by default).
    const telemetry = await startTelemetry(`cix-${def.name}`, config);
    // At start-up, not on the first request: a missing or broken list stops the process here, and the log says
    // which lists (folder, checksums) are in use.
    initCodeLists(configuredCodeListsDir(config), { warn: (msg) => log.warn(msg), info: (msg) => log.info(msg) });
    await applySchema(db, [...sharedNeo4jSchema, ...def.neo4jSchema]);
    const server = await startSubgraphServer(def, {
      db,
      log,
      tokens: new TokenService(config),
      auditKey: loadSecrets(config).auditKey,
      host: config.SUBGRAPH_HOST,
      port: config.subgraphPorts[def.name],
      permissionsOff: config.permissionsOff,
      production: config.production,
      metricsToken: config.CIX_METRICS_TOKEN,
      maxOperationNames: config.CIX_METRICS_MAX_OPERATIONS,
    });
    const timers = (def.jobs ?? []).map((job) =>
      setInterval(() => {
        job.run(db, log).catch((error: unknown) => log.error({ err: error, job: job.name }, "scheduled job failed"));
      }, job.intervalMs).unref(),
    );
    const shutdown = async (signal: string) => {
      log.info({ signal }, "shutting down");
      timers.forEach(clearInterval);
      await server.stop();
      await db.close();
      await telemetry?.shutdown();
      process.exit(0);
    };
    process.once("SIGINT", () => void shutdown("SIGINT"));
    process.once("SIGTERM", () => void shutdown("SIGTERM"));
  } catch (error) {
    log.fatal({ err: error }, `subgraph ${def.name} failed to start: ${(error as Error).message}`);
    await db.close().catch(() => undefined);
    process.exit(1);
  }
}
