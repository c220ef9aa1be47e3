import { PassThrough } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ColumnMapping, writeCsvReport, writeJsonReport, type ImportJobRecord } from "@cix/core";
import { deleteAgencyRecords } from "../support/cleanup.js";
import { unique } from "../support/stack.js";
import { deleteImportData, fileFolder, localImporter, seizureRecord, type LocalImporter } from "./import-fixtures.js";

/**
 * Bulk import usability on the real engine and Neo4j: every error of a row, lenient imports that leave a bad optional
 * value out with a warning, mapping constants and date formats, and created / updated / merged counts.
 */

const AGENCY = unique("NL-USE").replace(/[^A-Z0-9-]/g, "");
let importer: LocalImporter;
let files: Awaited<ReturnType<typeof fileFolder>>;

beforeAll(async () => {
  importer = await localImporter();
  files = await fileFolder();
});

afterAll(async () => {
  await deleteImportData(importer.db, AGENCY);
  await deleteAgencyRecords(importer.db, AGENCY);
  await importer.close();
  await files.remove();
});

const store = (job: ImportJobRecord) => importer.services.get(job.kind)!.store;
const problems = async (job: ImportJobRecord, list: "errors" | "warnings" = "errors") =>
  (await store(job).errors(job.id, 1000, 0, list)).map(({ row, field, code }) => ({ row, field, code }));

async function report(write: (out: PassThrough) => Promise<void>): Promise<string> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on("data", (chunk: Buffer) => chunks.push(chunk));
  await write(out);
  out.end();
  return Buffer.concat(chunks).toString("utf8");
}

describe("every error of a row", () => {
  it("reports the errors of each stage together: types and code lists, references and the mutation's validation", async () => {
    const job = await importer.run(
      "seizures",
      await files.write("seizures", "csv", [
        seizureRecord("ALL-1", {
          placeLocode: "XXQQQ",
          offenders: [{ personReference: "P-NOBODY" }],
          conveyance: { mode: "AIR", flightNumber: "??" },
          goods: [{ description: "Cigarettes", quantity: -3, unit: "KG" }],
        }),
        seizureRecord("ALL-2", { conveyance: { mode: "AIR", flightNumber: "??" }, goods: [{ description: "x", quantity: 0, unit: "KG" }] }),
      ]),
      { agency: AGENCY },
    );
    expect(job).toMatchObject({ status: "COMPLETED", accepted: 0, rejected: 2, errorCount: 6 });
    expect(await problems(job)).toEqual([
      { row: 2, field: "placeLocode", code: "INVALID_CODE" },
      { row: 2, field: "offenders[0]", code: "REFERENCE_NOT_FOUND" },
      { row: 2, field: "conveyance.flightNumber", code: "INVALID_VALUE" },
      { row: 2, field: "goods[0].quantity", code: "INVALID_VALUE" },
      { row: 3, field: "conveyance.flightNumber", code: "INVALID_VALUE" },
      { row: 3, field: "goods[0].quantity", code: "INVALID_VALUE" },
    ]);
  }, 120_000);
});

describe("lenient imports", () => {
  const records = [
    // Optional values that fail: a flight number (the mutation's check) and an HS code (code list).
    seizureRecord("LEN-1", {
      conveyance: { mode: "AIR", flightNumber: "??" },
      goods: [{ hsCode: "999999", description: "Cigarettes", quantity: 100, unit: "KG" }],
    }),
    // A mandatory value that fails: rejected however lenient.
    seizureRecord("LEN-2", { goods: [{ description: "Cigarettes", quantity: -1, unit: "KG" }] }),
    seizureRecord("LEN-3"),
  ];

  it("without --lenient, rejects the row with both errors", async () => {
    const job = await importer.run("seizures", await files.write("seizures", "csv", records), { agency: AGENCY });
    expect(job).toMatchObject({ lenient: false, accepted: 1, rejected: 2, warned: 0, warningCount: 0 });
    expect(await problems(job)).toEqual([
      { row: 2, field: "goods[0].hsCode", code: "INVALID_CODE" },
      { row: 2, field: "conveyance.flightNumber", code: "INVALID_VALUE" },
      { row: 3, field: "goods[0].quantity", code: "INVALID_VALUE" },
    ]);
    const [stored] = await importer.db.read<{ n: number }>("MATCH (s:Seizure { ownerAgency: $agency, caseNumber: 'LEN-1' }) RETURN count(s) AS n", { agency: AGENCY });
    expect(stored!.n).toBe(0);
  });

  it("with --lenient, stores the row without the two values and says so in warnings; a bad mandatory value still rejects its row", async () => {
    const job = await importer.run("seizures", await files.write("seizures", "csv", records), { agency: AGENCY, lenient: true });
    expect(job).toMatchObject({ lenient: true, accepted: 2, rejected: 1, warned: 1, warningCount: 2, errorCount: 1 });
    expect(await problems(job)).toEqual([{ row: 3, field: "goods[0].quantity", code: "INVALID_VALUE" }]);
    expect(await problems(job, "warnings")).toEqual([
      { row: 2, field: "goods[0].hsCode", code: "INVALID_CODE" },
      { row: 2, field: "conveyance.flightNumber", code: "INVALID_VALUE" },
    ]);
    const [warning] = await store(job).errors(job.id, 1, 0, "warnings");
    expect(warning!.message).toMatch(/left out and the row stored without it \(lenient import\)/);
    const [stored] = await importer.db.read<{ flight: string | null; mode: string; hs: string | null; quantity: number }>(
      `MATCH (s:Seizure { ownerAgency: $agency, caseNumber: 'LEN-1' })-[:GOODS]->(g:GoodsItem)
       RETURN s.flightNumber AS flight, s.conveyanceMode AS mode, g.hsCode AS hs, g.quantity AS quantity`,
      { agency: AGENCY },
    );
    expect(stored).toEqual({ flight: null, mode: "AIR", hs: null, quantity: 100 });

    const json = JSON.parse(await report((out) => writeJsonReport(out, store(job), job))) as { job: Record<string, unknown>; warnings: unknown[]; errors: unknown[] };
    expect(json.job).toMatchObject({ lenient: true, warned: 1, warningCount: 2 });
    expect(json.warnings).toHaveLength(2);
    expect(json.errors).toHaveLength(1);
    // The CSV report keeps its 1.0 layout (errors only) unless warnings are asked for.
    const csv = await report((out) => writeCsvReport(out, store(job), job));
    expect(csv.trim().split("\r\n")).toEqual(["row,field,code,message", expect.stringMatching(/^3,goods\[0\]\.quantity,INVALID_VALUE,/)]);
    const withWarnings = (await report((out) => writeCsvReport(out, store(job), job, { warnings: true }))).trim().split("\r\n");
    expect(withWarnings[0]).toBe("row,field,code,message,status,id,caseNumber");
    expect(withWarnings.slice(1).map((line) => line.split(",").slice(0, 3).concat(line.includes(",WARNING,") ? "WARNING" : "REJECTED"))).toEqual([
      ["2", "goods[0].hsCode", "INVALID_CODE", "WARNING"],
      ["2", "conveyance.flightNumber", "INVALID_VALUE", "WARNING"],
      ["3", "goods[0].quantity", "INVALID_VALUE", "REJECTED"],
    ]);
  });
});

describe("mapping constants and date formats", () => {
  it("fills constant fields in every row and reads dates in the mapping's formats and time zone", async () => {
    const mapping = new ColumnMapping({
      Case: "caseNumber",
      Seized: "seizedAt",
      What: "goods[0].description",
      Qty: "goods[0].quantity",
      $constants: { commodity: "TOBACCO", "goods[0].unit": "KG", "markings.tlp": "GREEN" },
      $dateFormats: { seizedAt: "dd/MM/yyyy HH:mm" },
      $timeZone: "Europe/Amsterdam",
    });
    const file = await files.raw(
      "mapped.csv",
      ["Case,Seized,What,Qty", "MAP-1,15/03/2024 14:30,Cigarettes,100", "MAP-2,2024-03-15,Cigarettes,5", "MAP-3,01/07/2024 09:00,Cigars,7", ""].join("\n"),
    );
    const job = await importer.run("seizures", file, { agency: AGENCY, mapping });
    expect(await problems(job)).toEqual([{ row: 3, field: "seizedAt", code: "INVALID_DATE" }]);
    expect(job).toMatchObject({ accepted: 2, rejected: 1 });
    const rows = await importer.db.read<{ caseNumber: string; seizedAt: number; commodity: string; tlp: string; unit: string }>(
      `MATCH (s:Seizure { ownerAgency: $agency })-[:GOODS]->(g:GoodsItem) WHERE s.caseNumber STARTS WITH 'MAP-'
       RETURN s.caseNumber AS caseNumber, s.seizedAt.epochMillis AS seizedAt, s.commodity AS commodity, s.tlp AS tlp, g.unit AS unit ORDER BY caseNumber`,
      { agency: AGENCY },
    );
    // Central European Time in March (UTC+1), summer time in July (UTC+2).
    expect(rows).toEqual([
      { caseNumber: "MAP-1", seizedAt: Date.parse("2024-03-15T13:30:00Z"), commodity: "TOBACCO", tlp: "GREEN", unit: "KG" },
      { caseNumber: "MAP-3", seizedAt: Date.parse("2024-07-01T07:00:00Z"), commodity: "TOBACCO", tlp: "GREEN", unit: "KG" },
    ]);
    // The mapping is kept with the job, so a resume reads the file the same way.
    expect(JSON.parse(job.mapping!)).toMatchObject({ $constants: { commodity: "TOBACCO" }, $timeZone: "Europe/Amsterdam" });
  });

  it("refuses a row that sets a constant's field to another value, and reads Date fields with the '*' format", async () => {
    const mapping = new ColumnMapping({ $constants: { commodity: "TOBACCO" } });
    const job = await importer.run(
      "seizures",
      await files.write("seizures", "csv", [seizureRecord("CONST-1", { commodity: "DRUGS" }), seizureRecord("CONST-2", { commodity: "tobacco" })]),
      { agency: AGENCY, mapping },
    );
    expect(await problems(job)).toEqual([{ row: 2, field: "commodity", code: "INVALID_VALUE" }]);
    expect(job).toMatchObject({ accepted: 1, rejected: 1 });

    const persons = await importer.run(
      "persons",
      await files.write("persons", "csv", [
        { reference: "USE-P-1", givenNames: "Jan", familyName: "Jansen", dateOfBirth: "17.05.1980", identityDocuments: [{ type: "PASSPORT", number: "NW1234567", issuingCountry: "NL", expiry: "31.01.2030" }] },
      ]),
      { agency: AGENCY, mapping: new ColumnMapping({ $dateFormats: { "*": "dd.MM.yyyy" } }) },
    );
    expect(await problems(persons)).toEqual([]);
    const [person] = await importer.db.read<{ born: string; expiry: string }>(
      `MATCH (p:Person { ownerAgency: $agency, reference: 'USE-P-1' })-[:HOLDS]->(d:IdentityDocument)
       RETURN toString(p.dateOfBirth) AS born, toString(d.expiry) AS expiry`,
      { agency: AGENCY },
    );
    expect(person).toEqual({ born: "1980-05-17", expiry: "2030-01-31" });
  });

  it("refuses a mapping whose date format or time zone cannot be used", () => {
    expect(() => ColumnMapping.parse('{"$dateFormats": {"seizedAt": "dd.MM.yyyy nope"}}')).toThrow(/date-fns cannot use/);
    expect(() => ColumnMapping.parse('{"$timeZone": "Mars/Olympus"}')).toThrow(/not an IANA time zone/);
    expect(() => ColumnMapping.parse('{"$constants": {"goods[*].unit": "KG"}}')).toThrow(/not a field path/);
  });
});

describe("created, updated and merged", () => {
  it("counts new records as created, stored ones as updated, and a key repeated in the file as merged, on every run", async () => {
    const seizures = [seizureRecord("CNT-1"), seizureRecord("CNT-2"), seizureRecord("CNT-1", { commodity: "TOBACCO" })];
    const first = await importer.run("seizures", await files.write("seizures", "csv", seizures), { agency: AGENCY });
    expect(first).toMatchObject({ accepted: 3, created: 2, updated: 0, merged: 1 });
    const again = await importer.run("seizures", await files.write("seizures", "csv", seizures), { agency: AGENCY });
    expect(again).toMatchObject({ accepted: 3, created: 0, updated: 2, merged: 1 });

    // Persons go through one batched MERGE, where a repeated key is written once for both rows.
    const persons = [
      { reference: "CNT-P-1", givenNames: "A", familyName: "One" },
      { reference: "CNT-P-2", givenNames: "B", familyName: "Two" },
      { reference: "CNT-P-1", givenNames: "A", familyName: "Uno" },
    ];
    const p1 = await importer.run("persons", await files.write("persons", "csv", persons), { agency: AGENCY });
    expect(p1).toMatchObject({ accepted: 3, created: 2, updated: 0, merged: 1 });
    const p2 = await importer.run("persons", await files.write("persons", "csv", [...persons, { reference: "CNT-P-3", givenNames: "C", familyName: "Three" }]), {
      agency: AGENCY,
    });
    expect(p2).toMatchObject({ accepted: 4, created: 1, updated: 2, merged: 1 });
    const json = JSON.parse(await report((out) => writeJsonReport(out, store(p2), p2))) as { job: Record<string, unknown> };
    expect(json.job).toMatchObject({ accepted: 4, created: 1, updated: 2, merged: 1 });

    const dry = await importer.run("persons", await files.write("persons", "csv", persons), { agency: AGENCY, dryRun: true });
    expect(dry).toMatchObject({ accepted: 3, created: 0, updated: 0, merged: 0 });
  });
});

describe("references compared as stored", () => {
  it("finds a person whose reference a row writes with other spacing, as the person upsert stores it", async () => {
    const persons = [
      { reference: "SP 2024 01", givenNames: "A", familyName: "Spaced" },
      { reference: "SP 2024 02", givenNames: "B", familyName: "Spaced" },
    ];
    expect(await importer.run("persons", await files.write("persons", "csv", persons), { agency: AGENCY })).toMatchObject({ accepted: 2, rejected: 0 });
    const links = [{ kind: "ASSOCIATE", person: { personReference: "  SP 2024   01 " }, associate: { personReference: "SP  2024 02" } }];
    const job = await importer.run("associations", await files.write("associations", "json", links), { agency: AGENCY });
    expect(await problems(job)).toEqual([]);
    expect(job).toMatchObject({ accepted: 1, rejected: 0 });
    const [stored] = await importer.db.read<{ n: number }>(
      `MATCH (:Person { ownerAgency: $agency, reference: 'SP 2024 01' })-[r]-(:Person { ownerAgency: $agency, reference: 'SP 2024 02' }) RETURN count(r) AS n`,
      { agency: AGENCY },
    );
    expect(stored!.n).toBeGreaterThan(0);
  });
});
