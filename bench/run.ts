// `npm run bench -- [--scale demo|cen] [--duration 20] [--connections 50] [--smoke]`: speed, cost and scale of
// the hub, side by side with its own subgraphs and with plain Cypher, in one run. README "Benchmarks".
import { readdirSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pidusage from "pidusage";
import { createLogger, Database, loadConfig, parseCommandLine, repoRoot, TokenService } from "@cix/core";
import { assertScaleAvailable, ensureDataSet, ScaleNotAvailable, type DataSet, type Scale } from "./dataset.js";
import { pickFixtures, type Fixtures } from "./fixtures.js";
import { Hub, type ServiceName } from "./hub.js";
import { bulkImportIngest, measureIngest, type IngestResult } from "./ingest.js";
import { hubPids, measureRoundTrips, measureScenario, type RoundTrips, type RunContext, type Settings } from "./phases.js";
import { UsageMeter, type ProcessUsage } from "./procstats.js";
import { formatSummary, summarizeProfile } from "./profile.js";
import { describeMachine, ratiosOf, writeResults, type BenchResult, type ScenarioResult } from "./report.js";
import { linkAnalysis, personWithRecords, seizureById, seizurePage, type Scenario, type Unavailable } from "./scenarios.js";
import { CypherFloor, httpAnswer, httpTarget, userHeaders } from "./targets.js";
import { warningsOf } from "./warnings.js";

const USAGE = `usage: npm run bench -- [--scale demo|cen] [--smoke] [--duration S] [--connections N] [--iterations N] [--warmup N]
       [--only 1,2,3,4,5,6,7] [--cpu-prof gateway|seizures|entities|ecommerce] [--out DIR] [--neo4j-uri bolt://…] [--neo4j-port 7691]`;

const { values: args } = parseCommandLine({
  options: {
    scale: { type: "string", default: "demo" },
    smoke: { type: "boolean", default: false },
    duration: { type: "string" },
    connections: { type: "string" },
    iterations: { type: "string" },
    warmup: { type: "string" },
    only: { type: "string" },
    "cpu-prof": { type: "string" },
    out: { type: "string" },
    "neo4j-uri": { type: "string" },
    "neo4j-port": { type: "string", default: "7691" },
  },
}, USAGE);

const scale: Scale = args.smoke ? "smoke" : (args.scale as Scale);
if (!["demo", "cen", "smoke"].includes(scale)) fail(`Unknown scale "${args.scale}"\n${USAGE}`, 2);
const profiled = args["cpu-prof"] as ServiceName | undefined;
if (profiled && !["gateway", "seizures", "entities", "ecommerce"].includes(profiled)) fail(`--cpu-prof takes gateway, seizures, entities or ecommerce\n${USAGE}`, 2);

/**
 * Smoke: checks the harness, not the hub (seconds). Otherwise long enough for stable numbers while the whole
 * demo run stays under 10 minutes on 2 cores (19 throughput phases of 15 s, latency phases of at most 10 s).
 */
const defaults: Settings = args.smoke
  ? { warmup: 1, iterations: 3, latencyMaxS: 10, durationS: 1, connections: 2 }
  : { warmup: 20, iterations: 200, latencyMaxS: 10, durationS: 15, connections: 50 };
const settings: Settings = {
  warmup: count(args.warmup, defaults.warmup),
  iterations: count(args.iterations, defaults.iterations),
  latencyMaxS: defaults.latencyMaxS,
  durationS: count(args.duration, defaults.durationS),
  connections: count(args.connections, defaults.connections),
};
const only = new Set((args.only ?? "1,2,3,4,5,6,7").split(",").map((s) => s.trim()));
const outDir = path.resolve(args.out ?? path.join(repoRoot, "bench", "results"));
const profileDir = path.join(repoRoot, "var", "bench", "profiles");

try {
  assertScaleAvailable(scale);
} catch (error) {
  if (error instanceof ScaleNotAvailable) fail(`npm run bench: ${error.message}`, 2);
  throw error;
}

/** Every hub process of the bench: quiet logs, no rate limits (one token sends thousands of requests), the bench switch. */
const HUB_ENV = { LOG_LEVEL: "warn", CIX_RATE_LIMIT_PER_SUB: "0", CIX_RATE_LIMIT_PER_AGENCY: "0", CIX_RATE_LIMIT_PER_IP: "0", CIX_BENCH: "1" };

const startedAt = new Date();
const loadBefore = os.loadavg()[0]!;
const config = loadConfig();
const log = createLogger("bench", "info");
const say = (message: string) => console.log(`bench ${((Date.now() - startedAt.getTime()) / 1000).toFixed(0).padStart(4)} s: ${message}`);
const tokens = new TokenService(config);
if (scale === "cen") {
  // Millions of nodes: the launcher's defaults (512m heap, 256m page cache) would measure the disk, not the hub.
  process.env.NEO4J_HEAP ||= "4g";
  process.env.NEO4J_PAGECACHE ||= "6g";
}
say(`starting Neo4j and the hub (${scale} scale)`);
const hub = await Hub.start({
  neo4jUri: args["neo4j-uri"],
  neo4jPort: Number(args["neo4j-port"]),
  neo4jHome: scale === "cen" ? "data-bench-cen" : "data-bench",
  env: HUB_ENV,
  cpuProfile: profiled ? { service: profiled, dir: profileDir } : undefined,
  log: say,
}).catch((error: Error) => fail(`npm run bench: ${error.message}`, 1));
const db = Database.connect({ ...config, NEO4J_URI: hub.neo4j.uri }, "bench");
const floor = new CypherFloor(hub.neo4j.uri, config.NEO4J_DATABASE);
let data: DataSet | undefined;
let exitCode = 0;
try {
  say("hub up; checking the data set");
  data = await ensureDataSet(scale, { db, gatewayUrl: hub.gatewayUrl, tokens, log });
  say(data.loadedMs === null ? "data set reused" : `data set loaded in ${(data.loadedMs / 1000).toFixed(1)} s`);
  const fixtures = await pickFixtures(db, data);
  const ctx: RunContext = { hub, floor, tokens, user: await userHeaders(tokens, fixtures.agency), settings, log: say };
  const result = await run(ctx, data, fixtures);
  const markdown = await writeResults(outDir, result);
  console.log(`\n${markdown}`);
  say(`results written to ${path.join(outDir, "latest.json")} and latest.md (and timestamped copies)`);
} catch (error) {
  console.error(`npm run bench: ${(error as Error).stack ?? error}\nRecent hub logs:\n${hub.recentLogs()}`);
  exitCode = 1;
} finally {
  await data?.cleanup().catch((error: Error) => console.error(`bench: cleanup failed: ${error.message}`));
  await floor.close();
  await db.close();
  await hub.stop();
  pidusage.clear();
}
if (profiled && exitCode === 0) await printProfile(profiled);
process.exit(exitCode);

async function run(ctx: RunContext, dataSet: DataSet, f: Fixtures): Promise<BenchResult> {
  const runMeter = await UsageMeter.begin(hubPids(hub));
  const scenarios: Array<ScenarioResult | Unavailable> = [];
  const reads: Array<Scenario | Unavailable> = [seizureById(f), seizurePage(f), personWithRecords(f), ...linkAnalysis(f, await queryFields(ctx))];
  for (const s of reads.filter((r) => only.has(r.id.charAt(0)))) {
    if ("unavailable" in s) {
      scenarios.push(s);
      continue;
    }
    say(`scenario ${s.id}: ${s.title}`);
    const targets = await measureScenario(s, ctx, ["gateway", "subgraph", "cypher"]);
    scenarios.push({ id: s.id, title: s.title, permissions: "on", targets, ratios: ratiosOf(targets) });
  }

  let roundTrips: RoundTrips[] = [];
  if (only.has("7")) {
    say("scenario 7: Cypher round trips per request at page sizes 10 and 100");
    roundTrips = [await measureRoundTrips(ctx, seizurePage(f, 10, true), 10), await measureRoundTrips(ctx, seizurePage(f, 100, true), 100)];
  }

  let ingest: IngestResult[] = [];
  if (only.has("6")) {
    say("scenario 6: ingest rate per record kind");
    const records = scale === "smoke" ? { graphqlRecords: 2, bulkRecords: 5, baselineRecords: 50 } : { graphqlRecords: 100, bulkRecords: 1000, baselineRecords: 5000 };
    ingest = await measureIngest({ gatewayUrl: hub.gatewayUrl, tokens, db, floor, concurrency: 8, ...records }, bulkImportIngest(hub.neo4j.uri, HUB_ENV));
  }
  const memory: Record<string, ProcessUsage> = await runMeter.stop();

  let permissionsSwitch = "not measured (--only)";
  if (only.has("5")) {
    say("scenario 5: the permission layer switched off (subgraphs restarted with CIX_PERMISSIONS=off)");
    await hub.restartSubgraphs({ CIX_PERMISSIONS: "off" });
    permissionsSwitch = (await permissionsAreOff(ctx, f))
      ? "CIX_PERMISSIONS=off honoured (CIX_BENCH=1, not production)"
      : "**CIX_PERMISSIONS=off is not honoured by core/src/graphql/subgraph-server.ts: the 'off' rows below measure the layer ON**";
    for (const s of [seizurePage(f), personWithRecords(f)]) {
      const targets = await measureScenario({ ...s, id: `5/${s.id}` }, ctx, ["gateway", "subgraph"]);
      const on = scenarios.find((x): x is ScenarioResult => !("unavailable" in x) && x.id === s.id);
      const floorTarget = on?.targets.filter((t) => t.target === "cypher") ?? [];
      scenarios.push({ id: `5/${s.id}`, title: s.title, permissions: "off", targets: [...targets, ...floorTarget], ratios: ratiosOf([...targets, ...floorTarget]) });
    }
  }

  const finishedAt = new Date();
  const neo4jVersion = (await db.read<{ version: string }>("CALL dbms.components() YIELD versions, edition RETURN versions[0] + ' ' + edition AS version"))[0]?.version ?? "unknown";
  const result: BenchResult = {
    startedAt: startedAt.toISOString(),
    finishedAt: finishedAt.toISOString(),
    wallSeconds: Math.round((finishedAt.getTime() - startedAt.getTime()) / 1000),
    command: `npm run bench -- ${process.argv.slice(2).join(" ")}`.trim(),
    machine: await describeMachine(neo4jVersion, loadBefore),
    scale,
    settings,
    dataset: { agencies: dataSet.agencies, loadedNowMs: dataSet.loadedMs, counts: dataSet.manifest?.counts ?? null },
    fixtures: { ...f },
    neo4jMeasured: hub.neo4jPid !== undefined,
    scenarios,
    permissionsSwitch,
    roundTrips,
    ingest,
    memory,
    warnings: [],
  };
  result.warnings = warningsOf(result);
  return result;
}

/** Query fields of the gateway's schema (introspection is on outside production), to see which APIs exist. */
async function queryFields(ctx: RunContext): Promise<Set<string>> {
  const answer = await httpAnswer(httpTarget(ctx.hub.gatewayUrl, ctx.user, { query: "{ __schema { queryType { fields { name } } } }", variables: {} }));
  const fields = (answer.body.data as { __schema: { queryType: { fields: Array<{ name: string }> } } } | undefined)?.__schema.queryType.fields ?? [];
  return new Set(fields.map((x) => x.name));
}

/**
 * With the layer off, an analyst (who may never read nominal data) gets the offenders of a page of cases and
 * their names without FORBIDDEN; with it on, every offender is refused.
 */
async function permissionsAreOff(ctx: RunContext, f: Fixtures): Promise<boolean> {
  const analyst = await userHeaders(tokens, f.agency, "analyst");
  const answer = await httpAnswer(httpTarget(ctx.hub.gatewayUrl, analyst, seizurePage(f, 20).gateway));
  const forbidden = (answer.body.errors ?? []).some((e) => e.extensions?.code === "FORBIDDEN");
  return answer.status === 200 && !forbidden && JSON.stringify(answer.body.data).includes('"name":"');
}

async function printProfile(service: ServiceName): Promise<void> {
  const files = readdirSync(profileDir).filter((name) => name.startsWith(`${service}-`) && name.endsWith(".cpuprofile")).sort();
  const latest = files.at(-1);
  if (!latest) return console.log(`bench: no CPU profile of ${service} was written to ${profileDir}`);
  console.log(`\n${formatSummary(path.join(profileDir, latest), await summarizeProfile(path.join(profileDir, latest), 20))}`);
}

function count(raw: string | undefined, fallback: number): number {
  if (raw === undefined) return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1) fail(`expected a whole number ≥ 1, got "${raw}"\n${USAGE}`, 2);
  return n;
}

function fail(message: string, code: number): never {
  console.error(message);
  process.exit(code);
}
