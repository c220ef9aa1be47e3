import { freePort } from "@cix/core";
import { once } from "node:events";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { startServiceProcess } from "../../scripts/service-process.js";
import type { Running } from "../../scripts/supervisor.js";
import { authHeaders } from "../support/auth.js";
import { deleteAgencyData, minimalCase } from "../support/seizures.js";
import { postToSubgraph } from "../support/subgraph.js";
import { postGraphQL, startTestStack, unique, type TestStack } from "../support/stack.js";

/** Issue 21, item 6: SIGTERM drains what is in flight, then the process stops (exit 0). */

const READ = `query($agency: String!) { seizures(filter: { reportingAgency: $agency }, first: 10) { nodes { caseNumber commodity } } }`;
const RECORD_CASE = `mutation($input: SeizureInput!) { upsertSeizure(input: $input) { id } }`;
const HOP_BY_HOP = new Set(["host", "connection", "content-length", "transfer-encoding", "keep-alive"]);

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * In front of the real seizures subgraph: passes everything on, except that while `hold` is on it keeps each
 * GraphQL call until `release()` (a subgraph answer that is slow to come).
 */
function holdingProxy(target: string) {
  let hold = false;
  let release = () => {};
  let released = Promise.resolve();
  let onHeld = () => {};
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      void (async () => {
        if (hold && req.method === "POST") {
          onHeld();
          await released;
        }
        const headers = Object.entries(req.headers).filter(([name]) => !HOP_BY_HOP.has(name)) as Array<[string, string]>;
        const upstream = await fetch(new URL(req.url!, target), { method: req.method, headers, body: req.method === "POST" ? Buffer.concat(chunks) : undefined });
        res.writeHead(upstream.status, { "content-type": upstream.headers.get("content-type") ?? "application/json" });
        res.end(Buffer.from(await upstream.arrayBuffer()));
      })();
    });
  });
  return {
    server,
    /** From now on GraphQL calls are held; resolves when the first one arrives. */
    holdNext(): Promise<void> {
      hold = true;
      released = new Promise((resolve) => (release = resolve));
      return new Promise((resolve) => (onHeld = resolve));
    },
    release: () => release(),
  };
}

describe("SIGTERM to the gateway while a request is in flight", () => {
  const agency = unique("TEST-SIGTERM");
  const output: string[] = [];
  let stack: TestStack;
  let proxy: ReturnType<typeof holdingProxy>;
  let gateway: Running;
  let gatewayUrl: string;
  let as: Record<string, string>;

  beforeAll(async () => {
    // The subgraphs in this process; the gateway as its own process, the one the signal goes to.
    stack = await startTestStack();
    as = await authHeaders({ role: "investigator", agency, country: "NL", purpose: "CASE-SIGTERM-1" });
    expect((await postToSubgraph("seizures", stack.subgraphs.seizures.url, RECORD_CASE, { input: minimalCase("G1") }, as)).errors).toBeUndefined();
    proxy = holdingProxy(stack.subgraphs.seizures.url);
    proxy.server.listen(0, "127.0.0.1");
    await once(proxy.server, "listening");
    const port = await freePort();
    gateway = startServiceProcess(
      "gateway/src/main.ts",
      {
        ...process.env,
        NEO4J_URI: inject("neo4jUri"),
        LOG_LEVEL: "warn",
        GATEWAY_HOST: "127.0.0.1",
        GATEWAY_PORT: String(port),
        SEIZURES_URL: `http://127.0.0.1:${(proxy.server.address() as AddressInfo).port}/graphql`,
        ENTITIES_URL: stack.subgraphs.entities.url,
        ECOMMERCE_URL: stack.subgraphs.ecommerce.url,
      },
      { output: (chunk) => void output.push(chunk) },
    );
    gatewayUrl = `http://127.0.0.1:${port}/graphql`;
    let exitedEarly = false;
    void gateway.exited.then(() => (exitedEarly = true));
    const deadline = Date.now() + 90_000;
    while ((await fetch(gatewayUrl.replace(/graphql$/, "readyz")).then((r) => r.status, () => 0)) !== 200) {
      if (Date.now() > deadline || exitedEarly) throw new Error(`gateway not ready:\n${output.join("")}`);
      await sleep(250);
    }
  });

  afterAll(async () => {
    proxy?.release();
    await gateway?.stop();
    proxy?.server.closeAllConnections();
    proxy?.server.close();
    await deleteAgencyData(stack.db, agency);
    await stack?.stop();
  });

  it("completes the request with 200 and its data, then exits 0", async () => {
    // Warm: the held request must be slow only because its subgraph answer is.
    expect((await postGraphQL(gatewayUrl, READ, { agency }, as)).errors).toBeUndefined();
    const held = proxy.holdNext();
    const pending = postGraphQL<{ seizures: { nodes: Array<{ caseNumber: string; commodity: string }> } }>(gatewayUrl, READ, { agency }, as);
    await held;

    const sigtermAt = Date.now();
    process.kill(gateway.pid!, "SIGTERM");
    const exited = gateway.exited.then((exit) => ({ ...exit, at: Date.now() }));
    await sleep(1500);
    // Still there: it waits for the request in flight.
    const stillRunning = await Promise.race([exited.then(() => false), sleep(10).then(() => true)]);
    expect(stillRunning).toBe(true);
    proxy.release();

    const res = await pending;
    expect(res.status).toBe(200);
    expect(res.errors).toBeUndefined();
    expect(res.data?.seizures.nodes).toEqual([{ caseNumber: "G1", commodity: "TOBACCO" }]);
    const exit = await exited;
    expect({ code: exit.code, signal: exit.signal }).toEqual({ code: 0, signal: null });
    process.stdout.write(`SIGTERM with a request in flight: answered 200 with its data, the gateway exited 0 ${exit.at - sigtermAt} ms after the signal; lost: nothing\n`);
  }, 60_000);
});
