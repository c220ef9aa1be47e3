import { createHash, timingSafeEqual } from "node:crypto";
import type { ApolloServerPlugin, BaseContext, GraphQLRequestContextWillSendResponse } from "@apollo/server";
import type { RequestHandler } from "express";
import { getOperationAST } from "graphql";
import { collectDefaultMetrics, Counter, Histogram, register } from "prom-client";
import { isLocalRequest, sendJsonError } from "../http.js";

/** Request durations from a millisecond to half a minute (the request timeout). */
export const DURATION_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

const operationSeconds = new Histogram({
  name: "cix_graphql_operation_duration_seconds",
  help: "GraphQL operations served, by process, operation name and type: the count is the request rate",
  labelNames: ["component", "operation", "type"] as const,
  buckets: DURATION_BUCKETS,
});
const operationErrors = new Counter({
  name: "cix_graphql_operation_errors_total",
  help: "GraphQL operations answered with errors, by process, operation name and error code (once per code and operation)",
  labelNames: ["component", "operation", "code"] as const,
});

let processMetricsCollected = false;

/** Node's process metrics (CPU, memory, event loop lag, GC, handles) on the default register, once per process. */
export function collectProcessMetrics(): void {
  if (processMetricsCollected) return;
  processMetricsCollected = true;
  collectDefaultMetrics();
}

/**
 * Operation names as metric labels, bounded: a client chooses its operation names, and each new label value is a new
 * time series. The first `max` names of operations that passed validation are kept; other names are `other`, and
 * operations without a name `anonymous`.
 */
export class OperationNames {
  private readonly known = new Set<string>();

  constructor(private readonly max: number) {}

  /** Keeps the name of a valid operation while there is room. */
  admit(name: string | null | undefined): void {
    if (name && this.known.size < this.max) this.known.add(name);
  }

  label(name: string | null | undefined): string {
    if (!name) return "anonymous";
    return this.known.has(name) ? name : "other";
  }
}

/** The operation's name as far as the request got: resolved, else from the parsed document, else none. */
export function operationNameOf(request: Pick<GraphQLRequestContextWillSendResponse<BaseContext>, "operationName" | "document" | "request">): string | null {
  if (request.operationName) return request.operationName;
  if (!request.document) return null;
  return getOperationAST(request.document, request.request.operationName)?.name?.value ?? null;
}

/**
 * Apollo plugin: duration (and so the rate) of every operation and the error codes it was answered with, per
 * operation name (bounded by `OperationNames`), on the process's /metrics.
 */
export function operationMetricsPlugin<TContext extends BaseContext>(component: string, maxOperationNames: number): ApolloServerPlugin<TContext> {
  const names = new OperationNames(maxOperationNames);
  return {
    async requestDidStart() {
      const started = performance.now();
      return {
        async didResolveOperation({ operationName }) {
          names.admit(operationName);
        },
        async willSendResponse(request) {
          const operation = names.label(operationNameOf(request));
          operationSeconds.observe({ component, operation, type: request.operation?.operation ?? "none" }, (performance.now() - started) / 1000);
          const errors = request.response.body.kind === "single" ? (request.response.body.singleResult.errors ?? []) : [];
          for (const code of new Set(errors.map((e) => String(e.extensions?.code ?? "UNKNOWN")))) operationErrors.inc({ component, operation, code });
        },
      };
    },
  };
}

export interface MetricsAccess {
  /** `CIX_METRICS_TOKEN`: when set, a scrape must send `Authorization: Bearer <token>`. */
  token?: string;
  /** Without a token, answer only clients on this machine (the gateway, whose port is public). */
  loopbackOnly: boolean;
}

/**
 * GET /metrics: the default register in Prometheus' text format, to whom `access` allows. A request that came
 * through a proxy (`Forwarded`, `X-Forwarded-For`) is not a local one, even from a proxy on this machine.
 */
export function metricsEndpoint(access: MetricsAccess): RequestHandler {
  const expected = access.token ? digest(access.token) : undefined;
  return async (req, res) => {
    if (expected) {
      const given = /^Bearer (\S+)$/.exec(req.header("authorization") ?? "")?.[1];
      if (!given || !timingSafeEqual(digest(given), expected)) {
        return sendJsonError(res, 401, "The metrics need the metrics token: Authorization: Bearer <CIX_METRICS_TOKEN>.", { code: "UNAUTHENTICATED" }, { "www-authenticate": "Bearer" });
      }
    } else if (access.loopbackOnly && !isLocalRequest(req)) {
      return sendJsonError(res, 403, "The metrics are served to this machine only, or to anyone with CIX_METRICS_TOKEN set and sent as a bearer token.", { code: "FORBIDDEN" });
    }
    res.type(register.contentType).send(await register.metrics());
  };
}

function digest(text: string): Buffer {
  return createHash("sha256").update(text).digest();
}
