import http from "node:http";
import https from "node:https";
import { pipeline } from "node:stream/promises";
import {
  GATEWAY_HEADER,
  IMPORT_KIND_SUBGRAPHS,
  importBodyLimit,
  isImportFormat,
  LENIENT_HEADER,
  lenientOf,
  MAPPING_HEADER,
  REQUEST_ID_HEADER,
  requestIdOf,
  requestTraceContext,
  routeRequest,
  TRACEPARENT_HEADER,
  traceparentForCall,
  type Config,
  type Logger,
  type SubgraphName,
  type TokenService,
} from "@cix/core";
import type { Request, RequestHandler, Response } from "express";
import { GraphQLError } from "graphql";
import { callerOf } from "./authenticate.js";
import { sendEdgeError } from "./http-errors.js";

/** Request headers passed on to the subgraph (besides the gateway's credential and the caller's token). */
const FORWARDED = ["content-type", "content-length", MAPPING_HEADER, LENIENT_HEADER, "x-cix-purpose"];
/** Response headers passed back to the client. */
const RETURNED = ["content-type", "content-disposition", "content-length"];

/** An import kind's name as it may appear in a path (`seizures`, `company-roles`); it must also be a known kind. */
const KIND = /^\/([a-z]+(?:-[a-z]+)*)\/?$/;
/** A job's report; job ids are UUIDs (`randomUUID` in core/src/import/runner.ts). */
const REPORT = /^\/jobs\/([^/]+)\/report\.(csv|json)$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** What the edge serves under /import, for the 404 answer. */
const SERVED = "Not found: POST /import/<kind> or GET /import/jobs/<id>/report.csv|json.";

/** The subgraph and path a request goes to, or the refusal already sent. */
interface Route {
  target: SubgraphName;
  method: "POST" | "GET";
  /** The path with its query, built here from validated parts only. */
  path: string;
}

/**
 * `POST /import/<kind>` and `GET /import/jobs/<id>/report.(csv|json)` at the edge: the route is recognised first
 * (404 for any other path, 405 for a known path with another method), then the caller's token is verified (by
 * `authenticate`, as for /graphql; 401 without a valid one), a declared body over CIX_IMPORT_MAX_BYTES is refused
 * with 413 before it is read, and the request is streamed to the subgraph that owns the kind (reports: any
 * subgraph serves them, the seizures one is asked) with the user's token and a gateway credential for that call.
 *
 * The upstream URL is the subgraph's fixed origin (from SEIZURES_URL etc.) plus a path built here from the
 * validated kind or job id and the few query parameters the subgraph reads (format, dryRun, resume, fileName),
 * each validated; never from the request's own URL, which may be absolute (`GET http://elsewhere/… HTTP/1.1`).
 * A multipart/form-data upload is passed through as it came (Content-Type with its boundary, and the body): the
 * subgraph parses it, with the same limits as a raw body.
 */
export function importProxy(config: Config, tokens: TokenService, log: Logger): RequestHandler {
  return async (req, res) => {
    const route = routeOf(req, res);
    if (!route) return;
    let caller;
    try {
      caller = callerOf(res);
    } catch (error) {
      const message = error instanceof GraphQLError ? error.message : "A valid bearer token is required.";
      return sendEdgeError(req, res, 401, message, { code: "UNAUTHENTICATED" });
    }
    const { target, method, path } = route;
    if (method === "POST") {
      const lenient = lenientOf(req.header(LENIENT_HEADER));
      if (lenient instanceof Error) return sendEdgeError(req, res, 400, lenient.message, { code: "BAD_REQUEST", field: LENIENT_HEADER });
      const declared = Number(req.header("content-length"));
      // A multipart body may be a little larger than its file (part headers, the mapping part): the limit is the file's.
      if (Number.isFinite(declared) && declared > importBodyLimit(req.header("content-type"), config.CIX_IMPORT_MAX_BYTES)) {
        const limit = config.CIX_IMPORT_MAX_BYTES;
        sendEdgeError(
          req,
          res,
          413,
          `The file is larger than the import limit of ${limit} bytes (${(limit / 1048576).toFixed(0)} MiB): ${declared} bytes were declared. ` +
            "Split it, or import it with the CLI (npm run import), which streams files of any size.",
          { code: "PAYLOAD_TOO_LARGE", limit },
        );
        // The unread body is discarded by Node after the answer (the client gets the 413 instead of a reset socket);
        // the server's request timeout bounds how long a client may keep sending.
        return;
      }
    }
    const base = new URL(config.subgraphUrls[target]);
    const url = new URL(path, base.origin);
    if (url.origin !== base.origin) return sendEdgeError(req, res, 404, SERVED, { code: "NOT_FOUND" }); // cannot happen: paths start with /import/
    const requestId = requestIdOf(res);
    const traceparent = traceparentForCall(requestTraceContext(res));
    const headers: Record<string, string> = {
      authorization: `Bearer ${caller.token}`,
      [REQUEST_ID_HEADER]: requestId,
      ...(traceparent ? { [TRACEPARENT_HEADER]: traceparent } : {}),
      [GATEWAY_HEADER]: tokens.signGatewayCall({ requestId, token: caller.token, audience: target, request: routeRequest(method, path) }),
    };
    for (const name of FORWARDED) {
      const value = req.header(name);
      if (value) headers[name] = value;
    }
    const upstream = (url.protocol === "https:" ? https : http).request(url, { method, headers });
    upstream.on("response", (answer) => {
      res.status(answer.statusCode ?? 502);
      for (const name of RETURNED) {
        const value = answer.headers[name];
        if (typeof value === "string") res.setHeader(name, value);
      }
      pipeline(answer, res).catch((error: unknown) => log.warn({ err: error, requestId }, "import answer from subgraph interrupted"));
    });
    upstream.on("error", (error) => {
      log.error({ err: error, requestId, subgraph: target }, "import request to subgraph failed");
      if (!res.headersSent) sendEdgeError(req, res, 502, "Internal server error", { code: "INTERNAL_SERVER_ERROR" });
      else res.destroy();
    });
    if (method === "POST") req.pipe(upstream);
    else upstream.end();
  };
}

/** The route of a request under /import, built from validated parts; or undefined when a refusal was sent. */
function routeOf(req: Request, res: Response): Route | undefined {
  const kind = KIND.exec(req.path)?.[1];
  if (kind !== undefined) {
    const owner = Object.hasOwn(IMPORT_KIND_SUBGRAPHS, kind) ? IMPORT_KIND_SUBGRAPHS[kind] : undefined;
    if (!owner) {
      sendEdgeError(req, res, 404, `There is no import kind "${kind}": ${Object.keys(IMPORT_KIND_SUBGRAPHS).join(", ")}.`, { code: "NOT_FOUND" });
      return undefined;
    }
    if (req.method !== "POST") return refuseMethod(req, res, "POST");
    const query = passedQuery(req, res, UPLOAD_PARAMETERS);
    if (query === undefined) return undefined;
    return { target: owner, method: "POST", path: `/import/${kind}${query}` };
  }
  const report = REPORT.exec(req.path);
  if (report) {
    if (req.method !== "GET") return refuseMethod(req, res, "GET");
    const [, id, ext] = report;
    if (!UUID.test(id!)) {
      sendEdgeError(req, res, 404, "Import job not found: job ids are UUIDs.", { code: "NOT_FOUND" });
      return undefined;
    }
    const query = passedQuery(req, res, REPORT_PARAMETERS);
    if (query === undefined) return undefined;
    return { target: "seizures", method: "GET", path: `/import/jobs/${id}/report.${ext}${query}` };
  }
  sendEdgeError(req, res, 404, SERVED, { code: "NOT_FOUND" });
  return undefined;
}

function refuseMethod(req: Request, res: Response, allowed: string): undefined {
  sendEdgeError(req, res, 405, `Method not allowed: this path takes ${allowed}.`, { code: "METHOD_NOT_ALLOWED", allowed: [allowed] }, { allow: allowed });
  return undefined;
}

type ParameterCheck = [name: string, valid: (value: string) => boolean, expected: string];

/** The query parameters an upload passes on (what core/src/import/http.ts reads). */
const UPLOAD_PARAMETERS: ParameterCheck[] = [
  ["format", isImportFormat, "csv, xlsx, xml, json or ndjson"],
  ["dryRun", (v) => v === "true" || v === "false", "true or false"],
  ["resume", (v) => UUID.test(v), "the id (a UUID) of the job to resume"],
  // Stored with the job and shown in reports: printable text, as the subgraph keeps it (200 characters).
  ["fileName", (v) => v.length <= 200 && !/[\p{Cc}\p{Cf}]/u.test(v), "a file name of at most 200 printable characters"],
];

/** The query parameters a report passes on. */
const REPORT_PARAMETERS: ParameterCheck[] = [
  ["rows", (v) => v === "rejected" || v === "all", "rejected (the default) or all (accepted rows too)"],
  ["warnings", (v) => v === "true" || v === "false", "true (list the values lenient imports left out) or false"],
];

/**
 * The query parameters of `checks`, validated, as `?…` or ""; any other parameter is dropped. A bad value is
 * refused with 400 naming the parameter.
 */
function passedQuery(req: Request, res: Response, checks: readonly ParameterCheck[]): string | undefined {
  const query = req.query as Record<string, unknown>;
  const out = new URLSearchParams();
  for (const [name, valid, expected] of checks) {
    const value = query[name];
    if (value === undefined) continue;
    if (typeof value !== "string" || !valid(value)) {
      sendEdgeError(req, res, 400, `The query parameter ${name} must be ${expected}.`, { code: "BAD_REQUEST", field: name, expected });
      return undefined;
    }
    out.set(name, value);
  }
  const text = out.toString();
  return text ? `?${text}` : "";
}
