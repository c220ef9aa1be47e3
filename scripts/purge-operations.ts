// `npm run operations:purge`: deletes operation-only data whose retention period has run out (the entities
// subgraph also does this hourly).
import { Database, loadConfig } from "@cix/core";
import { purgeExpiredOperationData } from "@cix/subgraph-entities/src/operation/operation.repository.js";

const db = Database.connect(loadConfig(), "purge");
try {
  const purged = await purgeExpiredOperationData(db);
  console.log(`Purged ${purged.records} operation-only records from ${purged.operations} operations past retention.`);
} catch (error) {
  console.error(`operations:purge: ${(error as Error).message}`);
  process.exitCode = 1;
} finally {
  await db.close();
}
