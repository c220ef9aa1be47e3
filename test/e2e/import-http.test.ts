import { createReadStream } from "node:fs";
import { stat, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { Readable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LENIENT_HEADER, MAPPING_HEADER } from "@cix/core";
import { authHeaders } from "../support/auth.js";
import { deleteAgencyRecords } from "../support/cleanup.js";
import { startTestStack, unique, type TestStack } from "../support/stack.js";
import { deleteImportData, fileFolder, seizureRecord, toCsv } from "./import-fixtures.js";

/** POST /import/<kind> through the gateway: token checks, the job through GraphQL, reports, the size limit. */

const AGENCY = unique("NL-IMPHTTP").replace(/[^A-Z0-9-]/g, "");
const OTHER = unique("BE-IMPHTTP").replace(/[^A-Z0-9-]/g, "");
let stack: TestStack;
let base: string;
let files: Awaited<ReturnType<typeof fileFolder>>;

beforeAll(async () => {
  stack = await startTestStack();
  base = stack.gatewayUrl.replace(/\/graphql$/, "");
  files = await fileFolder();
});

afterAll(async () => {
  for (const agency of [AGENCY, OTHER]) {
    await deleteImportData(stack.db, agency);
    await deleteAgencyRecords(stack.db, agency);
  }
  await files.remove();
  await stack.stop();
});

const investigator = (agency = AGENCY) => authHeaders({ role: "investigator", agency, purpose: "CASE-2024-import" });

async function upload(kind: string, body: string | Buffer, contentType: string, headers: Record<string, string> = {}, query = "") {
  const res = await fetch(`${base}/import/${kind}${query}`, { method: "POST", headers: { "content-type": contentType, ...headers }, body });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> & { errors?: Array<{ message: string; extensions: Record<string, unknown> }> } };
}

const JOB = `query($id: ID!, $after: String) {
  importJob(id: $id) {
    id status kind format totalRows accepted rejected flagged startedAt finishedAt reportCsvUrl reportJsonUrl
    errors(first: 2, after: $after) { row field code message cursor }
  }
}`;

type Job = {
  id: string;
  status: string;
  totalRows: number;
  accepted: number;
  rejected: number;
  flagged: number;
  reportCsvUrl: string;
  reportJsonUrl: string;
  errors: Array<{ row: number; field: string; code: string; message: string; cursor: string }>;
};

async function waitForJob(id: string, headers: Record<string, string>): Promise<Job> {
  for (let i = 0; i < 200; i++) {
    const res = await stack.query<{ importJob: Job | null }>(JOB, { id }, headers);
    expect(res.errors).toBeUndefined();
    const job = res.data!.importJob!;
    if (job.status !== "RUNNING") return job;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`job ${id} did not finish`);
}

describe("POST /import/<kind> through the gateway", () => {
  let jobId: string;

  it("accepts a CSV upload with a token, answers 202 with a job id, and the job is followed through GraphQL", async () => {
    const csv = toCsv([seizureRecord("HTTP-1"), seizureRecord("HTTP-2", { placeLocode: "ZZZZZ" }), seizureRecord("HTTP-3", { seizedAt: "yesterday" }), seizureRecord("HTTP-4")]);
    const res = await upload("seizures", csv, "text/csv", await investigator());
    expect(res.status).toBe(202);
    expect(res.body).toMatchObject({ kind: "seizures", format: "csv", status: "RUNNING" });
    jobId = res.body.jobId as string;
    const job = await waitForJob(jobId, await investigator());
    expect(job).toMatchObject({ status: "COMPLETED", totalRows: 4, accepted: 2, rejected: 2, reportCsvUrl: `/import/jobs/${jobId}/report.csv` });
    expect(job.errors.map((e) => [e.row, e.field, e.code])).toEqual([
      [3, "placeLocode", "INVALID_CODE"],
      [4, "seizedAt", "INVALID_DATE"],
    ]);
    // Paging: nothing after the last error.
    const next = await stack.query<{ importJob: Job }>(JOB, { id: jobId, after: job.errors[1]!.cursor }, await investigator());
    expect(next.data!.importJob.errors).toEqual([]);
    // The records carry the caller's agency as owner and the job as provenance.
    const [stored] = await stack.db.read<{ owner: string; source: string }>(
      "MATCH (s:Seizure { reportingAgency: $agency, caseNumber: 'HTTP-1' }) RETURN s.ownerAgency AS owner, s.source AS source",
      { agency: AGENCY },
    );
    expect(stored).toEqual({ owner: AGENCY, source: `import:${jobId}` });
  });

  it("serves the job's reports (CSV and JSON) to its own agency only", async () => {
    const csv = await fetch(`${base}/import/jobs/${jobId}/report.csv`, { headers: await investigator() });
    expect(csv.status).toBe(200);
    expect(csv.headers.get("content-type")).toMatch(/text\/csv/);
    const errorsOnly = (await csv.text()).trim().split("\r\n");
    // The API 1.0 format by default: errors only.
    expect(errorsOnly[0]).toBe("row,field,code,message");
    expect(errorsOnly.slice(1).map((l) => l.split(",").slice(0, 3).join(","))).toEqual(["3,placeLocode,INVALID_CODE", "4,seizedAt,INVALID_DATE"]);
    const all = await fetch(`${base}/import/jobs/${jobId}/report.csv?rows=all`, { headers: await investigator() });
    expect(all.status).toBe(200);
    const lines = (await all.text()).trim().split("\r\n");
    expect(lines[0]).toBe("row,field,code,message,status,id,caseNumber");
    // In row order: accepted rows (with their case's hub id) between the errors; status is read from the end (messages hold commas).
    const status = (line: string) => line.split(",").at(-3);
    expect(lines.slice(1).filter((l) => status(l) === "REJECTED").map((l) => l.split(",").slice(0, 3).join(","))).toEqual(["3,placeLocode,INVALID_CODE", "4,seizedAt,INVALID_DATE"]);
    expect(lines.slice(1).map((l) => [l.split(",")[0], status(l)])).toEqual([["2", "ACCEPTED"], ["3", "REJECTED"], ["4", "REJECTED"], ["5", "ACCEPTED"]]);

    const json = await fetch(`${base}/import/jobs/${jobId}/report.json`, { headers: await investigator() });
    const report = (await json.json()) as { job: { accepted: number }; errors: unknown[] };
    expect(report.job.accepted).toBe(2);
    expect(report.errors).toHaveLength(2);

    // Row errors quote rejected values: without a stated purpose the report is refused, in GraphQL too.
    const noPurpose = await authHeaders({ role: "investigator", agency: AGENCY });
    const refused = await fetch(`${base}/import/jobs/${jobId}/report.csv`, { headers: noPurpose });
    expect(refused.status).toBe(403);
    expect(await refused.text()).toContain("purpose");
    const errorsWithoutPurpose = await stack.query(`query($id: ID!) { importJob(id: $id) { errors { message } } }`, { id: jobId }, noPurpose);
    expect(errorsWithoutPurpose.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    // Another agency: the job does not exist for it, in the reports and in GraphQL.
    expect((await fetch(`${base}/import/jobs/${jobId}/report.csv`, { headers: await investigator(OTHER) })).status).toBe(404);
    const other = await stack.query<{ importJob: Job | null }>(JOB, { id: jobId }, await investigator(OTHER));
    expect(other.data!.importJob).toBeNull();
  });

  it("refuses callers without a token (401) and roles that may not import (403)", async () => {
    const noToken = await upload("seizures", toCsv([seizureRecord("HTTP-NOAUTH")]), "text/csv");
    expect(noToken.status).toBe(401);
    expect(noToken.body.errors![0]!.extensions.code).toBe("UNAUTHENTICATED");
    const badToken = await upload("seizures", "x", "text/csv", { authorization: "Bearer not.a.token" });
    expect(badToken.status).toBe(401);
    expect((await fetch(`${base}/import/jobs/${jobId}/report.csv`)).status).toBe(401);
    const analyst = await upload("seizures", toCsv([seizureRecord("HTTP-ANALYST")]), "text/csv", await authHeaders({ role: "analyst", agency: AGENCY }));
    expect(analyst.status).toBe(403);
    const [count] = await stack.db.read<{ n: number }>("MATCH (s:Seizure) WHERE s.caseNumber IN ['HTTP-NOAUTH', 'HTTP-ANALYST'] RETURN count(s) AS n");
    expect(count!.n).toBe(0);
    // The subgraph answers nothing without the gateway's credential, even with a valid user token.
    const direct = await fetch(`${stack.subgraphs.seizures.url.replace(/\/graphql$/, "")}/import/seizures`, {
      method: "POST",
      headers: { "content-type": "text/csv", ...(await investigator()) },
      body: "caseNumber\nX\n",
    });
    expect(direct.status).toBe(401);
  });

  it("takes the other formats by content type, a column mapping in a header, and dry runs", async () => {
    const ndjson = [seizureRecord("HTTP-ND-1"), seizureRecord("HTTP-ND-2")].map((r) => JSON.stringify(r)).join("\n");
    const dry = await upload("seizures", ndjson, "application/x-ndjson", await investigator(), "?dryRun=true");
    expect(dry.status).toBe(202);
    expect(await waitForJob(dry.body.jobId as string, await investigator())).toMatchObject({ status: "COMPLETED", accepted: 2 });
    const [none] = await stack.db.read<{ n: number }>("MATCH (s:Seizure { reportingAgency: $agency }) WHERE s.caseNumber STARTS WITH 'HTTP-ND-' RETURN count(s) AS n", { agency: AGENCY });
    expect(none!.n).toBe(0);

    const mapped = await upload("persons", "Ref;Name;Tel\nHTTP-P1;Ada Lovelace;+44 20 7946 0000\n", "text/csv", {
      ...(await investigator()),
      [MAPPING_HEADER]: JSON.stringify({ Ref: "reference", Name: "fullName", Tel: "phones" }),
    });
    expect(mapped.status).toBe(202);
    expect(await waitForJob(mapped.body.jobId as string, await investigator())).toMatchObject({ status: "COMPLETED", accepted: 1, rejected: 0 });

    const unsupported = await upload("seizures", "x", "text/plain", await investigator());
    expect(unsupported.status).toBe(415);
    const unknownKind = await upload("cats", "x", "text/csv", await investigator());
    expect(unknownKind.status).toBe(404);
  });

  it("takes a lenient import in a header: the job says so, counts what it did and lists the values it left out", async () => {
    const records = [seizureRecord("HTTP-LEN-1", { conveyance: { mode: "AIR", flightNumber: "??" } }), seizureRecord("HTTP-LEN-2"), seizureRecord("HTTP-LEN-1")];
    const refused = await upload("seizures", toCsv(records), "text/csv", { ...(await investigator()), [LENIENT_HEADER]: "maybe" });
    expect(refused.status).toBe(400);
    expect(refused.body.errors?.[0]?.extensions).toMatchObject({ code: "BAD_REQUEST", field: LENIENT_HEADER });

    const res = await upload("seizures", toCsv(records), "text/csv", { ...(await investigator()), [LENIENT_HEADER]: "true" });
    expect(res.status).toBe(202);
    expect(res.body).toMatchObject({ lenient: true });
    const jobId = res.body.jobId as string;
    await waitForJob(jobId, await investigator());
    const job = await stack.query<{ importJob: Record<string, unknown> }>(
      `query($id: ID!) { importJob(id: $id) { lenient accepted created updated merged rejected warned warningCount warnings(first: 10) { row field code message } } }`,
      { id: jobId },
      await investigator(),
    );
    expect(job.errors).toBeUndefined();
    expect(job.data!.importJob).toMatchObject({
      lenient: true,
      accepted: 3,
      created: 2,
      updated: 0,
      merged: 1,
      rejected: 0,
      warned: 1,
      warningCount: 1,
      warnings: [{ row: 2, field: "conveyance.flightNumber", code: "INVALID_VALUE", message: expect.stringContaining("left out") }],
    });
    const csv = await fetch(`${base}/import/jobs/${jobId}/report.csv?warnings=true`, { headers: await investigator() });
    expect(csv.status).toBe(200);
    const lines = (await csv.text()).trim().split("\r\n");
    expect(lines[0]).toBe("row,field,code,message,status,id,caseNumber");
    expect(lines.slice(1).map((l) => [l.split(",")[0], l.split(",").at(-3)])).toEqual([["2", "WARNING"]]);
    const badParameter = await fetch(`${base}/import/jobs/${jobId}/report.csv?warnings=yes`, { headers: await investigator() });
    expect(badParameter.status).toBe(400);
    const json = (await (await fetch(`${base}/import/jobs/${jobId}/report.json`, { headers: await investigator() })).json()) as { job: Record<string, unknown>; warnings: unknown[] };
    expect(json.job).toMatchObject({ lenient: true, created: 2, updated: 0, merged: 1 });
    expect(json.warnings).toHaveLength(1);
  });

  it("refuses a 100 MB file over the upload limit with 413 and a message naming the limit", async () => {
    const file = join(files.dir, "big.csv");
    const row = `${toCsv([seizureRecord("BIG", { goods: [{ description: "x".repeat(1000), quantity: 1, unit: "KG" }] })]).split("\r\n")[1]}\r\n`;
    const header = toCsv([seizureRecord("BIG", { goods: [{ description: "x", quantity: 1, unit: "KG" }] })]).split("\r\n")[0];
    const chunk = row.repeat(1000);
    await writeFile(file, `${header}\r\n`);
    const { appendFile } = await import("node:fs/promises");
    while ((await stat(file)).size < 100 * 1024 * 1024) await appendFile(file, chunk);
    const size = (await stat(file)).size;
    const res = await fetch(`${base}/import/seizures`, {
      method: "POST",
      headers: { "content-type": "text/csv", "content-length": String(size), ...(await investigator()) },
      body: Readable.toWeb(createReadStream(file)) as ReadableStream,
      duplex: "half",
    } as RequestInit);
    expect(res.status).toBe(413);
    const body = (await res.json()) as { errors: Array<{ message: string; extensions: { code: string; limit: number } }> };
    expect(body.errors[0]!.extensions).toMatchObject({ code: "PAYLOAD_TOO_LARGE", limit: 50 * 1024 * 1024 });
    expect(body.errors[0]!.message).toMatch(/larger than the import limit of 52428800 bytes \(50 MiB\)/);
    const [count] = await stack.db.read<{ n: number }>("MATCH (s:Seizure { reportingAgency: $agency, caseNumber: 'BIG' }) RETURN count(s) AS n", { agency: AGENCY });
    expect(count!.n).toBe(0);
  }, 120_000);
});
