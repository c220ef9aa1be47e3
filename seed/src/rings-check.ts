import type { RingManifest } from "./manifest.js";

/**
 * Asks a running hub, as an investigator, whether link analysis finds the planted rings of a loaded data set.
 * Per ring, from its first case: which of its other cases `sharedIdentifiers` and a 4-hop `network` reach, whether
 * `paths` links its first two cases, and how its cases fall into `communities` (Louvain, 3 hops around its cases).
 * Cases are non-nominal, so their ids are real for any reader and recall can be counted on them.
 */

export interface RingFinding {
  ring: string;
  cases: number;
  /** Of the ring's other cases (all but the first), how many `sharedIdentifiers` reached. */
  sharedReached: number;
  /** Of the ring's other cases, how many a 4-hop `network` reached, and its size. */
  networkReached: number;
  networkNodes: number;
  networkTruncated: boolean;
  /** Shortest paths between the ring's first two cases, and their length (null when none). */
  paths: number;
  pathLength: number | null;
  /** The ring's cases per community they fell into, largest first: [cases] when the ring is one cluster. */
  clusters: number[];
  /** Milliseconds per query. */
  ms: { shared: number; network: number; paths: number; communities: number };
}

export interface RingCheckOptions {
  /** The gateway's GraphQL URL. */
  gatewayUrl: string;
  /** Authorization (an investigator's token) and purpose headers. */
  headers: Record<string, string>;
  /** Louvain resolution (the hub's default when left out). */
  resolution?: number;
}

type Node = { id: string; kind: string };

const SHARED = "query($ids: [ID!]!) { sharedIdentifiers(ids: $ids) { links { from { record { id } } to { record { id } } } } }";
const NETWORK = "query($from: [ID!]!) { network(from: $from, hops: 4, limit: 2000) { nodes { id kind } truncated } }";
const PATHS = "query($from: ID!, $to: ID!) { paths(from: $from, to: $to, maxHops: 4) { paths { length } } }";
const COMMUNITIES =
  "query($scope: NetworkScopeInput!, $resolution: Float) { communities(scope: $scope, resolution: $resolution) { communities { members { id kind } } } }";

export async function checkRings(rings: readonly RingManifest[], opts: RingCheckOptions): Promise<RingFinding[]> {
  const ask = async <T>(query: string, variables: Record<string, unknown>): Promise<{ data: T; ms: number }> => {
    const started = performance.now();
    const res = await fetch(opts.gatewayUrl, {
      method: "POST",
      headers: { "content-type": "application/json", ...opts.headers },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await res.json()) as { data?: T; errors?: unknown[] };
    if (!body.data || body.errors?.length) throw new Error(`rings check: HTTP ${res.status} ${JSON.stringify(body.errors)}`);
    return { data: body.data, ms: Math.round(performance.now() - started) };
  };

  const findings: RingFinding[] = [];
  for (const ring of rings) {
    const [first, second] = ring.seizures;
    if (!first || !second) continue;
    const others = new Set(ring.seizures.slice(1));
    const reached = (ids: Iterable<string>) => [...new Set(ids)].filter((id) => others.has(id)).length;

    const shared = await ask<{ sharedIdentifiers: { links: Array<{ from: { record: Node }; to: { record: Node } }> } }>(SHARED, { ids: [first] });
    const network = await ask<{ network: { nodes: Node[]; truncated: boolean } }>(NETWORK, { from: [first] });
    const paths = await ask<{ paths: { paths: Array<{ length: number }> } }>(PATHS, { from: first, to: second });
    const communities = await ask<{ communities: { communities: Array<{ members: Node[] }> } }>(COMMUNITIES, {
      scope: { from: ring.seizures, hops: 3, limit: 1000 },
      resolution: opts.resolution,
    });
    const ringCases = new Set(ring.seizures);
    findings.push({
      ring: ring.name,
      cases: ring.seizures.length,
      sharedReached: reached(shared.data.sharedIdentifiers.links.flatMap((l) => [l.from.record.id, l.to.record.id])),
      networkReached: reached(network.data.network.nodes.map((n) => n.id)),
      networkNodes: network.data.network.nodes.length,
      networkTruncated: network.data.network.truncated,
      paths: paths.data.paths.paths.length,
      pathLength: paths.data.paths.paths[0]?.length ?? null,
      clusters: communities.data.communities.communities
        .map((c) => c.members.filter((m) => ringCases.has(m.id)).length)
        .filter((n) => n > 0)
        .sort((a, b) => b - a),
      ms: { shared: shared.ms, network: network.ms, paths: paths.ms, communities: communities.ms },
    });
  }
  return findings;
}
