// `npm run soak -- [--minutes 10] [--connections 50] [--smoke] [--seconds S] [--neo4j-uri bolt://…] [--out DIR]`:
// endurance. Starts the hub as separate processes (bench/hub.ts), drives a realistic mix through the gateway for
// the whole run, and reports per minute: p50/p95/p99 latency, requests, errors (5xx, GraphQL errors), and per
// process resident memory and V8 heap (from each process's own /metrics). README "Operating CIX".
import { randomUUID } from "node:crypto";
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import pidusage from "pidusage";
import { createLogger, Database, loadConfig, parseCommandLine, PURPOSE_HEADER, repoRoot, TokenService } from "@cix/core";
import { deleteAgencyRecords } from "../test/support/cleanup.js";
import { ensureDataSet, type DataSet } from "./dataset.js";
import { pickFixtures } from "./fixtures.js";
import { Hub } from "./hub.js";
import { hubPids } from "./phases.js";
import { linkAnalysis, personWithRecords, seizureById, seizurePage, type GraphQLRequest, type Scenario } from "./scenarios.js";
import { userHeaders } from "./targets.js";

const USAGE = `usage: npm run soak -- [--minutes 10] [--connections 50] [--smoke] [--seconds S] [--neo4j-uri bolt://…] [--neo4j-port 7692] [--out DIR]
  --smoke       one planted ring under agency codes of this run (removed afterwards) instead of the demo data set
  --seconds S   run for S seconds instead of --minutes (buckets are then 10 s, for short runs such as CI's)`;

const { values: args } = parseCommandLine(
  {
    options: {
      minutes: { type: "string", default: "10" },
      seconds: { type: "string" },
      connections: { type: "string", default: "50" },
      smoke: { type: "boolean", default: false },
      "neo4j-uri": { type: "string" },
      "neo4j-port": { type: "string", default: "7692" },
      out: { type: "string" },
    },
  },
  USAGE,
);

const durationMs = args.seconds ? Number(args.seconds) * 1000 : Number(args.minutes) * 60_000;
const connections = Number(args.connections);
if (!(durationMs > 0) || !(connections > 0)) fail(`--minutes/--seconds and --connections take positive numbers\n${USAGE}`, 2);
/** Figures are bucketed per minute, or per 10 s in runs under two minutes. */
const bucketMs = durationMs < 120_000 ? 10_000 : 60_000;
const outDir = path.resolve(args.out ?? path.join(repoRoot, "bench", "results"));
const SOAK_PURPOSE = "SOAK-RUN-001";

/** No rate limits (one token sends the whole load) and quiet logs; the permission layer stays on. */
const HUB_ENV = { LOG_LEVEL: "warn", CIX_RATE_LIMIT_PER_SUB: "0", CIX_RATE_LIMIT_PER_AGENCY: "0", CIX_RATE_LIMIT_PER_IP: "0" };

interface Bucket {
  startedAtS: number;
  latenciesMs: number[];
  byKind: Record<string, number>;
  http5xx: number;
  http4xx: number;
  graphqlErrors: number;
  networkErrors: number;
  /** FORBIDDEN answers: the permission layer refusing another agency's nominal fields, as it must; not failures. */
  denied: number;
  /** Errors by request kind and code, e.g. "write FORBIDDEN". */
  errorCodes: Record<string, number>;
}

interface ProcessSample {
  rssMiB: number;
  heapUsedMiB: number | null;
  externalMiB: number | null;
}

interface MinuteReport {
  atS: number;
  requests: number;
  perSecond: number;
  p50: number;
  p95: number;
  p99: number;
  http5xx: number;
  http4xx: number;
  graphqlErrors: number;
  networkErrors: number;
  denied: number;
  errorCodes: Record<string, number>;
  mix: Record<string, number>;
  processes: Record<string, ProcessSample>;
}

const say = (message: string) => console.error(`soak: ${message}`);
const config = loadConfig();
const tokens = new TokenService(config);
const log = createLogger("soak", "warn");

say(`starting Neo4j and the hub (${args.smoke ? "one ring" : "demo data set"}, ${connections} connections, ${durationMs / 1000} s)`);
const hub = await Hub.start({
  neo4jUri: args["neo4j-uri"],
  neo4jPort: Number(args["neo4j-port"]),
  neo4jHome: "data-bench",
  env: HUB_ENV,
  log: say,
}).catch((error: Error) => fail(`npm run soak: ${error.message}`, 1));
const db = Database.connect({ ...config, NEO4J_URI: hub.neo4j.uri }, "soak");
/** The agency the run's writes and imports belong to: removed at the end, whatever happened. */
const writer = `SOAK-${randomUUID().slice(0, 8).toUpperCase()}`;
let data: DataSet | undefined;
let exitCode = 0;
try {
  data = await ensureDataSet(args.smoke ? "smoke" : "demo", { db, gatewayUrl: hub.gatewayUrl, tokens, log });
  const fixtures = await pickFixtures(db, data);
  const reader = await userHeaders(tokens, fixtures.agency);
  const writerHeaders = { authorization: (await userHeaders(tokens, writer)).authorization!, [PURPOSE_HEADER]: SOAK_PURPOSE };
  const reads = [seizureById(fixtures), seizurePage(fixtures, 20), personWithRecords(fixtures), ...linkAnalysis(fixtures, new Set(["network", "paths"]))].filter(
    (s): s is Scenario => !("unavailable" in s),
  );
  const report = await soak(reads, reader, writerHeaders);
  const file = writeReport(report);
  printReport(report);
  say(`report written to ${file}`);
  if (report.totals.http5xx > 0) exitCode = 1;
} catch (error) {
  console.error(`npm run soak: ${(error as Error).stack ?? error}\nRecent hub logs:\n${hub.recentLogs()}`);
  exitCode = 1;
} finally {
  await deleteAgencyRecords(db, writer).catch((error: Error) => say(`cleanup of ${writer} failed: ${error.message}`));
  await data?.cleanup().catch((error: Error) => say(`cleanup failed: ${error.message}`));
  await db.close();
  await hub.stop();
  pidusage.clear();
}
process.exit(exitCode);

/**
 * The mix, by weight: what investigators and partner systems do most (case lookups, pages of cases, a person with
 * records across the three subgraphs, link analysis), plus a trickle of writes (a case upserted) and of bulk imports
 * (20 cases over HTTP, then the job polled), all under the run's own agency.
 */
function mixOf(reads: Scenario[], reader: Record<string, string>, writer: Record<string, string>): Array<{ kind: string; weight: number; request: () => Promise<Outcome> }> {
  const byId = (id: string) => reads.find((s) => s.id === id);
  const read = (s: Scenario | undefined) => (s ? () => graphql(s.gateway, reader) : undefined);
  const entries = [
    { kind: "lookup", weight: 30, request: read(byId("1")) },
    { kind: "page", weight: 25, request: read(byId("2")) },
    { kind: "cross-subgraph", weight: 20, request: read(byId("3")) },
    { kind: "network", weight: 7, request: read(byId("4a")) },
    { kind: "paths", weight: 5, request: read(byId("4b")) },
    { kind: "write", weight: 12, request: () => graphql(upsertCase(), writer) },
    { kind: "import", weight: 1, request: () => importAndPoll(writer) },
  ];
  return entries.filter((e): e is (typeof entries)[number] & { request: () => Promise<Outcome> } => e.request !== undefined);
}

interface Outcome {
  status: number;
  graphqlErrors: number;
  /** The errors' codes (or the HTTP status of a refusal), to tell what went wrong. */
  codes?: string[];
}

async function graphql(request: GraphQLRequest, headers: Record<string, string>): Promise<Outcome> {
  const res = await fetch(hub.gatewayUrl, { method: "POST", headers: { "content-type": "application/json", ...headers }, body: JSON.stringify(request) });
  const body = (await res.json().catch(() => ({}))) as { errors?: Array<{ extensions?: { code?: string } }> };
  return { status: res.status, graphqlErrors: body.errors?.length ?? 0, codes: body.errors?.map((e) => e.extensions?.code ?? "UNKNOWN") };
}

function upsertCase(): GraphQLRequest {
  return {
    query: "mutation SoakWrite($input: SeizureInput!) { upsertSeizure(input: $input) { id } }",
    variables: { input: { caseNumber: `SOAK-${randomUUID()}`, seizedAt: new Date().toISOString(), commodity: "TOBACCO", placeLocode: "NLRTM" } },
  };
}

/** A 20-row NDJSON upload through the gateway, then `importJob` polled until the job is done (one request in the figures). */
async function importAndPoll(writer: Record<string, string>): Promise<Outcome> {
  const rows = Array.from({ length: 20 }, () => JSON.stringify({ caseNumber: `SOAK-IMP-${randomUUID()}`, seizedAt: "2024-05-01T08:00:00Z", commodity: "TOBACCO" }));
  const upload = await fetch(hub.gatewayUrl.replace(/\/graphql$/, "/import/seizures"), {
    method: "POST",
    headers: { ...writer, "content-type": "application/x-ndjson" },
    body: `${rows.join("\n")}\n`,
  });
  if (upload.status !== 202) return { status: upload.status, graphqlErrors: 0, codes: [`HTTP ${upload.status}`] };
  const { jobId } = (await upload.json()) as { jobId: string };
  for (let i = 0; i < 60; i++) {
    const polled = await fetch(hub.gatewayUrl, {
      method: "POST",
      headers: { "content-type": "application/json", ...writer },
      body: JSON.stringify({ query: "query SoakImportJob($id: ID!) { importJob(id: $id) { status rejected } }", variables: { id: jobId } }),
    });
    const body = (await polled.json()) as { data?: { importJob?: { status: string; rejected: number } | null }; errors?: unknown[] };
    if (polled.status !== 200 || body.errors) return { status: polled.status, graphqlErrors: body.errors?.length ?? 0 };
    const status = body.data?.importJob?.status;
    if (status && status !== "RUNNING") {
      const { rejected } = body.data!.importJob!;
      return status === "COMPLETED" && rejected === 0 ? { status: 200, graphqlErrors: 0 } : { status: 500, graphqlErrors: 0, codes: [`import ${status}, ${rejected} rejected`] };
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return { status: 504, graphqlErrors: 0 };
}

async function soak(reads: Scenario[], reader: Record<string, string>, writerHeaders: Record<string, string>) {
  const mix = mixOf(reads, reader, writerHeaders);
  const totalWeight = mix.reduce((sum, e) => sum + e.weight, 0);
  const pick = () => {
    let r = Math.random() * totalWeight;
    for (const entry of mix) if ((r -= entry.weight) < 0) return entry;
    return mix[0]!;
  };
  const started = Date.now();
  const buckets: Bucket[] = [];
  const bucketAt = (t: number) => {
    const index = Math.floor((t - started) / bucketMs);
    while (buckets.length <= index) buckets.push({ startedAtS: (buckets.length * bucketMs) / 1000, latenciesMs: [], byKind: {}, http5xx: 0, http4xx: 0, graphqlErrors: 0, networkErrors: 0, denied: 0, errorCodes: {} });
    return buckets[index]!;
  };
  const samples: Array<Record<string, ProcessSample>> = [];
  const sampler = setInterval(() => void sampleProcesses().then((s) => (samples[Math.floor((Date.now() - started) / bucketMs)] = s)), bucketMs / 2);

  const worker = async () => {
    while (Date.now() - started < durationMs) {
      const entry = pick();
      const t0 = performance.now();
      const outcome: Outcome = await entry.request().catch(() => ({ status: 0, graphqlErrors: 0 }));
      const bucket = bucketAt(Date.now());
      bucket.latenciesMs.push(performance.now() - t0);
      bucket.byKind[entry.kind] = (bucket.byKind[entry.kind] ?? 0) + 1;
      if (outcome.status === 0) bucket.networkErrors++;
      else if (outcome.status >= 500) bucket.http5xx++;
      else if (outcome.status >= 400) bucket.http4xx++;
      const denied = (outcome.codes ?? []).filter((code) => code === "FORBIDDEN").length;
      bucket.denied += denied;
      bucket.graphqlErrors += outcome.graphqlErrors - denied;
      for (const code of outcome.codes ?? []) bucket.errorCodes[`${entry.kind} ${code}`] = (bucket.errorCodes[`${entry.kind} ${code}`] ?? 0) + 1;
    }
  };
  const progress = setInterval(() => {
    const done = buckets.reduce((sum, b) => sum + b.latenciesMs.length, 0);
    say(`${Math.round((Date.now() - started) / 1000)} s: ${done} requests`);
  }, 60_000);
  await Promise.all(Array.from({ length: connections }, worker));
  clearInterval(progress);
  clearInterval(sampler);
  samples[buckets.length - 1] = await sampleProcesses();

  const minutes: MinuteReport[] = buckets
    .filter((b) => b.startedAtS * 1000 < durationMs)
    .map((b, i) => {
      const sorted = [...b.latenciesMs].sort((x, y) => x - y);
      const at = (q: number) => Math.round((sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0) * 10) / 10;
      return {
        atS: b.startedAtS,
        requests: sorted.length,
        perSecond: Math.round((sorted.length / (bucketMs / 1000)) * 10) / 10,
        p50: at(0.5),
        p95: at(0.95),
        p99: at(0.99),
        http5xx: b.http5xx,
        http4xx: b.http4xx,
        graphqlErrors: b.graphqlErrors,
        networkErrors: b.networkErrors,
        denied: b.denied,
        errorCodes: b.errorCodes,
        mix: b.byKind,
        processes: samples[i] ?? samples[i - 1] ?? {},
      };
    });
  const sum = (key: "requests" | "http5xx" | "http4xx" | "graphqlErrors" | "networkErrors" | "denied") => minutes.reduce((s, m) => s + m[key], 0);
  return {
    command: `npm run soak -- ${process.argv.slice(2).join(" ")}`.trim(),
    startedAt: new Date(started).toISOString(),
    seconds: durationMs / 1000,
    bucketSeconds: bucketMs / 1000,
    connections,
    dataSet: args.smoke ? "smoke (one ring)" : "demo",
    totals: { requests: sum("requests"), http5xx: sum("http5xx"), http4xx: sum("http4xx"), graphqlErrors: sum("graphqlErrors"), networkErrors: sum("networkErrors"), denied: sum("denied") },
    minutes,
  };
}

/** Resident memory (pidusage) and the V8 heap each process reports on its /metrics (loopback, so allowed). */
async function sampleProcesses(): Promise<Record<string, ProcessSample>> {
  const pids = hubPids(hub);
  const usage = await pidusage(Object.values(pids)).catch(() => ({}) as Record<string, pidusage.Status>);
  const result: Record<string, ProcessSample> = {};
  for (const [name, pid] of Object.entries(pids)) {
    const rss = (usage as Record<string, pidusage.Status>)[String(pid)]?.memory ?? 0;
    const service = hub.services.get(name as never);
    const metrics = service ? await fetch(service.url.replace(/\/graphql$/, "/metrics")).then((r) => r.text(), () => "") : "";
    const gauge = (metric: string) => {
      const value = new RegExp(`^${metric} (\\S+)`, "m").exec(metrics)?.[1];
      return value === undefined ? null : Math.round(Number(value) / 1048576);
    };
    result[name] = { rssMiB: Math.round(rss / 1048576), heapUsedMiB: gauge("nodejs_heap_size_used_bytes"), externalMiB: gauge("nodejs_external_memory_bytes") };
  }
  return result;
}

type SoakReport = Awaited<ReturnType<typeof soak>>;

function writeReport(report: SoakReport): string {
  mkdirSync(outDir, { recursive: true });
  const file = path.join(outDir, "soak-latest.json");
  writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
  writeFileSync(path.join(outDir, `soak-${report.startedAt.replace(/[:.]/g, "-")}.json`), `${JSON.stringify(report, null, 2)}\n`);
  return file;
}

/** One line per bucket: latency percentiles, rate, errors, and RSS (heap) per process. */
function printReport(report: SoakReport): void {
  const names = Object.keys(report.minutes.at(-1)?.processes ?? {});
  console.log(`\nSoak: ${report.seconds} s, ${report.connections} connections, ${report.dataSet} data; ${report.totals.requests} requests`);
  console.log(
    `totals: 5xx ${report.totals.http5xx}, 4xx ${report.totals.http4xx}, GraphQL errors ${report.totals.graphqlErrors}, network errors ${report.totals.networkErrors}; ` +
      `${report.totals.denied} nominal fields denied to the reader, as they must be (other agencies' offenders)`);
  const codes: Record<string, number> = {};
  for (const m of report.minutes) for (const [code, n] of Object.entries(m.errorCodes)) codes[code] = (codes[code] ?? 0) + n;
  if (Object.keys(codes).length > 0) console.log(`errors by request kind and code: ${Object.entries(codes).map(([c, n]) => `${c} ×${n}`).join(", ")}`);
  console.log(`| at (s) | req/s | p50 ms | p95 ms | p99 ms | 5xx | errors | ${names.map((n) => `${n} RSS (heap) MiB`).join(" | ")} |`);
  console.log(`|---|---|---|---|---|---|---|${names.map(() => "---|").join("")}`);
  for (const m of report.minutes) {
    const memory = names.map((n) => {
      const p = m.processes[n];
      return p ? `${p.rssMiB}${p.heapUsedMiB === null ? "" : ` (${p.heapUsedMiB})`}` : "";
    });
    console.log(`| ${m.atS} | ${m.perSecond} | ${m.p50} | ${m.p95} | ${m.p99} | ${m.http5xx} | ${m.graphqlErrors + m.networkErrors + m.http4xx} | ${memory.join(" | ")} |`);
  }
}

function fail(message: string, code: number): never {
  console.error(message);
  process.exit(code);
}
