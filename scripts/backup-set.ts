// A backup set of CIX (README "Backup and restore"): what `npm run backup` writes and `npm run restore` reads.
//   manifest.json     when, how, the Neo4j version, counts and the audit trail's head read from the dump itself, and
//                     the size and SHA-256 of every other file
//   neo4j/neo4j.dump  Neo4j's own offline dump of the database "neo4j" (neo4j-admin database dump)
//   photos/           a copy of CIX_PHOTO_DIR (content-addressed photo files)
//   imports/          a copy of CIX_IMPORT_DIR (uploads of import jobs still to finish)
import { createHash } from "node:crypto";
import { createReadStream, existsSync } from "node:fs";
import { cp, mkdir, mkdtemp, readdir, readFile, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { isAbsolute, join, relative } from "node:path";
import { Database, importSpoolDir, loadConfig, repoRoot, type Config, freePort } from "@cix/core";
import { ensureNeo4j, resolveNeo4jHome, runningLauncher, runNeo4jAdmin } from "@cix/neo4j";

export const MANIFEST_FILE = "manifest.json";
const FORMAT = "cix-backup/1";
/** The one database CIX keeps its data in (NEO4J_DATABASE of the embedded DBMS). */
export const DATABASE = "neo4j";
export const DUMP_FOLDER = "neo4j";

/** What a database holds, as far as a restore must reproduce it. */
export interface StoreSnapshot {
  neo4jVersion: string;
  nodes: number;
  relationships: number;
  labels: Record<string, number>;
  relationshipTypes: Record<string, number>;
  /** The audit trail's head: its last entry's sequence number and hash (null: no audit entry yet). */
  auditHead: { seq: number; hash: string } | null;
}

export interface BackupManifest {
  format: typeof FORMAT;
  createdAt: string;
  method: string;
  database: string;
  store: StoreSnapshot;
  folders: { photos: { from: string; files: number }; imports: { from: string; files: number } };
  /** Every file of the set but the manifest: path relative to the set → size and SHA-256. */
  files: Record<string, { bytes: number; sha256: string }>;
}

/** What a backup reads and a restore replaces. */
export interface Locations {
  neo4jHome: string;
  photos: string;
  imports: string;
}

export function locations(config: Config): Locations {
  const photos = isAbsolute(config.CIX_PHOTO_DIR) ? config.CIX_PHOTO_DIR : join(repoRoot, config.CIX_PHOTO_DIR);
  return { neo4jHome: resolveNeo4jHome(), photos, imports: importSpoolDir(config) };
}

/**
 * Both tools work on the embedded Neo4j only, and only while it is stopped: an offline dump is consistent by
 * construction (nothing writes while it is read), and a load must not pull the store from under a running DBMS.
 */
export function refuseUnlessOfflineEmbedded(config: Config, home: string): void {
  if (config.NEO4J_URI) {
    throw new Error(`NEO4J_URI is set (${config.NEO4J_URI}): this tool backs up and restores the embedded Neo4j only; use that server's own neo4j-admin`);
  }
  const running = runningLauncher(home);
  if (running) {
    throw new Error(
      `the embedded Neo4j runs on ${home} (pid ${running.pid}, Bolt port ${running.port}): stop it first (Ctrl-C in npm start or npm run neo4j)`,
    );
  }
}


/**
 * Starts the embedded Neo4j on `home` on a free loopback port nothing else uses, reads what it holds, and stops
 * it. Starting also recovers a store whose last stop was a crash.
 */
export async function snapshotStore(home: string, log: (msg: string) => void): Promise<StoreSnapshot> {
  const neo4j = await ensureNeo4j({ port: await freePort(), home, log });
  if (!neo4j.launched) throw new Error(`a Neo4j already runs on ${home}`);
  const db = Database.connect(loadConfig({ ...process.env, NEO4J_URI: neo4j.uri }), "backup");
  try {
    return await readSnapshot(db);
  } finally {
    await db.close();
    await neo4j.stop();
  }
}

const quoted = (name: string) => `\`${name.replace(/`/g, "``")}\``;

/** Counts per label and relationship type (from Neo4j's count store: cheap at any size), and the audit head. */
async function readSnapshot(db: Database): Promise<StoreSnapshot> {
  const [component] = await db.read<{ version: string }>("CALL dbms.components() YIELD versions RETURN versions[0] AS version");
  const [totals] = await db.read<{ nodes: number; relationships: number }>(
    "CALL { MATCH (n) RETURN count(n) AS nodes } CALL { MATCH ()-[r]->() RETURN count(r) AS relationships } RETURN nodes, relationships",
  );
  const labels: Record<string, number> = {};
  for (const { label } of await db.read<{ label: string }>("CALL db.labels() YIELD label RETURN label ORDER BY label")) {
    labels[label] = (await db.read<{ n: number }>(`MATCH (n:${quoted(label)}) RETURN count(n) AS n`))[0]!.n;
  }
  const relationshipTypes: Record<string, number> = {};
  for (const { type } of await db.read<{ type: string }>("CALL db.relationshipTypes() YIELD relationshipType AS type RETURN type ORDER BY type")) {
    relationshipTypes[type] = (await db.read<{ n: number }>(`MATCH ()-[r:${quoted(type)}]->() RETURN count(r) AS n`))[0]!.n;
  }
  const [head] = await db.read<{ seq: number; hash: string }>("MATCH (h:AuditHead { id: 'audit' }) RETURN h.seq AS seq, h.hash AS hash");
  return { neo4jVersion: component!.version, nodes: totals!.nodes, relationships: totals!.relationships, labels, relationshipTypes, auditHead: head ?? null };
}

/** What differs between two snapshots, in words (empty when they match). */
export function snapshotDifferences(expected: StoreSnapshot, found: StoreSnapshot): string[] {
  const out: string[] = [];
  const compare = (what: string, a: unknown, b: unknown) => {
    if (JSON.stringify(a) !== JSON.stringify(b)) out.push(`${what}: ${JSON.stringify(a)} in the backup, ${JSON.stringify(b)} restored`);
  };
  compare("nodes", expected.nodes, found.nodes);
  compare("relationships", expected.relationships, found.relationships);
  for (const label of new Set([...Object.keys(expected.labels), ...Object.keys(found.labels)])) compare(`:${label}`, expected.labels[label] ?? 0, found.labels[label] ?? 0);
  for (const type of new Set([...Object.keys(expected.relationshipTypes), ...Object.keys(found.relationshipTypes)])) {
    compare(`[:${type}]`, expected.relationshipTypes[type] ?? 0, found.relationshipTypes[type] ?? 0);
  }
  compare("audit head", expected.auditHead, found.auditHead);
  return out;
}

/**
 * Dumps the database with neo4j-admin into `<set>/neo4j/`, then loads that dump into a scratch folder and reads the
 * snapshot from there: the manifest describes the dump itself, and every backup has been restored once when taken.
 */
export async function dumpAndSnapshot(home: string, set: string, log: (msg: string) => void): Promise<StoreSnapshot> {
  const dumpDir = join(set, DUMP_FOLDER);
  await mkdir(dumpDir, { recursive: true });
  await runNeo4jAdmin(["database", "dump", DATABASE, `--to-path=${dumpDir}`], { home, log });
  const scratch = await mkdtemp(join(tmpdir(), "cix-backup-check-"));
  try {
    await loadDump(dumpDir, scratch, log);
    return await snapshotStore(scratch, log);
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}

/** Replaces the database in `home` with the dump in `dumpDir` (neo4j-admin database load). */
export async function loadDump(dumpDir: string, home: string, log: (msg: string) => void): Promise<void> {
  await runNeo4jAdmin(["database", "load", DATABASE, `--from-path=${dumpDir}`, "--overwrite-destination=true"], { home, log });
}

/** Copies a folder (an absent one as an empty one); returns how many files it held. */
export async function copyFolder(from: string, to: string): Promise<number> {
  if (existsSync(from)) await cp(from, to, { recursive: true, errorOnExist: true, force: false });
  else await mkdir(to, { recursive: true });
  return (await listFiles(to)).length;
}

/** Files under `dir`, recursively, as paths relative to it, sorted. */
export async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile())
    .map((e) => relative(dir, join(e.parentPath, e.name)))
    .sort();
}

async function sha256(file: string): Promise<string> {
  const hash = createHash("sha256");
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest("hex");
}

/** Size and SHA-256 of every file of the set but its manifest. */
export async function checksums(set: string): Promise<BackupManifest["files"]> {
  const files: BackupManifest["files"] = {};
  for (const file of await listFiles(set)) {
    if (file === MANIFEST_FILE) continue;
    files[file] = { bytes: (await stat(join(set, file))).size, sha256: await sha256(join(set, file)) };
  }
  return files;
}

export function newManifest(store: StoreSnapshot, folders: BackupManifest["folders"], files: BackupManifest["files"], createdAt: string): BackupManifest {
  return {
    format: FORMAT,
    createdAt,
    method: "offline: neo4j-admin database dump of the stopped embedded Neo4j; counts and audit head read back from the dump",
    database: DATABASE,
    store,
    folders,
    files,
  };
}

/** The set's manifest, after checking that every file it lists is there, whole, and that it lists every file. */
export async function readVerifiedSet(set: string): Promise<BackupManifest> {
  let manifest: BackupManifest;
  try {
    manifest = JSON.parse(await readFile(join(set, MANIFEST_FILE), "utf8")) as BackupManifest;
  } catch (error) {
    throw new Error(`${set} is not a CIX backup (${MANIFEST_FILE}: ${(error as Error).message})`);
  }
  if (manifest.format !== FORMAT) throw new Error(`${set}: unknown backup format ${String(manifest.format)} (expected ${FORMAT})`);
  const found = await checksums(set);
  const problems = [
    ...Object.keys(manifest.files).filter((f) => !found[f]).map((f) => `${f} is missing`),
    ...Object.keys(found).filter((f) => !manifest.files[f]).map((f) => `${f} is not in the manifest`),
    ...Object.keys(found).filter((f) => manifest.files[f] && manifest.files[f]!.sha256 !== found[f]!.sha256).map((f) => `${f} does not match its checksum`),
  ];
  if (problems.length > 0) throw new Error(`${set} is damaged: ${problems.join("; ")}`);
  return manifest;
}

/** Replaces the folder `to` by the copy in the set. */
export async function replaceFolder(from: string, to: string): Promise<number> {
  await rm(to, { recursive: true, force: true });
  return copyFolder(from, to);
}
