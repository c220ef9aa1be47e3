import { spawn } from "node:child_process";
import { appendFile, stat, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { Database, repoRoot } from "@cix/core";
import { deleteAgencyRecords } from "../support/cleanup.js";
import { testConfig, unique } from "../support/stack.js";
import { deleteImportData, fileFolder, seizureRecord, toCsv } from "./import-fixtures.js";

/** `npm run import` as a user runs it: a separate process, streaming a 100 MB file in bounded memory, and a resume. */

const AGENCY = unique("NL-IMPCLI").replace(/[^A-Z0-9-]/g, "");
let db: Database;
let files: Awaited<ReturnType<typeof fileFolder>>;

beforeAll(async () => {
  db = Database.connect(testConfig(), "import-cli-test");
  files = await fileFolder();
});

afterAll(async () => {
  await deleteImportData(db, AGENCY);
  await deleteAgencyRecords(db, AGENCY);
  await db.close();
  await files.remove();
});

/** Runs the CLI with a V8 heap cap; resolves with its exit code and output. */
function cli(args: string[], env: Record<string, string> = {}, heapMb = 256): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [`--max-old-space-size=${heapMb}`, "--import", "tsx", "scripts/import.ts", ...args], {
      cwd: repoRoot,
      env: { ...process.env, NEO4J_URI: inject("neo4jUri"), LOG_LEVEL: "silent", ...env },
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

const summaryOf = (stdout: string) => JSON.parse(stdout.trim().split("\n").pop()!) as Record<string, unknown>;

describe("npm run import", () => {
  it("streams a 100 MB CSV (dry run) with a 256 MB heap cap: the file is never held in memory", async () => {
    const file = join(files.dir, "big.csv");
    const records = Array.from({ length: 200 }, (_, i) => seizureRecord(`BIG-${i}`, { goods: [{ description: `${"Cigarettes ".repeat(90)}${i}`, quantity: 1 + i, unit: "KG" }] }));
    const [header, ...rows] = toCsv(records).trim().split("\r\n");
    await writeFile(file, `${header}\r\n`);
    const block = `${rows.join("\r\n")}\r\n`;
    while ((await stat(file)).size < 100 * 1024 * 1024) await appendFile(file, block);
    const result = await cli(["seizures", file, "--agency", AGENCY, "--dry-run"]);
    expect(result.stderr).not.toMatch(/heap out of memory/i);
    expect(result.code).toBe(0);
    const summary = summaryOf(result.stdout);
    expect(summary).toMatchObject({ status: "COMPLETED", dryRun: true, rejected: 0 });
    expect(summary.totalRows as number).toBeGreaterThan(80_000);
    const [stored] = await db.read<{ n: number }>("MATCH (s:Seizure { reportingAgency: $agency }) RETURN count(s) AS n", { agency: AGENCY });
    expect(stored!.n).toBe(0);
  }, 300_000);

  it("stops when interrupted (exit code 3) and --resume finishes the job without duplicates", async () => {
    const persons = Array.from({ length: 1500 }, (_, i) => ({ reference: `CLI-P-${i}`, fullName: `Person ${i}`, phones: [`+3161${String(1000000 + i)}`] }));
    const file = join(files.dir, "persons.ndjson");
    await writeFile(file, persons.map((p) => JSON.stringify(p)).join("\n"));
    const first = await cli(["persons", file, "--agency", AGENCY], { CIX_IMPORT_STOP_AFTER_ROWS: "500", CIX_IMPORT_CONCURRENCY: "1" });
    expect(first.code).toBe(3);
    const interrupted = summaryOf(first.stdout);
    expect(interrupted).toMatchObject({ status: "INTERRUPTED", totalRows: 500 });
    expect(first.stderr).toContain(`--resume ${String(interrupted.jobId)}`);

    const resumed = await cli(["persons", file, "--agency", AGENCY, "--resume", String(interrupted.jobId)]);
    expect(resumed.code).toBe(0);
    // Every person was new: the summary line says so across the interruption (created counts the whole job).
    expect(summaryOf(resumed.stdout)).toMatchObject({ jobId: interrupted.jobId, status: "COMPLETED", totalRows: 1500, accepted: 1500, created: 1500, updated: 0, merged: 0 });
    const [count] = await db.read<{ n: number; refs: number }>(
      "MATCH (p:Person { ownerAgency: $agency }) RETURN count(p) AS n, count(DISTINCT p.reference) AS refs",
      { agency: AGENCY },
    );
    expect(count).toEqual({ n: 1500, refs: 1500 });
  }, 180_000);

  it("--lenient stores a row without its bad optional value and says so; a mapping file sets constants", async () => {
    const file = join(files.dir, "lenient.csv");
    await writeFile(file, "Ref,Name,Tel\r\nCLI-L-1,Ada Lovelace,+31612345678;12\r\n");
    const mapping = join(files.dir, "lenient-mapping.json");
    await writeFile(mapping, JSON.stringify({ Ref: "reference", Name: "fullName", Tel: "phones", $constants: { "markings.tlp": "GREEN" } }));
    const strict = await cli(["persons", file, "--agency", AGENCY, "--mapping", mapping]);
    expect(summaryOf(strict.stdout)).toMatchObject({ lenient: false, accepted: 0, rejected: 1, errors: 1, warnings: 0 });
    expect(strict.stderr).toMatch(/row 2 phones\[1\]: INVALID_FORMAT/);

    const lenient = await cli(["persons", file, "--agency", AGENCY, "--mapping", mapping, "--lenient"]);
    expect(lenient.code).toBe(0);
    expect(summaryOf(lenient.stdout)).toMatchObject({ lenient: true, accepted: 1, created: 1, rejected: 0, warned: 1, warnings: 1, errors: 0 });
    expect(lenient.stderr).toMatch(/row 2 phones\[1\]: WARNING INVALID_FORMAT: .*left out/);
    const [stored] = await db.read<{ phones: string[]; tlp: string }>(
      "MATCH (p:Person { ownerAgency: $agency, reference: 'CLI-L-1' }) RETURN [(p)-[:USES]->(ph:Phone) | ph.key] AS phones, p.tlp AS tlp",
      { agency: AGENCY },
    );
    expect(stored).toEqual({ phones: ["+31612345678"], tlp: "GREEN" });
  }, 120_000);

  it("writes a template per kind and format from the one definition", async () => {
    const result = await cli(["--template", "shipments", "--format", "csv"]);
    expect(result.code).toBe(0);
    const [header] = result.stdout.split("\r\n");
    expect(header).toContain("trackingNumber,carrier,deliveryMode");
    expect(header).toContain("events[1].type");
    expect(header).toContain("order.orderNumber");
  }, 60_000);
});
