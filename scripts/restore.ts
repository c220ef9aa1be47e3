// `npm run restore -- --from <folder> [--dry-run]`: brings back a backup made by `npm run backup` (README "Backup and
// restore"): the embedded Neo4j's database, the photo store and the import spool, then checks the result against
// the backup's manifest.
import { join, resolve } from "node:path";
import { loadConfig, parseCommandLine } from "@cix/core";
import { DUMP_FOLDER, loadDump, locations, readVerifiedSet, refuseUnlessOfflineEmbedded, replaceFolder, snapshotDifferences, snapshotStore } from "./backup-set.js";

const USAGE = `usage: npm run restore -- --from <folder> [--dry-run]
  Restores a backup made by npm run backup, after checking every file against its manifest (SHA-256):
  - replaces the database "neo4j" of the embedded Neo4j in CIX_NEO4J_HOME (default neo4j/data) with the backup's
    dump (neo4j-admin database load --overwrite-destination);
  - replaces the photo store (CIX_PHOTO_DIR) and the import spool (CIX_IMPORT_DIR) with the backup's copies;
  - starts the restored database on a free loopback port and compares its counts and audit head with the manifest.
  The embedded Neo4j must be stopped: a running one is refused. --dry-run checks the backup and prints what would
  be replaced, changing nothing.
  exit codes: 0 restored (or dry run passed), 1 refused or failed, 2 bad command line`;

const { values } = parseCommandLine({ options: { from: { type: "string" }, "dry-run": { type: "boolean", default: false } } }, USAGE);
if (!values.from) {
  console.error(`--from <folder> is required\n${USAGE}`);
  process.exit(2);
}

const config = loadConfig();
const where = locations(config);
const set = resolve(values.from);
const manifest = await readVerifiedSet(set);
refuseUnlessOfflineEmbedded(config, where.neo4jHome);
const { store } = manifest;
console.error(
  `restore${values["dry-run"] ? " (dry run: nothing changed)" : ""}: backup ${set} of ${manifest.createdAt} (Neo4j ${store.neo4jVersion}, ` +
    `${store.nodes} nodes, ${store.relationships} relationships, audit head ${store.auditHead?.seq ?? 0}) replaces the database "neo4j" ` +
    `of the embedded Neo4j in ${where.neo4jHome}, photos ${where.photos} (${manifest.folders.photos.files} files) and import spool ` +
    `${where.imports} (${manifest.folders.imports.files} files)`,
);
if (values["dry-run"]) {
  console.log(JSON.stringify({ dryRun: true, backup: set, files: Object.keys(manifest.files).length, checksums: "ok" }));
  process.exit(0);
}

const log = (msg: string) => console.error(`restore: ${msg}`);
const quiet = (msg: string) => process.env.LOG_LEVEL === "debug" && log(msg);
await loadDump(join(set, DUMP_FOLDER), where.neo4jHome, quiet);
await replaceFolder(join(set, "photos"), where.photos);
await replaceFolder(join(set, "imports"), where.imports);
const restored = await snapshotStore(where.neo4jHome, quiet);
const differences = snapshotDifferences(store, restored);
if (differences.length > 0) {
  console.error(`restore: the restored database does not match the backup: ${differences.join("; ")}`);
  process.exit(1);
}
log(`done: counts and audit head (${restored.auditHead?.seq ?? 0}) match the backup; run npm run audit:verify to check the audit chain`);
console.log(JSON.stringify({ restored: set, createdAt: manifest.createdAt, nodes: restored.nodes, relationships: restored.relationships, auditHead: restored.auditHead }));
