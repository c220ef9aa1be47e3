import { once } from "node:events";
import type { AddressInfo } from "node:net";
import http from "node:http";
import { ApolloServer } from "@apollo/server";
import { ApolloServerPluginDrainHttpServer } from "@apollo/server/plugin/drainHttpServer";
import { ApolloServerPluginInlineTraceDisabled } from "@apollo/server/plugin/disabled";
import { expressMiddleware } from "@as-integrations/express5";
import express from "express";
import { GraphQLError, type ValidationRule } from "graphql";
import type { Logger } from "pino";
import { auditPlugin } from "../audit/plugin.js";
import { protectSchema } from "../permissions/rules.js";
import { bearerToken, GATEWAY_HEADER, statedPurpose } from "../auth/request.js";
import { routeRequest, type TokenService } from "../auth/tokens.js";
import type { Database } from "../neo4j/database.js";
import { makeFormatError } from "../errors.js";
import { answerClientErrorsInJson, jsonErrorHandler, methodNotAllowed, notFoundHandler } from "../http.js";
import { createRequestContext, type RequestContext } from "./context.js";
import { buildFederatedSchema, type SubgraphDefinition } from "./federation.js";
import { textInputPlugin } from "./text-input.js";
import { accessLog } from "../telemetry/access-log.js";
import { collectProcessMetrics, metricsEndpoint, operationMetricsPlugin } from "../telemetry/metrics.js";
import { assignRequestId, REQUEST_ID_HEADER, requestIdInErrors } from "../telemetry/request-id.js";
import { TRACEPARENT_HEADER, traceRequests, validTraceparent } from "../telemetry/trace-context.js";

export interface RunningServer {
  url: string;
  port: number;
  stop(): Promise<void>;
}

export interface SubgraphServerOptions {
  db: Database;
  tokens: TokenService;
  /** HMAC key of the audit trail (`loadSecrets(config).auditKey`). */
  auditKey: Uint8Array;
  log: Logger;
  host: string;
  port: number;
  /** Serve without the permission layer (`config.permissionsOff`: the bench's scenario 5 only). */
  permissionsOff?: boolean;
  /** The production profile (`config.production`): no introspection and no `_service`. */
  production: boolean;
  /** `CIX_METRICS_TOKEN`: without it /metrics answers this machine only. */
  metricsToken?: string;
  /** `CIX_METRICS_MAX_OPERATIONS`: operation names kept as metric labels. */
  maxOperationNames?: number;
}

/** How long a stopping subgraph waits for its import jobs to commit their batches in flight. */
const BACKGROUND_DRAIN_MS = 20_000;

/** A request whose JSON body parser kept the raw bytes (the gateway credential is bound to them). */
type WithRawBody = http.IncomingMessage & { rawBody?: Buffer };

/**
 * Production: `{ _service { sdl } }` is refused like introspection. Nothing needs it: the gateway runs on the
 * committed supergraph and `npm run schema` builds each subgraph's SDL in-process (schema/index.ts).
 */
const noServiceField: ValidationRule = (context) => ({
  Field(node) {
    if (node.name.value === "_service" && context.getParentType() === context.getSchema().getQueryType()) {
      context.reportError(new GraphQLError("The _service field is disabled in production; use the published schema.", { nodes: [node] }));
    }
  },
});

/**
 * Serves one subgraph over HTTP: POST /graphql (Apollo Server 5), GET /healthz (alive), GET /readyz
 * (Neo4j reachable) and GET /metrics (Prometheus). Binds to `host`, loopback by default. GraphQL requests
 * must carry the gateway's credential for exactly that call (this subgraph, this body, this user token, once)
 * and a valid user token; anything else gets a 401 and no data. Unknown paths get a JSON 404, known paths asked
 * with another method a JSON 405. Production: no introspection, no `_service`.
 */
export async function startSubgraphServer(def: SubgraphDefinition, opts: SubgraphServerOptions): Promise<RunningServer> {
  const { db, log } = opts;
  const schema = opts.permissionsOff ? await buildFederatedSchema(def) : protectSchema(await buildFederatedSchema(def));
  const app = express();
  app.disable("x-powered-by");
  const httpServer = http.createServer(app);
  answerClientErrorsInJson(httpServer);
  const server = new ApolloServer<RequestContext>({
    schema,
    // run-subgraph.ts drains and exits 0 on SIGTERM/SIGINT; Apollo's own handler would kill the process with the signal again.
    stopOnTerminationSignals: false,
    includeStacktraceInErrorResponses: false,
    formatError: makeFormatError((error) => log.error({ err: error }, "resolver failed")),
    introspection: !opts.production,
    validationRules: opts.production ? [noServiceField] : [],
    // Inline traces would hand timing internals to any caller; they are off.
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer }),
      ApolloServerPluginInlineTraceDisabled(),
      textInputPlugin({ status: 200 }),
      auditPlugin(db, opts.auditKey, def.name, log),
      operationMetricsPlugin(def.name, opts.maxOperationNames ?? 200),
      requestIdInErrors(),
    ],
  });
  await server.start();
  collectProcessMetrics();

  // The gateway's x-request-id (bound into its credential) and traceparent continue here; debug-level access lines
  // (the gateway's are the ones an operator reads).
  app.use(assignRequestId(), traceRequests(def.name), accessLog(log.child({ component: "access" }), { level: "debug" }));

  app.get("/healthz", (_req, res) => {
    res.json({ status: "ok", subgraph: def.name });
  });
  app.get("/readyz", async (_req, res) => {
    try {
      await db.ping();
      res.json({ status: "ready", subgraph: def.name, neo4j: "ok" });
    } catch {
      res.status(503).json({ status: "unavailable", subgraph: def.name, neo4j: "unreachable" });
    }
  });
  app.get("/metrics", metricsEndpoint({ token: opts.metricsToken, loopbackOnly: true }));
  app.all(["/healthz", "/readyz", "/metrics"], methodNotAllowed(["GET"]));
  const stopped = new AbortController();
  const background = new Set<Promise<unknown>>();
  const keepUntilDone = (work: Promise<unknown>) => {
    background.add(work);
    void work.finally(() => background.delete(work));
  };
  for (const routes of def.httpRoutes ?? []) routes(app, { db, log, tokens: opts.tokens, auditKey: opts.auditKey, schema, stopped: stopped.signal, keepUntilDone });
  app.use(
    "/graphql",
    (req, res, next) => (req.method === "POST" || req.method === "GET" ? next() : methodNotAllowed(["POST", "GET"])(req, res, next)),
    // The raw bytes are kept: the gateway's credential carries their SHA-256 (`rh`).
    express.json({ limit: "2mb", verify: (req: WithRawBody, _res, buf) => void (req.rawBody = buf) }),
    expressMiddleware(server, {
      // Trust nobody but the gateway, and re-verify the user's token it forwards.
      context: async ({ req }) => {
        const token = bearerToken(req);
        const { requestId } = await opts.tokens.verifyGatewayCall(req.header(GATEWAY_HEADER), {
          audience: def.name,
          token,
          request: (req as WithRawBody).rawBody ?? routeRequest(req.method, req.originalUrl),
          requestId: req.header(REQUEST_ID_HEADER),
        });
        const viewer = await opts.tokens.verifyUserToken(token);
        const traceparent = validTraceparent(req.header(TRACEPARENT_HEADER));
        return createRequestContext(db, log, { requestId, traceparent }, { ...viewer, purpose: statedPurpose(req) }, true);
      },
    }),
  );
  app.use(notFoundHandler("POST /graphql, GET /healthz, /readyz and /metrics, and the import routes"));
  app.use(jsonErrorHandler);

  httpServer.listen(opts.port, opts.host);
  await once(httpServer, "listening");
  const port = (httpServer.address() as AddressInfo).port;
  const url = `http://${opts.host === "0.0.0.0" ? "127.0.0.1" : opts.host}:${port}/graphql`;
  log.info({ subgraph: def.name, url }, "subgraph listening");
  return {
    url,
    port,
    stop: async () => {
      // Requests in flight and import jobs (which commit their batches in flight, then hand the job back) wind down
      // together; a job stuck longer is resumed from its checkpoint by the next process anyway.
      stopped.abort();
      const jobs = Promise.allSettled([...background]);
      await server.stop();
      await Promise.race([jobs, new Promise((resolve) => setTimeout(resolve, BACKGROUND_DRAIN_MS).unref())]);
    },
  };
}
