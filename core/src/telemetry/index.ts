export * from "./metrics.js";
export * from "./trace-context.js";
export * from "./tracing.js";
export * from "./request-id.js";
export * from "./access-log.js";
