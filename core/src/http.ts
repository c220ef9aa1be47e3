import type { Server } from "node:http";
import type { Duplex } from "node:stream";
import type { ErrorRequestHandler, Request, RequestHandler, Response } from "express";

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
  res.status(status < 500 ? status : 500).json({ errors: [{ message, extensions: withRequestId(res, { code }) }] });
};

/** A socket address of this machine: IPv4 loopback (127.0.0.0/8), IPv6 loopback, or IPv4 loopback mapped into IPv6. */
export function isLoopbackAddress(address: string | undefined): boolean {
  return address !== undefined && /^(?:127(?:\.\d{1,3}){3}|::1|::ffff:127(?:\.\d{1,3}){3})$/.test(address);
}

/**
 * A request from a client on this machine itself: its socket is loopback and no proxy relayed it (a `Forwarded` or
 * `X-Forwarded-For` header means a proxy here is passing on someone else's request). Decided on the socket, never
 * on `req.ip`, which follows those headers under CIX_TRUST_PROXY and which any client can write.
 */
export function isLocalRequest(req: Request): boolean {
  return isLoopbackAddress(req.socket.remoteAddress) && req.header("forwarded") === undefined && req.header("x-forwarded-for") === undefined;
}

/** The extensions of an error answer, plus the request's id when the server gave it one (`res.locals.requestId`). */
export function withRequestId(res: Response, extensions: Record<string, unknown>): Record<string, unknown> {
  const requestId: unknown = res.locals.requestId;
  return typeof requestId === "string" ? { ...extensions, requestId } : extensions;
}

/** A refusal before GraphQL runs, in the GraphQL error shape: `{ errors: [{ message, extensions: { code, … } }] }`. */
export function sendJsonError(res: Response, status: number, message: string, extensions: Record<string, unknown>, headers: Record<string, string> = {}): void {
  res.status(status).set(headers).json({ errors: [{ message, extensions: withRequestId(res, extensions) }] });
}

/**
 * The answer to any path no route serves: 404 NOT_FOUND in the GraphQL error shape, never Express's HTML
 * "Cannot GET" page. The path is not echoed back.
 */
export function notFoundHandler(served: string): RequestHandler {
  return (_req, res) => sendJsonError(res, 404, `Not found. This server answers ${served}.`, { code: "NOT_FOUND" });
}

/** 405 METHOD_NOT_ALLOWED with an `Allow` header, for a known path asked with another method. */
export function methodNotAllowed(allowed: readonly string[]): RequestHandler {
  return (_req, res) =>
    sendJsonError(res, 405, `Method not allowed: this path takes ${allowed.join(" or ")}.`, { code: "METHOD_NOT_ALLOWED", allowed: [...allowed] }, { allow: allowed.join(", ") });
}

/**
 * Requests Node's HTTP parser refuses before Express sees them (bytes outside ASCII in the request line, broken
 * headers, too many headers, too slow): the same status Node's default answer has (400, 431, 408), with a JSON
 * body in the GraphQL error shape instead of an empty one; a socket that is gone or already answering is closed.
 */
export function answerClientErrorsInJson(server: Server): void {
  server.on("clientError", (error: NodeJS.ErrnoException, socket: Duplex & { _httpMessage?: { headersSent?: boolean } }) => {
    if (error.code === "ECONNRESET" || !socket.writable || socket._httpMessage?.headersSent) {
      socket.destroy();
      return;
    }
    const [status, reason, message] =
      error.code === "ERR_HTTP_REQUEST_TIMEOUT"
        ? [408, "Request Timeout", "The request took too long to arrive."]
        : error.code === "HPE_HEADER_OVERFLOW"
          ? [431, "Request Header Fields Too Large", "The request headers are too large."]
          : [400, "Bad Request", "The request could not be parsed as HTTP."];
    const body = JSON.stringify({ errors: [{ message, extensions: { code: "BAD_REQUEST" } }] });
    socket.end(
      `HTTP/1.1 ${status} ${reason}\r\nconnection: close\r\ncontent-type: application/json; charset=utf-8\r\ncontent-length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
    );
  });
}
