import { context, propagation, trace } from "@opentelemetry/api";
import type { tracing } from "@opentelemetry/sdk-node";
import type { Config } from "../config.js";

/** The running OpenTelemetry SDK of this process. */
export interface Telemetry {
  /** Exports the spans still buffered. */
  flush(): Promise<void>;
  /** Exports what is buffered and stops tracing in this process. */
  shutdown(): Promise<void>;
}

/**
 * Starts the OpenTelemetry SDK for one process (`service`: cix-gateway, cix-seizures, …), first thing in its entry,
 * with the exporter `CIX_OTEL_EXPORTER` names: `otlp` (OTLP over HTTP to `OTEL_EXPORTER_OTLP_ENDPOINT`, default
 * http://localhost:4318), `console`, or `none` (the default: nothing is started and every span is a no-op).
 * `exporter` replaces the configured one (an in-memory exporter in tests). The standard OTEL_* variables apply
 * (OTEL_SERVICE_NAME, OTEL_TRACES_SAMPLER, OTEL_RESOURCE_ATTRIBUTES, …). Only traces: metrics are Prometheus'
 * (`/metrics`) and logs pino's, so the SDK's own metric and log exporters stay off. No automatic HTTP
 * instrumentation either: the hub opens its server spans itself (`traceRequests`, named by route, never by URL)
 * and sends `traceparent` to the subgraphs itself, which it must do with tracing off as well.
 */
export async function startTelemetry(
  service: string,
  config: Pick<Config, "CIX_OTEL_EXPORTER">,
  exporter?: tracing.SpanExporter,
): Promise<Telemetry | undefined> {
  if (!exporter && config.CIX_OTEL_EXPORTER === "none") return undefined;
  // Loaded only when tracing is on: the SDK takes about half a second to load.
  const { NodeSDK, tracing: sdkTracing } = await import("@opentelemetry/sdk-node");
  const chosen = exporter ?? (config.CIX_OTEL_EXPORTER === "console" ? new sdkTracing.ConsoleSpanExporter() : await otlpExporter());
  const processor = new sdkTracing.BatchSpanProcessor(chosen);
  const sdk = new NodeSDK({
    ...(process.env.OTEL_SERVICE_NAME ? {} : { serviceName: service }),
    spanProcessors: [processor],
    metricReaders: [],
    logRecordProcessors: [],
    instrumentations: [],
  });
  sdk.start();
  return {
    flush: () => processor.forceFlush(),
    shutdown: async () => {
      await sdk.shutdown();
      trace.disable();
      context.disable();
      propagation.disable();
    },
  };
}

async function otlpExporter(): Promise<tracing.SpanExporter> {
  const { OTLPTraceExporter } = await import("@opentelemetry/exporter-trace-otlp-http");
  return new OTLPTraceExporter();
}
