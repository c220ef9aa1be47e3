import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { repoRoot } from "@cix/core";
import { afterAll, describe, expect, inject, it } from "vitest";

/**
 * CI's short endurance run: `npm run soak` for 20 seconds with 4 connections over one planted ring (under agency
 * codes of its own, removed afterwards), against the test Neo4j. The long runs' figures go in the closing notes;
 * this one proves the harness measures the whole mix and that the hub answers it without a 5xx.
 */
describe("npm run soak (short)", () => {
  const out = mkdtempSync(join(tmpdir(), "cix-soak-"));
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  it("drives the mix for 20 s with no 5xx and reports latency, errors and memory per process per bucket", () => {
    const run = spawnSync(
      process.execPath,
      ["--import", "tsx", join(repoRoot, "bench", "soak.ts"), "--smoke", "--seconds", "20", "--connections", "4", "--neo4j-uri", inject("neo4jUri"), "--out", out],
      { cwd: repoRoot, encoding: "utf8", timeout: 240_000, env: { ...process.env, LOG_LEVEL: "warn" } },
    );
    expect(run.status, `${run.stdout}\n${run.stderr}`).toBe(0);
    const report = JSON.parse(readFileSync(join(out, "soak-latest.json"), "utf8")) as {
      totals: { requests: number; http5xx: number; http4xx: number; graphqlErrors: number; networkErrors: number; denied: number };
      minutes: Array<{ requests: number; p50: number; p99: number; mix: Record<string, number>; processes: Record<string, { rssMiB: number; heapUsedMiB: number | null }> }>;
    };
    expect(report.totals.http5xx).toBe(0);
    expect(report.totals.networkErrors).toBe(0);
    // Every request of the mix is well formed and permitted: any 4xx or GraphQL error is a fault. The only refusals
    // are nominal fields of other agencies' cases on the page, counted apart.
    expect(report.totals.http4xx).toBe(0);
    expect(report.totals.graphqlErrors).toBe(0);
    expect(report.totals.denied).toBeGreaterThan(0);
    expect(report.totals.requests).toBeGreaterThan(20);
    expect(report.minutes.length).toBeGreaterThanOrEqual(2);
    const kinds = new Set(report.minutes.flatMap((m) => Object.keys(m.mix)));
    for (const kind of ["lookup", "page", "cross-subgraph", "write"]) expect(kinds).toContain(kind);
    const last = report.minutes.at(-1)!;
    expect(last.p99).toBeGreaterThanOrEqual(last.p50);
    for (const name of ["gateway", "seizures", "entities", "ecommerce"]) {
      expect(last.processes[name]?.rssMiB, name).toBeGreaterThan(0);
      expect(last.processes[name]?.heapUsedMiB, name).toBeGreaterThan(0);
    }
    expect(run.stdout).toMatch(/\| at \(s\) \| req\/s \| p50 ms \| p95 ms \| p99 ms \|/);
  }, 300_000);
});
