import type { Tx } from "@cix/core";
import type { ValueCount } from "./metrics.types.js";
import type { Subgraph } from "./subgraph.js";
import { seizureProfiles } from "./traversal.repository.js";

const TOP_LOCODES = 5;

export interface CommunityProfile {
  seizureCount: number;
  commodities: ValueCount[];
  locodes: ValueCount[];
}

function counted(values: Array<string | null>): ValueCount[] {
  const counts = new Map<string, number>();
  for (const value of values) if (value) counts.set(value, (counts.get(value) ?? 0) + 1);
  return [...counts].map(([value, count]) => ({ value, count })).sort((a, b) => b.count - a.count || a.value.localeCompare(b.value));
}

/**
 * What characterises each cluster: its seizures, their commodity categories, and the UN/LOCODEs where they were
 * made or that their routes passed (each counted once per seizure); one query for all clusters.
 */
export async function communityProfiles(tx: Tx, graph: Subgraph, clusters: string[][]): Promise<CommunityProfile[]> {
  const seizuresOf = clusters.map((members) => members.flatMap((eid) => (graph.nodes.get(eid)?.label === "Seizure" ? [graph.nodes.get(eid)!.id] : [])));
  const profiles = new Map((await seizureProfiles(tx, seizuresOf.flat())).map((p) => [p.id, p]));
  return seizuresOf.map((ids) => {
    const found = ids.flatMap((id) => profiles.get(id) ?? []);
    return {
      seizureCount: ids.length,
      commodities: counted(found.map((p) => p.commodity)),
      locodes: counted(found.flatMap((p) => [...new Set(p.locodes)])).slice(0, TOP_LOCODES),
    };
  });
}
