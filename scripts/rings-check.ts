// `npm run rings:check -- [--scale demo|cen] [--gateway <url>] [--agency NL-CUSTOMS] [--resolution R]`: asks a
// running hub, as an investigator, whether link analysis finds the planted rings of the loaded data set (the seed's
// manifest: var/seed-manifest.json for demo, var/seed-manifest-cen.json for cen, resolved to hub ids in NEO4J_URI).
// What is asked per ring: seed/src/rings-check.ts.
import { readFile } from "node:fs/promises";
import { Database, loadConfig, parseCommandLine, TokenService } from "@cix/core";
import { CEN_MANIFEST_PATH, checkRings, MANIFEST_PATH, readCenManifest, resolveCenManifest, type SeedManifest } from "@cix/seed";

const USAGE = `usage: npm run rings:check -- [--scale demo|cen] [--manifest <file>] [--gateway <url>] [--agency NL-CUSTOMS] [--resolution R]
  --manifest  the seed's manifest (default: var/seed-manifest.json for demo, var/seed-manifest-cen.json for cen)
  --gateway   the hub's GraphQL endpoint (default: the configured gateway, http://localhost:$GATEWAY_PORT/graphql)`;

const { values } = parseCommandLine({
  options: {
    scale: { type: "string", default: "demo" },
    manifest: { type: "string" },
    gateway: { type: "string" },
    agency: { type: "string", default: "NL-CUSTOMS" },
    resolution: { type: "string" },
  },
}, USAGE);
if (values.scale !== "demo" && values.scale !== "cen") {
  console.error(`Unknown scale "${values.scale}"\n${USAGE}`);
  process.exit(2);
}

const config = loadConfig();
const db = Database.connect(config, "rings-check");
const manifest: SeedManifest =
  values.scale === "cen"
    ? await resolveCenManifest(db, await readCenManifest(values.manifest ?? CEN_MANIFEST_PATH))
    : (JSON.parse(await readFile(values.manifest ?? MANIFEST_PATH, "utf8")) as SeedManifest);
await db.close();
const token = await new TokenService(config).mintDevToken(
  { sub: `rings-check@${values.agency}`, agency: values.agency, country: values.agency.slice(0, 2), roles: ["investigator"], operations: [] },
  "1h",
);

const findings = await checkRings(manifest.rings, {
  gatewayUrl: values.gateway ?? config.gatewayUrl,
  headers: { authorization: `Bearer ${token}`, "x-cix-purpose": "CASE-2024-rings-check" },
  resolution: values.resolution ? Number(values.resolution) : undefined,
});
console.table(
  findings.map((f) => {
    const others = f.cases - 1;
    return {
      ring: f.ring,
      cases: f.cases,
      "shared: other cases reached": `${f.sharedReached}/${others} (${f.ms.shared} ms)`,
      "network 4 hops: other cases": `${f.networkReached}/${others}, ${f.networkNodes} nodes${f.networkTruncated ? ", truncated" : ""} (${f.ms.network} ms)`,
      "paths case 1 → 2": `${f.paths} of length ${f.pathLength ?? "-"} (${f.ms.paths} ms)`,
      "communities: ring cases per cluster": `${f.clusters.join(" + ") || "none"} (${f.ms.communities} ms)`,
    };
  }),
);
