// The data the bench reads: the demo data set (loaded once into the bench's own Neo4j and reused), a small
// tagged subset for the smoke run (loaded and removed each time), or the CEN-scale set (loaded by the bulk import).
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { randomUUID } from "node:crypto";
import { repoRoot, type Database, type Logger, type TokenService } from "@cix/core";
import {
  buildManifest,
  CEN_MANIFEST_PATH,
  DEMO_SEED,
  generateDataset,
  idsOfKeys,
  loadPlan,
  readCenManifest,
  resolveCenManifest,
  runCen,
  subsetPlan,
  writeManifest,
  type SeedManifest,
} from "@cix/seed";
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
  if (scale === "cen") return ensureCen(ctx);
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

/** Throws ScaleNotAvailable before anything starts when the checkout cannot run `scale` (every scale can now). */
export function assertScaleAvailable(scale: Scale): void {
  if (!["demo", "cen", "smoke"].includes(scale)) throw new ScaleNotAvailable(`Unknown scale "${scale}"`);
}

/**
 * The 600,000-case data set, loaded by the bulk import (`runCen`, the code of `npm run seed -- --scale cen`). A
 * database that already holds the set its manifest (var/seed-manifest-cen.json) describes is reused, whichever
 * command loaded it; otherwise the bench loads it into its own database first (about an hour on two cores).
 */
async function ensureCen(ctx: LoadContext): Promise<DataSet> {
  let loadedMs: number | null = null;
  if (!(await cenLoaded(ctx.db))) {
    ctx.log.info("bench: loading the CEN-scale data set through the bulk import (once; later runs reuse it)");
    const result = await runCen(DEMO_SEED, 1, { db: ctx.db, manifestFile: CEN_MANIFEST_PATH });
    loadedMs = result.ms;
  }
  const manifest = await resolveCenManifest(ctx.db, await readCenManifest(CEN_MANIFEST_PATH));
  const agencies = [...new Set(manifest.rings.flatMap((r) => r.agencies))];
  return { scale: "cen", agencies, manifest, loadedMs, cleanup: async () => {} };
}

/** Whether the database holds every case of the planted rings and about as many cases as the manifest's load made. */
async function cenLoaded(db: Database): Promise<boolean> {
  if (!existsSync(CEN_MANIFEST_PATH)) return false;
  const cen = await readCenManifest(CEN_MANIFEST_PATH);
  const ringCases = cen.rings.flatMap((r) => r.seizures);
  const found = await idsOfKeys(db, ringCases);
  const [row] = await db.read<{ cases: number }>("MATCH (s:Seizure) RETURN count(s) AS cases");
  return found.size === ringCases.length && (row?.cases ?? 0) >= (cen.counts.seizures ?? 0);
}
