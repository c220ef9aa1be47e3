import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, inject } from "vitest";
import { repoRoot } from "@cix/core";
import type { BenchResult, ScenarioResult } from "../../bench/report.js";
import { testDatabase } from "../support/stack.js";

/**
 * The benchmark harness works end to end (`npm run bench -- --smoke`): the hub as child processes on the test
 * Neo4j, a tagged subset of the demo data loaded and removed, every scenario measured on every target, the
 * files written. The numbers themselves are not checked: a smoke run is far too short to mean anything.
 */
describe("bench --smoke: every scenario produces numbers and the result files are written", () => {
  const out = mkdtempSync(path.join(os.tmpdir(), "cix-bench-smoke-"));
  let exitCode: number | null;
  let output = "";
  let result: BenchResult;

  beforeAll(async () => {
    const child = spawn(process.execPath, ["--import", "tsx", path.join(repoRoot, "bench", "run.ts"), "--smoke", "--out", out, "--neo4j-uri", inject("neo4jUri")], {
      cwd: repoRoot,
      env: process.env,
      stdio: ["ignore", "pipe", "pipe"],
    });
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
    exitCode = await new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
    if (exitCode === 0) result = JSON.parse(readFileSync(path.join(out, "latest.json"), "utf8")) as BenchResult;
  }, 170_000);

  afterAll(() => {
    rmSync(out, { recursive: true, force: true });
  });

  it("exits 0 and writes latest.json, latest.md and timestamped copies", () => {
    expect(exitCode, output.slice(-3000)).toBe(0);
    const files = readdirSync(out);
    expect(files).toEqual(expect.arrayContaining(["latest.json", "latest.md"]));
    expect(files.filter((f) => /^\d{4}-\d\d-\d\dT.*-smoke\.(json|md)$/.test(f))).toHaveLength(2);
    const markdown = readFileSync(path.join(out, "latest.md"), "utf8");
    for (const section of ["## Scenarios", "## Ratios", "## Permission layer", "## Cypher round trips", "## Ingest rate", "## Memory"]) expect(markdown).toContain(section);
    expect(output).toContain("## Scenarios"); // printed to stdout too
  });

  it("describes the machine", () => {
    expect(result.machine.cores).toBeGreaterThan(0);
    expect(result.machine.node).toBe(process.version);
    expect(result.machine.neo4j).toMatch(/^5\./);
    expect(result.machine.java).not.toBe("unknown");
  });

  it("measures scenarios 1–4 on the gateway, the subgraph and the Cypher floor, and 5 with the permission layer off", () => {
    const measured = result.scenarios.filter((s): s is ScenarioResult => !("unavailable" in s));
    const ids = result.scenarios.map((s) => s.id);
    expect(ids).toEqual(expect.arrayContaining(["1", "2", "3", "4a", "4b", "5/2", "5/3"]));
    for (const s of measured) {
      expect(s.targets.map((t) => t.target).sort(), s.id).toEqual(["cypher", "gateway", "subgraph"]);
      for (const t of s.targets) {
        expect(t.latency.iterations, `${s.id} ${t.target}`).toBeGreaterThan(0);
        expect(t.latency.p50, `${s.id} ${t.target}`).toBeGreaterThan(0);
        expect(t.latency.p99).toBeGreaterThanOrEqual(t.latency.p50);
        expect(t.throughput.requests, `${s.id} ${t.target}`).toBeGreaterThan(0);
        expect(t.latency.errors + t.throughput.errors, `${s.id} ${t.target}`).toBe(0);
        expect(Object.keys(t.cpuMsPerRequest)).toEqual(expect.arrayContaining(["gateway", "seizures", "entities", "ecommerce"]));
      }
      expect(s.ratios.gatewayOverCypherP50, s.id).toBeGreaterThan(0);
      expect(s.ratios.gatewayOverSubgraphP50, s.id).toBeGreaterThan(0);
    }
    expect(measured.filter((s) => s.permissions === "off").map((s) => s.id)).toEqual(["5/2", "5/3"]);
    expect(result.permissionsSwitch).toMatch(/honoured/);
    expect(result.permissionsSwitch).not.toMatch(/not honoured/);
  });

  it("counts Cypher round trips at two page sizes and ingest rates per record kind", () => {
    expect(result.roundTrips.map((r) => r.pageSize)).toEqual([10, 100]);
    for (const r of result.roundTrips) expect(r.total).toBeGreaterThan(0);
    expect(result.ingest.map((i) => i.kind)).toEqual(["persons", "seizures"]);
    for (const i of result.ingest) {
      expect(i.graphql.records).toBeGreaterThan(0);
      expect(i.graphql.errors).toBe(0);
      expect(i.baseline.recordsPerSecond).toBeGreaterThan(0);
      expect("unavailable" in i.bulkImport ? i.bulkImport.unavailable : i.bulkImport.records, i.kind).toBe(5);
    }
  });

  it("removes the data it loaded", async () => {
    const db = testDatabase();
    try {
      const [row] = await db.read<{ left: number }>(
        "MATCH (n:Seizure|Person|Company|Order|Payment|Shipment) WHERE n.ownerAgency IN $agencies RETURN count(n) AS left",
        { agencies: [...result.dataset.agencies, ...result.ingest.flatMap((i) => i.agencies)] },
      );
      expect(row!.left).toBe(0);
      expect(existsSync(path.join(out, "latest.json"))).toBe(true);
    } finally {
      await db.close();
    }
  });
});
