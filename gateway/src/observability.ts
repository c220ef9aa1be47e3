import type { ApolloServerPlugin } from "@apollo/server";
import { DURATION_BUCKETS } from "@cix/core";
import type { Request, Response } from "express";
import { Histogram } from "prom-client";
import { verifiedCaller } from "./authenticate.js";

/** How one subgraph fetch ended: answered (with or without GraphQL errors), an HTTP error, or unreachable. */
export type FetchOutcome = "ok" | "errors" | "failed" | "unavailable";

/** What the edge notes about one request for its access-log line: names and timings, never values. */
export interface RequestRecord {
  operation?: string;
  fetches: Array<{ subgraph: string; durationMs: number; outcome: FetchOutcome }>;
}

const subgraphFetchSeconds = new Histogram({
  name: "cix_gateway_subgraph_fetch_duration_seconds",
  help: "Fetches from the gateway to a subgraph, by subgraph and outcome (ok, errors, failed, unavailable): the count is the fetch rate",
  labelNames: ["subgraph", "outcome"] as const,
  buckets: DURATION_BUCKETS,
});

/** The record of this request, made on first use and kept in `res.locals`. */
export function requestRecordOf(res: Response): RequestRecord {
  return ((res.locals as { record?: RequestRecord }).record ??= { fetches: [] });
}

/** Notes one subgraph fetch in the request's record and in the metrics. */
export function recordFetch(record: RequestRecord | undefined, subgraph: string, started: number, outcome: FetchOutcome): void {
  const seconds = (performance.now() - started) / 1000;
  subgraphFetchSeconds.observe({ subgraph, outcome }, seconds);
  record?.fetches.push({ subgraph, durationMs: Math.round(seconds * 10_000) / 10, outcome });
}

/** Apollo plugin: the operation's name, once resolved, goes into the request's record. */
export function recordOperationName<TContext extends { record: RequestRecord }>(): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operationName, contextValue }) {
          contextValue.record.operation = operationName ?? undefined;
        },
      };
    },
  };
}

/**
 * The gateway's part of an access-log line: the calling application (`azp` or `client_id`, else the officer's
 * subject) and agency from the verified token (never the token), the operation name and each subgraph fetch with
 * its duration and outcome.
 */
export function describeEdgeRequest(_req: Request, res: Response): Record<string, unknown> {
  const caller = verifiedCaller(res);
  const record = requestRecordOf(res);
  return {
    client: caller?.clientId,
    agency: caller?.viewer.agency,
    operation: record.operation,
    subgraphFetches: record.fetches.length > 0 ? record.fetches : undefined,
  };
}
