import { randomUUID } from "node:crypto";
import { once } from "node:events";
import http from "node:http";
import net, { type AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { authHeaders } from "../support/auth.js";
import { expectNoInternals } from "../support/edge.js";
import { startTestStack, type TestStack } from "../support/stack.js";

/**
 * Finding 2 of issue 13: the import proxy must not be an open relay. A request whose target is an absolute URL
 * (`GET http://host:port/import/jobs/<id>/report.csv HTTP/1.1`) must not make the gateway connect to that host
 * with its credential and the caller's token: the upstream URL is the subgraph's fixed origin plus a path the
 * proxy builds from validated parts.
 */

interface RawReply {
  status: number;
  headers: http.IncomingHttpHeaders;
  text: string;
}

/** Sends a request with exactly this request target (absolute-form allowed), as curl --request-target does. */
function raw(port: number, method: string, target: string, headers: Record<string, string>, body?: string): Promise<RawReply> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: "127.0.0.1", port, method, path: target, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (chunk: Buffer) => chunks.push(chunk));
      res.on("end", () => resolve({ status: res.statusCode!, headers: res.headers, text: Buffer.concat(chunks).toString() }));
    });
    req.on("error", reject);
    req.end(body);
  });
}

describe("the import proxy builds its upstream URL itself", () => {
  let stack: TestStack;
  let listener: net.Server;
  let elsewhere: number;
  let connections = 0;
  let headers: Record<string, string>;

  beforeAll(async () => {
    stack = await startTestStack();
    // Where an attacker would like the gateway to connect: counts connections, answers nothing.
    listener = net.createServer((socket) => {
      connections++;
      socket.destroy();
    });
    listener.listen(0, "127.0.0.1");
    await once(listener, "listening");
    elsewhere = (listener.address() as AddressInfo).port;
    headers = await authHeaders({ role: "investigator", agency: "NL-CUSTOMS" });
  });

  afterAll(async () => {
    listener?.close();
    await stack?.stop();
  });

  const json = (reply: RawReply) => JSON.parse(reply.text) as { errors: Array<{ message: string; extensions: Record<string, unknown> }> };

  it.each<[string, string, (port: number) => string, number, string, string?]>([
    ["a report of a job that does not exist", "GET", (port) => `http://127.0.0.1:${port}/import/jobs/${randomUUID()}/report.csv`, 404, "NOT_FOUND"],
    ["a report whose job id is not a UUID", "GET", (port) => `http://127.0.0.1:${port}/import/jobs/x/report.csv`, 404, "NOT_FOUND"],
    ["a report, with userinfo in the URL", "GET", (port) => `http://evil@127.0.0.1:${port}/import/jobs/${randomUUID()}/report.json`, 404, "NOT_FOUND"],
    ["a report with a bad rows parameter", "GET", (port) => `http://127.0.0.1:${port}/import/jobs/${randomUUID()}/report.csv?rows=..%2Fx`, 400, "BAD_REQUEST"],
    ["an upload of an unknown kind", "POST", (port) => `http://127.0.0.1:${port}/import/cats`, 404, "NOT_FOUND", "caseNumber\nX\n"],
    ["an upload of a kind with a bad query parameter", "POST", (port) => `http://127.0.0.1:${port}/import/seizures?dryRun=maybe`, 400, "BAD_REQUEST", "caseNumber\nX\n"],
    ["an upload that would resume a job that is not a UUID", "POST", (port) => `http://127.0.0.1:${port}/import/seizures?resume=..%2F..%2Fx`, 400, "BAD_REQUEST", "caseNumber\nX\n"],
    ["an inherited property as the kind", "POST", (port) => `http://127.0.0.1:${port}/import/constructor`, 404, "NOT_FOUND", "caseNumber\nX\n"],
  ])("%s with an absolute-form target: the other host sees no connection, the gateway answers JSON", async (_what, method, target, status, code, body) => {
    const before = connections;
    const reply = await raw(stack.gateway.port, method, target(elsewhere), { ...headers, "content-type": "text/csv" }, body);
    // A connection attempt would be immediate; give a stray one time to arrive before counting.
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(connections).toBe(before);
    expect(reply.status).toBe(status);
    expect(reply.headers["content-type"]).toMatch(/^application\/json/);
    expect(json(reply).errors[0]!.extensions.code).toBe(code);
    expectNoInternals(reply.text);
  });

  it("reaches the owning subgraph for a kind named with a hyphen (company-roles), with the query parameters it reads", async () => {
    // Not a relay question, but the same path building: the kind pattern takes every import kind.
    const reply = await raw(stack.gateway.port, "POST", "/import/company-roles?dryRun=true&unrelated=1", { ...headers, "content-type": "text/plain" }, "x");
    expect(reply.status).toBe(415); // the entities subgraph answered: the content type is not an import format
    expect(json(reply).errors[0]!.extensions.code).toBe("UNSUPPORTED_MEDIA_TYPE");
  });
});
