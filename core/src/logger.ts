import { pino, type Logger } from "pino";

/** Services log to stdout; command-line tools to stderr, since their stdout carries the data they produce. */
let logFd = 1;

/** Sends the logs of every logger created from now on to stderr (`parseCommandLine` calls it for each CLI). */
export function logToStderr(): void {
  logFd = 2;
}

/** Structured JSON logs (pino). One root logger per process; components take a child with their name. */
export function createLogger(name: string, level = process.env.LOG_LEVEL ?? "info"): Logger {
  return pino({
    name,
    level,
    // Tokens and personal data must never reach the logs.
    redact: { paths: ["req.headers.authorization", "headers.authorization", "*.password"], censor: "[redacted]" },
  }, pino.destination({ dest: logFd, sync: true }));
}

export type { Logger };
