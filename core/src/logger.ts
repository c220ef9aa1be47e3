import { pino, type Logger } from "pino";

/** Structured JSON logs (pino). One root logger per process; components take a child with their name. */
export function createLogger(name: string, level = process.env.LOG_LEVEL ?? "info"): Logger {
  return pino({
    name,
    level,
    // Tokens and personal data must never reach the logs.
    redact: { paths: ["req.headers.authorization", "headers.authorization", "*.password"], censor: "[redacted]" },
  });
}

export type { Logger };
