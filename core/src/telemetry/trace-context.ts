import { randomBytes } from "node:crypto";
import {
  context as otelContext,
  isSpanContextValid,
  isValidSpanId,
  isValidTraceId,
  ROOT_CONTEXT,
  SpanKind,
  SpanStatusCode,
  trace,
  TraceFlags,
  type Context,
  type SpanContext,
} from "@opentelemetry/api";
import type { RequestHandler, Response } from "express";

export const TRACEPARENT_HEADER = "traceparent";

/** The tracer of the hub's own spans; a no-op until `startTelemetry` registers the SDK. */
export const tracer = trace.getTracer("cix");

/** W3C Trace Context: version-traceid-parentid-flags in lower-case hex (https://www.w3.org/TR/trace-context/#traceparent-header). */
const TRACEPARENT = /^([0-9a-f]{2})-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})(-.*)?$/;

/** The span context a `traceparent` names, or undefined when it is not a valid one (then it is ignored, never echoed). */
export function parseTraceparent(value: unknown): SpanContext | undefined {
  if (typeof value !== "string") return undefined;
  const match = TRACEPARENT.exec(value.trim());
  if (!match) return undefined;
  const [, version, traceId, spanId, flags, rest] = match as unknown as [string, string, string, string, string, string | undefined];
  // Version ff is forbidden; version 00 has exactly four fields (later versions may append some, which are ignored).
  if (version === "ff" || (version === "00" && rest !== undefined)) return undefined;
  if (!isValidTraceId(traceId) || !isValidSpanId(spanId)) return undefined;
  return { traceId, spanId, traceFlags: Number.parseInt(flags, 16) & TraceFlags.SAMPLED, isRemote: true };
}

export function formatTraceparent(span: SpanContext): string {
  return `00-${span.traceId}-${span.spanId}-0${span.traceFlags & TraceFlags.SAMPLED}`;
}

/** The canonical form of a valid `traceparent`, or null (what the audit trail records). */
export function validTraceparent(value: unknown): string | null {
  const span = parseTraceparent(value);
  return span ? formatTraceparent(span) : null;
}

/**
 * The route a path belongs to, for span names and metric labels: the hub's own routes with their variable parts
 * named, anything else `other` (a path a client typed may hold anything, so it is never recorded).
 */
export function routeOf(path: string): string {
  if (["/graphql", "/healthz", "/readyz", "/metrics"].includes(path)) return path;
  if (/^\/import\/jobs\/[^/]+\/report\.(?:csv|json)$/.test(path)) return "/import/jobs/:id/report";
  if (/^\/import\/[a-z]+(?:-[a-z]+)*\/?$/.test(path)) return "/import/:kind";
  return "other";
}

interface TracedLocals {
  traceContext?: Context;
}

/**
 * Express middleware, first in the chain: one SERVER span per request, a child of the caller's `traceparent` when it
 * is valid, named after the route (never the URL: a GET's query string carries variables). The rest of the request
 * runs in its context, so Apollo Gateway's spans and the Neo4j statement spans nest under it. With tracing off the
 * span records nothing and carries the caller's trace on; without a valid `traceparent` a new trace id is made here,
 * so the subgraphs, the logs and the audit trail of one request still share one.
 */
export function traceRequests(component: string): RequestHandler {
  return (req, res, next) => {
    const route = routeOf(req.path);
    const remote = parseTraceparent(req.headers[TRACEPARENT_HEADER]);
    const parent = remote ? trace.setSpanContext(ROOT_CONTEXT, remote) : ROOT_CONTEXT;
    const started = tracer.startSpan(
      `${req.method} ${route}`,
      { kind: SpanKind.SERVER, attributes: { "http.request.method": req.method, "http.route": route, "cix.component": component } },
      parent,
    );
    const span = isSpanContextValid(started.spanContext()) ? started : trace.wrapSpanContext(newSpanContext());
    const ctx = trace.setSpan(parent, span);
    (res.locals as TracedLocals).traceContext = ctx;
    res.once("close", () => {
      span.setAttribute("http.response.status_code", res.statusCode);
      if (res.statusCode >= 500 || !res.writableFinished) span.setStatus({ code: SpanStatusCode.ERROR });
      span.end();
    });
    otelContext.with(ctx, next);
  };
}

/** The trace context `traceRequests` gave this request. */
export function requestTraceContext(res: Response): Context {
  return (res.locals as TracedLocals).traceContext ?? ROOT_CONTEXT;
}

/**
 * The `traceparent` for a call this process makes now on behalf of a request: the active span's when one is recording
 * (Apollo Gateway's `gateway.fetch`), else the request's own span (tracing off: the trace passes through unchanged).
 */
export function traceparentForCall(request: Context): string | undefined {
  const active = trace.getSpan(otelContext.active());
  const span = active?.isRecording() ? active.spanContext() : trace.getSpanContext(request);
  return span && isSpanContextValid(span) ? formatTraceparent(span) : undefined;
}

/** The trace id of a request's context, for its log lines. */
export function traceIdOf(ctx: Context): string | undefined {
  return trace.getSpanContext(ctx)?.traceId;
}

function newSpanContext(): SpanContext {
  // Not sampled: nothing here records it; a tracing subgraph decides for itself (parent-based sampling follows this).
  return { traceId: randomBytes(16).toString("hex"), spanId: randomBytes(8).toString("hex"), traceFlags: TraceFlags.NONE };
}
