import { otherEnd, type GraphEdge, type Subgraph } from "./subgraph.js";

/**
 * Path search on a subgraph already read from Neo4j (bounded by the traversal), treating relationships as
 * links in both directions. Super-nodes may end a path but never be a step on it: a call-centre number shared
 * by thousands links nobody.
 */

export interface FoundPath {
  /** Element ids from the first node to the last. */
  nodes: string[];
  /** One relationship per step. */
  edges: GraphEdge[];
}

export interface SearchResult {
  paths: FoundPath[];
  /** More paths exist than were returned, or the search budget ran out. */
  more: boolean;
}

interface Bfs {
  dist: Map<string, number>;
  /** Every predecessor on a shortest path. */
  preds: Map<string, string[]>;
}

/** Breadth-first distances (at most `maxDepth`) from `source`, with all shortest-path predecessors. */
export function breadthFirst(graph: Subgraph, source: string, maxDepth: number): Bfs {
  const dist = new Map([[source, 0]]);
  const preds = new Map<string, string[]>();
  let layer = [source];
  for (let depth = 0; depth < maxDepth && layer.length > 0; depth++) {
    const next: string[] = [];
    for (const u of layer) {
      if (u !== source && !graph.passable(u)) continue;
      for (const edge of graph.edgesOf(u)) {
        const v = otherEnd(edge, u);
        const known = dist.get(v);
        if (known === undefined) {
          dist.set(v, depth + 1);
          preds.set(v, [u]);
          next.push(v);
        } else if (known === depth + 1 && !preds.get(v)!.includes(u)) {
          preds.get(v)!.push(u);
        }
      }
    }
    layer = next;
  }
  return { dist, preds };
}

/** The first relationship (in the subgraph's stable order) between two adjacent nodes. */
function edgeBetween(graph: Subgraph, a: string, b: string): GraphEdge {
  return graph.edgesOf(a).find((e) => otherEnd(e, a) === b)!;
}

export function withEdges(graph: Subgraph, nodes: string[]): FoundPath {
  return { nodes, edges: nodes.slice(1).map((b, i) => edgeBetween(graph, nodes[i]!, b)) };
}

/** Shortest paths from `from` to `to` of at most `maxHops` steps; at most `limit` of them. */
export function shortestPaths(graph: Subgraph, from: string, to: string, maxHops: number, limit: number): SearchResult {
  const { dist, preds } = breadthFirst(graph, from, maxHops);
  if (!dist.has(to)) return { paths: [], more: false };
  const found: string[][] = [];
  let more = false;
  const walk = (node: string, suffix: string[]): void => {
    if (more) return;
    if (node === from) {
      if (found.length < limit) found.push([from, ...suffix]);
      else more = true;
      return;
    }
    for (const pred of preds.get(node) ?? []) walk(pred, [node, ...suffix]);
  };
  walk(to, []);
  return { paths: found.map((nodes) => withEdges(graph, nodes)), more };
}

/**
 * Simple paths from `from` to `to` of at most `maxHops` steps whose dated relationships (`at`) never go back
 * in time along the path; undated ones fit anywhere. Depth-first, pruned by the distance still to go; shortest
 * first, then earliest. Stops after `budget` steps.
 */
export function timeOrderedPaths(graph: Subgraph, from: string, to: string, maxHops: number, limit: number, budget = 200_000): SearchResult {
  const toGo = breadthFirst(graph, to, maxHops).dist;
  const found = new Map<string, FoundPath>();
  let steps = 0;
  let exhausted = false;
  const visit = (node: string, nodes: string[], edges: GraphEdge[], last: string | null): void => {
    for (const edge of graph.edgesOf(node)) {
      if (++steps > budget) {
        exhausted = true;
        return;
      }
      const next = otherEnd(edge, node);
      const rest = toGo.get(next);
      if (nodes.includes(next) || rest === undefined || edges.length + 1 + rest > maxHops) continue;
      if (edge.at !== null && last !== null && edge.at < last) continue;
      const path = { nodes: [...nodes, next], edges: [...edges, edge] };
      if (next === to) {
        const key = path.nodes.join(" ");
        if (!found.has(key)) found.set(key, path);
      } else if (graph.passable(next)) {
        visit(next, path.nodes, path.edges, edge.at ?? last);
      }
      if (exhausted) return;
    }
  };
  visit(from, [from], [], null);
  const firstDate = (p: FoundPath) => p.edges.find((e) => e.at !== null)?.at ?? "~";
  const sorted = [...found.values()].sort((a, b) => a.edges.length - b.edges.length || firstDate(a).localeCompare(firstDate(b)));
  return { paths: sorted.slice(0, limit), more: exhausted || sorted.length > limit };
}

/**
 * The smallest network connecting `terminals`, approximately (Kou–Markowsky–Berman): shortest paths between
 * every pair of terminals (the metric closure), a minimum spanning tree over them (Kruskal), and the union of
 * the paths the tree uses. Terminals no path reaches within `maxHops` are returned apart.
 */
export function connectingTree(graph: Subgraph, terminals: string[], maxHops: number): { paths: FoundPath[]; unconnected: string[] } {
  const searches = terminals.map((t) => breadthFirst(graph, t, maxHops));
  const pairs: Array<{ i: number; j: number; d: number }> = [];
  for (let i = 0; i < terminals.length; i++) {
    for (let j = i + 1; j < terminals.length; j++) {
      const d = searches[i]!.dist.get(terminals[j]!);
      if (d !== undefined) pairs.push({ i, j, d });
    }
  }
  pairs.sort((a, b) => a.d - b.d || a.i - b.i || a.j - b.j);
  const parent = terminals.map((_, i) => i);
  const root = (i: number): number => (parent[i] === i ? i : (parent[i] = root(parent[i]!)));
  const paths: FoundPath[] = [];
  const connected = new Set<number>();
  for (const { i, j } of pairs) {
    if (root(i) === root(j)) continue;
    parent[root(i)] = root(j);
    connected.add(i).add(j);
    const nodes = [terminals[j]!];
    while (nodes[0] !== terminals[i]) nodes.unshift(searches[i]!.preds.get(nodes[0]!)![0]!);
    paths.push(withEdges(graph, nodes));
  }
  return { paths, unconnected: terminals.length > 1 ? terminals.filter((_, i) => !connected.has(i)) : [] };
}
