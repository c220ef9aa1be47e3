import type { Database, ScheduledJob, Tx } from "@cix/core";
import { MIN_SAMPLES, type Statistic } from "./quality.rules.js";

/**
 * The learned side of the outlier checks: median and MAD of log10(quantity) per (commodity, unit) and of
 * log10(value per unit) per (commodity, unit, currency) over every stored goods line, kept as `(:QualityStat)` nodes.
 * Computed by `computeQualityStatistics` (on demand: the `refreshQualityStatistics` mutation; periodically: the
 * seizures subgraph's scheduled job) and cached in each process for a few minutes.
 */

export const qualityStatisticsSchema: readonly string[] = [
  "CREATE CONSTRAINT quality_stat_key IF NOT EXISTS FOR (q:QualityStat) REQUIRE q.key IS UNIQUE",
];

const CACHE_MS = 5 * 60 * 1000;
let cache: { at: number; stats: Map<string, Statistic> } | null = null;

export const statisticKey = (metric: string, commodity: string, unit: string, currency?: string | null) =>
  `${metric}|${commodity}|${unit}|${metric === "valuePerUnit" ? (currency ?? "") : ""}`;

/** The statistics, from the process cache or (when stale) read inside the caller's transaction. */
export async function loadStatistics(tx: Tx): Promise<Map<string, Statistic>> {
  if (cache && Date.now() - cache.at < CACHE_MS) return cache.stats;
  const rows = await tx.run<{ key: string; median: number; mad: number; n: number }>(
    "MATCH (q:QualityStat) RETURN q.key AS key, q.median AS median, q.mad AS mad, q.n AS n",
  );
  cache = { at: Date.now(), stats: new Map(rows.map((r) => [r.key, { median: r.median, mad: r.mad, n: r.n }])) };
  return cache.stats;
}

/** Recomputes every statistic from the stored goods lines (groups with fewer than MIN_SAMPLES lines are left out). */
export async function computeQualityStatistics(db: Database): Promise<number> {
  const count = await db.transaction(async (tx) => {
    const groups = await tx.run<{ key: string; metric: string; commodity: string; unit: string; currency: string | null; median: number; mad: number; n: number }>(
      `CALL () {
         MATCH (s:Seizure)-[:GOODS]->(g:GoodsItem) WHERE g.quantity > 0
         WITH s.commodity AS commodity, g.unit AS unit, log10(g.quantity) AS x
         RETURN 'quantity' AS metric, commodity, unit, null AS currency, x
         UNION ALL
         MATCH (s:Seizure)-[:GOODS]->(g:GoodsItem) WHERE g.quantity > 0 AND g.estimatedValue > 0 AND g.currency IS NOT NULL
         RETURN 'valuePerUnit' AS metric, s.commodity AS commodity, g.unit AS unit, g.currency AS currency, log10(g.estimatedValue / g.quantity) AS x
       }
       WITH metric, commodity, unit, currency, collect(x) AS xs, percentileCont(x, 0.5) AS median
       WHERE size(xs) >= $minSamples
       UNWIND xs AS x
       WITH metric, commodity, unit, currency, median, size(xs) AS n, percentileCont(abs(x - median), 0.5) AS mad
       RETURN metric + '|' + commodity + '|' + unit + '|' + coalesce(currency, '') AS key, metric, commodity, unit, currency, median, mad, n`,
      { minSamples: MIN_SAMPLES },
    );
    await tx.run("MATCH (q:QualityStat) DELETE q");
    await tx.run(
      `UNWIND $groups AS g
       CREATE (:QualityStat { key: g.key, metric: g.metric, commodity: g.commodity, unit: g.unit, currency: g.currency,
                              median: g.median, mad: g.mad, n: toInteger(g.n), computedAt: datetime() })`,
      { groups },
    );
    return groups.length;
  });
  cache = null;
  return count;
}

/** Refreshes the statistics every six hours in the seizures subgraph process. */
export const qualityStatisticsJob: ScheduledJob = {
  name: "quality-statistics",
  intervalMs: 6 * 3600 * 1000,
  run: async (db, log) => {
    const groups = await computeQualityStatistics(db);
    log.info({ groups }, "quality statistics recomputed");
  },
};
