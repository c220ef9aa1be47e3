import type { RequestHandler, Request, Response } from "express";
import type { Level, Logger } from "pino";
import { requestTraceContext, routeOf, traceIdOf } from "./trace-context.js";

/**
 * Express middleware: one log line per request when its answer is finished or the client went away, with the
 * request id, route (never the URL, whose query string may carry variables), status, duration and trace id, plus
 * what `describe` adds (the gateway's caller, agency, operation and subgraph fetches). `describe` must return
 * identifiers and counts only: never a token, a header value or anything from the request's variables or data.
 */
export function accessLog(
  log: Logger,
  { describe = () => ({}), level = "info" }: { describe?: (req: Request, res: Response) => Record<string, unknown>; level?: Level } = {},
): RequestHandler {
  return (req, res, next) => {
    const started = performance.now();
    // Now: a router mounted on a path (app.use("/graphql", …)) strips it from req.path while it runs.
    const route = routeOf(req.path);
    res.once("close", () => {
      log[level](
        {
          requestId: res.locals.requestId,
          method: req.method,
          route,
          status: res.statusCode,
          durationMs: Math.round((performance.now() - started) * 10) / 10,
          completed: res.writableFinished,
          traceId: traceIdOf(requestTraceContext(res)),
          ...describe(req, res),
        },
        "request",
      );
    });
    next();
  };
}
