import { randomInt, randomUUID } from "node:crypto";
import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { ImportJobLostError, ImportJobStore, type ImportJobRecord, freePort } from "@cix/core";
import { authHeaders } from "../support/auth.js";
import { deleteAgencyRecords } from "../support/cleanup.js";
import { runTsx, startTsx, waitFor, waitForHealthy, type TestProcess } from "../support/process.js";
import { startTestStack, unique, type TestStack } from "../support/stack.js";
import { deleteImportData, fileFolder } from "./import-fixtures.js";

/**
 * `kill -9` of the process running an import, at a random point after its first checkpoint: the CLI (then
 * `--resume`) and the subgraph serving an upload (then restarted: it resumes the job by itself). Afterwards every
 * row is stored exactly once and the report lists every rejected row exactly once. What was lost: nothing.
 */

const AGENCY = unique("NL-CRASH").replace(/[^A-Z0-9-]/g, "");
const ROWS = 3000;
const RUN = String(randomInt(100, 1000));
// Fast heartbeats so a dead process is noticed in seconds (the defaults are 10 s and 60 s).
const LIVENESS = { CIX_IMPORT_HEARTBEAT_SECONDS: "1", CIX_IMPORT_STALE_SECONDS: "3" };

let stack: TestStack;
let files: Awaited<ReturnType<typeof fileFolder>>;
let entitiesPort: number;
let entities: TestProcess;

/** The entities subgraph as its own process (`npm start` runs it so), spooling uploads to this test's folder. */
async function startEntities(): Promise<TestProcess> {
  const service = startTsx("subgraphs/entities/src/main.ts", [], {
    ...LIVENESS,
    NEO4J_URI: inject("neo4jUri"),
    ENTITIES_PORT: String(entitiesPort),
    CIX_IMPORT_DIR: join(files.dir, "spool"),
    CIX_IMPORT_BATCH_SIZE: "50",
    LOG_LEVEL: "warn",
  });
  await waitForHealthy(`http://127.0.0.1:${entitiesPort}/healthz`, service);
  return service;
}

beforeAll(async () => {
  files = await fileFolder();
  entitiesPort = await freePort();
  entities = await startEntities();
  // The gateway sends entities' share of the hub (persons, their imports) to that process.
  stack = await startTestStack({ ENTITIES_URL: `http://127.0.0.1:${entitiesPort}/graphql` });
}, 180_000);

afterAll(async () => {
  await entities?.stop();
  await deleteImportData(stack.db, AGENCY);
  await deleteAgencyRecords(stack.db, AGENCY);
  await stack.stop();
  await files.remove();
});

/** `ROWS` persons; every 100th has a phone that is not one (its row must be in the report, once). */
async function personsFile(prefix: string): Promise<{ file: string; valid: string[]; invalidRows: number[] }> {
  const valid: string[] = [];
  const invalidRows: number[] = [];
  const lines = Array.from({ length: ROWS }, (_, n) => {
    const reference = `${prefix}-${n}`;
    const bad = n % 100 === 42;
    if (bad) invalidRows.push(n + 1);
    else valid.push(reference);
    return JSON.stringify({ reference, fullName: `Crash Person ${n}`, phones: [bad ? "12" : `+3162${RUN}${String(n).padStart(4, "0")}`] });
  });
  const file = await files.raw(`${prefix}.ndjson`, `${lines.join("\n")}\n`);
  return { file, valid, invalidRows };
}

const store = () => new ImportJobStore(stack.db, 0);

/** Waits until the job's first checkpoint, then a random while more (logged), then kills `victim` with SIGKILL. */
async function killAfterACheckpoint(jobId: () => string | undefined, victim: TestProcess): Promise<ImportJobRecord> {
  await waitFor("the job's first checkpoint", async () => {
    const id = jobId();
    return id ? ((await store().get(id))?.checkpointRow ?? 0) > 0 : false;
  });
  const delay = randomInt(0, 1500);
  await new Promise((resolve) => setTimeout(resolve, delay));
  await victim.kill9();
  const job = (await store().get(jobId()!))!;
  console.error(`killed ${delay} ms after the first checkpoint; the job's checkpoint was row ${job.checkpointRow} of ${ROWS}`);
  // Killed mid-job, or the test proves nothing.
  expect(job.checkpointRow).toBeLessThan(ROWS);
  return job;
}

/** Persons of `references` missing from Neo4j, and those stored more than once. */
async function lostAndDuplicated(references: string[]): Promise<{ lost: string[]; duplicated: string[] }> {
  const rows = await stack.db.read<{ reference: string; n: number }>(
    "UNWIND $references AS reference OPTIONAL MATCH (p:Person { ownerAgency: $agency, reference: reference }) RETURN reference, count(p) AS n",
    { references, agency: AGENCY },
  );
  return { lost: rows.filter((r) => r.n === 0).map((r) => r.reference), duplicated: rows.filter((r) => r.n > 1).map((r) => r.reference) };
}

/** The job's JSON report through the gateway: each rejected row, how often it is listed. */
async function reportedRows(jobId: string): Promise<{ job: Record<string, unknown>; rows: number[] }> {
  const base = stack.gatewayUrl.replace(/\/graphql$/, "");
  const res = await fetch(`${base}/import/jobs/${jobId}/report.json`, { headers: await authHeaders({ role: "investigator", agency: AGENCY, purpose: "CASE-2024-crash" }) });
  expect(res.status).toBe(200);
  const report = (await res.json()) as { job: Record<string, unknown>; errors: Array<{ row: number; code: string }> };
  return { job: report.job, rows: report.errors.map((e) => e.row) };
}

describe("a job has one process running it at a time", () => {
  it("a resume is refused while the job's process is alive; once it is silent past its stale time the job is INTERRUPTED and another takes it over, and the first stops counting", async () => {
    const liveness = { heartbeatSeconds: 1, staleSeconds: 2 };
    const first = new ImportJobStore(stack.db, 100, liveness, "test-process-1");
    const second = new ImportJobStore(stack.db, 100, liveness, "test-process-2");
    const job = await first.create({ id: randomUUID(), kind: "persons", format: "csv", ownerAgency: AGENCY, createdBy: "cli:test", fileName: null, fileHash: "x", fileBytes: 1, dryRun: false, mapping: null });
    const batch = { lastRow: 10, rows: 10, accepted: 10, rejected: 0, flagged: 0, errors: [] };
    await first.checkpoint(job.id, batch);

    expect(await second.claim(job.id)).toMatchObject({ busy: { status: "RUNNING", owner: "test-process-1" } });
    await new Promise((resolve) => setTimeout(resolve, 2500));
    const silent = (await second.get(job.id))!;
    expect(silent).toMatchObject({ status: "INTERRUPTED", orphaned: true, checkpointRow: 10 });
    expect(silent.message).toContain(`--resume ${job.id}`);

    const claimed = await second.claim(job.id);
    expect(claimed).toMatchObject({ job: { status: "RUNNING", owner: "test-process-2", totalRows: 10 } });
    // The first process wakes up: its batch is not counted, its heartbeat says it lost the job, it cannot finish it.
    await expect(first.checkpoint(job.id, { ...batch, lastRow: 20 })).rejects.toBeInstanceOf(ImportJobLostError);
    expect(await first.heartbeat(job.id)).toBe(false);
    expect(await first.finish(job.id, "COMPLETED")).toMatchObject({ status: "RUNNING", owner: "test-process-2" });
    await second.checkpoint(job.id, { ...batch, lastRow: 20 });
    expect(await second.finish(job.id, "COMPLETED")).toMatchObject({ status: "COMPLETED", totalRows: 20, accepted: 20 });
  });
});

describe("kill -9 of the process running an import", () => {
  it("the CLI: the job is reported INTERRUPTED with the resume command; --resume stores every row once and completes the report", async () => {
    const { file, valid, invalidRows } = await personsFile(`CLI-${RUN}`);
    const env = { ...LIVENESS, NEO4J_URI: inject("neo4jUri"), CIX_IMPORT_BATCH_SIZE: "100", LOG_LEVEL: "silent" };
    const cli = startTsx("scripts/import.ts", ["persons", file, "--agency", AGENCY], env);
    const jobId = () => /import job ([0-9a-f-]{36})/.exec(cli.stderr())?.[1];
    await killAfterACheckpoint(jobId, cli);
    const id = jobId()!;

    const interrupted = await waitFor("the job to be reported INTERRUPTED", async () => {
      const res = await stack.query<{ importJob: { status: string; message: string } }>(
        `query($id: ID!) { importJob(id: $id) { status message } }`,
        { id },
        await authHeaders({ role: "investigator", agency: AGENCY }),
      );
      return res.data?.importJob.status === "INTERRUPTED" ? res.data.importJob : null;
    });
    expect(interrupted.message).toContain(`npm run import -- persons <the same file> --agency ${AGENCY} --resume ${id}`);

    const resumed = await runTsx("scripts/import.ts", ["persons", file, "--agency", AGENCY, "--resume", id], env);
    expect(resumed.code, resumed.stderr).toBe(0);
    expect(JSON.parse(resumed.stdout.trim().split("\n").pop()!)).toMatchObject({ jobId: id, status: "COMPLETED", totalRows: ROWS, accepted: valid.length, rejected: invalidRows.length });
    expect(await lostAndDuplicated(valid)).toEqual({ lost: [], duplicated: [] });
    const report = await reportedRows(id);
    expect(report.rows).toEqual(invalidRows);
    expect(report.job).toMatchObject({ status: "COMPLETED", totalRows: ROWS, errorCount: invalidRows.length });
  }, 180_000);

  it("the subgraph serving an upload: INTERRUPTED while it is down, resumed by itself when it is back, every row once", async () => {
    const { file, valid, invalidRows } = await personsFile(`HTTP-${RUN}`);
    const base = stack.gatewayUrl.replace(/\/graphql$/, "");
    const res = await fetch(`${base}/import/persons`, {
      method: "POST",
      headers: { "content-type": "application/x-ndjson", ...(await authHeaders({ role: "investigator", agency: AGENCY })) },
      body: await readFile(file),
    });
    expect(res.status).toBe(202);
    const id = ((await res.json()) as { jobId: string }).jobId;
    const killed = await killAfterACheckpoint(() => id, entities);
    const spool = join(files.dir, "spool", killed.spoolFile!);
    expect(existsSync(spool)).toBe(true);

    const interrupted = await waitFor("the job to be reported INTERRUPTED", async () => {
      const job = await store().get(id);
      return job?.status === "INTERRUPTED" ? job : null;
    });
    expect(interrupted.message).toContain("resumes it by itself");
    expect(interrupted.message).toContain(`POST /import/persons?resume=${id}`);

    entities = await startEntities();
    const done = await waitFor("the restarted subgraph to resume and complete the job", async () => {
      const job = await store().get(id);
      return job?.status === "COMPLETED" ? job : null;
    }, 120_000, 500);
    expect(done).toMatchObject({ totalRows: ROWS, accepted: valid.length, rejected: invalidRows.length, recoveries: 1, spoolFile: null });
    expect(await lostAndDuplicated(valid)).toEqual({ lost: [], duplicated: [] });
    expect((await reportedRows(id)).rows).toEqual(invalidRows);
    await waitFor("the spooled upload to be removed", async () => !existsSync(spool), 10_000);
  }, 240_000);

  it("SIGTERM to the subgraph serving an upload: it commits its batches in flight, hands the job back and exits 0; restarted, it resumes the job at once, every row once", async () => {
    const { file, valid, invalidRows } = await personsFile(`TERM-${RUN}`);
    const base = stack.gatewayUrl.replace(/\/graphql$/, "");
    const res = await fetch(`${base}/import/persons`, {
      method: "POST",
      headers: { "content-type": "application/x-ndjson", ...(await authHeaders({ role: "investigator", agency: AGENCY })) },
      body: await readFile(file),
    });
    expect(res.status).toBe(202);
    const id = ((await res.json()) as { jobId: string }).jobId;
    await waitFor("the job's first checkpoint", async () => ((await store().get(id))?.checkpointRow ?? 0) > 0);

    const sigtermAt = Date.now();
    entities.child.kill("SIGTERM");
    const exit = await entities.exited;
    expect(exit).toEqual({ code: 0, signal: null });
    const handedBack = (await store().get(id))!;
    console.error(`SIGTERM: exited 0 after ${Date.now() - sigtermAt} ms; the job was handed back at row ${handedBack.checkpointRow} of ${ROWS}`);
    // Stopped mid-job at a batch boundary, not killed: its checkpoint is a whole number of batches, its upload kept.
    expect(handedBack).toMatchObject({ status: "INTERRUPTED", owner: null, recoveries: 0 });
    expect(handedBack.checkpointRow).toBeLessThan(ROWS);
    expect(handedBack.checkpointRow % 50).toBe(0);
    expect(handedBack.message).toContain("was shut down");
    expect(existsSync(join(files.dir, "spool", handedBack.spoolFile!))).toBe(true);

    entities = await startEntities();
    const done = await waitFor("the restarted subgraph to resume and complete the job", async () => {
      const job = await store().get(id);
      return job?.status === "COMPLETED" ? job : null;
    }, 120_000, 500);
    // Not a recovery (nothing failed), so it does not count against the automatic resumes.
    expect(done).toMatchObject({ totalRows: ROWS, accepted: valid.length, rejected: invalidRows.length, recoveries: 0, spoolFile: null });
    expect(await lostAndDuplicated(valid)).toEqual({ lost: [], duplicated: [] });
    expect((await reportedRows(id)).rows).toEqual(invalidRows);
  }, 240_000);
});
