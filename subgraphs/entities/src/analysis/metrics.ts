import Graph from "graphology";
import louvain from "graphology-communities-louvain";
import { connectedComponents } from "graphology-components";
import betweennessCentrality from "graphology-metrics/centrality/betweenness.js";
import { degreeCentrality } from "graphology-metrics/centrality/degree.js";
import pagerank from "graphology-metrics/centrality/pagerank.js";
import modularity from "graphology-metrics/graph/modularity.js";
import { CentralityMeasure, CommunityAlgorithm } from "./analysis.enums.js";
import { labelPropagation } from "./label-propagation.js";
import type { Subgraph } from "./subgraph.js";

/**
 * Graph algorithms on a bounded subgraph, with graphology (the graph), graphology-metrics (degree, betweenness,
 * PageRank, modularity), graphology-communities-louvain and graphology-components. Super-nodes are left out:
 * a phone shared by thousands would otherwise be the most central node and merge unrelated clusters.
 */
export function toGraphology(subgraph: Subgraph): Graph {
  const graph = new Graph({ type: "undirected", multi: false, allowSelfLoops: false });
  for (const eid of [...subgraph.nodes.keys()].sort()) if (subgraph.passable(eid)) graph.addNode(eid);
  for (const edge of subgraph.edges.values()) {
    if (graph.hasNode(edge.start) && graph.hasNode(edge.end) && edge.start !== edge.end) graph.mergeEdge(edge.start, edge.end);
  }
  return graph;
}

/** Score per node (element id). */
export function centrality(graph: Graph, measure: CentralityMeasure): Record<string, number> {
  if (graph.order === 0) return {};
  switch (measure) {
    case CentralityMeasure.DEGREE:
      return graph.order > 1 ? degreeCentrality(graph) : Object.fromEntries(graph.nodes().map((n) => [n, 0]));
    case CentralityMeasure.BETWEENNESS:
      return betweennessCentrality(graph, { normalized: true });
    case CentralityMeasure.PAGERANK:
      return graph.size > 0 ? pagerank(graph, { getEdgeWeight: null }) : Object.fromEntries(graph.nodes().map((n) => [n, 1 / graph.order]));
  }
}

/** A fixed-seed generator (mulberry32), so that Louvain gives the same clusters for the same graph. */
function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface Clustering {
  /** Clusters of element ids, largest first. */
  clusters: string[][];
  /** Modularity of the partition (null for a graph without edges). */
  modularity: number | null;
}

/**
 * The records of a network with identifiers turned into links: the holders of one phone, address, account, e-mail
 * or document are joined pairwise, and the identifier nodes themselves are left out. This is what a ring is:
 * records tied together by what they share. On the raw graph each record's own satellites (its orders, parcels,
 * own identifiers) outweigh the one shared phone, and modularity splits a ring into one community per case.
 *
 * An identifier held by k records adds 1/(k-1) to each pair (Newman's weighting of collaboration networks), so it
 * gives each holder a tie of total weight 1 however many share it. Counted once per pair, a web shop's address on
 * twenty orders was a clique of 190 links that pulled a ring member's order, the member and his case away from
 * his ring; a burner phone shared by five is the stronger tie per pair, as an investigator reads it.
 */
function recordProjection(graph: Graph, isIdentifier: (node: string) => boolean): Graph {
  const records = new Graph({ type: "undirected", multi: false, allowSelfLoops: false });
  graph.forEachNode((node) => {
    if (!isIdentifier(node)) records.addNode(node);
  });
  graph.forEachEdge((_edge, _attributes, a, b) => {
    if (records.hasNode(a) && records.hasNode(b)) records.mergeEdge(a, b, { weight: 1 });
  });
  graph.forEachNode((node) => {
    if (!isIdentifier(node)) return;
    const holders = graph.neighbors(node).filter((n) => records.hasNode(n)).sort();
    const weight = 1 / (holders.length - 1);
    for (let i = 0; i < holders.length; i++) {
      for (let j = i + 1; j < holders.length; j++) records.updateEdge(holders[i]!, holders[j]!, (attributes) => ({ weight: ((attributes.weight as number) ?? 0) + weight }));
    }
  });
  return records;
}

/**
 * Louvain's default resolution, measured with `npm run rings:check` and over the planted rings of the demo from many
 * scopes (each ring alone or all four, 2 or 3 hops, nodes added in 25 orders): from 0.1 to 0.15 every ring came out
 * whole and apart from the others every time; at 0.08 rings began to merge, at 0.18 the weakest ring (tied by a
 * consignee company and one association) began to split. Identifier ties weigh at most 1 (see `recordProjection`),
 * which is why the best resolution sits this far below 1.
 */
export const DEFAULT_RESOLUTION = 0.12;
/** Lowest and highest resolution a caller may ask for. */
export const RESOLUTION_RANGE = { min: 0.01, max: 10 } as const;

/**
 * Clusters the network's records on their projection (see `recordProjection`); each identifier then joins the
 * cluster most of its holders are in (an identifier without holders in the network is a cluster of its own).
 * Modularity is that of the records' partition.
 */
export function clusters(graph: Graph, algorithm: CommunityAlgorithm, isIdentifier: (node: string) => boolean, resolution = DEFAULT_RESOLUTION): Clustering {
  const records = recordProjection(graph, isIdentifier);
  let membership: Record<string, number>;
  switch (algorithm) {
    case CommunityAlgorithm.LOUVAIN:
      membership = records.size > 0 ? louvain(records, { rng: seeded(42), getEdgeWeight: "weight", resolution }) : {};
      break;
    case CommunityAlgorithm.LABEL_PROPAGATION:
      membership = labelPropagation(records);
      break;
    case CommunityAlgorithm.CONNECTED_COMPONENTS:
      membership = Object.fromEntries(connectedComponents(records).flatMap((component, i) => component.map((node) => [node, i])));
      break;
  }
  const groups = new Map<string, string[]>();
  // A node the algorithm left without a community (isolated, for Louvain on an edgeless graph) is one on its own.
  const keyOf = (node: string) => (node in membership ? `c${membership[node]}` : `n${node}`);
  records.forEachNode((node) => groups.set(keyOf(node), [...(groups.get(keyOf(node)) ?? []), node]));
  graph.forEachNode((node) => {
    if (!isIdentifier(node)) return;
    const votes = new Map<string, number>();
    for (const holder of graph.neighbors(node)) if (records.hasNode(holder)) votes.set(keyOf(holder), (votes.get(keyOf(holder)) ?? 0) + 1);
    const key = [...votes].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]?.[0] ?? `n${node}`;
    groups.set(key, [...(groups.get(key) ?? []), node]);
  });
  const sorted = [...groups.values()].map((g) => g.sort()).sort((a, b) => b.length - a.length || a[0]!.localeCompare(b[0]!));
  const community = new Map(sorted.flatMap((members, i) => members.map((node) => [node, i] as const)));
  return {
    clusters: sorted,
    modularity: records.size > 0 ? modularity(records, { getNodeCommunity: (node) => community.get(node)!, getEdgeWeight: "weight" }) : null,
  };
}
