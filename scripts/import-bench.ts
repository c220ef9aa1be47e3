// `npm run import:bench -- [--fraction 0.002] [--seed 7]`: the import rate (records/s) of each kind, against a baseline
// in the same run that writes the same rows with a plain `UNWIND … CREATE` through neo4j-driver (no validation, no
// natural keys, no relationships: the upper bound of what Neo4j takes). Writes into the configured Neo4j
// (NEO4J_URI); the imported records stay (they are idempotent on their keys), the baseline nodes are deleted.
import { readFile, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { configuredCodeListsDir, createLogger, Database, describeDatabase, flatten, initCodeLists, loadConfig, loadSecrets, localImportServices, parseCommandLine } from "@cix/core";
import { cenCounts, loadCen, shareExchange } from "@cix/seed";
import { ecommerceImportKinds, ecommerceSubgraph } from "@cix/subgraph-ecommerce";
import { entitiesImportKinds, entitiesSubgraph } from "@cix/subgraph-entities";
import { seizuresImportKinds, seizuresSubgraph } from "@cix/subgraph-seizures";

const { values } = parseCommandLine(
  { options: { fraction: { type: "string", default: "0.002" }, seed: { type: "string", default: "7" } } },
  "usage: npm run import:bench -- [--fraction 0.002] [--seed 7]\n" +
    "  Imports a generated set into the configured Neo4j (NEO4J_URI) and measures it against a plain UNWIND … CREATE baseline;\n" +
    "  the imported records stay (idempotent on their keys), the baseline nodes are deleted.",
);
const fraction = Number(values.fraction);
const seed = Number(values.seed);
const BASELINE_BATCH = 500;

const config = loadConfig();
initCodeLists(configuredCodeListsDir(config));
console.error(`import:bench: importing into ${describeDatabase(config)}`);
const db = Database.connect(config, "import-bench");
const workDir = path.join(os.tmpdir(), `cix-import-bench-${process.pid}`);

/** A row as flat node properties: nested values as paths, lists of objects as JSON (what a naive loader would store). */
function baselineProps(row: Record<string, unknown>): Record<string, unknown> {
  const props: Record<string, unknown> = {};
  for (const [key, value] of flatten(row)) if (value !== null && value !== undefined && !Array.isArray(value)) props[key] = value;
  return props;
}

/** Writes the rows of the files with `UNWIND $rows AS r CREATE (n:ImportBaseline) SET n = r`, 500 per transaction. */
async function baseline(kind: string, files: readonly string[]): Promise<{ rows: number; ms: number }> {
  const session = db.driver.session({ database: config.NEO4J_DATABASE });
  let rows = 0;
  const started = Date.now();
  try {
    for (const file of files) {
      const lines = (await readFile(file, "utf8")).split("\n").filter((l) => l.trim() !== "");
      for (let i = 0; i < lines.length; i += BASELINE_BATCH) {
        const batch = lines.slice(i, i + BASELINE_BATCH).map((l) => ({ ...baselineProps(JSON.parse(l) as Record<string, unknown>), kind }));
        await session.executeWrite((tx) => tx.run("UNWIND $rows AS r CREATE (n:ImportBaseline) SET n = r", { rows: batch }));
        rows += batch.length;
      }
    }
  } finally {
    await session.close();
  }
  return { rows, ms: Date.now() - started };
}

try {
  const services = await localImportServices({
    db,
    config,
    log: createLogger("import-bench", "warn"),
    auditKey: loadSecrets(config).auditKey,
    subgraphs: [
      { def: seizuresSubgraph, kinds: seizuresImportKinds },
      { def: entitiesSubgraph, kinds: entitiesImportKinds },
      { def: ecommerceSubgraph, kinds: ecommerceImportKinds },
    ],
  });
  const result = await loadCen({
    seed,
    counts: cenCounts(fraction),
    services,
    workDir,
    keepFiles: true,
    log: (line) => console.error(line),
    exchange: (op) => shareExchange(db, op),
  });
  const table: Array<Record<string, unknown>> = [];
  for (const phase of result.phases) {
    const base = await baseline(phase.kind, phase.files);
    const baseRate = Math.round(base.rows / Math.max(base.ms / 1000, 0.001));
    table.push({ kind: phase.kind, rows: phase.rows, importRowsPerSecond: phase.rowsPerSecond, baselineRowsPerSecond: baseRate, ratio: Number((phase.rowsPerSecond / baseRate).toFixed(3)) });
  }
  for (;;) {
    const [deleted] = await db.write<{ n: number }>("MATCH (n:ImportBaseline) WITH n LIMIT 2000 DETACH DELETE n RETURN count(*) AS n");
    if (!deleted || deleted.n === 0) break;
  }
  console.table(table);
  console.log(JSON.stringify({ fraction, seed, config: { batchSize: config.CIX_IMPORT_BATCH_SIZE, concurrency: config.CIX_IMPORT_CONCURRENCY }, results: table }));
} finally {
  await rm(workDir, { recursive: true, force: true });
  await db.close();
}
