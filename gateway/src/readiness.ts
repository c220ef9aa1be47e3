import { SUBGRAPH_NAMES, type Config } from "@cix/core";

export interface Readiness {
  ready: boolean;
  checks: Record<string, "ok" | "unreachable">;
}

/**
 * Readiness: every subgraph answers its /readyz, and each of them reaches Neo4j. A failing part is named
 * (`seizures: unreachable`, `neo4j: unreachable`) so an operator knows where to look.
 */
export async function checkReadiness(config: Config, timeoutMs = 2000): Promise<Readiness> {
  const checks: Readiness["checks"] = {};
  let neo4jOk = true;
  await Promise.all(
    SUBGRAPH_NAMES.map(async (name) => {
      const url = config.subgraphUrls[name].replace(/\/graphql\/?$/, "/readyz");
      try {
        const res = await fetch(url, { signal: AbortSignal.timeout(timeoutMs) });
        const body = (await res.json().catch(() => ({}))) as { neo4j?: string };
        checks[name] = "ok";
        if (!res.ok || body.neo4j !== "ok") neo4jOk = false;
      } catch {
        checks[name] = "unreachable";
      }
    }),
  );
  const anySubgraphUp = SUBGRAPH_NAMES.some((n) => checks[n] === "ok");
  checks.neo4j = anySubgraphUp && neo4jOk ? "ok" : "unreachable";
  return { ready: Object.values(checks).every((c) => c === "ok"), checks };
}
