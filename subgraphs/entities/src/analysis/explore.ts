import type { Tx } from "@cix/core";
import type { Subgraph, GraphNode } from "./subgraph.js";
import { Traversal, type TraversalOptions } from "./traversal.js";

/**
 * The neighbourhood of the starting records up to `hops` relationships away (breadth first, one query per hop),
 * with the relationships among the nodes found.
 */
export async function exploreNetwork(tx: Tx, opts: TraversalOptions, ids: string[], hops: number, argument: string): Promise<Subgraph> {
  const traversal = new Traversal(tx, opts);
  let frontier = await traversal.start(ids, ids.map((_, i) => `${argument}[${i}]`));
  for (let hop = 1; hop <= hops && frontier.length > 0; hop++) {
    frontier = (await traversal.expand(frontier, hop)).added;
  }
  await traversal.close();
  await traversal.resolveAccess();
  return traversal.graph;
}

interface Side {
  dist: Map<string, number>;
  frontier: GraphNode[];
  depth: number;
  /** How deep this side goes when the search does not stop at the first meeting. */
  goal: number;
}

/**
 * The part of the graph that holds the paths of at most `maxHops` between two records, read from both ends
 * at once: every such path has its first half within ⌈maxHops/2⌉ hops of `from` and its second half within
 * ⌊maxHops/2⌋ of `to`. With `shortestOnly`, the smaller frontier is expanded first and reading stops as soon
 * as the two sides meet (the layers read then hold every shortest path).
 */
export async function exploreBetween(
  tx: Tx,
  opts: TraversalOptions,
  fromId: string,
  toId: string,
  maxHops: number,
  shortestOnly: boolean,
): Promise<{ graph: Subgraph; from: GraphNode; to: GraphNode }> {
  const traversal = new Traversal(tx, opts);
  const [from, to] = await traversal.start([fromId, toId], ["from", "to"]);
  const graph = traversal.graph;
  const sides: Side[] = [
    { dist: new Map([[from!.eid, 0]]), frontier: [from!], depth: 0, goal: Math.ceil(maxHops / 2) },
    { dist: new Map([[to!.eid, 0]]), frontier: [to!], depth: 0, goal: Math.floor(maxHops / 2) },
  ];
  const met = () =>
    [...sides[0]!.dist.keys()].some((eid) => sides[1]!.dist.has(eid) && (graph.passable(eid) || eid === from!.eid || eid === to!.eid));
  while (sides[0]!.depth + sides[1]!.depth < maxHops) {
    // A side with nothing left to expand has read all it reaches: no further path can appear.
    if (sides.some((s) => s.frontier.length === 0) || (shortestOnly && met())) break;
    // A frontier of super-nodes only (e.g. a path from a super-node) cannot be expanded; the other side goes further.
    const open = sides.filter((s) => s.frontier.some((n) => graph.passable(n.eid)));
    if (open.length === 0) break;
    const belowGoal = open.filter((s) => s.depth < s.goal);
    const side = shortestOnly
      ? open.reduce((a, b) => (b.frontier.length < a.frontier.length ? b : a))
      : (belowGoal.length > 0 ? belowGoal : open).reduce((a, b) => (b.depth < a.depth ? b : a));
    const { reached } = await traversal.expand(side.frontier, side.depth + 1);
    side.depth++;
    side.frontier = [];
    for (const eid of reached) {
      if (side.dist.has(eid)) continue;
      side.dist.set(eid, side.depth);
      side.frontier.push(graph.nodes.get(eid)!);
    }
  }
  await traversal.resolveAccess();
  return { graph, from: from!, to: to! };
}
