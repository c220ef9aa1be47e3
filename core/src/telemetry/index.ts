export * from "./metrics.js";
export * from "./trace-context.js";
export * from "./tracing.js";
