import { writeFile, mkdir } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import {
  configuredCodeListsDir,
  createLogger,
  Database,
  initCodeLists,
  loadConfig,
  loadSecrets,
  localImportServices,
  repoRoot,
  resolvePartyReferences,
  type PartyReference,
} from "@cix/core";
import { ecommerceImportKinds, ecommerceSubgraph } from "@cix/subgraph-ecommerce";
import { entitiesImportKinds, entitiesSubgraph, OperationRepository } from "@cix/subgraph-entities";
import { seizuresImportKinds, seizuresSubgraph } from "@cix/subgraph-seizures";
import { cenAgencies } from "./catalogue/world.js";
import { cenCounts, loadCen, partyRef, type CenLoadResult } from "./load-import.js";
import type { PlanOperation } from "./plan.js";

export const CEN_MANIFEST_PATH = path.join(repoRoot, "var", "seed-manifest-cen.json");

/**
 * `npm run seed -- --scale cen [--fraction F] [--seed N]`: the CEN-scale data set straight into Neo4j through the
 * import engine (no gateway: at this size the HTTP hop is only overhead), then a manifest of the planted rings
 * (their records' natural keys) and of the load's rates in var/seed-manifest-cen.json (or `manifestFile`).
 * Loads into `db` when given (the bench's own database), else into the configured NEO4J_URI.
 */
export async function runCen(seed: number, fraction: number, options: { db?: Database; manifestFile?: string } = {}): Promise<CenLoadResult> {
  const config = loadConfig();
  initCodeLists(configuredCodeListsDir(config));
  const db = options.db ?? Database.connect(config, "seed-cen");
  const manifestFile = options.manifestFile ?? CEN_MANIFEST_PATH;
  try {
    const services = await localImportServices({
      db,
      config,
      log: createLogger("seed-cen", process.env.LOG_LEVEL ?? "warn"),
      auditKey: loadSecrets(config).auditKey,
      subgraphs: [
        { def: seizuresSubgraph, kinds: seizuresImportKinds },
        { def: entitiesSubgraph, kinds: entitiesImportKinds },
        { def: ecommerceSubgraph, kinds: ecommerceImportKinds },
      ],
    });
    const counts = cenCounts(fraction);
    const agencies = cenAgencies();
    console.error(`CEN scale × ${fraction} (seed ${seed}): ${JSON.stringify(counts)} background records plus the planted rings, ${agencies.agencies.length} agencies`);
    const result = await loadCen({
      seed,
      counts,
      agencies,
      services,
      workDir: path.join(os.tmpdir(), `cix-cen-${process.pid}`),
      log: (line) => console.error(line),
      exchange: (op) => shareExchange(db, op),
    });
    await mkdir(path.dirname(manifestFile), { recursive: true });
    await writeFile(
      manifestFile,
      `${JSON.stringify({ scale: "cen", fraction, seed, counts, agencies: agencies.agencies.length, loadedAt: new Date().toISOString(), loadMs: result.ms, phases: result.phases, rings: result.rings }, null, 2)}
`,
    );
    return result;
  } finally {
    if (!options.db) await db.close();
  }
}

/**
 * A ring's exchange operation, straight through the entities subgraph's repository (no gateway at this scale):
 * opened once (an open one of that name and lead is reused), then each owner shares the parties it owns, found by
 * natural key.
 */
export async function shareExchange(db: Database, op: PlanOperation): Promise<void> {
  const operations = new OperationRepository(db);
  const existing = (await operations.forAgency(op.agency)).find((o) => o.name === op.name && o.leadAgency === op.agency && o.status === "OPEN");
  const operation =
    existing ??
    (await operations.open({
      name: op.name,
      leadAgency: op.agency,
      memberAgencies: op.memberAgencies,
      endsAt: new Date(Date.now() + op.endsInDays * 86_400_000).toISOString(),
      retentionDays: op.retentionDays,
    }));
  const byOwner = new Map<string, string[]>();
  for (const key of op.records) {
    const owner = key.split("|")[1]!;
    byOwner.set(owner, [...(byOwner.get(owner) ?? []), key]);
  }
  for (const [owner, keys] of byOwner) {
    const uses = keys.map((key, row) => ({ row, path: "party", ref: partyRef(key) as PartyReference }));
    const resolved = await resolvePartyReferences(db, owner, uses);
    if (resolved.errors.length > 0) throw new Error(`${op.name}: ${resolved.errors.map((e) => e.message).join("; ")}`);
    await operations.share(operation.id, resolved.ids as string[], owner, false, false, "seed:cen");
  }
}
