import { configuredCodeListsDir, createLogger, initCodeLists, loadConfig, startTelemetry } from "@cix/core";
import { startGatewayServer } from "./server.js";

const config = loadConfig();
const log = createLogger("gateway", config.LOG_LEVEL);
try {
  // Before anything else, so the first request is traced too (CIX_OTEL_EXPORTER; off by default).
  const telemetry = await startTelemetry("cix-gateway", config);
  // The edge validates HS codes and UN/LOCODEs before planning: load the lists now, so a missing one stops start-up.
  initCodeLists(configuredCodeListsDir(config), { warn: (msg) => log.warn(msg), info: (msg) => log.info(msg) });
  const server = await startGatewayServer(config, log);
  const shutdown = async () => {
    await server.stop();
    await telemetry?.shutdown();
    process.exit(0);
  };
  process.once("SIGINT", () => void shutdown());
  process.once("SIGTERM", () => void shutdown());
} catch (error) {
  log.fatal({ err: error }, `gateway failed to start: ${(error as Error).message}`);
  process.exit(1);
}
