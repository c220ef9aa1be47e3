// The three measurements of one target: latency of one client, throughput at a fixed concurrency, and
// (for GraphQL targets) the Cypher statements one request costs.
import autocannon from "autocannon";

export interface Latency {
  iterations: number;
  p50: number;
  p95: number;
  p99: number;
  mean: number;
  errors: number;
}

export interface Throughput {
  /** Completed requests per second over the whole phase. */
  rps: number;
  requests: number;
  /** Transport errors, timeouts, non-2xx answers and answers the check refused. */
  errors: number;
  durationS: number;
  connections: number;
  /** Latency under load, ms (autocannon's own percentiles for HTTP targets). */
  p50: number;
  p99: number;
}

/** One request of a target: resolves when the answer has arrived; rejects (or returns false) on a bad answer. */
export type Call = () => Promise<boolean>;

/**
 * One client, sequentially: `warmup` unmeasured calls, then `iterations` measured ones (ms), or as many as fit
 * in `maxSeconds` when a call is slow (the count is reported).
 */
export async function measureLatency(call: Call, warmup: number, iterations: number, maxSeconds: number): Promise<Latency> {
  let errors = 0;
  const attempt = async () => {
    const ok = await call().catch(() => false);
    if (!ok) errors++;
  };
  for (let i = 0; i < warmup; i++) await attempt();
  errors = 0;
  const times: number[] = [];
  const deadline = Date.now() + maxSeconds * 1000;
  while (times.length < iterations && (times.length === 0 || Date.now() < deadline)) {
    const t = process.hrtime.bigint();
    await attempt();
    times.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
  times.sort((a, b) => a - b);
  return {
    iterations: times.length,
    p50: round(percentile(times, 50)),
    p95: round(percentile(times, 95)),
    p99: round(percentile(times, 99)),
    mean: round(times.reduce((s, t) => s + t, 0) / Math.max(1, times.length)),
    errors,
  };
}

export interface HttpTarget {
  url: string;
  headers: Record<string, string>;
  body: string;
  /** Cheap check of a raw answer (runs in the load generator for every response). */
  verify: (body: string) => boolean;
  /** Headers every single request needs afresh (a subgraph's single-use gateway credential), added to `headers`. */
  perRequest?: () => Record<string, string>;
}

/** `connections` keep-alive HTTP clients for `durationS` seconds (autocannon). */
export async function measureHttpThroughput(target: HttpTarget, connections: number, durationS: number): Promise<Throughput> {
  const result = await autocannon({
    url: target.url,
    method: "POST",
    headers: { "content-type": "application/json", ...target.headers },
    body: target.body,
    // A single-use credential per request: autocannon rebuilds a request that has a setupRequest every time.
    ...(target.perRequest ? { requests: [{ setupRequest: (req: autocannon.Request) => ({ ...req, headers: { ...req.headers, ...target.perRequest!() } }) }] } : {}),
    connections,
    duration: durationS,
    verifyBody: (body) => target.verify(typeof body === "string" ? body : String(body ?? "")),
    timeout: 30,
  });
  const seconds = result.duration || durationS;
  return {
    rps: round(result.requests.total / seconds),
    requests: result.requests.total,
    errors: result.errors + result.timeouts + result.non2xx + result.mismatches,
    durationS: round(seconds),
    connections,
    p50: result.latency.p50,
    p99: result.latency.p99,
  };
}

/** The same for a non-HTTP target (the Cypher floor): a promise pool of `connections` workers. */
export async function measurePoolThroughput(call: Call, connections: number, durationS: number): Promise<Throughput> {
  const deadline = Date.now() + durationS * 1000;
  const started = Date.now();
  const times: number[] = [];
  let errors = 0;
  const worker = async () => {
    while (Date.now() < deadline) {
      const t = process.hrtime.bigint();
      const ok = await call().catch(() => false);
      times.push(Number(process.hrtime.bigint() - t) / 1e6);
      if (!ok) errors++;
    }
  };
  await Promise.all(Array.from({ length: connections }, worker));
  const seconds = (Date.now() - started) / 1000;
  times.sort((a, b) => a - b);
  return {
    rps: round(times.length / seconds),
    requests: times.length,
    errors,
    durationS: round(seconds),
    connections,
    p50: round(percentile(times, 50)),
    p99: round(percentile(times, 99)),
  };
}

/** Sum of `cix_cypher_queries_total` over its label sets, from a subgraph's Prometheus text. */
export function cypherStatements(metrics: string): number {
  return metrics
    .split("\n")
    .filter((line) => line.startsWith("cix_cypher_queries_total{"))
    .reduce((sum, line) => sum + Number(line.slice(line.lastIndexOf(" ") + 1)), 0);
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

function round(n: number): number {
  return Math.round(n * 100) / 100;
}
