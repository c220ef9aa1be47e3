import { randomUUID } from "node:crypto";
import http from "node:http";
import { pipeline } from "node:stream/promises";
import { GATEWAY_HEADER, IMPORT_KIND_SUBGRAPHS, MAPPING_HEADER, type Config, type Logger, type SubgraphName, type TokenService } from "@cix/core";
import type { RequestHandler } from "express";
import { GraphQLError } from "graphql";
import { callerOf } from "./authenticate.js";
import { sendEdgeError } from "./http-errors.js";

/** Request headers passed on to the subgraph (besides the gateway's own credential). */
const FORWARDED = ["authorization", "content-type", "content-length", MAPPING_HEADER, "x-cix-purpose"];
/** Response headers passed back to the client. */
const RETURNED = ["content-type", "content-disposition", "content-length"];

/**
 * `POST /import/<kind>` and `GET /import/jobs/<id>/report.(csv|json)` at the edge: the caller's token is verified
 * (by `authenticate`, as for /graphql; 401 without a valid one), a declared body over CIX_IMPORT_MAX_BYTES is
 * refused with 413 before it is read, and the request is streamed to the subgraph that owns the kind (reports: any
 * subgraph serves them, the seizures one is asked) with the user's token and a fresh gateway credential.
 */
export function importProxy(config: Config, tokens: TokenService, log: Logger): RequestHandler {
  return async (req, res) => {
    try {
      callerOf(res);
    } catch (error) {
      const message = error instanceof GraphQLError ? error.message : "A valid bearer token is required.";
      return sendEdgeError(req, res, 401, message, { code: "UNAUTHENTICATED" });
    }
    const kind = /^\/([a-z]+)\/?$/.exec(req.path)?.[1];
    let target: SubgraphName;
    if (req.method === "POST" && kind) {
      const owner = IMPORT_KIND_SUBGRAPHS[kind];
      if (!owner) return sendEdgeError(req, res, 404, `There is no import kind "${kind}": ${Object.keys(IMPORT_KIND_SUBGRAPHS).join(", ")}.`, { code: "NOT_FOUND" });
      const declared = Number(req.header("content-length"));
      if (Number.isFinite(declared) && declared > config.CIX_IMPORT_MAX_BYTES) {
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
      target = owner;
    } else if (req.method === "GET" && /^\/jobs\/[^/]+\/report\.(csv|json)$/.test(req.path)) {
      target = "seizures";
    } else {
      return sendEdgeError(req, res, 404, "Not found: POST /import/<kind> or GET /import/jobs/<id>/report.csv|json.", { code: "NOT_FOUND" });
    }
    const requestId = randomUUID();
    const headers: Record<string, string> = { [GATEWAY_HEADER]: await tokens.signGatewayCall(requestId), "x-request-id": requestId };
    for (const name of FORWARDED) {
      const value = req.header(name);
      if (value) headers[name] = value;
    }
    const url = new URL(req.originalUrl, config.subgraphUrls[target]);
    const upstream = http.request(url, { method: req.method, headers });
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
    if (req.method === "POST") req.pipe(upstream);
    else upstream.end();
  };
}
