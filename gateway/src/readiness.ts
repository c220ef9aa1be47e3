import { SUBGRAPH_NAMES, type Config } from "@cix/core";

/** `unknown`: no subgraph answered, so nothing can be said of Neo4j. */
export type CheckState = "ok" | "unreachable" | "unknown";

export interface Readiness {
  ready: boolean;
  /** Each subgraph by name, and `neo4j` as the subgraphs see it. */
  checks: Record<string, CheckState>;
  /** The parts an operator should look at: subgraphs that did not answer, and `neo4j` when a subgraph cannot reach it. */
  failing: string[];
}

/** What one subgraph's /readyz said: nothing (or not as a subgraph answers), or whether it reaches Neo4j. */
type SubgraphAnswer = "unreachable" | "neo4j ok" | "neo4j unreachable";

/**
 * Readiness: every subgraph answers its /readyz, and each of them reaches Neo4j. A subgraph that answers "Neo4j
 * unreachable" is up: the failing part is then `neo4j`, not the subgraph. The subgraphs bound their own Neo4j
 * check below `timeoutMs` (`Database.ping`), so a Neo4j outage is never mistaken for three unreachable subgraphs.
 * Names only, never hosts or ports.
 */
export async function checkReadiness(config: Config, timeoutMs = 2000): Promise<Readiness> {
  const answers = await Promise.all(SUBGRAPH_NAMES.map((name) => askSubgraph(config.subgraphUrls[name], timeoutMs)));
  const checks: Readiness["checks"] = {};
  SUBGRAPH_NAMES.forEach((name, i) => (checks[name] = answers[i] === "unreachable" ? "unreachable" : "ok"));
  const neo4jSeen = answers.filter((answer) => answer !== "unreachable");
  checks.neo4j = neo4jSeen.length === 0 ? "unknown" : neo4jSeen.every((answer) => answer === "neo4j ok") ? "ok" : "unreachable";
  const failing = Object.keys(checks).filter((part) => checks[part] === "unreachable");
  return { ready: Object.values(checks).every((state) => state === "ok"), checks, failing };
}

async function askSubgraph(graphqlUrl: string, timeoutMs: number): Promise<SubgraphAnswer> {
  try {
    const res = await fetch(graphqlUrl.replace(/\/graphql\/?$/, "/readyz"), { signal: AbortSignal.timeout(timeoutMs) });
    const body = (await res.json().catch(() => ({}))) as { neo4j?: unknown };
    if (res.ok && body.neo4j === "ok") return "neo4j ok";
    if (res.status === 503 && body.neo4j === "unreachable") return "neo4j unreachable";
    return "unreachable";
  } catch {
    return "unreachable";
  }
}
