import { createLogger, loadConfig } from "@cix/core";
import { startGatewayServer } from "./server.js";

const config = loadConfig();
const log = createLogger("gateway", config.LOG_LEVEL);
try {
  const server = await startGatewayServer(config, log);
  const shutdown = async () => {
    await server.stop();
    process.exit(0);
  };
  process.once("SIGINT", () => void shutdown());
  process.once("SIGTERM", () => void shutdown());
} catch (error) {
  log.fatal({ err: error }, `gateway failed to start: ${(error as Error).message}`);
  process.exit(1);
}
