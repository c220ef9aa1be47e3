// The results of one run: the machine it ran on, and the JSON and Markdown files under bench/results/.
import { spawnSync } from "node:child_process";
import { mkdir, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import type { IngestResult } from "./ingest.js";
import type { RoundTrips, Settings, TargetName, TargetResult } from "./phases.js";
import type { ProcessUsage } from "./procstats.js";
import type { Unavailable } from "./scenarios.js";

export interface Machine {
  cores: number;
  cpuModel: string;
  memoryGiB: number;
  os: string;
  node: string;
  java: string;
  neo4j: string;
  /** 1-minute load average just before the bench started: other work on the machine skews the numbers. */
  loadAverageBefore: number;
}

export interface Ratios {
  /** Gateway latency over the Cypher floor's (how many times slower); p50 and p99. */
  gatewayOverCypherP50: number | null;
  gatewayOverCypherP99: number | null;
  /** Cypher floor's throughput over the gateway's (how many times more requests per second the floor serves). */
  cypherOverGatewayRps: number | null;
  /** Gateway latency over the subgraph's answering its part directly, and the subgraph's throughput over the gateway's. */
  gatewayOverSubgraphP50: number | null;
  subgraphOverGatewayRps: number | null;
}

export interface ScenarioResult {
  id: string;
  title: string;
  permissions: "on" | "off";
  targets: TargetResult[];
  ratios: Ratios;
}

export interface BenchResult {
  startedAt: string;
  finishedAt: string;
  wallSeconds: number;
  command: string;
  machine: Machine;
  scale: string;
  settings: Settings;
  dataset: { agencies: string[]; loadedNowMs: number | null; counts: Record<string, number> | null };
  fixtures: Record<string, unknown>;
  neo4jMeasured: boolean;
  scenarios: Array<ScenarioResult | Unavailable>;
  /** Whether the subgraphs honoured CIX_PERMISSIONS=off (scenario 5), and why not. */
  permissionsSwitch: string;
  roundTrips: RoundTrips[];
  ingest: IngestResult[];
  /** Per process over the whole measured run: start, end and peak RSS (growth without bound shows here). */
  memory: Record<string, ProcessUsage>;
  warnings: string[];
}

export async function describeMachine(neo4jVersion: string, loadAverageBefore: number): Promise<Machine> {
  const java = spawnSync("java", ["-version"], { encoding: "utf8" });
  return {
    cores: os.cpus().length,
    cpuModel: os.cpus()[0]?.model.trim() ?? "unknown",
    memoryGiB: Math.round((os.totalmem() / 1024 ** 3) * 10) / 10,
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    node: process.version,
    java: `${java.stderr ?? ""}${java.stdout ?? ""}`.split("\n")[0]?.trim() || "unknown",
    neo4j: neo4jVersion,
    loadAverageBefore: Math.round(loadAverageBefore * 100) / 100,
  };
}

export function ratiosOf(targets: TargetResult[]): Ratios {
  const by = (t: TargetName) => targets.find((r) => r.target === t);
  const gw = by("gateway");
  const sg = by("subgraph");
  const cy = by("cypher");
  const div = (a: number | undefined, b: number | undefined) => (a !== undefined && b ? Math.round((a / b) * 100) / 100 : null);
  return {
    gatewayOverCypherP50: div(gw?.latency.p50, cy?.latency.p50),
    gatewayOverCypherP99: div(gw?.latency.p99, cy?.latency.p99),
    cypherOverGatewayRps: div(cy?.throughput.rps, gw?.throughput.rps),
    gatewayOverSubgraphP50: div(gw?.latency.p50, sg?.latency.p50),
    subgraphOverGatewayRps: div(sg?.throughput.rps, gw?.throughput.rps),
  };
}

/** Writes latest.json/latest.md and timestamped copies into `dir`; returns the Markdown. */
export async function writeResults(dir: string, result: BenchResult): Promise<string> {
  await mkdir(dir, { recursive: true });
  const markdown = toMarkdown(result);
  const stamp = result.startedAt.replace(/[:.]/g, "-");
  const json = `${JSON.stringify(result, null, 2)}\n`;
  await writeFile(path.join(dir, "latest.json"), json);
  await writeFile(path.join(dir, "latest.md"), markdown);
  await writeFile(path.join(dir, `${stamp}-${result.scale}.json`), json);
  await writeFile(path.join(dir, `${stamp}-${result.scale}.md`), markdown);
  return markdown;
}

const PROCESSES = ["gateway", "seizures", "entities", "ecommerce", "neo4j"] as const;
const fmt = (n: number | null | undefined, digits = 1) => (n === null || n === undefined ? "–" : n.toFixed(digits));
const perProcess = (values: Record<string, number | undefined>) => PROCESSES.map((p) => fmt(values[p], 2)).join(" · ");

function isUnavailable(s: ScenarioResult | Unavailable): s is Unavailable {
  return "unavailable" in s;
}

export function toMarkdown(r: BenchResult): string {
  const m = r.machine;
  const s = r.settings;
  const out: string[] = [];
  out.push(`# CIX benchmark, ${r.scale} scale, ${r.startedAt}`);
  out.push("");
  out.push(`Machine: ${m.cores} cores (${m.cpuModel}), ${m.memoryGiB} GiB, ${m.os}; Node ${m.node}; ${m.java}; Neo4j ${m.neo4j}; 1-min load average before the run ${m.loadAverageBefore}.`);
  out.push(
    `Settings: latency = one client, ${s.warmup} warm-up + ${s.iterations} measured requests (or ${s.latencyMaxS} s, whichever ends first); throughput = ${s.connections} connections for ${s.durationS} s ` +
      `(autocannon for HTTP, a promise pool for Cypher). Load generator, hub and Neo4j share the machine's cores. Wall time ${r.wallSeconds} s. \`${r.command}\``,
  );
  out.push("");
  out.push("## Scenarios");
  out.push("");
  out.push(`| # | scenario | target | answer | p50 ms | p95 ms | p99 ms (n) | req/s @${s.connections} | errors | CPU ms/req: gateway · seizures · entities · ecommerce · neo4j | peak RSS MiB: gateway · seizures · entities · ecommerce · neo4j |`);
  out.push("|---|---|---|---|--:|--:|--:|--:|--:|---|---|");
  for (const sc of r.scenarios) {
    if (isUnavailable(sc)) {
      out.push(`| ${sc.id} | ${sc.title} | – | **${sc.unavailable}** | | | | | | | |`);
      continue;
    }
    for (const t of sc.targets) {
      const label = t.target === "subgraph" ? `subgraph (${t.note})` : t.target === "gateway" ? `gateway${sc.permissions === "off" ? ", permissions OFF" : ""}` : "Cypher floor";
      const answer = [t.shape, t.bytes !== null ? `${t.bytes} B` : ""].filter(Boolean).join("; ");
      const rss = Object.fromEntries(Object.entries(t.usage).map(([k, u]) => [k, u.peakRssMiB]));
      out.push(
        `| ${sc.id} | ${sc.title} | ${label} | ${answer} | ${fmt(t.latency.p50, 2)} | ${fmt(t.latency.p95, 2)} | ${fmt(t.latency.p99, 2)} (${t.latency.iterations}) | ${fmt(t.throughput.rps, 0)} | ${t.latency.errors + t.throughput.errors} | ${perProcess(t.cpuMsPerRequest)} | ${PROCESSES.map((p) => fmt(rss[p], 0)).join(" · ")} |`,
      );
    }
  }
  out.push("");
  out.push("## Ratios");
  out.push("");
  out.push("| # | scenario | gateway/Cypher p50 | gateway/Cypher p99 | Cypher/gateway req/s | gateway/subgraph p50 | subgraph/gateway req/s |");
  out.push("|---|---|--:|--:|--:|--:|--:|");
  for (const sc of r.scenarios) {
    if (isUnavailable(sc)) continue;
    const x = sc.ratios;
    const flag = (v: number | null) => `${fmt(v, 2)}${v !== null && v > 3 ? " ⚠" : ""}`;
    out.push(`| ${sc.id} | ${sc.title}${sc.permissions === "off" ? " (permissions off)" : ""} | ${flag(x.gatewayOverCypherP50)} | ${flag(x.gatewayOverCypherP99)} | ${flag(x.cypherOverGatewayRps)} | ${fmt(x.gatewayOverSubgraphP50, 2)} | ${fmt(x.subgraphOverGatewayRps, 2)} |`);
  }
  out.push("");
  out.push(`## Permission layer on vs off (scenario 5): ${r.permissionsSwitch}`);
  out.push("");
  const off = r.scenarios.filter((x): x is ScenarioResult => !isUnavailable(x) && x.permissions === "off");
  if (off.length > 0) {
    out.push("| # | target | p50 on | p50 off | on/off p50 | req/s on | req/s off | off/on req/s |");
    out.push("|---|---|--:|--:|--:|--:|--:|--:|");
    for (const o of off) {
      const on = r.scenarios.find((x): x is ScenarioResult => !isUnavailable(x) && x.permissions === "on" && x.id === o.id.replace(/^5\//, ""));
      for (const t of o.targets) {
        const base = on?.targets.find((x) => x.target === t.target);
        const d = (a?: number, b?: number) => (a !== undefined && b ? fmt(a / b, 2) : "–");
        out.push(`| ${o.id} | ${t.target} | ${fmt(base?.latency.p50, 2)} | ${fmt(t.latency.p50, 2)} | ${d(base?.latency.p50, t.latency.p50)} | ${fmt(base?.throughput.rps, 0)} | ${fmt(t.throughput.rps, 0)} | ${d(t.throughput.rps, base?.throughput.rps)} |`);
      }
    }
    out.push("");
  }
  out.push("## Cypher round trips per request (scenario 7: scenario 2's query on the caller's own cases, two page sizes)");
  out.push("");
  out.push("Statements counted by `cix_cypher_queries_total` in each subgraph around one request through the gateway; the audit entry of a nominal read is 2 statements per subgraph that read nominal data.");
  out.push("");
  out.push("| page size | page held | seizures | entities | ecommerce | total |");
  out.push("|--:|---|--:|--:|--:|--:|");
  for (const t of r.roundTrips) out.push(`| ${t.pageSize} | ${t.shape} | ${t.statements.seizures} | ${t.statements.entities} | ${t.statements.ecommerce} | ${t.total} |`);
  out.push("");
  out.push("## Ingest rate per record kind (scenario 6)");
  out.push("");
  out.push("| kind | GraphQL upserts via gateway | bulk import (`npm run import`) | plain UNWIND … CREATE | baseline/GraphQL | baseline/bulk import |");
  out.push("|---|--:|--:|--:|--:|--:|");
  for (const i of r.ingest) {
    const bulkRate = "unavailable" in i.bulkImport ? null : i.bulkImport;
    const bulk = bulkRate ? `${fmt(bulkRate.recordsPerSecond)} rec/s (${bulkRate.records} records, ${bulkRate.errors} rejected)` : `**${(i.bulkImport as Unavailable).unavailable}**`;
    out.push(
      `| ${i.kind} | ${fmt(i.graphql.recordsPerSecond)} rec/s (${i.graphql.records} records, ${i.graphql.concurrency} in flight, ${i.graphql.errors} errors) | ${bulk} | ${fmt(i.baseline.recordsPerSecond, 0)} rec/s (${i.baseline.records} rows, batches of ${i.baseline.batchSize}) | ${fmt(i.baseline.recordsPerSecond / Math.max(0.01, i.graphql.recordsPerSecond), 0)} | ${bulkRate ? fmt(i.baseline.recordsPerSecond / Math.max(0.01, bulkRate.recordsPerSecond), 1) : "–"} |`,
    );
  }
  out.push("");
  out.push("## Memory over the whole measured run");
  out.push("");
  out.push("| process | RSS at start MiB | at end MiB | peak MiB | CPU s |");
  out.push("|---|--:|--:|--:|--:|");
  for (const [name, u] of Object.entries(r.memory)) out.push(`| ${name} | ${fmt(u.startRssMiB, 0)} | ${fmt(u.endRssMiB, 0)} | ${fmt(u.peakRssMiB, 0)} | ${fmt(u.cpuMs / 1000)} |`);
  out.push("");
  out.push("## Warnings");
  out.push("");
  out.push(...(r.warnings.length > 0 ? r.warnings.map((w) => `- ${w}`) : ["- none"]));
  out.push("");
  return out.join("\n");
}
