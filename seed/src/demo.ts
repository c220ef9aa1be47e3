import type { Database, Logger, TokenService } from "@cix/core";
import { generateDataset } from "./generate.js";
import { loadPlan } from "./load-graphql.js";
import { buildManifest, writeManifest } from "./manifest.js";

/** The seed of the demo data set: every `npm start` on a new database loads the same data. */
export const DEMO_SEED = 2025;

/**
 * CIX's mark on a database it initialised itself: `(:CixDatabase {id, createdAt, demo})`, written only into an empty
 * database. `demo` says whether it was made for the demo data set. The demo data goes only into a database marked
 * `demo: true`, so a database CIX did not create (an agency's) or created for real data is never seeded.
 */
export interface CixMarker {
  id: string;
  createdAt: string;
  demo: boolean;
}

const MARKER_FIELDS = "m { .id, .createdAt, .demo }";

/**
 * Marks `db` as CIX's if it holds no node at all, and returns its marker: the new one, the one it already carries,
 * or null when it holds data without a marker (not CIX's, or from before markers existed; it is left untouched).
 */
export async function initialiseDatabase(db: Database, options: { demo: boolean }): Promise<CixMarker | null> {
  return db.transaction(async (tx) => {
    const [found] = await tx.run<{ marker: CixMarker | null; empty: boolean }>(
      `OPTIONAL MATCH (m:CixDatabase) WITH m LIMIT 1
       RETURN ${MARKER_FIELDS} AS marker, NOT EXISTS { MATCH (n) } AS empty`,
    );
    if (found?.marker) return found.marker;
    if (!found?.empty) return null;
    const [created] = await tx.run<{ marker: CixMarker }>(
      `CREATE (m:CixDatabase { id: randomUUID(), createdAt: datetime(), demo: $demo }) RETURN ${MARKER_FIELDS} AS marker`,
      { demo: options.demo },
    );
    return created!.marker;
  });
}

/** Whether the demo data set may be loaded into `db` now, and if not, why; `refused` when it was wanted. */
export type DemoDecision = { load: true } | { load: false; refused: boolean; reason: string };

export async function demoDecision(db: Database, wanted: boolean): Promise<DemoDecision> {
  if (!wanted) return { load: false, refused: false, reason: "demo data is off (--no-demo or CIX_DEMO=0; the default when NEO4J_URI is set)" };
  const [row] = await db.read<{ marker: CixMarker | null; seizures: boolean }>(
    `OPTIONAL MATCH (m:CixDatabase) WITH m LIMIT 1
     RETURN ${MARKER_FIELDS} AS marker, EXISTS { MATCH (:Seizure) } AS seizures`,
  );
  if (!row?.marker) {
    return { load: false, refused: true, reason: "the database holds data but not CIX's marker (:CixDatabase), so it may not be CIX's; demo data goes only into a database CIX initialised" };
  }
  if (!row.marker.demo) return { load: false, refused: true, reason: "CIX initialised this database for real data (its marker says demo: false)" };
  if (row.seizures) return { load: false, refused: false, reason: "the database already has seizure cases" };
  return { load: true };
}

/**
 * Loads the demo data set through the gateway and writes the manifest of the planted rings. Only after
 * `demoDecision` said so; the gateway must be up and accept `tokens`' dev tokens.
 */
export async function loadDemoDataSet(gatewayUrl: string, tokens: TokenService, log: Logger): Promise<void> {
  const plan = generateDataset({ scale: "demo", seed: DEMO_SEED });
  log.info({ seed: DEMO_SEED, persons: plan.persons.length, seizures: plan.seizures.length, orders: plan.orders.length }, "Loading the demo data set through the gateway");
  const loaded = await loadPlan(plan, { gatewayUrl, tokens, log });
  const manifest = await writeManifest(buildManifest(plan, loaded));
  log.info({ counts: loaded.counts, ms: loaded.ms, manifest, skipped: loaded.skipped }, `Demo data loaded in ${(loaded.ms / 1000).toFixed(1)} s`);
}
