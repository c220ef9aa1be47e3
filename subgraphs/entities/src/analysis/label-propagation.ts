import type Graph from "graphology";

/**
 * Label propagation (Raghavan, Albert & Kumara 2007) on an undirected graphology graph: every node starts with
 * a label of its own and repeatedly takes the label most of its neighbours carry, until no label changes. The
 * graphology standard library has no implementation, so this is ours; it visits nodes in a fixed (sorted) order
 * and breaks ties towards the current label, then the smallest, so the same graph always gives the same clusters.
 */
export function labelPropagation(graph: Graph, maxRounds = 100): Record<string, number> {
  const nodes = graph.nodes().sort();
  const label = new Map(nodes.map((node, i) => [node, i]));
  for (let round = 0; round < maxRounds; round++) {
    let changed = false;
    for (const node of nodes) {
      const counts = new Map<number, number>();
      // Neighbours vote with the weight of the edge to them (1 when the edge has none).
      graph.forEachEdge(node, (_edge, attributes, source, target) => {
        const l = label.get(source === node ? target : source)!;
        counts.set(l, (counts.get(l) ?? 0) + ((attributes.weight as number | undefined) ?? 1));
      });
      if (counts.size === 0) continue;
      const current = label.get(node)!;
      const top = Math.max(...counts.values());
      const best = counts.get(current) === top ? current : Math.min(...[...counts].filter(([, count]) => count === top).map(([l]) => l));
      if (best !== current) {
        label.set(node, best);
        changed = true;
      }
    }
    if (!changed) break;
  }
  return Object.fromEntries(label);
}
