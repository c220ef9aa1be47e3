import { readFileSync } from "node:fs";
import { join } from "node:path";
import { ApolloGateway, RemoteGraphQLDataSource } from "@apollo/gateway";
import type { Context } from "@opentelemetry/api";
import {
  ErrorCode,
  GATEWAY_HEADER,
  PURPOSE_HEADER,
  REQUEST_ID_HEADER,
  repoRoot,
  TRACEPARENT_HEADER,
  traceparentForCall,
  type Config,
  type Logger,
  type SubgraphName,
  type TokenService,
  type Viewer,
} from "@cix/core";
import { GraphQLError } from "graphql";
import { circuitBreakingFetcher } from "./circuit-breaker.js";
import { recordFetch, type RequestRecord } from "./observability.js";
import { validateScalarsAtTheEdge } from "./scalars.js";
import { isUnavailable, unavailableError, unavailableResponse } from "./subgraph-outage.js";
import type { TrustedDocumentsContext } from "./trusted-documents/plugin.js";

export interface GatewayContext extends TrustedDocumentsContext {
  requestId: string;
  /** The caller's verified token, forwarded so every subgraph verifies it again. */
  token: string;
  viewer: Viewer;
  /** The request's trace (its server span), continued in each subgraph fetch's `traceparent`. */
  traceContext: Context;
  /** What the access-log line reports of this request. */
  record: RequestRecord;
}

/** The composed supergraph committed in schema/ (produced by `npm run schema`). */
export function readSupergraph(): string {
  return readFileSync(join(repoRoot, "schema", "supergraph.graphql"), "utf8");
}

type FetcherResponse = Parameters<RemoteGraphQLDataSource["errorFromResponse"]>[0];
type Fetcher = RemoteGraphQLDataSource["fetcher"];

/**
 * The fetcher of one subgraph's data source: Node's own fetch (undici; Apollo's default client stack cost ~12% of
 * gateway CPU in the benchmark), plus the gateway credential of this one call. It is signed here, where the body
 * is final: RemoteGraphQLDataSource serialises the request (JSON.stringify) after `willSendRequest`, so the
 * string is turned into bytes once, hashed, and those same bytes are sent. The credential names this subgraph,
 * the request id and the user token `willSendRequest` set; without a user token no credential is made and the
 * subgraph refuses the call. A fetch not answered within `timeoutMs` is aborted (TimeoutError: the subgraph's fields
 * are SERVICE_UNAVAILABLE), so a hanging subgraph holds a socket for that long at most.
 */
function signingFetcher(subgraph: SubgraphName, tokens: TokenService, timeoutMs: number): Fetcher {
  return (url, init = {}) => {
    const headers = { ...init.headers };
    const body = typeof init.body === "string" ? Buffer.from(init.body, "utf8") : (init.body ?? Buffer.alloc(0));
    const token = /^Bearer (\S+)$/.exec(headers.authorization ?? "")?.[1];
    const requestId = headers[REQUEST_ID_HEADER];
    if (token && requestId) headers[GATEWAY_HEADER] = tokens.signGatewayCall({ requestId, token, audience: subgraph, request: body });
    return fetch(url, { ...init, headers, body, signal: AbortSignal.timeout(timeoutMs) }) as unknown as Promise<FetcherResponse>;
  };
}

/**
 * Apollo Server 5 answers a rejected variable (e.g. an HSCode the scalar refuses) with HTTP 400 and the
 * GraphQL error in the body. That is the client's mistake: pass it on as BAD_USER_INPUT, with the field path
 * graphql-js names in the message, instead of treating it as a failed fetch (INTERNAL_SERVER_ERROR).
 * Any other failed fetch is logged here and reaches the client as a bare INTERNAL_SERVER_ERROR: the default
 * error names the subgraph's status and carries its URL and body.
 */
class SubgraphDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  constructor(
    config: ConstructorParameters<typeof RemoteGraphQLDataSource<GatewayContext>>[0],
    private readonly subgraph: string,
    private readonly log: Logger,
  ) {
    super(config);
  }

  override async errorFromResponse(response: FetcherResponse): Promise<GraphQLError> {
    if (response.status === 400) {
      const body: unknown = await this.parseBody(response.clone()).catch(() => null);
      const first = (body as { errors?: Array<{ message?: unknown; extensions?: Record<string, unknown> }> } | null)?.errors?.[0];
      if (first?.extensions?.code === ErrorCode.BAD_USER_INPUT && typeof first.message === "string") {
        const field = /\bat "([^"]+)"/.exec(first.message)?.[1];
        const { expected } = first.extensions;
        return new GraphQLError(first.message, {
          extensions: { code: ErrorCode.BAD_USER_INPUT, ...(field ? { field } : {}), ...(typeof expected === "string" ? { expected } : {}) },
        });
      }
    }
    const detail = await super.errorFromResponse(response);
    this.log.error({ err: detail, subgraph: this.subgraph, status: response.status }, "subgraph answered with an HTTP error");
    if (response.status >= 502 && response.status <= 504) return unavailableError();
    return new GraphQLError("A data source failed to answer.", { extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR } });
  }

  /**
   * Each fetch is timed into the request's record and the metrics. A subgraph that cannot be reached costs only its
   * own fields: see `unavailableResponse`.
   */
  override async process(options: Parameters<RemoteGraphQLDataSource<GatewayContext>["process"]>[0]): ReturnType<RemoteGraphQLDataSource<GatewayContext>["process"]> {
    const started = performance.now();
    const record = "context" in options ? (options.context as Partial<GatewayContext>).record : undefined;
    try {
      const response = await super.process(options);
      recordFetch(record, this.subgraph, started, response.errors?.length ? "errors" : "ok");
      return response;
    } catch (error) {
      if (!isUnavailable(error)) {
        recordFetch(record, this.subgraph, started, "failed");
        throw error;
      }
      recordFetch(record, this.subgraph, started, "unavailable");
      this.log.warn({ subgraph: this.subgraph, reason: (error as Error).message }, "subgraph unreachable: its fields are null in this answer");
      return unavailableResponse(options);
    }
  }
}

/**
 * An Apollo Gateway on the static supergraph. Subgraph URLs come from the environment, not from the
 * URLs recorded at composition time, so the same supergraph serves dev, CI and Docker. Each subgraph's fetches
 * time out (`CIX_SUBGRAPH_TIMEOUT_MS`) and go through its circuit breaker (`circuitBreakingFetcher`).
 */
export function createGateway(config: Config, tokens: TokenService, log: Logger): ApolloGateway {
  const circuitSettings = { timeoutMs: config.CIX_SUBGRAPH_TIMEOUT_MS, minFetches: config.CIX_CIRCUIT_MIN_FETCHES, resetMs: config.CIX_CIRCUIT_RESET_MS };
  const gateway = new ApolloGateway({
    supergraphSdl: readSupergraph(),
    buildService: ({ name }) =>
      new SubgraphDataSource(
        {
          url: config.subgraphUrls[name as SubgraphName],
          fetcher: circuitBreakingFetcher(name, signingFetcher(name as SubgraphName, tokens, config.CIX_SUBGRAPH_TIMEOUT_MS), circuitSettings, log),
          willSendRequest({ request, context }) {
            const headers = request.http?.headers;
            if (!headers || !context.token) return;
            headers.set(REQUEST_ID_HEADER, context.requestId);
            headers.set("authorization", `Bearer ${context.token}`);
            const traceparent = traceparentForCall(context.traceContext);
            if (traceparent) headers.set(TRACEPARENT_HEADER, traceparent);
            if (context.viewer.purpose) headers.set(PURPOSE_HEADER, context.viewer.purpose);
          },
        },
        name,
        log,
      ),
  });
  validateScalarsAtTheEdge(gateway);
  return gateway;
}
