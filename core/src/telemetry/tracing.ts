import { context, propagation, trace } from "@opentelemetry/api";
import type { SpanExporter } from "@opentelemetry/sdk-trace-node";
import type { Config } from "../config.js";

/** The running OpenTelemetry tracer provider of this process. */
export interface Telemetry {
  /** Exports the spans still buffered. */
  flush(): Promise<void>;
  /** Exports what is buffered and stops tracing in this process. */
  shutdown(): Promise<void>;
}

/**
 * Starts OpenTelemetry tracing for one process (`service`: cix-gateway, cix-seizures, …), first thing in its entry,
 * with the exporter `CIX_OTEL_EXPORTER` names: `otlp` (OTLP over HTTP to `OTEL_EXPORTER_OTLP_ENDPOINT`, default
 * http://localhost:4318), `console`, or `none` (the default: nothing is started and every span is a no-op).
 * `exporter` replaces the configured one (an in-memory exporter in tests). The standard variables apply
 * (OTEL_SERVICE_NAME, OTEL_RESOURCE_ATTRIBUTES, OTEL_TRACES_SAMPLER, OTEL_BSP_*).
 * Only traces, with the trace SDK alone (not @opentelemetry/sdk-node, whose metric and log exporters for every
 * protocol weigh 230 MB): metrics are Prometheus' (`/metrics`) and logs pino's. No automatic HTTP instrumentation
 * either: the hub opens its server spans itself (`traceRequests`, named by route, never by URL) and sends
 * `traceparent` to the subgraphs itself, which it must do with tracing off as well.
 */
export async function startTelemetry(service: string, config: Pick<Config, "CIX_OTEL_EXPORTER">, exporter?: SpanExporter): Promise<Telemetry | undefined> {
  if (!exporter && config.CIX_OTEL_EXPORTER === "none") return undefined;
  // Loaded only when tracing is on.
  const { NodeTracerProvider, BatchSpanProcessor, ConsoleSpanExporter } = await import("@opentelemetry/sdk-trace-node");
  const { detectResources, envDetector, resourceFromAttributes } = await import("@opentelemetry/resources");
  const chosen = exporter ?? (config.CIX_OTEL_EXPORTER === "console" ? new ConsoleSpanExporter() : await otlpExporter());
  const processor = new BatchSpanProcessor(chosen);
  // OTEL_SERVICE_NAME and OTEL_RESOURCE_ATTRIBUTES (the environment detector) win over the process's own name.
  const resource = resourceFromAttributes({ "service.name": service }).merge(detectResources({ detectors: [envDetector] }));
  const provider = new NodeTracerProvider({ resource, spanProcessors: [processor] });
  // Registers the provider, AsyncLocalStorage context propagation and the W3C trace-context propagator.
  provider.register();
  return {
    flush: () => provider.forceFlush(),
    shutdown: async () => {
      await provider.shutdown();
      trace.disable();
      context.disable();
      propagation.disable();
    },
  };
}

async function otlpExporter(): Promise<SpanExporter> {
  const { OTLPTraceExporter } = await import("@opentelemetry/exporter-trace-otlp-http");
  return new OTLPTraceExporter();
}
