import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { randomInt } from "node:crypto";
import { Database, loadConfig, freePort } from "@cix/core";
import { ensureNeo4j, type Neo4jHandle } from "@cix/neo4j";
import { authHeaders } from "../support/auth.js";
import { runTsx, startTsx, waitFor, waitForHealthy, type TestProcess } from "../support/process.js";
import { postToSubgraph } from "../support/subgraph.js";

/**
 * `kill -9` of a subgraph while it appends audit entries under load (investigators reading a person's name, each read
 * audited before the answer leaves). The chain's entries and its head are written in one transaction, so whatever
 * the moment of the kill, the chain ends at its head: no entry missing before it (no gap), none after it (no fork),
 * and `npm run audit:verify` says it is intact. What was lost: nothing (every name that was answered is audited).
 *
 * On a Neo4j of its own: the whole chain is checked, and other tests (one alters an entry for a moment) do not touch it.
 */

const AGENCY = "NL-AUDITKILL";
const ROUNDS = 2;
const CLIENTS = 8;
let home: string;
let neo4j: Neo4jHandle;
let db: Database;
let port: number;
let entities: TestProcess | undefined;

beforeAll(async () => {
  // A small private DBMS beside the shared test one.
  process.env.NEO4J_HEAP = "256m";
  process.env.NEO4J_PAGECACHE = "64m";
  home = await mkdtemp(join(tmpdir(), "cix-audit-crash-"));
  neo4j = await ensureNeo4j({ port: await freePort(), home });
  db = Database.connect(loadConfig({ ...process.env, NEO4J_URI: neo4j.uri }), "audit-crash-test");
  port = await freePort();
}, 180_000);

afterAll(async () => {
  await entities?.stop();
  await db?.close();
  await neo4j?.stop();
  await rm(home, { recursive: true, force: true });
});

async function startEntities(): Promise<TestProcess> {
  const service = startTsx("subgraphs/entities/src/main.ts", [], { NEO4J_URI: neo4j.uri, ENTITIES_PORT: String(port), LOG_LEVEL: "warn" });
  await waitForHealthy(`http://127.0.0.1:${port}/healthz`, service);
  return service;
}

/** The chain as stored: its head, how many entries, the highest sequence number, and entries after the head. */
async function chain(): Promise<{ head: number; entries: number; last: number; afterHead: number }> {
  const [row] = await db.read<{ head: number; entries: number; last: number; afterHead: number }>(
    `MATCH (h:AuditHead { id: 'audit' })
     OPTIONAL MATCH (e:AuditEntry)
     RETURN h.seq AS head, count(e) AS entries, coalesce(max(e.seq), 0) AS last, count(CASE WHEN e.seq > h.seq THEN 1 END) AS afterHead`,
  );
  return row!;
}

describe("kill -9 of a subgraph appending audit entries under load", () => {
  it("leaves the chain ending at its head, with no gap and no fork, every answered read audited; audit:verify exits 0", async () => {
    const url = `http://127.0.0.1:${port}/graphql`;
    const headers = await authHeaders({ role: "investigator", agency: AGENCY, purpose: "CASE-2024-audit-kill" });
    entities = await startEntities();
    const created = await postToSubgraph<{ upsertPerson: { id: string } }>(
      "entities",
      url,
      "mutation($input: PersonInput!) { upsertPerson(input: $input) { id } }",
      { input: { reference: "AUDIT-KILL-1", fullName: "Audit Kill" } },
      headers,
    );
    const personId = created.data!.upsertPerson.id;
    let answered = 0;

    for (let round = 1; round <= ROUNDS; round++) {
      if (!entities) entities = await startEntities();
      const before = (await chain()).head;
      let stop = false;
      let inFlight = 0;
      // Each client reads the name again as soon as it has an answer; the kill cuts some of them off mid-request.
      const clients = Array.from({ length: CLIENTS }, async () => {
        while (!stop) {
          inFlight++;
          try {
            const res = await postToSubgraph<{ person: { fullName: string } | null }>("entities", url, "query($id: ID!) { person(id: $id) { fullName } }", { id: personId }, headers);
            if (res.data?.person?.fullName === "Audit Kill") answered++;
          } catch {
            return; // the process died under this request
          } finally {
            inFlight--;
          }
        }
      });
      await waitFor("audit entries to be appended under load", async () => (await chain()).head >= before + 50);
      await new Promise((resolve) => setTimeout(resolve, randomInt(0, 400)));
      const pending = inFlight;
      await entities.kill9();
      entities = undefined;
      stop = true;
      await Promise.all(clients);
      expect(pending, "requests in flight when the process died").toBeGreaterThan(0);

      const after = await chain();
      console.error(`round ${round}: killed at audit head ${after.head} (${after.head - before} entries appended in this round)`);
      expect(after).toEqual({ head: after.head, entries: after.head, last: after.head, afterHead: 0 });
    }

    // Every name that was answered left its audit entry first (fail closed): nothing disclosed went unrecorded.
    const [reads] = await db.read<{ n: number }>("MATCH (e:AuditEntry { agency: $agency }) WHERE e.kind = 'READ' AND $id IN e.recordIds RETURN count(e) AS n", {
      agency: AGENCY,
      id: personId,
    });
    expect(reads!.n).toBeGreaterThanOrEqual(answered);

    const verify = await runTsx("scripts/audit-verify.ts", [], { NEO4J_URI: neo4j.uri, LOG_LEVEL: "warn" });
    expect(verify.code, verify.stderr).toBe(0);
    const { head } = await chain();
    expect(verify.stdout).toContain(`Audit trail intact: ${head} entries. No gap, no fork`);
  }, 480_000);
});
