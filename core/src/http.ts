import type { ErrorRequestHandler } from "express";

/**
 * Last Express error handler: malformed JSON, oversized bodies and anything else thrown before GraphQL runs
 * become a small JSON error with a 4xx status, never an HTML page or a stack trace.
 */
export const jsonErrorHandler: ErrorRequestHandler = (err, _req, res, _next) => {
  const e = err as { status?: number; statusCode?: number; type?: string };
  const status = e.status ?? e.statusCode ?? 500;
  const message =
    e.type === "entity.too.large"
      ? "Request body too large."
      : e.type === "entity.parse.failed"
        ? "Request body is not valid JSON."
        : status < 500
          ? "Bad request."
          : "Internal server error";
  const code = status < 500 ? "BAD_REQUEST" : "INTERNAL_SERVER_ERROR";
  res.status(status < 500 ? status : 500).json({ errors: [{ message, extensions: { code } }] });
};
