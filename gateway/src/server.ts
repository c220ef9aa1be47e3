import { randomUUID } from "node:crypto";
import { once } from "node:events";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { ApolloServer } from "@apollo/server";
import { ApolloServerPluginDrainHttpServer } from "@apollo/server/plugin/drainHttpServer";
import { expressMiddleware } from "@as-integrations/express5";
import {
  bearerToken,
  jsonErrorHandler,
  makeFormatError,
  statedPurpose,
  TokenService,
  type Config,
  type Logger,
  type RunningServer,
} from "@cix/core";
import express from "express";
import { createGateway, type GatewayContext } from "./gateway.js";
import { checkReadiness } from "./readiness.js";

/** The public edge: POST /graphql (federated), GET /healthz (alive), GET /readyz (subgraphs and Neo4j). */
export async function startGatewayServer(config: Config, log: Logger, port = config.GATEWAY_PORT): Promise<RunningServer> {
  const app = express();
  app.disable("x-powered-by");
  const httpServer = http.createServer(app);
  const tokens = new TokenService(config);
  const server = new ApolloServer<GatewayContext>({
    gateway: createGateway(config, tokens),
    includeStacktraceInErrorResponses: false,
    formatError: makeFormatError((error) => log.error({ err: error }, "request failed")),
    plugins: [ApolloServerPluginDrainHttpServer({ httpServer })],
  });
  await server.start();

  app.get("/healthz", (_req, res) => {
    res.json({ status: "ok" });
  });
  app.get("/readyz", async (_req, res) => {
    const readiness = await checkReadiness(config);
    res.status(readiness.ready ? 200 : 503).json({ status: readiness.ready ? "ready" : "unavailable", checks: readiness.checks });
  });
  app.use(
    "/graphql",
    express.json({ limit: "1mb" }),
    expressMiddleware(server, {
      context: async ({ req }) => {
        const token = bearerToken(req);
        const viewer = await tokens.verifyUserToken(token);
        return { requestId: randomUUID(), token: token!, viewer: { ...viewer, purpose: statedPurpose(req) } };
      },
    }),
  );
  app.use(jsonErrorHandler);

  httpServer.listen(port, config.GATEWAY_HOST);
  await once(httpServer, "listening");
  const actualPort = (httpServer.address() as AddressInfo).port;
  const url = `http://localhost:${actualPort}/graphql`;
  log.info({ url }, "gateway listening");
  return { url, port: actualPort, stop: () => server.stop() };
}
