import { isatty } from "node:tty";
import { pino, type DestinationStream, type Logger } from "pino";
import pretty from "pino-pretty";

/** Services log to stdout; command-line tools to stderr, since their stdout carries the data they produce. */
let logFd = 1;

/** Sends the logs of every logger created from now on to stderr (`parseCommandLine` calls it for each CLI). */
export function logToStderr(): void {
  logFd = 2;
}

/**
 * `LOG_FORMAT`: `json` (one JSON object per line, for log shippers), `pretty` (coloured lines for people), or
 * `auto` (the default): pretty on a terminal, JSON otherwise.
 */
export const LOG_FORMATS = ["auto", "json", "pretty"] as const;

function destination(fd: number): DestinationStream {
  const format = process.env.LOG_FORMAT ?? "auto";
  if (format === "pretty" || (format === "auto" && isatty(fd))) {
    return pretty({ destination: fd, sync: true, colorize: isatty(fd), translateTime: "SYS:HH:MM:ss.l", ignore: "pid,hostname" });
  }
  return pino.destination({ dest: fd, sync: true });
}

/** Structured logs (pino). One root logger per process; components take a child with their name. */
export function createLogger(name: string, level = process.env.LOG_LEVEL ?? "info"): Logger {
  return pino(
    {
      name,
      level,
      // Tokens and personal data must never reach the logs.
      redact: { paths: ["req.headers.authorization", "headers.authorization", "*.password"], censor: "[redacted]" },
    },
    destination(logFd),
  );
}

export type { Logger };
