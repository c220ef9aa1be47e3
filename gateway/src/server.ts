import { once } from "node:events";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { ApolloServer } from "@apollo/server";
import { ApolloServerPluginDrainHttpServer } from "@apollo/server/plugin/drainHttpServer";
import { expressMiddleware } from "@as-integrations/express5";
import {
  accessLog,
  answerClientErrorsInJson,
  assignRequestId,
  collectProcessMetrics,
  jsonErrorHandler,
  metricsEndpoint,
  operationMetricsPlugin,
  requestIdInErrors,
  requestIdOf,
  requestTraceContext,
  statedPurpose,
  TokenService,
  traceRequests,
  type Config,
  type Logger,
  type RunningServer,
} from "@cix/core";
import express from "express";
import { GraphQLError } from "graphql";
import { edgeApolloOptions } from "./apollo-options.js";
import { importProxy } from "./import-proxy.js";
import { authenticate, callerOf } from "./authenticate.js";
import { createGateway, type GatewayContext } from "./gateway.js";
import { bodyTooLargeHandler, requestShapeLimits } from "./limits/request-shape.js";
import { createRateLimits } from "./rate-limit.js";
import { browsersToIde, developmentIde } from "./ide/graphiql.js";
import { checkReadiness } from "./readiness.js";
import { apiVersionHeader } from "./api-version.js";
import { describeEdgeRequest, recordOperationName, requestRecordOf } from "./observability.js";
import { methodNotAllowed, notFound } from "./http-errors.js";
import { loadTrustedClients } from "./trusted-documents/manifests.js";

/**
 * The public edge: POST/GET /graphql (federated), GET /healthz (alive), GET /readyz (subgraphs and Neo4j), and the
 * import routes under /import; in development also GraphiQL at /graphiql. Any other path answers a JSON 404, a known
 * path with another method a JSON 405.
 * A GraphQL request passes, in order: token verification, rate limits, the body-size limit, the document-size and
 * variable-nesting limits, then Apollo (CSRF, parser token limit, shape limits, cost limit, trusted documents).
 */
export async function startGatewayServer(config: Config, log: Logger, port = config.GATEWAY_PORT): Promise<RunningServer> {
  const app = express();
  app.disable("x-powered-by");
  app.use(apiVersionHeader);
  if (config.CIX_TRUST_PROXY) app.set("trust proxy", trustProxy(config.CIX_TRUST_PROXY));
  const httpServer = http.createServer(app);
  // A client trickling its headers or body (slowloris) is cut off instead of holding a socket for minutes.
  httpServer.headersTimeout = 10_000;
  httpServer.requestTimeout = 30_000;
  answerClientErrorsInJson(httpServer);
  const tokens = new TokenService(config);
  const trustedClients = loadTrustedClients(config);
  const rateLimits = await createRateLimits(config, log);
  const server = new ApolloServer<GatewayContext>({
    gateway: createGateway(config, tokens, log),
    // main.ts drains and exits 0 on SIGTERM/SIGINT; Apollo's own handler would kill the process with the signal again.
    stopOnTerminationSignals: false,
    ...edgeApolloOptions(config, log, [
      ApolloServerPluginDrainHttpServer({ httpServer }),
      operationMetricsPlugin("gateway", config.CIX_METRICS_MAX_OPERATIONS),
      recordOperationName(),
      requestIdInErrors(),
    ]),
  });
  await server.start();
  collectProcessMetrics();

  // First, for every request: its id (x-request-id in and out), its trace, and its access-log line.
  app.use(assignRequestId(), traceRequests("gateway"), accessLog(log.child({ component: "access" }), { describe: describeEdgeRequest }));
  app.get("/healthz", (_req, res) => {
    res.json({ status: "ok" });
  });
  app.get("/readyz", async (_req, res) => {
    const readiness = await checkReadiness(config);
    res.status(readiness.ready ? 200 : 503).json({ status: readiness.ready ? "ready" : "unavailable", failing: readiness.failing, checks: readiness.checks });
  });
  // Prometheus: to this machine only, or to a scraper with CIX_METRICS_TOKEN (the gateway's port is public).
  app.get("/metrics", metricsEndpoint({ token: config.CIX_METRICS_TOKEN, loopbackOnly: true }));
  app.all(["/healthz", "/readyz", "/metrics"], methodNotAllowed(["GET"]));
  // Development only: GraphiQL served by the hub, with a demo login (gateway/src/ide). In production neither exists.
  if (!config.production) {
    app.use("/graphiql", developmentIde(config.production, tokens, log));
    app.get("/graphql", browsersToIde);
  }
  app.use(
    "/graphql",
    (req, res, next) => (req.method === "POST" || req.method === "GET" ? next() : methodNotAllowed(["POST", "GET"])(req, res, next)),
    authenticate(tokens),
    rateLimits.middleware,
    express.json({ limit: config.CIX_MAX_BODY_BYTES }),
    requestShapeLimits(config),
    expressMiddleware(server, {
      context: async ({ req, res }) => {
        const requestId = requestIdOf(res);
        const caller = withRequestIdOnError(requestId, () => callerOf(res));
        return {
          requestId,
          traceContext: requestTraceContext(res),
          record: requestRecordOf(res),
          token: caller.token,
          viewer: { ...caller.viewer, purpose: statedPurpose(req) },
          trustedClient: trustedClients.get(caller.clientId),
        };
      },
    }),
  );
  // Bulk import uploads and reports, streamed to the owning subgraph (core/src/import, gateway/src/import-proxy.ts).
  app.use("/import", authenticate(tokens), rateLimits.middleware, importProxy(config, tokens, log));
  app.use(notFound("POST or GET /graphql, GET /healthz, /readyz and /metrics, POST /import/<kind> and GET /import/jobs/<id>/report.csv|json"));
  app.use(bodyTooLargeHandler(config), jsonErrorHandler);

  httpServer.listen(port, config.GATEWAY_HOST);
  await once(httpServer, "listening");
  const actualPort = (httpServer.address() as AddressInfo).port;
  const url = `http://localhost:${actualPort}/graphql`;
  log.info({ url, production: config.production, trustedClients: trustedClients.size }, "gateway listening");
  return {
    url,
    port: actualPort,
    stop: async () => {
      await server.stop();
      await rateLimits.close();
    },
  };
}

/** Runs `fn`; a GraphQL error it throws (the 401 of a missing token) gets the request's id, as Apollo's own do. */
function withRequestIdOnError<T>(requestId: string, fn: () => T): T {
  try {
    return fn();
  } catch (error) {
    if (error instanceof GraphQLError) throw new GraphQLError(error.message, { extensions: { ...error.extensions, requestId } });
    throw error;
  }
}

/** `true`/`false`, a hop count, or Express's names and subnets (`loopback`, `10.0.0.0/8`, …). */
function trustProxy(value: string): boolean | number | string {
  if (value === "true" || value === "false") return value === "true";
  return /^\d+$/.test(value) ? Number(value) : value;
}
