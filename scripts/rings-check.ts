// `npm run rings:check -- [--scale demo|cen] [--gateway http://localhost:4000/graphql] [--agency NL-CUSTOMS] [--resolution R]`: asks a
// running hub, as an investigator, whether link analysis finds the planted rings of the loaded data set (the seed's
// manifest: var/seed-manifest.json for demo, var/seed-manifest-cen.json for cen, resolved to hub ids in NEO4J_URI).
// Per ring, from its first case: which of its other cases `sharedIdentifiers` and a 4-hop `network` reach, whether
// `paths` links its first two cases, and how its cases fall into `communities` (Louvain, 3 hops around its cases).
// Cases are non-nominal, so their ids are real for any reader and recall can be counted on them.
import { readFile } from "node:fs/promises";
import { parseArgs } from "node:util";
import { Database, loadConfig, TokenService } from "@cix/core";
import { CEN_MANIFEST_PATH, MANIFEST_PATH, readCenManifest, resolveCenManifest, type SeedManifest } from "@cix/seed";

const { values } = parseArgs({
  options: {
    scale: { type: "string", default: "demo" },
    gateway: { type: "string", default: "http://localhost:4000/graphql" },
    agency: { type: "string", default: "NL-CUSTOMS" },
    resolution: { type: "string" },
  },
});

const config = loadConfig();
const db = Database.connect(config, "rings-check");
const manifest: SeedManifest =
  values.scale === "cen" ? await resolveCenManifest(db, await readCenManifest(CEN_MANIFEST_PATH)) : (JSON.parse(await readFile(MANIFEST_PATH, "utf8")) as SeedManifest);
await db.close();
const token = await new TokenService(config).mintDevToken(
  { sub: `rings-check@${values.agency}`, agency: values.agency, country: values.agency.slice(0, 2), roles: ["investigator"], operations: [] },
  "1h",
);

async function query<T>(text: string, variables: Record<string, unknown>): Promise<{ data: T; ms: number }> {
  const started = performance.now();
  const res = await fetch(values.gateway, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${token}`, "x-cix-purpose": "CASE rings-check" },
    body: JSON.stringify({ query: text, variables }),
  });
  const body = (await res.json()) as { data?: T; errors?: Array<{ message: string; extensions?: { code?: string } }> };
  const fatal = body.errors?.filter((e) => e.extensions?.code !== "FORBIDDEN") ?? [];
  if (!body.data || fatal.length > 0) throw new Error(`${res.status}: ${JSON.stringify(body.errors)}`);
  return { data: body.data, ms: Math.round(performance.now() - started) };
}

type Node = { id: string; kind: string };
const rows: Array<Record<string, unknown>> = [];
for (const ring of manifest.rings) {
  const [first, second] = ring.seizures;
  if (!first || !second) continue;
  const others = new Set(ring.seizures.slice(1));
  const reached = (ids: Iterable<string>) => [...new Set(ids)].filter((id) => others.has(id)).length;

  const shared = await query<{ sharedIdentifiers: { links: Array<{ via: string; from: { record: Node }; to: { record: Node } }> } }>(
    "query($ids: [ID!]!) { sharedIdentifiers(ids: $ids) { links { via from { record { id kind } } to { record { id kind } } } } }",
    { ids: [first] },
  );
  const viaShared = shared.data.sharedIdentifiers.links.flatMap((l) => [l.from.record.id, l.to.record.id]);
  const network = await query<{ network: { nodes: Node[]; truncated: boolean } }>(
    "query($from: [ID!]!) { network(from: $from, hops: 4, limit: 2000) { nodes { id kind } truncated } }",
    { from: [first] },
  );
  const paths = await query<{ paths: { paths: Array<{ length: number }> } }>(
    "query($from: ID!, $to: ID!) { paths(from: $from, to: $to, maxHops: 4) { paths { length } } }",
    { from: first, to: second },
  );
  const communities = await query<{ communities: { communities: Array<{ members: Node[] }> } }>(
    "query($scope: NetworkScopeInput!, $resolution: Float) { communities(scope: $scope, resolution: $resolution) { communities { members { id kind } } } }",
    { scope: { from: ring.seizures, hops: 3, limit: 1000 }, resolution: values.resolution ? Number(values.resolution) : undefined },
  );
  const ringCases = new Set(ring.seizures);
  const clusters = communities.data.communities.communities
    .map((c) => c.members.filter((m) => ringCases.has(m.id)).length)
    .filter((n) => n > 0);
  rows.push({
    ring: ring.name,
    cases: ring.seizures.length,
    "shared: other cases reached": `${reached(viaShared)}/${others.size} (${shared.ms} ms)`,
    "network 4 hops: other cases": `${reached(network.data.network.nodes.map((n) => n.id))}/${others.size}, ${network.data.network.nodes.length} nodes${network.data.network.truncated ? ", truncated" : ""} (${network.ms} ms)`,
    "paths case 1 → 2": `${paths.data.paths.paths.length} of length ${paths.data.paths.paths[0]?.length ?? "-"} (${paths.ms} ms)`,
    "communities: ring cases per cluster": `${clusters.join(" + ") || "none"} (${communities.ms} ms)`,
  });
}
console.table(rows);
