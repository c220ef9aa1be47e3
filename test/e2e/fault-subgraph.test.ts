import { once } from "node:events";
import http from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { SUBGRAPH_NAMES, type Database, freePort } from "@cix/core";
import { startServiceProcess } from "../../scripts/service-process.js";
import { Supervisor } from "../../scripts/supervisor.js";
import { authHeaders } from "../support/auth.js";
import { deleteAgencyData, minimalCase } from "../support/seizures.js";
import { postToSubgraph } from "../support/subgraph.js";
import { postGraphQL, startTestStack, testDatabase, unique, type GraphQLResponse, type TestStack } from "../support/stack.js";
import { startTraffic } from "../support/traffic.js";

/** Issue 21, item 1: a subgraph that dies or hangs costs only its own fields, and comes back by itself. */

/** Seizure fields (seizures subgraph) with each case's parcels (e-commerce subgraph, through the gateway). */
const PAGE = `query($agency: String!) {
  seizures(filter: { reportingAgency: $agency }, first: 10) {
    nodes { caseNumber commodity shipments { trackingNumber } }
  }
}`;

interface Page {
  seizures: { nodes: Array<{ caseNumber: string; commodity: string; shipments: Array<{ trackingNumber: string }> | null }> } | null;
}

/** What an error at a missing field must not give away: where the subgraph lives, what it is called, the socket error. */
const INTERNALS = /127\.0\.0\.1|localhost|:\d{2,5}\b|ECONNREFUSED|fetch failed|abort|ecommerce/i;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls until `check` holds; resolves with the time it first held. */
async function until(what: string, check: () => boolean | Promise<boolean>, timeoutMs: number, everyMs = 50): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return Date.now();
    await sleep(everyMs);
  }
  throw new Error(`${what}: not within ${timeoutMs} ms`);
}

const answers200 = (url: string) => () => fetch(url, { signal: AbortSignal.timeout(1000) }).then((r) => r.status === 200, () => false);

const RECORD_CASE = `mutation($input: SeizureInput!) { upsertSeizure(input: $input) { id } }`;

/**
 * The two cases every describe reads back; with no parcels, each answers `shipments: []` while e-commerce is up.
 * Written straight to the seizures subgraph (as the gateway calls it): a fresh process's first mutation can take
 * longer than a gateway fetch may on a busy machine, and the faults under test are the gateway's.
 */
async function recordCases(seizuresUrl: string, as: Record<string, string>): Promise<void> {
  for (const caseNumber of ["F1", "F2"]) {
    const res = await postToSubgraph("seizures", seizuresUrl, RECORD_CASE, { input: minimalCase(caseNumber) }, as);
    expect(res.errors).toBeUndefined();
  }
}

/** The answer kept every seizure field (the seizures subgraph's part); what is lost otherwise. */
function keptSeizures(res: GraphQLResponse<Page> | undefined): boolean {
  const nodes = res?.data?.seizures?.nodes ?? [];
  return res?.status === 200 && nodes.map((n) => `${n.caseNumber}:${n.commodity}`).sort().join() === "F1:TOBACCO,F2:TOBACCO";
}

const fullAnswer = (res: GraphQLResponse<Page> | undefined) => keptSeizures(res) && !res?.errors && res!.data!.seizures!.nodes.every((n) => Array.isArray(n.shipments));

/** Every shipments field is null with SERVICE_UNAVAILABLE at its own path, naming nothing internal. */
function expectShipmentsUnavailable(res: GraphQLResponse<Page>): void {
  expect(res.data!.seizures!.nodes.map((n) => n.shipments)).toEqual([null, null]);
  expect(res.errors?.length).toBeGreaterThan(0);
  for (const error of res.errors!) {
    expect(error.path?.at(-1)).toBe("shipments");
    expect(error.extensions?.code).toBe("SERVICE_UNAVAILABLE");
    expect(JSON.stringify(error)).not.toMatch(INTERNALS);
  }
}

describe("a subgraph process killed under traffic: supervised restart, served again without a gateway restart", () => {
  const agency = unique("TEST-FAULT");
  const logged: Array<{ obj: Record<string, unknown>; msg: string }> = [];
  const keepEntry = (obj: object, msg: string) => void logged.push({ obj: obj as Record<string, unknown>, msg });
  const log = { info: keepEntry, error: keepEntry };
  const output: string[] = [];
  let supervisor: Supervisor;
  let ports: Record<(typeof SUBGRAPH_NAMES)[number] | "gateway", number>;
  let gatewayUrl: string;
  let as: Record<string, string>;
  let db: Database;
  const readyz = (port: number) => `http://127.0.0.1:${port}/readyz`;

  beforeAll(async () => {
    ports = { seizures: await freePort(), entities: await freePort(), ecommerce: await freePort(), gateway: await freePort() };
    const env = {
      ...process.env,
      NEO4J_URI: inject("neo4jUri"),
      LOG_LEVEL: "warn",
      SUBGRAPH_HOST: "127.0.0.1",
      GATEWAY_HOST: "127.0.0.1",
      SEIZURES_PORT: String(ports.seizures),
      ENTITIES_PORT: String(ports.entities),
      ECOMMERCE_PORT: String(ports.ecommerce),
      GATEWAY_PORT: String(ports.gateway),
      // One caller sends the whole stream: the rate limits are not under test here.
      CIX_RATE_LIMIT_PER_SUB: "0",
      CIX_RATE_LIMIT_PER_AGENCY: "0",
    };
    const keep = { output: (chunk: string) => void output.push(chunk) };
    supervisor = new Supervisor(log);
    for (const name of SUBGRAPH_NAMES) await supervisor.add(name, () => startServiceProcess(`subgraphs/${name}/src/main.ts`, env, keep));
    for (const name of SUBGRAPH_NAMES) await until(`${name} ready\n${output.join("")}`, answers200(readyz(ports[name])), 120_000, 250);
    await supervisor.add("gateway", () => startServiceProcess("gateway/src/main.ts", env, keep));
    await until(`gateway ready\n${output.join("")}`, answers200(readyz(ports.gateway)), 60_000, 250);
    gatewayUrl = `http://127.0.0.1:${ports.gateway}/graphql`;
    as = await authHeaders({ role: "investigator", agency, country: "NL", purpose: "CASE-FAULT-1" });
    await recordCases(`http://127.0.0.1:${ports.seizures}/graphql`, as);
    db = testDatabase("fault-subgraph-test");
  });

  afterAll(async () => {
    await supervisor?.stop();
    await deleteAgencyData(db, agency);
    await db?.close();
  });

  it("SIGKILL e-commerce: seizure fields keep coming, shipments are SERVICE_UNAVAILABLE, /readyz names it, it is back within 5 s of its restart", async () => {
    const gatewayRun = supervisor.current("gateway")!;
    const victim = supervisor.current("ecommerce")!;
    const traffic = startTraffic(() => postGraphQL<Page>(gatewayUrl, PAGE, { agency }, as), 100);
    await until("a full answer before the kill", () => traffic.samples.some((s) => fullAnswer(s.response)), 30_000);

    const killedAt = Date.now();
    process.kill(victim.pid!, "SIGKILL");
    await victim.exited;
    const ready = await fetch(readyz(ports.gateway));
    const readiness = await ready.text();
    expect(ready.status).toBe(503);
    expect(JSON.parse(readiness)).toEqual({
      status: "unavailable",
      failing: ["ecommerce"],
      checks: { seizures: "ok", entities: "ok", ecommerce: "unreachable", neo4j: "ok" },
    });
    expect(readiness).not.toMatch(/127\.0\.0\.1|localhost|:\d{2,5}\b/);

    const restartedAt = await until("the supervisor restarts e-commerce", () => (supervisor.current("ecommerce") ?? victim) !== victim, 10_000, 20);
    const readyAt = await until("the new e-commerce is ready", answers200(readyz(ports.ecommerce)), 60_000, 50);
    const servedAt = await until(
      "the gateway serves e-commerce's fields again",
      () => traffic.samples.some((s) => s.sentAt >= readyAt && fullAnswer(s.response)),
      10_000,
    );
    const samples = await traffic.stop();

    const duringOutage = samples.filter((s) => s.sentAt > killedAt && s.response && !fullAnswer(s.response));
    expect(duringOutage.length).toBeGreaterThan(0);
    for (const sample of duringOutage) expectShipmentsUnavailable(sample.response!);
    const lost = samples.filter((s) => !keptSeizures(s.response));
    expect(lost.map((s) => s.failure ?? JSON.stringify(s.response))).toEqual([]);
    // The first full answer came from a request sent after e-commerce was ready: its completion is what counts.
    const firstServed = samples.find((s) => s.sentAt >= readyAt && fullAnswer(s.response))!;
    const recoveryMs = firstServed.sentAt + firstServed.ms - readyAt;
    expect(recoveryMs).toBeLessThanOrEqual(5000);
    expect(supervisor.current("gateway")).toBe(gatewayRun);
    expect(supervisor.exits("gateway")).toBe(0);
    expect(logged).toContainEqual({ obj: expect.objectContaining({ service: "ecommerce", signal: "SIGKILL", restartInMs: 500 }), msg: "ecommerce exited (signal SIGKILL); restarting it in 500 ms" });
    expect(logged.map((l) => l.msg)).toContain("ecommerce restarted");
    // The stream opened e-commerce's circuit; it was served again through the half-open probe.
    expect(output.join("")).toMatch(/"subgraph":"ecommerce"[^\n]*"msg":"circuit opened/);
    process.stdout.write(
      `subgraph SIGKILL: ${samples.length} requests, ${duringOutage.length} answered without e-commerce's fields, lost: ${lost.length}; ` +
        `restarted ${restartedAt - killedAt} ms after the kill, ready after ${readyAt - killedAt} ms; ` +
        `the gateway served it again ${recoveryMs} ms after it was ready (${Math.max(servedAt, firstServed.sentAt + firstServed.ms) - killedAt} ms after the kill)\n`,
    );
  }, 120_000);

  it("SIGKILL the gateway: the supervisor restarts it and it answers again", async () => {
    const before = supervisor.current("gateway")!;
    const killedAt = Date.now();
    process.kill(before.pid!, "SIGKILL");
    await before.exited;
    await until("the new gateway is ready", answers200(readyz(ports.gateway)), 60_000, 100);
    expect(supervisor.current("gateway")).not.toBe(before);
    const res = await postGraphQL<Page>(gatewayUrl, PAGE, { agency }, as);
    expect(fullAnswer(res)).toBe(true);
    expect(logged.map((l) => l.msg)).toContain("gateway exited (signal SIGKILL); restarting it in 500 ms");
    process.stdout.write(`gateway SIGKILL: answering again ${Date.now() - killedAt} ms after the kill; lost: nothing written is lost (the cases read back whole)\n`);
  }, 90_000);

  it("stop() ends every service and restarts none", async () => {
    const runs = [...SUBGRAPH_NAMES, "gateway"].map((name) => supervisor.current(name)!);
    const exitsBefore = [...SUBGRAPH_NAMES, "gateway"].map((name) => supervisor.exits(name));
    await supervisor.stop();
    const exits = await Promise.all(runs.map((run) => run.exited));
    // Each drained and exited 0 on SIGTERM (none was killed after the grace time).
    expect(exits).toEqual(runs.map(() => ({ code: 0, signal: null })));
    await sleep(1000);
    expect([...SUBGRAPH_NAMES, "gateway"].map((name) => supervisor.current(name))).toEqual([undefined, undefined, undefined, undefined]);
    expect([...SUBGRAPH_NAMES, "gateway"].map((name) => supervisor.exits(name))).toEqual(exitsBefore);
  });
});

describe("a subgraph that never answers: per-fetch timeout, then the circuit opens", () => {
  const agency = unique("TEST-SLOW");
  // Long enough for the seizures subgraph's own answers on a busy machine, short enough for a quick test.
  const TIMEOUT_MS = 2000;
  // Two failures in a row fit the breaker's 10 s window even on a slow machine.
  const MIN_FETCHES = 2;
  let stack: TestStack;
  let standIn: http.Server;
  let as: Record<string, string>;
  let requests = 0;
  const sockets = new Set<Socket>();

  beforeAll(async () => {
    // Accepts every connection and request, answers none: a subgraph stuck on something.
    standIn = http.createServer(() => void (requests += 1));
    standIn.on("connection", (socket: Socket) => {
      sockets.add(socket);
      socket.on("close", () => sockets.delete(socket));
    });
    standIn.listen(0, "127.0.0.1");
    await once(standIn, "listening");
    stack = await startTestStack({
      ECOMMERCE_URL: `http://127.0.0.1:${(standIn.address() as AddressInfo).port}/graphql`,
      CIX_SUBGRAPH_TIMEOUT_MS: String(TIMEOUT_MS),
      CIX_CIRCUIT_MIN_FETCHES: String(MIN_FETCHES),
      // No half-open probe during this test.
      CIX_CIRCUIT_RESET_MS: "60000",
    });
    as = await authHeaders({ role: "investigator", agency, country: "NL", purpose: "CASE-SLOW-1" });
    await recordCases(stack.subgraphs.seizures.url, as);
  });

  afterAll(async () => {
    await deleteAgencyData(stack.db, agency);
    await stack.stop();
    standIn.closeAllConnections();
    standIn.close();
  });

  const timedQuery = async () => {
    const started = Date.now();
    const res = await stack.query<Page>(PAGE, { agency }, as);
    return { res, ms: Date.now() - started };
  };

  it(`answers SERVICE_UNAVAILABLE at its fields once the timeout passes; after ${MIN_FETCHES} such fetches the circuit opens and answers at once`, async () => {
    // One test: the breaker counts fetches in a rolling window (10 s here), so the failures must follow each other.
    const slow = [];
    for (let i = 0; i < MIN_FETCHES; i++) slow.push(await timedQuery());
    for (const { res, ms } of slow) {
      expect(keptSeizures(res)).toBe(true);
      expectShipmentsUnavailable(res);
      expect(ms).toBeGreaterThanOrEqual(TIMEOUT_MS - 50);
      expect(ms).toBeLessThan(TIMEOUT_MS + 2000);
    }
    expect(requests).toBe(MIN_FETCHES);

    const fast = [await timedQuery(), await timedQuery(), await timedQuery()];
    for (const { res, ms } of fast) {
      expect(keptSeizures(res)).toBe(true);
      expectShipmentsUnavailable(res);
      expect(ms).toBeLessThan(TIMEOUT_MS / 2);
    }
    // No call reached the subgraph once the circuit was open, and the sockets of the timed-out ones are let go
    // (Node's fetch closes an aborted request's socket after its keep-alive time, 4 s, not at once).
    expect(requests).toBe(MIN_FETCHES);
    const openedAt = Date.now();
    const releasedMs = (await until("the gateway holds no socket to the hanging subgraph", () => sockets.size === 0, 8000)) - openedAt;
    const metrics = await (await fetch(stack.gatewayUrl.replace(/graphql$/, "metrics"))).text();
    expect(metrics).toMatch(/^cix_gateway_circuit_open\{subgraph="ecommerce"\} 1$/m);
    expect(metrics).toMatch(/^cix_gateway_circuit_open\{subgraph="seizures"\} 0$/m);
    process.stdout.write(
      `hanging subgraph: answered in ${slow.map((f) => f.ms).join(", ")} ms (timeout ${TIMEOUT_MS} ms); circuit open after ${MIN_FETCHES} failed fetches: ` +
        `answers in ${fast.map((f) => f.ms).join(", ")} ms with no call; sockets released ${releasedMs} ms later; lost: nothing (seizure fields kept)\n`,
    );
  }, 60_000);
});
