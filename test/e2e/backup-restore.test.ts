import { freePort } from "@cix/core";
import { createHash, randomBytes } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { cp, mkdir, mkdtemp, readdir, readFile, rm, unlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensureNeo4j, type Neo4jHandle } from "@cix/neo4j";
import { authHeaders } from "../support/auth.js";
import { runTsx } from "../support/process.js";
import { minimalCase, upsertSeizure } from "../support/seizures.js";
import { startTestStack, type TestStack } from "../support/stack.js";
import type { BackupManifest } from "../../scripts/backup-set.js";

/**
 * `npm run backup` and `npm run restore` on an embedded Neo4j of this test's own (own port, own folder): data is
 * written through the hub (a seizure with a photo, a nominal person, audit entries), backed up, changed (the person
 * deleted, another added, the photo removed, a new upload spooled), and restored. The old state comes back: the
 * same counts, the person, the photo and spool files, an audit chain that verifies with the same head. What was
 * lost: nothing.
 */

const AGENCY = "NL-BACKUP";
const PHOTO = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), randomBytes(64)]);
const PHOTO_SHA = createHash("sha256").update(PHOTO).digest("hex");

let dir: string;
let home: string;
let photos: string;
let imports: string;
let set: string;
let neo4j: Neo4jHandle | undefined;
let stack: TestStack | undefined;
let personId: string;
let manifest: BackupManifest;

/** The tools' environment: this test's Neo4j folder, photo store and spool; never a NEO4J_URI. */
const toolEnv = () => ({ CIX_NEO4J_HOME: home, CIX_PHOTO_DIR: photos, CIX_IMPORT_DIR: imports, NEO4J_URI: undefined, LOG_LEVEL: "warn" });

/** Starts this test's Neo4j and the hub on it (after stopping what an earlier test may have left running). */
async function startHub(): Promise<TestStack> {
  await stopHub();
  neo4j = await ensureNeo4j({ port: await freePort(), home });
  // A fresh DBMS's first writes are slow on a busy machine; this test is not about latency.
  stack = await startTestStack({ NEO4J_URI: neo4j.uri, CIX_SUBGRAPH_TIMEOUT_MS: "29000" });
  return stack;
}

async function stopHub(): Promise<void> {
  await stack?.stop();
  await neo4j?.stop();
  stack = undefined;
  neo4j = undefined;
}

const investigator = () => authHeaders({ role: "investigator", agency: AGENCY, purpose: "CASE-2024-backup" });
const readPerson = async (hub: TestStack, id: string) =>
  hub.query<{ person: { fullName: string; reference: string } | null }>("query($id: ID!) { person(id: $id) { fullName reference } }", { id }, await investigator());
const photoFile = () => join(photos, PHOTO_SHA.slice(0, 2), PHOTO_SHA);

beforeAll(async () => {
  // A small private DBMS beside the shared test one; the photo store is created from this process's environment.
  process.env.NEO4J_HEAP = "256m";
  process.env.NEO4J_PAGECACHE = "64m";
  dir = await mkdtemp(join(tmpdir(), "cix-backup-test-"));
  home = join(dir, "neo4j");
  photos = join(dir, "photos");
  imports = join(dir, "imports");
  set = join(dir, "backup");
  process.env.CIX_PHOTO_DIR = photos;
  await mkdir(imports, { recursive: true });
}, 60_000);

afterAll(async () => {
  await stopHub();
  await rm(dir, { recursive: true, force: true });
});

describe("npm run backup / npm run restore", () => {
  it("--help changes nothing; a bad option exits 2; restore needs --from", async () => {
    const help = await runTsx("scripts/backup.ts", ["--help"], toolEnv());
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/^usage: npm run backup/);
    expect((await runTsx("scripts/restore.ts", ["--help"], toolEnv())).stdout).toMatch(/^usage: npm run restore/);
    const bad = await runTsx("scripts/restore.ts", ["--no-such-option"], toolEnv());
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("Unknown option '--no-such-option'");
    expect((await runTsx("scripts/restore.ts", [], toolEnv())).code).toBe(2);
    expect(existsSync(home)).toBe(false);
  }, 60_000);

  it("backs up the stopped Neo4j, the photos and the spool, with a manifest read back from the dump", async () => {
    const hub = await startHub();
    const as = await investigator();
    const created = await upsertSeizure(hub, minimalCase("BACKUP-1"), as);
    expect(created.errors).toBeUndefined();
    const seizure = created.data!.upsertSeizure;
    const added = await hub.query(
      `mutation($id: ID!, $content: String!) { addSeizurePhoto(seizureId: $id, contentBase64: $content, mimeType: "image/jpeg") { id } }`,
      { id: seizure.id, content: PHOTO.toString("base64") },
      as,
    );
    expect(added.errors).toBeUndefined();
    const person = await hub.query<{ upsertPerson: { id: string } }>(
      `mutation { upsertPerson(input: { reference: "BACKUP-P1", fullName: "Bettina Backup" }) { id } }`,
      {},
      as,
    );
    personId = person.data!.upsertPerson.id;
    expect((await readPerson(hub, personId)).data!.person).toEqual({ fullName: "Bettina Backup", reference: "BACKUP-P1" });
    await writeFile(join(imports, "spooled-upload.csv"), "reference,fullName\nX-1,Spooled Person\n");
    await stopHub();

    const backup = await runTsx("scripts/backup.ts", ["--to", set], toolEnv());
    expect(backup.code, backup.stderr).toBe(0);
    // It names what it reads before reading it.
    expect(backup.stderr.split("\n")[0]).toBe(`backup: database "neo4j" of the embedded Neo4j in ${home} (offline dump), photos ${photos}, import spool ${imports} → ${set}`);
    manifest = JSON.parse(await readFile(join(set, "manifest.json"), "utf8")) as BackupManifest;
    expect(manifest.store).toMatchObject({ neo4jVersion: expect.stringMatching(/^5\.26\./), labels: { Person: 1, Seizure: 1, Photo: 1 } });
    expect(manifest.store.auditHead!.seq).toBeGreaterThanOrEqual(4);
    expect(Object.keys(manifest.files).sort()).toEqual(["imports/spooled-upload.csv", "neo4j/neo4j.dump", `photos/${PHOTO_SHA.slice(0, 2)}/${PHOTO_SHA}`]);
    expect(JSON.parse(backup.stdout)).toMatchObject({ backup: set, nodes: manifest.store.nodes, auditHead: manifest.store.auditHead });
  }, 600_000);

  it("refuses to restore over a running Neo4j; --dry-run checks the backup and changes nothing", async () => {
    // The data changes after the backup.
    const hub = await startHub();
    await hub.db.write("MATCH (p:Person { id: $id }) DETACH DELETE p", { id: personId });
    const intruder = await hub.query<{ upsertPerson: { id: string } }>(`mutation { upsertPerson(input: { reference: "BACKUP-P2", fullName: "Ivo Intruder" }) { id } }`, {}, await investigator());
    expect((await readPerson(hub, intruder.data!.upsertPerson.id)).data!.person!.fullName).toBe("Ivo Intruder");
    await unlink(photoFile());
    await writeFile(join(imports, "later-upload.csv"), "reference\nX-2\n");

    const refused = await runTsx("scripts/restore.ts", ["--from", set], toolEnv());
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/^npm run restore: the embedded Neo4j runs on .*: stop it first/m);
    expect((await readPerson(hub, personId)).data!.person).toBeNull();
    await stopHub();

    const dry = await runTsx("scripts/restore.ts", ["--from", set, "--dry-run"], toolEnv());
    expect(dry.code, dry.stderr).toBe(0);
    expect(dry.stderr).toContain(`restore (dry run: nothing changed): backup ${set} of ${manifest.createdAt}`);
    expect(dry.stderr).toContain(`replaces the database "neo4j" of the embedded Neo4j in ${home}, photos ${photos} (1 files) and import spool ${imports} (1 files)`);
    expect(existsSync(photoFile())).toBe(false);
    expect((await readdir(imports)).sort()).toEqual(["later-upload.csv", "spooled-upload.csv"]);
  }, 600_000);

  it("refuses a damaged backup", async () => {
    const copy = join(dir, "damaged");
    await cp(set, copy, { recursive: true });
    await writeFile(join(copy, "imports", "spooled-upload.csv"), "reference,fullName\nX-1,Someone Else\n");
    const damaged = await runTsx("scripts/restore.ts", ["--from", copy, "--dry-run"], toolEnv());
    expect(damaged.code).toBe(1);
    expect(damaged.stderr).toContain("imports/spooled-upload.csv does not match its checksum");
  }, 60_000);

  it("restores the old state: counts, the person, the photo and spool, an audit chain that verifies with the same head", async () => {
    const restore = await runTsx("scripts/restore.ts", ["--from", set], toolEnv());
    expect(restore.code, restore.stderr).toBe(0);
    expect(restore.stderr).toContain("counts and audit head");
    expect(readFileSync(photoFile()).equals(PHOTO)).toBe(true);
    expect(await readdir(imports)).toEqual(["spooled-upload.csv"]);

    const hub = await startHub();
    const [counts] = await hub.db.read<{ nodes: number; persons: number; intruders: number }>(
      `CALL { MATCH (n) RETURN count(n) AS nodes }
       CALL { MATCH (p:Person) RETURN count(p) AS persons }
       CALL { MATCH (p:Person { reference: 'BACKUP-P2' }) RETURN count(p) AS intruders }
       RETURN nodes, persons, intruders`,
    );
    expect(counts).toEqual({ nodes: manifest.store.nodes, persons: manifest.store.labels.Person, intruders: 0 });
    const [head] = await hub.db.read<{ seq: number; hash: string }>("MATCH (h:AuditHead { id: 'audit' }) RETURN h.seq AS seq, h.hash AS hash");
    expect(head).toEqual(manifest.store.auditHead);
    const verify = await runTsx("scripts/audit-verify.ts", [], { NEO4J_URI: neo4j!.uri, LOG_LEVEL: "warn" });
    expect(verify.code, verify.stderr).toBe(0);
    expect(verify.stdout).toContain(`Audit trail intact: ${manifest.store.auditHead!.seq} entries.`);
    // The nominal record is back, through the hub, for who may read it.
    expect((await readPerson(hub, personId)).data!.person).toEqual({ fullName: "Bettina Backup", reference: "BACKUP-P1" });
  }, 600_000);
});
