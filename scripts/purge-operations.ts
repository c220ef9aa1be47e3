// `npm run operations:purge -- [--dry-run]`: deletes operation-only data whose retention period has run out (the
// entities subgraph also does this hourly). Says which database it touches before it does; --dry-run only counts.
import { Database, describeDatabase, loadConfig, parseCommandLine } from "@cix/core";
import { purgeExpiredOperationData } from "@cix/subgraph-entities/src/operation/operation.repository.js";

const USAGE = `usage: npm run operations:purge -- [--dry-run]
  Deletes the operation-only records of operations past their retention period in the configured Neo4j (NEO4J_URI).
  --dry-run  count what would be purged; write nothing`;

const { values } = parseCommandLine({ options: { "dry-run": { type: "boolean", default: false } } }, USAGE);
const dryRun = values["dry-run"];

const config = loadConfig();
console.error(`operations:purge${dryRun ? " (dry run)" : ""}: ${describeDatabase(config)}`);
const db = Database.connect(config, "purge");
try {
  const purged = await purgeExpiredOperationData(db, new Date(), { dryRun });
  console.log(
    dryRun
      ? `Would purge ${purged.records} operation-only records from ${purged.operations} operations past retention (dry run: nothing written).`
      : `Purged ${purged.records} operation-only records from ${purged.operations} operations past retention.`,
  );
} catch (error) {
  console.error(`operations:purge: ${(error as Error).message}`);
  process.exitCode = 1;
} finally {
  await db.close();
}
