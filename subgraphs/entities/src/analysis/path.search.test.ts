import { describe, expect, it } from "vitest";
import { RelationshipType } from "./analysis.enums.js";
import { connectingTree, shortestPaths, timeOrderedPaths } from "./path.search.js";
import { Subgraph, type GraphEdge, type GraphNode } from "./subgraph.js";

/** A subgraph from "a-b" pairs (with an optional event date per pair); nodes in `cut` are super-nodes. */
function graph(pairs: Array<[string, string, string?]>, cut: string[] = []): Subgraph {
  const g = new Subgraph();
  const node = (eid: string): GraphNode => ({
    eid, id: eid, label: "Person", degree: 1, access: [], hop: 0, expanded: true, commodity: null, placeLocode: null, trackingNumber: null,
  });
  pairs.forEach(([a, b, at], i) => {
    for (const eid of [a, b]) if (!g.nodes.has(eid)) g.nodes.set(eid, node(eid));
    const edge: GraphEdge = {
      rid: `r${i}`, type: RelationshipType.USES, start: a, end: b, role: null, sharePercentage: null, since: null, until: null, at: at ?? null,
      ownerAgency: null, source: null, createdAt: null,
    };
    g.addEdge(edge);
  });
  for (const eid of cut) g.cut.set(eid, g.nodes.get(eid)!);
  return g;
}

describe("path search on a bounded subgraph", () => {
  it("finds one or all shortest paths, never through a super-node", () => {
    const g = graph([["s", "a"], ["s", "b"], ["a", "t"], ["b", "t"], ["s", "x"], ["x", "t"]], ["x"]);
    expect(shortestPaths(g, "s", "t", 4, 1).paths).toHaveLength(1);
    const all = shortestPaths(g, "s", "t", 4, 10);
    expect(all.paths.map((p) => p.nodes.join(""))).toEqual(["sat", "sbt"]);
    expect(shortestPaths(g, "s", "t", 1, 10).paths).toEqual([]);
  });

  it("keeps only paths whose dated steps happen in order", () => {
    const g = graph([["o", "sh", "2024-01-07T00:00:00.000Z"], ["sh", "s", "2024-01-10T00:00:00.000Z"], ["o", "p"], ["p", "s", "2024-01-01T00:00:00.000Z"]]);
    expect(timeOrderedPaths(g, "o", "s", 4, 10).paths.map((p) => p.nodes.join(" "))).toEqual(["o p s", "o sh s"]);
    expect(timeOrderedPaths(g, "s", "o", 4, 10).paths.map((p) => p.nodes.join(" "))).toEqual(["s p o"]);
  });

  it("joins terminals by a spanning tree of shortest paths and reports the unreachable", () => {
    const g = graph([["t1", "m"], ["m", "t2"], ["m", "n"], ["n", "t3"], ["t4", "z"]]);
    const tree = connectingTree(g, ["t1", "t2", "t3", "t4"], 4);
    expect(tree.paths.map((p) => p.nodes.join(""))).toEqual(["t1mt2", "t1mnt3"]);
    expect(tree.unconnected).toEqual(["t4"]);
  });
});
