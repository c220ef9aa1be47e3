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

export function clusters(graph: Graph, algorithm: CommunityAlgorithm): Clustering {
  let membership: Record<string, number>;
  switch (algorithm) {
    case CommunityAlgorithm.LOUVAIN:
      membership = graph.size > 0 ? louvain(graph, { rng: seeded(42), getEdgeWeight: null }) : {};
      break;
    case CommunityAlgorithm.LABEL_PROPAGATION:
      membership = labelPropagation(graph);
      break;
    case CommunityAlgorithm.CONNECTED_COMPONENTS:
      membership = Object.fromEntries(connectedComponents(graph).flatMap((component, i) => component.map((node) => [node, i])));
      break;
  }
  const groups = new Map<string, string[]>();
  graph.forEachNode((node) => {
    // A node the algorithm left without a community (isolated, for Louvain on an edgeless graph) is one on its own.
    const key = node in membership ? `c${membership[node]}` : `n${node}`;
    groups.set(key, [...(groups.get(key) ?? []), node]);
  });
  const sorted = [...groups.values()].map((g) => g.sort()).sort((a, b) => b.length - a.length || a[0]!.localeCompare(b[0]!));
  const community = new Map(sorted.flatMap((members, i) => members.map((node) => [node, i] as const)));
  return {
    clusters: sorted,
    modularity: graph.size > 0 ? modularity(graph, { getNodeCommunity: (node) => community.get(node)!, getEdgeWeight: null }) : null,
  };
}
