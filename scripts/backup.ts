// `npm run backup [-- --to <folder>]`: a consistent backup of the embedded Neo4j (Neo4j's own offline dump), the photo
// store and the import spool, with a manifest (README "Backup and restore"). `npm run restore` brings it back.
import { existsSync, readdirSync } from "node:fs";
import { mkdir, writeFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { loadConfig, parseCommandLine, repoRoot } from "@cix/core";
import { checksums, copyFolder, dumpAndSnapshot, locations, MANIFEST_FILE, newManifest, refuseUnlessOfflineEmbedded } from "./backup-set.js";

const USAGE = `usage: npm run backup [-- --to <folder>]
  Backs up, into a new folder (default var/backups/<time>):
  - the database "neo4j" of the embedded Neo4j in CIX_NEO4J_HOME (default neo4j/data), with Neo4j's own offline
    dump (neo4j-admin database dump), then loaded back into a scratch folder to read its counts and audit head;
  - the photo store (CIX_PHOTO_DIR, default var/photos) and the import spool (CIX_IMPORT_DIR, default var/imports);
  - manifest.json: time, Neo4j version, counts per label and relationship type, the audit trail's head, and the
    size and SHA-256 of every file.
  The embedded Neo4j must be stopped first (Ctrl-C in npm start or npm run neo4j): nothing writes while it is
  dumped, so the backup is consistent. A Neo4j that NEO4J_URI names is backed up with that server's own tools.
  Restore with: npm run restore -- --from <folder>`;

const { values } = parseCommandLine({ options: { to: { type: "string" } } }, USAGE);

const config = loadConfig();
const where = locations(config);
refuseUnlessOfflineEmbedded(config, where.neo4jHome);
const createdAt = new Date().toISOString();
const target = resolve(values.to ?? join(repoRoot, "var", "backups", createdAt.replace(/[:.]/g, "-")));
if (existsSync(target) && readdirSync(target).length > 0) throw new Error(`${target} is not empty: back up into a new folder`);
console.error(
  `backup: database "neo4j" of the embedded Neo4j in ${where.neo4jHome} (offline dump), photos ${where.photos}, import spool ${where.imports} → ${target}`,
);

const log = (msg: string) => console.error(`backup: ${msg}`);
await mkdir(target, { recursive: true });
const store = await dumpAndSnapshot(where.neo4jHome, target, (msg) => process.env.LOG_LEVEL === "debug" && log(msg));
const folders = {
  photos: { from: where.photos, files: await copyFolder(where.photos, join(target, "photos")) },
  imports: { from: where.imports, files: await copyFolder(where.imports, join(target, "imports")) },
};
const manifest = newManifest(store, folders, await checksums(target), createdAt);
await writeFile(join(target, MANIFEST_FILE), `${JSON.stringify(manifest, null, 2)}\n`);
log(`done: ${store.nodes} nodes, ${store.relationships} relationships, audit head ${store.auditHead?.seq ?? 0}, ${folders.photos.files} photo files, ${folders.imports.files} spooled uploads`);
console.log(JSON.stringify({ backup: target, createdAt, nodes: store.nodes, relationships: store.relationships, auditHead: store.auditHead, files: Object.keys(manifest.files).length }));
