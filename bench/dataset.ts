// The data the bench reads: the demo data set (loaded once into the bench's own Neo4j and reused), a small
// tagged subset for the smoke run (loaded and removed each time), or the CEN-scale set (loaded by the bulk import).
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { randomUUID } from "node:crypto";
import { repoRoot, type Database, type Logger, type TokenService } from "@cix/core";
import { buildManifest, DEMO_SEED, generateDataset, loadPlan, SCALES, subsetPlan, writeManifest, type SeedManifest } from "@cix/seed";
import { deleteAgencyRecords } from "../test/support/cleanup.js";

export type Scale = "demo" | "cen" | "smoke";

export interface DataSet {
  scale: Scale;
  /** Agency codes the data set was written under (fixtures are picked from their records only). */
  agencies: string[];
  /** The planted rings, when this bench loaded the data (or a previous run did and kept the manifest). */
  manifest: SeedManifest | null;
  /** Load time when this run loaded it, ms. */
  loadedMs: number | null;
  /** Removes what this run loaded when it must not stay (the smoke subset); a no-op otherwise. */
  cleanup(): Promise<void>;
}

/** The scale cannot be run on this checkout (exit code 2). */
export class ScaleNotAvailable extends Error {}

interface LoadContext {
  db: Database;
  gatewayUrl: string;
  tokens: TokenService;
  log: Logger;
}

const manifestFile = (scale: string) => path.join(repoRoot, "var", "bench", `seed-manifest-${scale}.json`);

export function ensureDataSet(scale: Scale, ctx: LoadContext): Promise<DataSet> {
  if (scale === "smoke") return loadSmokeSubset(ctx);
  if (scale === "cen") return ensureCen();
  return ensureDemo(ctx);
}

async function ensureDemo(ctx: LoadContext): Promise<DataSet> {
  const plan = generateDataset({ scale: "demo", seed: DEMO_SEED });
  const agencies = plan.agencies.map((a) => a.code);
  const [row] = await ctx.db.read<{ seeded: boolean }>("RETURN EXISTS { MATCH (s:Seizure) WHERE s.ownerAgency IN $agencies } AS seeded", { agencies });
  if (row?.seeded) {
    const file = manifestFile("demo");
    const manifest = existsSync(file) ? (JSON.parse(readFileSync(file, "utf8")) as SeedManifest) : null;
    ctx.log.info("bench: the demo data set is already loaded; reusing it");
    return { scale: "demo", agencies, manifest, loadedMs: null, cleanup: async () => {} };
  }
  ctx.log.info("bench: loading the demo data set through the gateway (once; later runs reuse it)");
  const loaded = await loadPlan(plan, { gatewayUrl: ctx.gatewayUrl, tokens: ctx.tokens, log: ctx.log });
  const manifest = buildManifest(plan, loaded);
  await writeManifest(manifest, manifestFile("demo"));
  return { scale: "demo", agencies, manifest, loadedMs: loaded.ms, cleanup: async () => {} };
}

/** One planted ring (its persons, companies, cases, orders…), under agency codes of this run only (e.g. NL-CUSTOMS-B1A2B3C4). */
async function loadSmokeSubset(ctx: LoadContext): Promise<DataSet> {
  const plan = generateDataset({ scale: "demo", seed: DEMO_SEED });
  const tag = randomUUID().slice(0, 8).toUpperCase();
  const rename = (code: string) => `${code}-B${tag}`;
  const subset = subsetPlan(plan, { rings: [0] });
  const agencies = subset.agencies.map((a) => rename(a.code));
  const cleanup = async () => {
    for (const agency of agencies) await deleteAgencyRecords(ctx.db, agency);
  };
  try {
    const loaded = await loadPlan(subset, { gatewayUrl: ctx.gatewayUrl, tokens: ctx.tokens, agencyCode: rename, log: ctx.log });
    return { scale: "smoke", agencies, manifest: buildManifest(subset, loaded), loadedMs: loaded.ms, cleanup };
  } catch (error) {
    await cleanup();
    throw error;
  }
}

/** Throws ScaleNotAvailable before anything starts when the checkout cannot run `scale`. */
export function assertScaleAvailable(scale: Scale): void {
  if (scale === "cen" && !("cen" in SCALES)) {
    throw new ScaleNotAvailable("--scale cen is not available yet: the seed package has no `cen` scale (the bulk import is being built)");
  }
}

/** The 600,000-case data set is loaded by the bulk import (`npm run seed -- --scale cen`), not by the bench. */
async function ensureCen(): Promise<DataSet> {
  assertScaleAvailable("cen");
  const file = manifestFile("cen");
  if (!existsSync(file)) {
    throw new ScaleNotAvailable(`--scale cen: load the data set first into the bench's Neo4j (npm run seed -- --scale cen), then copy its manifest to ${file}`);
  }
  const manifest = JSON.parse(readFileSync(file, "utf8")) as SeedManifest;
  const agencies = [...new Set(manifest.rings.flatMap((r) => r.agencies))];
  return { scale: "cen", agencies, manifest, loadedMs: null, cleanup: async () => {} };
}
