import { spawnSync } from "node:child_process";
import { randomBytes, randomUUID } from "node:crypto";
import { Writable } from "node:stream";
import { repoRoot, startTelemetry, type RunningServer, type Telemetry } from "@cix/core";
import { startGatewayServer } from "@cix/gateway";
import { InMemorySpanExporter, type ReadableSpan } from "@opentelemetry/sdk-trace-node";
import { pino } from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { authHeaders } from "../support/auth.js";
import { deleteAgencyData } from "../support/seizures.js";
import { startTestStack, unique, type TestStack } from "../support/stack.js";

/**
 * Issue 20 item 4: a request's id in its response header, its errors and its access-log line; its W3C trace from
 * the caller through the gateway and a subgraph to Neo4j, and into the audit entry; /metrics on the gateway and
 * the subgraphs showing the request just made. Tracing runs with an in-memory exporter: the whole hub is in this
 * process, so one exporter sees every span.
 */

const exporter = new InMemorySpanExporter();
let telemetry: Telemetry | undefined;
let stack: TestStack;
/** A second gateway over the stack's subgraphs, whose log lines this test reads. */
let gateway: RunningServer;
let gatewayUrl: string;
const logLines: Array<Record<string, unknown>> = [];
const agency = unique("OBS");
const NOMINAL_NAME = `Olga Observed ${randomUUID().slice(0, 6)}`;

beforeAll(async () => {
  telemetry = await startTelemetry("cix-test", { CIX_OTEL_EXPORTER: "none" }, exporter);
  stack = await startTestStack({ LOG_LEVEL: "info" });
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString().split("\n").filter(Boolean)) logLines.push(JSON.parse(line) as Record<string, unknown>);
      done();
    },
  });
  gateway = await startGatewayServer(stack.config, pino({ level: "info" }, sink), 0);
  gatewayUrl = `http://127.0.0.1:${gateway.port}`;
});

afterAll(async () => {
  await gateway?.stop();
  if (stack) {
    await deleteAgencyData(stack.db, agency);
    await stack.stop();
  }
  await telemetry?.shutdown();
});

async function post(body: unknown, headers: Record<string, string>) {
  const res = await fetch(`${gatewayUrl}/graphql`, { method: "POST", headers: { "content-type": "application/json", ...headers }, body: JSON.stringify(body) });
  return { res, body: (await res.json()) as { data?: Record<string, unknown> | null; errors?: Array<{ message: string; extensions?: Record<string, unknown> }> } };
}

const investigator = () => authHeaders({ role: "investigator", agency, purpose: "CASE-OBS-1" });
const accessLines = () => logLines.filter((line) => line.msg === "request");

describe("request ids", () => {
  it("honours a valid x-request-id: in the response header, in every error, and in the access-log line", async () => {
    const requestId = `obs-${randomUUID()}`;
    const { res, body } = await post({ query: "query ObsMissing { noSuchField }" }, { ...(await investigator()), "x-request-id": requestId });
    expect(res.headers.get("x-request-id")).toBe(requestId);
    expect(body.errors?.length).toBeGreaterThan(0);
    for (const error of body.errors!) expect(error.extensions?.requestId).toBe(requestId);
    const line = accessLines().find((l) => l.requestId === requestId);
    expect(line).toMatchObject({ requestId, method: "POST", route: "/graphql", status: expect.any(Number), durationMs: expect.any(Number) });
  });

  it("replaces an unacceptable id with its own, never echoing it", async () => {
    for (const sent of ["has spaces in it", "x".repeat(129), "<script>", "-leading-dash"]) {
      const { res } = await post({ query: "{ __typename }" }, { ...(await investigator()), "x-request-id": sent });
      const given = res.headers.get("x-request-id");
      expect(given).not.toBe(sent);
      expect(given).toMatch(/^[0-9a-f-]{36}$/);
    }
  });

  it("carries the id in refusals made before GraphQL runs: no token (401), an unknown path (404)", async () => {
    const unauthenticated = await post({ query: "{ __typename }" }, { "x-request-id": "obs-no-token" });
    expect(unauthenticated.res.status).toBe(401);
    expect(unauthenticated.res.headers.get("x-request-id")).toBe("obs-no-token");
    expect(unauthenticated.body.errors?.[0]?.extensions).toMatchObject({ code: "UNAUTHENTICATED", requestId: "obs-no-token" });

    const missing = await fetch(`${gatewayUrl}/no-such-path`, { headers: { "x-request-id": "obs-not-found" } });
    expect(missing.status).toBe(404);
    expect(missing.headers.get("x-request-id")).toBe("obs-not-found");
    expect(((await missing.json()) as { errors: Array<{ extensions: Record<string, unknown> }> }).errors[0]!.extensions).toMatchObject({ code: "NOT_FOUND", requestId: "obs-not-found" });
    expect(accessLines().find((l) => l.requestId === "obs-not-found")).toMatchObject({ status: 404, route: "other" });
  });
});

describe("the access log", () => {
  it("writes one line per request with caller, agency, operation and subgraph fetches, and no token or nominal value", async () => {
    const headers = await investigator();
    const requestId = `obs-${randomUUID()}`;
    const created = await post(
      { query: "mutation ObsCreatePerson($input: PersonInput!) { upsertPerson(input: $input) { id fullName } }", variables: { input: { fullName: NOMINAL_NAME } } },
      { ...headers, "x-request-id": requestId },
    );
    expect(created.body.errors).toBeUndefined();
    expect((created.body.data?.upsertPerson as { fullName: string }).fullName).toBe(NOMINAL_NAME);

    const lines = accessLines().filter((l) => l.requestId === requestId);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({
      status: 200,
      operation: "ObsCreatePerson",
      agency,
      client: `investigator@${agency}`,
      subgraphFetches: [{ subgraph: "entities", outcome: "ok", durationMs: expect.any(Number) }],
    });
    const everything = JSON.stringify(logLines);
    expect(everything).not.toContain(NOMINAL_NAME);
    expect(everything).not.toContain(headers.authorization!.slice("Bearer ".length));
  });
});

describe("tracing", () => {
  const traceId = randomBytes(16).toString("hex");
  const callerSpan = randomBytes(8).toString("hex");
  let spans: ReadableSpan[];
  let requestId: string;

  beforeAll(async () => {
    requestId = `obs-${randomUUID()}`;
    const caseNumber = unique("OBS-CASE");
    const { body } = await post(
      {
        query: "mutation ObsTraced($input: SeizureInput!) { upsertSeizure(input: $input) { id } }",
        variables: { input: { caseNumber, seizedAt: "2024-03-01T10:00:00Z", commodity: "TOBACCO", placeLocode: "NLRTM" } },
      },
      { ...(await investigator()), "x-request-id": requestId, traceparent: `00-${traceId}-${callerSpan}-01` },
    );
    expect(body.errors).toBeUndefined();
    await telemetry!.flush();
    spans = exporter.getFinishedSpans().filter((span) => span.spanContext().traceId === traceId);
  });

  it("continues the caller's trace through the gateway and the subgraph down to the Cypher statements", () => {
    const server = (component: string) => spans.find((s) => s.attributes["cix.component"] === component && s.name === "POST /graphql");
    const edge = server("gateway");
    const subgraph = server("seizures");
    expect(edge?.parentSpanContext?.spanId).toBe(callerSpan);
    expect(subgraph).toBeDefined();
    const byId = new Map(spans.map((s) => [s.spanContext().spanId, s]));
    /** The chain of parents of a span, up to the caller's. */
    const ancestors = (span: ReadableSpan): string[] => {
      const parent = span.parentSpanContext?.spanId;
      return parent ? [parent, ...(byId.has(parent) ? ancestors(byId.get(parent)!) : [])] : [];
    };
    expect(ancestors(subgraph!)).toContain(edge!.spanContext().spanId);
    const statements = spans.filter((s) => s.attributes["db.system.name"] === "neo4j" && s.attributes["cix.component"] === "seizures");
    expect(statements.length).toBeGreaterThan(0);
    for (const statement of statements) expect(ancestors(statement)).toContain(subgraph!.spanContext().spanId);
  });

  it("records the trace in the audit entry and in the access-log line", async () => {
    const [entry] = await stack.db.read<{ traceId: string; payload: string }>("MATCH (e:AuditEntry { requestId: $requestId }) RETURN e.traceId AS traceId, e.payload AS payload", { requestId });
    expect(entry?.traceId).toBe(traceId);
    expect((JSON.parse(entry!.payload) as { traceparent: string }).traceparent).toMatch(new RegExp(`^00-${traceId}-[0-9a-f]{16}-01$`));
    expect(accessLines().find((l) => l.requestId === requestId)?.traceId).toBe(traceId);
  });

  it("starts a trace of its own for a caller that sends none, or an invalid one", async () => {
    const { res } = await post({ query: "query ObsUntraced { __typename }" }, { ...(await investigator()), traceparent: "00-not-a-trace-01" });
    const line = accessLines().find((l) => l.requestId === res.headers.get("x-request-id"));
    expect(line?.traceId).toMatch(/^[0-9a-f]{32}$/);
    expect(line?.traceId).not.toBe("0".repeat(32));
  });
});

describe("/metrics", () => {
  async function scrape(url: string, headers: Record<string, string> = {}) {
    const res = await fetch(url, { headers });
    return { status: res.status, text: await res.text() };
  }

  it("shows the request just made on the gateway and on each subgraph it reached, with Cypher, audit and process metrics", async () => {
    const written = await post(
      { query: "mutation ObsMetricsWrite($input: PersonInput!) { upsertPerson(input: $input) { id } }", variables: { input: { fullName: "Metric Person" } } },
      await investigator(),
    );
    expect(written.body.errors).toBeUndefined();

    const edge = await scrape(`${gatewayUrl}/metrics`);
    expect(edge.status).toBe(200);
    expect(edge.text).toMatch(/cix_graphql_operation_duration_seconds_count\{component="gateway",operation="ObsMetricsWrite",type="mutation"\} [1-9]/);
    expect(edge.text).toMatch(/cix_gateway_subgraph_fetch_duration_seconds_count\{subgraph="entities",outcome="ok"\} [1-9]/);
    expect(edge.text).toMatch(/^process_resident_memory_bytes \d+/m);
    for (const [name, subgraph] of Object.entries(stack.subgraphs)) {
      const scraped = await scrape(subgraph.url.replace(/\/graphql$/, "/metrics"));
      expect(scraped.status, name).toBe(200);
      expect(scraped.text, name).toMatch(/^nodejs_eventloop_lag_seconds /m);
    }
    const entities = (await scrape(stack.subgraphs.entities.url.replace(/\/graphql$/, "/metrics"))).text;
    expect(entities).toMatch(/cix_graphql_operation_duration_seconds_count\{component="entities",operation="ObsMetricsWrite[^"]*",type="mutation"\} [1-9]/);
    expect(entities).toMatch(/cix_cypher_queries_total\{[^}]*component="entities"[^}]*\} [1-9]/);
    expect(entities).toMatch(/cix_audit_entries_total\{kind="WRITE",outcome="appended"\} [1-9]/);
    // A label value is never a value from the request: the person's name appears nowhere.
    expect(edge.text + entities).not.toContain("Metric Person");
  });

  it("answers a request that came through a proxy with 403, and a token-protected scrape only with the token", async () => {
    const proxied = await scrape(`${gatewayUrl}/metrics`, { "x-forwarded-for": "203.0.113.9" });
    expect(proxied.status).toBe(403);
    expect(JSON.parse(proxied.text)).toMatchObject({ errors: [{ extensions: { code: "FORBIDDEN" } }] });

    const token = randomBytes(24).toString("hex");
    const guarded = await startGatewayServer({ ...stack.config, CIX_METRICS_TOKEN: token }, pino({ level: "silent" }), 0);
    try {
      const url = `http://127.0.0.1:${guarded.port}/metrics`;
      expect((await scrape(url)).status).toBe(401);
      expect((await scrape(url, { authorization: "Bearer wrong-token-wrong-token" })).status).toBe(401);
      expect((await scrape(url, { authorization: `Bearer ${token}` })).status).toBe(200);
    } finally {
      await guarded.stop();
    }
  });
});

describe("log format", () => {
  const logOnce = (format: string) =>
    spawnSync(process.execPath, ["--import", "tsx", "-e", 'import { createLogger } from "@cix/core"; createLogger("probe").info({ n: 1 }, "hello")'], {
      cwd: repoRoot,
      env: { ...process.env, LOG_FORMAT: format },
      encoding: "utf8",
    }).stdout;

  it("writes JSON lines for machines and readable lines for people (LOG_FORMAT, pretty on a terminal)", () => {
    expect(JSON.parse(logOnce("json"))).toMatchObject({ name: "probe", msg: "hello", n: 1 });
    const pretty = logOnce("pretty");
    expect(pretty).toMatch(/INFO.*probe.*hello/);
    expect(() => JSON.parse(pretty)).toThrow();
  });
});
