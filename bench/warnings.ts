// What a reader of the results must not miss: poor ratios, round trips that grow with the page, errors,
// answers that differ between the gateway and the floor, memory that keeps growing.
import type { BenchResult, ScenarioResult } from "./report.js";

/** Gateway latency above this many times the Cypher floor's is called poor (the threshold). */
const POOR_RATIO = 3;

export function warningsOf(r: BenchResult): string[] {
  const warnings: string[] = [];
  const measured = r.scenarios.filter((s): s is ScenarioResult => !("unavailable" in s));
  for (const s of measured) {
    const ratio = s.ratios.gatewayOverCypherP50;
    if (ratio !== null && ratio > POOR_RATIO) warnings.push(`scenario ${s.id}: the gateway's p50 is ${ratio}× the Cypher floor's (above ${POOR_RATIO}×)`);
    const gateway = s.targets.find((t) => t.target === "gateway");
    const cypher = s.targets.find((t) => t.target === "cypher");
    if (s.permissions === "on" && gateway && cypher && gateway.shape !== cypher.shape) {
      warnings.push(`scenario ${s.id}: the gateway returned "${gateway.shape}" but the Cypher floor "${cypher.shape}" (not the same data)`);
    }
    for (const t of s.targets) {
      const errors = t.latency.errors + t.throughput.errors;
      if (errors > 0) warnings.push(`scenario ${s.id} via ${t.target}: ${errors} failed requests`);
    }
  }
  const [small, large] = r.roundTrips;
  if (small && large && large.total > small.total) {
    warnings.push(`round trips grow with the page: ${small.total} statements for ${small.shape}, ${large.total} for ${large.shape}`);
  }
  for (const i of r.ingest) if (i.graphql.errors > 0) warnings.push(`ingest of ${i.kind}: ${i.graphql.errors} GraphQL upserts failed`);
  // The JVM's RSS grows until its fixed heap (-Xmx) and page cache are touched; that is not a leak.
  for (const [name, u] of Object.entries(r.memory)) {
    if (name !== "bench" && name !== "neo4j" && u.endRssMiB > 1.5 * u.startRssMiB && u.endRssMiB - u.startRssMiB > 100) {
      warnings.push(`${name}: RSS grew from ${u.startRssMiB} MiB to ${u.endRssMiB} MiB over the run (peak ${u.peakRssMiB} MiB)`);
    }
  }
  return warnings;
}
