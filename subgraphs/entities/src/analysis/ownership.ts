import { badUserInput, type Tx } from "@cix/core";
import { OWNERSHIP_RELATIONSHIPS } from "./graph.model.js";
import type { FoundPath } from "./path.search.js";
import type { GraphEdge, GraphNode, Subgraph } from "./subgraph.js";
import { Traversal, type TraversalOptions } from "./traversal.js";

/**
 * Ownership chains: from a company up through its owners (shareholders, beneficial owners, nominee shareholders:
 * `OWNERSHIP_RELATIONSHIPS`, holder → company) to the owners nobody is recorded to own, with the share each holds
 * through each chain (the product of the percentages along it).
 */

export interface OwnerChain extends FoundPath {
  /** Percentage of the company held through this chain; null when a link on it has no percentage. */
  share: number | null;
}

export interface UltimateOwner {
  eid: string;
  chains: OwnerChain[];
  /** Sum of the known chain shares (a lower bound when some chain has none); null when no chain has one. */
  effectiveShare: number | null;
  /** Reached at maxHops or a super-node: its own owners were not read. */
  ownersNotSearched: boolean;
}

/** Reads the company's owners, their owners… up to `maxHops` (one inbound query per hop) in the caller's transaction. */
export async function exploreOwnership(tx: Tx, opts: TraversalOptions, companyId: string, maxHops: number): Promise<{ graph: Subgraph; company: GraphNode }> {
  const traversal = new Traversal(tx, { ...opts, types: OWNERSHIP_RELATIONSHIPS });
  const [company] = await traversal.start([companyId], ["companyId"]);
  if (company!.label !== "Company") throw badUserInput("companyId", "the id of a company");
  let frontier = [company!];
  for (let hop = 1; hop <= maxHops && frontier.length > 0; hop++) {
    frontier = (await traversal.expand(frontier, hop, OWNERSHIP_RELATIONSHIPS, true)).added;
  }
  await traversal.resolveAccess();
  return { graph: traversal.graph, company: company! };
}

const holdersOf = (graph: Subgraph, eid: string): GraphEdge[] =>
  graph.edgesOf(eid).filter((e) => e.end === eid && e.start !== eid && OWNERSHIP_RELATIONSHIPS.includes(e.type));

/**
 * Every chain (no party twice: cross-holdings end a chain) from an ultimate owner down to the company, at most
 * `maxChains` of them; owners by largest known share, then by shortest chain.
 */
export function ultimateOwners(graph: Subgraph, company: string, maxChains: number): { owners: UltimateOwner[]; more: boolean } {
  const byOwner = new Map<string, UltimateOwner>();
  let found = 0;
  let more = false;
  // Walks up from `eid`; `nodes`/`edges` run from `eid` down to the company.
  const climb = (eid: string, nodes: string[], edges: GraphEdge[], share: number | null): void => {
    if (more) return;
    const holders = graph.passable(eid) ? holdersOf(graph, eid).filter((e) => !nodes.includes(e.start)) : [];
    const node = graph.nodes.get(eid)!;
    if (eid !== company && (holders.length === 0 || !graph.passable(eid))) {
      if (found === maxChains) {
        more = true;
        return;
      }
      found++;
      const owner = byOwner.get(eid) ?? { eid, chains: [], effectiveShare: null, ownersNotSearched: !node.expanded };
      owner.chains.push({ nodes: [...nodes], edges: [...edges], share });
      if (share !== null) owner.effectiveShare = (owner.effectiveShare ?? 0) + share;
      byOwner.set(eid, owner);
      return;
    }
    for (const edge of holders) {
      const part = edge.sharePercentage;
      climb(edge.start, [edge.start, ...nodes], [edge, ...edges], share === null || part === null ? null : (share * part) / 100);
    }
  };
  climb(company, [company], [], 100);
  for (const owner of byOwner.values()) owner.chains.sort((a, b) => a.edges.length - b.edges.length);
  const owners = [...byOwner.values()].sort(
    (a, b) => (b.effectiveShare ?? -1) - (a.effectiveShare ?? -1) || a.chains[0]!.edges.length - b.chains[0]!.edges.length || a.eid.localeCompare(b.eid),
  );
  return { owners, more };
}
