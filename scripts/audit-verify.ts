// `npm run audit:verify`: recomputes the audit trail's hash chain and names the first altered entry.
import { Database, loadConfig, loadSecrets, verifyAuditTrail } from "@cix/core";

const config = loadConfig();
const db = Database.connect(config, "audit-verify");
try {
  const result = await verifyAuditTrail(db, loadSecrets(config).auditKey);
  if (result.ok) console.log(`Audit trail intact: ${result.entries} entries.`);
  else {
    console.error(`Audit trail BROKEN at entry ${result.firstBrokenSeq}: ${result.problem} (${result.entries} entries verified before it).`);
    process.exitCode = 2;
  }
} catch (error) {
  console.error(`audit:verify: ${(error as Error).message}`);
  process.exitCode = 1;
} finally {
  await db.close();
}
