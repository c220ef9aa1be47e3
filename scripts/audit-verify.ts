// `npm run audit:verify`: checks the audit key against the chain's key fingerprint, then recomputes the audit
// trail's hash chain and names the first altered, inserted or removed entry. Reads only.
import { Database, describeDatabase, loadConfig, loadSecrets, parseCommandLine, verifyAuditTrail } from "@cix/core";

/** Exit codes, for monitoring: README "Operating CIX". 2 is also a bad command line, as for every tool. */
const EXIT = { intact: 0, error: 1, wrongKey: 3, broken: 4 } as const;

const USAGE = `usage: npm run audit:verify
  Verifies the audit trail in the configured Neo4j (NEO4J_URI) with the key CIX_AUDIT_KEY (in development: derived
  from the gateway secret, as the services do).
  exit codes: 0 intact, 1 could not verify (e.g. Neo4j unreachable), 2 bad command line, 3 wrong key (the key does
  not match the chain's key fingerprint; nothing was checked), 4 broken (an entry altered, inserted or removed)`;

parseCommandLine({ options: {} }, USAGE);

const config = loadConfig();
console.error(`audit:verify: ${describeDatabase(config)}`);
const db = Database.connect(config, "audit-verify");
try {
  const result = await verifyAuditTrail(db, loadSecrets(config).auditKey);
  if (!result.fingerprinted && result.entries + (result.firstBrokenSeq ?? 0) > 0) {
    console.error("audit:verify: this chain was started before the key fingerprint was kept, so a wrong key shows as an altered entry 1.");
  }
  if (result.ok) console.log(`Audit trail intact: ${result.entries} entries. No gap, no fork: every entry up to the head is there, links to the one before and matches its hash; none lies after the head.`);
  else if (result.wrongKey) {
    console.error("Audit trail NOT verified: wrong key (CIX_AUDIT_KEY does not match the key fingerprint stored when the chain started).");
    process.exitCode = EXIT.wrongKey;
  } else {
    console.error(`Audit trail BROKEN at entry ${result.firstBrokenSeq}: ${result.problem} (${result.entries} entries verified before it).`);
    process.exitCode = EXIT.broken;
  }
} catch (error) {
  console.error(`audit:verify: ${(error as Error).message}`);
  process.exitCode = EXIT.error;
} finally {
  await db.close();
}
