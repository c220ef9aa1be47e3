// One scenario measured on each of its targets (gateway, subgraph directly, Cypher floor), and the Cypher
// round trips one request costs in each subgraph.
import { SUBGRAPH_NAMES, type SubgraphName, type TokenService } from "@cix/core";
import type { Hub } from "./hub.js";
import { cypherStatements, measureHttpThroughput, measureLatency, measurePoolThroughput, type Call, type HttpTarget, type Latency, type Throughput } from "./measure.js";
import { UsageMeter, type ProcessUsage } from "./procstats.js";
import type { Scenario } from "./scenarios.js";
import { httpAnswer, httpCall, httpTarget, subgraphTarget, type CypherFloor } from "./targets.js";

export interface Settings {
  warmup: number;
  iterations: number;
  /** Latency phases stop after this many seconds even if fewer than `iterations` were measured. */
  latencyMaxS: number;
  durationS: number;
  connections: number;
}

export type TargetName = "gateway" | "subgraph" | "cypher";

export interface TargetResult {
  target: TargetName;
  /** For the subgraph target: which subgraph, and what part of the query it answers. */
  note: string;
  /** What one answer holds, and its size in bytes (JSON for HTTP targets). */
  shape: string;
  bytes: number | null;
  latency: Latency;
  throughput: Throughput;
  /** Per process over the throughput phase (gateway, each subgraph, neo4j when launched by the bench, bench). */
  usage: Record<string, ProcessUsage>;
  /** CPU milliseconds per request, per process, over the throughput phase. */
  cpuMsPerRequest: Record<string, number>;
}

export interface RunContext {
  hub: Hub;
  floor: CypherFloor;
  tokens: TokenService;
  user: Record<string, string>;
  settings: Settings;
  log: (message: string) => void;
}

/** The processes whose CPU and memory are measured. */
export function hubPids(hub: Hub): Record<string, number> {
  const pids: Record<string, number> = {};
  for (const s of hub.services.values()) pids[s.name] = s.pid;
  if (hub.neo4jPid) pids.neo4j = hub.neo4jPid;
  return pids;
}

export async function measureScenario(s: Scenario, ctx: RunContext, targets: readonly TargetName[]): Promise<TargetResult[]> {
  const results: TargetResult[] = [];
  for (const target of targets) {
    ctx.log(`  ${s.id} ${target}`);
    if (target === "cypher") {
      const rows = await ctx.floor.rows(s.cypher.text, s.cypher.params);
      results.push(await measureTarget(ctx, target, "one Cypher query via neo4j-driver", s.shapeOfRows(rows), null, ctx.floor.call(s.cypher.text, s.cypher.params)));
      continue;
    }
    const http =
      target === "gateway"
        ? httpTarget(ctx.hub.gatewayUrl, ctx.user, s.gateway)
        : subgraphTarget(ctx.tokens, s.subgraph.name, ctx.hub.services.get(s.subgraph.name)!.url, ctx.user, s.subgraph.request);
    const answer = await httpAnswer(http);
    if (answer.status !== 200 || !answer.body.data) {
      throw new Error(`scenario ${s.id} via ${target}: HTTP ${answer.status} ${JSON.stringify(answer.body.errors ?? answer.body).slice(0, 500)}`);
    }
    const shape = target === "gateway" ? s.shapeOfData(answer.body.data) : "";
    const note = target === "subgraph" ? `${s.subgraph.name}: ${s.subgraph.part}` : "full stack";
    results.push(await measureTarget(ctx, target, note, shape, answer.bytes, httpCall(http), http));
  }
  return results;
}

async function measureTarget(ctx: RunContext, target: TargetName, note: string, shape: string, bytes: number | null, call: Call, http?: HttpTarget): Promise<TargetResult> {
  const { warmup, iterations, latencyMaxS, durationS, connections } = ctx.settings;
  const latency = await measureLatency(call, warmup, iterations, latencyMaxS);
  const meter = await UsageMeter.begin(hubPids(ctx.hub));
  const throughput = http ? await measureHttpThroughput(http, connections, durationS) : await measurePoolThroughput(call, connections, durationS);
  const usage = await meter.stop();
  const cpuMsPerRequest = Object.fromEntries(Object.entries(usage).map(([name, u]) => [name, round(u.cpuMs / Math.max(1, throughput.requests))]));
  return { target, note, shape, bytes, latency, throughput, usage, cpuMsPerRequest };
}

export interface RoundTrips {
  pageSize: number;
  /** What the page really held (cases, offenders, names): every nested field was resolved. */
  shape: string;
  /** Cypher statements per subgraph for one request through the gateway (audit writes included). */
  statements: Record<SubgraphName, number>;
  total: number;
}

/** Statements one request costs, read from each subgraph's `cix_cypher_queries_total` before and after it. */
export async function measureRoundTrips(ctx: RunContext, scenario: Scenario, pageSize: number): Promise<RoundTrips> {
  const http = httpTarget(ctx.hub.gatewayUrl, ctx.user, scenario.gateway);
  await httpAnswer(http); // warm-up: nothing loaded lazily is counted below
  const count = async () => {
    const out = {} as Record<SubgraphName, number>;
    for (const name of SUBGRAPH_NAMES) {
      const metrics = await (await fetch(ctx.hub.services.get(name)!.url.replace(/\/graphql$/, "/metrics"))).text();
      out[name] = cypherStatements(metrics);
    }
    return out;
  };
  const before = await count();
  const answer = await httpAnswer(http);
  const after = await count();
  const statements = Object.fromEntries(SUBGRAPH_NAMES.map((n) => [n, after[n] - before[n]])) as Record<SubgraphName, number>;
  return { pageSize, shape: scenario.shapeOfData(answer.body.data), statements, total: Object.values(statements).reduce((a, b) => a + b, 0) };
}

function round(n: number): number {
  return Math.round(n * 100) / 100;
}
