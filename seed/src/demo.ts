import type { Database, Logger, TokenService } from "@cix/core";
import { generateDataset } from "./generate.js";
import { loadPlan } from "./load-graphql.js";
import { buildManifest, writeManifest } from "./manifest.js";

/** The seed of the demo data set: every `npm start` on an empty database loads the same data. */
export const DEMO_SEED = 2025;

/**
 * Loads the demo data set through the gateway if the database is empty (has no Seizure), writes the manifest
 * of the planted rings, and says whether it seeded. The gateway must be up and accept `tokens`' dev tokens.
 */
export async function seedDemoIfEmpty(db: Database, gatewayUrl: string, tokens: TokenService, log: Logger): Promise<boolean> {
  const [row] = await db.read<{ seeded: boolean }>("RETURN EXISTS { MATCH (:Seizure) } AS seeded");
  if (row?.seeded) {
    log.info("Demo data not loaded: the database already has seizure cases");
    return false;
  }
  const plan = generateDataset({ scale: "demo", seed: DEMO_SEED });
  log.info({ seed: DEMO_SEED, persons: plan.persons.length, seizures: plan.seizures.length, orders: plan.orders.length }, "Loading the demo data set through the gateway");
  const loaded = await loadPlan(plan, { gatewayUrl, tokens, log });
  const manifest = await writeManifest(buildManifest(plan, loaded));
  log.info({ counts: loaded.counts, ms: loaded.ms, manifest, skipped: loaded.skipped }, `Demo data loaded in ${(loaded.ms / 1000).toFixed(1)} s`);
  return true;
}
