import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { join } from "node:path";
import { ColumnMapping, repoRoot, type ImportJobRecord } from "@cix/core";
import { deleteAgencyRecords } from "../support/cleanup.js";
import { unique } from "../support/stack.js";
import { deleteImportData, fileFolder, localImporter, seizureRecord, type LocalImporter, type Rec } from "./import-fixtures.js";

/**
 * The import engine end to end on the real Neo4j (what `npm run import` and POST /import/<kind> run): every format,
 * every kind, precise row errors, idempotent re-runs, resume after an interruption, column mappings, dry runs and
 * hostile files.
 */

const AGENCY = unique("NL-IMP").replace(/[^A-Z0-9-]/g, "");
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

const errorsOf = (job: ImportJobRecord) => importer.services.get(job.kind)!.store.errors(job.id, 1000);

async function count(label: "Seizure" | "Person" | "Company" | "Order" | "Payment" | "Shipment", where = ""): Promise<number> {
  const [row] = await importer.db.read<{ n: number }>(`MATCH (r:${label} { ownerAgency: $agency }) ${where} RETURN count(r) AS n`, { agency: AGENCY });
  return row!.n;
}

describe("formats", () => {
  it.each(["csv", "xlsx", "xml", "json", "ndjson"] as const)("imports seizures from %s with goods lines, route legs and nested fields", async (format) => {
    const prefix = `FMT-${format}`;
    const records = [
      seizureRecord(`${prefix}-1`),
      seizureRecord(`${prefix}-2`, {
        goods: [
          { hsCode: "240220", description: "Cigarettes", quantity: 20000, unit: "STICKS", estimatedValue: 6000, currency: "EUR" },
          { hsCode: "240311", description: "Water-pipe tobacco", quantity: 30, unit: "KG" },
        ],
        commodity: "TOBACCO",
      }),
    ];
    const job = await importer.run("seizures", await files.write("seizures", format, records), { agency: AGENCY });
    expect(await errorsOf(job)).toEqual([]);
    expect(job).toMatchObject({ status: "COMPLETED", totalRows: 2, accepted: 2, rejected: 0, format });
    const rows = await importer.db.read<{ goods: number; legs: number; source: string; mode: string }>(
      `MATCH (s:Seizure { ownerAgency: $agency, caseNumber: $case })
       RETURN COUNT { (s)-[:GOODS]->() } AS goods, COUNT { (s)-[:LEG]->() } AS legs, s.source AS source, s.conveyanceMode AS mode`,
      { agency: AGENCY, case: `${prefix}-2` },
    );
    expect(rows[0]).toEqual({ goods: 2, legs: 2, source: `import:${job.id}`, mode: "SEA" });
  });
});

describe("a file of valid and invalid rows", () => {
  let job: ImportJobRecord;
  const records: Rec[] = [
    seizureRecord("MIX-OK-1"),
    // Bad codes: HS, UN/LOCODE, currency.
    seizureRecord("MIX-BAD-CODES", {
      placeLocode: "XXQQQ",
      goods: [{ hsCode: "999999", description: "x", quantity: 1, unit: "KG", estimatedValue: 5, currency: "ZZZ" }],
    }),
    // Missing mandatory fields: no case number, no commodity, a goods line without description.
    { ...seizureRecord(""), caseNumber: "", commodity: "", goods: [{ quantity: 1, unit: "KG" }] },
    // Broken dates.
    seizureRecord("MIX-BAD-DATE", { seizedAt: "2024-02-30T10:00:00Z" }),
    seizureRecord("MIX-NO-ZONE", { seizedAt: "2024-03-01T10:00:00" }),
    // Domain rules (the mutation's validation): a negative quantity, a route without a destination.
    seizureRecord("MIX-RULES", { goods: [{ description: "x", quantity: -3, unit: "KG" }] }),
    seizureRecord("MIX-ROUTE", { route: [{ seq: 1, role: "DEPARTURE", locode: "COBUN" }, { seq: 2, role: "TRANSIT", locode: "NLRTM" }] }),
    // Unknown enum value, a number that is not one.
    seizureRecord("MIX-ENUM", { commodity: "GOLDFISH", goods: [{ description: "x", quantity: "lots", unit: "KG" }] }),
    seizureRecord("MIX-OK-2"),
  ];

  beforeAll(async () => {
    job = await importer.run("seizures", await files.write("seizures", "csv", records), { agency: AGENCY });
  });

  it("stores every valid row and rejects every invalid one", async () => {
    expect(job).toMatchObject({ status: "COMPLETED", totalRows: 9, accepted: 2, rejected: 7 });
    expect(await count("Seizure", "WHERE r.caseNumber STARTS WITH 'MIX-'")).toBe(2);
  });

  it("reports each invalid row with its row number, field, code and message", async () => {
    const errors = await errorsOf(job);
    const at = (row: number) => errors.filter((e) => e.row === row).map(({ field, code }) => ({ field, code }));
    // Row 1 is the header: the second record is row 3.
    expect(at(3)).toEqual([
      { field: "placeLocode", code: "INVALID_CODE" },
      { field: "goods[0].hsCode", code: "INVALID_CODE" },
      { field: "goods[0].currency", code: "INVALID_CODE" },
    ]);
    expect(at(4)).toEqual(
      expect.arrayContaining([
        { field: "caseNumber", code: "REQUIRED" },
        { field: "commodity", code: "REQUIRED" },
        { field: "goods[0].description", code: "REQUIRED" },
      ]),
    );
    expect(at(5)).toEqual([{ field: "seizedAt", code: "INVALID_DATE" }]);
    expect(at(6)).toEqual([{ field: "seizedAt", code: "INVALID_DATE" }]);
    expect(at(7)).toEqual([{ field: "goods[0].quantity", code: "INVALID_VALUE" }]);
    expect(at(8)).toEqual([{ field: "route", code: "INVALID_VALUE" }]);
    expect(at(9)).toEqual(expect.arrayContaining([{ field: "commodity", code: "INVALID_ENUM" }, { field: "goods[0].quantity", code: "INVALID_NUMBER" }]));
    const message = errors.find((e) => e.row === 5)!.message;
    expect(message).toContain("2024-02-30 is not a calendar date");
    expect(errors.find((e) => e.row === 7)!.message).toMatch(/goods\[0\]\.quantity: expected a number greater than 0/);
  });

  it("changes nothing when the same file is imported again (idempotent on natural keys)", async () => {
    const before = await importer.db.read<{ ids: string[]; goods: number }>(
      "MATCH (s:Seizure { ownerAgency: $agency }) WHERE s.caseNumber STARTS WITH 'MIX-' RETURN collect(s.id) AS ids, sum(COUNT { (s)-[:GOODS]->() }) AS goods",
      { agency: AGENCY },
    );
    const again = await importer.run("seizures", await files.write("seizures", "csv", records), { agency: AGENCY });
    expect(again).toMatchObject({ status: "COMPLETED", accepted: 2, rejected: 7 });
    const after = await importer.db.read<{ ids: string[]; goods: number }>(
      "MATCH (s:Seizure { ownerAgency: $agency }) WHERE s.caseNumber STARTS WITH 'MIX-' RETURN collect(s.id) AS ids, sum(COUNT { (s)-[:GOODS]->() }) AS goods",
      { agency: AGENCY },
    );
    expect(after[0]!.ids.sort()).toEqual(before[0]!.ids.sort());
    expect(after[0]!.goods).toBe(before[0]!.goods);
  });
});

describe("every kind", () => {
  it("imports persons and companies with shared identifiers, then orders, payments and shipments that refer to them by natural key", async () => {
    const persons = [
      { reference: "P-1", givenNames: "Anna", familyName: "Visser", dateOfBirth: "1985-02-03", nationalities: ["NL", "BE"], phones: ["+31 6 1111 2222"], emails: ["anna@example.org"], identityDocuments: [{ type: "PASSPORT", number: "NX12345", issuingCountry: "NL" }] },
      { reference: "P-2", fullName: "Bram de Boer", phones: ["0031611112222"], addresses: [{ street: "Damrak 1", city: "Amsterdam", country: "NL" }] },
      { reference: "P-BAD", fullName: "Bad Phone", phones: ["12"], dateOfBirth: "2999-01-01" },
    ];
    const personJob = await importer.run("persons", await files.write("persons", "ndjson", persons), { agency: AGENCY });
    expect(personJob).toMatchObject({ accepted: 2, rejected: 1 });
    // Every error of the row: the phone's format (coercion) and the date of birth in the future (the mutation's validation).
    expect((await errorsOf(personJob)).map((e) => [e.row, e.field, e.code])).toEqual([
      [3, "phones[0]", "INVALID_FORMAT"],
      [3, "dateOfBirth", "INVALID_VALUE"],
    ]);
    // The two persons share one phone node (written differently, normalised the same).
    const [shared] = await importer.db.read<{ n: number }>(
      "MATCH (p:Person { ownerAgency: $agency })-[:USES]->(ph:Phone) WITH ph, count(p) AS users WHERE users = 2 RETURN count(ph) AS n",
      { agency: AGENCY },
    );
    expect(shared!.n).toBe(1);

    const companyJob = await importer.run("companies", await files.write("companies", "xml", [{ name: "Acme B.V.", registrationNumber: "123-456", registrationCountry: "NL", bankAccounts: [{ iban: "NL91ABNA0417164300" }] }, { name: "No registration" }]), { agency: AGENCY });
    expect(companyJob).toMatchObject({ accepted: 1, rejected: 1 });
    expect((await errorsOf(companyJob)).map((e) => e.field).sort()).toEqual(["registrationCountry", "registrationNumber"]);

    const orders = [
      {
        platform: "ShopX",
        orderNumber: "O-1",
        orderDate: "2024-03-01T10:00:00Z",
        buyer: { name: "Anna Visser", phone: "+31611112222" },
        buyerParty: { personReference: "P-1" },
        sellerParty: { companyRegistrationCountry: "NL", companyRegistrationNumber: "123456" },
        items: [{ description: "Watch", hsCode: "910211", quantity: 1, unitValue: 50 }],
        totalValue: 50,
        currency: "EUR",
      },
      { platform: "ShopX", orderNumber: "O-2", orderDate: "2024-03-01T10:00:00Z", buyerParty: { personReference: "NOBODY" }, items: [] },
    ];
    const orderJob = await importer.run("orders", await files.write("orders", "json", orders), { agency: AGENCY });
    expect(orderJob).toMatchObject({ accepted: 1, rejected: 1 });
    expect((await errorsOf(orderJob)).map((e) => [e.row, e.field, e.code])).toEqual([[2, "buyerParty", "REFERENCE_NOT_FOUND"]]);
    const [links] = await importer.db.read<{ buyer: string; seller: string }>(
      "MATCH (o:Order { ownerAgency: $agency, orderNumber: 'O-1' })-[:BUYER]->(b:Person), (o)-[:SELLER]->(s:Company) RETURN b.reference AS buyer, s.name AS seller",
      { agency: AGENCY },
    );
    expect(links).toEqual({ buyer: "P-1", seller: "Acme B.V." });

    const paymentJob = await importer.run(
      "payments",
      await files.write("payments", "xlsx", [
        { provider: "PayX", transactionId: "T-1", method: "CARD", amount: 50, currency: "EUR", paidAt: "2024-03-01T10:05:00Z", payer: { iban: "NL91ABNA0417164300" }, order: { platform: "ShopX", orderNumber: "O-1" } },
        { provider: "PayX", transactionId: "T-2", method: "CHEQUE", amount: 0, currency: "EUR", paidAt: "2024-03-01T10:05:00Z" },
      ]),
      { agency: AGENCY },
    );
    expect(paymentJob).toMatchObject({ accepted: 1, rejected: 1 });
    // Both of the row's errors: an unknown method and an amount of 0.
    expect((await errorsOf(paymentJob)).map((e) => [e.row, e.field, e.code])).toEqual([
      [3, "method", "INVALID_ENUM"],
      [3, "amount", "INVALID_VALUE"],
    ]);

    const shipmentJob = await importer.run(
      "shipments",
      await files.write("shipments", "csv", [
        { trackingNumber: "RR473124829GB", carrier: "Royal Mail", deliveryMode: "POSTAL", hsCodes: ["910211", "911390"], grossWeightKg: 0.4, order: { platform: "ShopX", orderNumber: "O-1" }, seizure: { caseNumber: "MIX-OK-1" }, consigneeParty: { personReference: "P-2" } },
        { trackingNumber: "RR000000000GB", carrier: "Royal Mail", deliveryMode: "POSTAL" },
      ]),
      { agency: AGENCY },
    );
    expect(shipmentJob).toMatchObject({ accepted: 1, rejected: 1 });
    expect((await errorsOf(shipmentJob)).map((e) => [e.row, e.field, e.code])).toEqual([[3, "trackingNumber", "INVALID_VALUE"]]);
    const [shipment] = await importer.db.read<{ hs: string[]; order: string; seizure: string; consignee: string }>(
      `MATCH (sh:Shipment { ownerAgency: $agency, trackingNumber: 'RR473124829GB' })
       MATCH (o:Order)-[:FULFILLED_BY]->(sh) MATCH (sh)-[:SEIZED_IN]->(z:Seizure) MATCH (sh)-[:CONSIGNEE]->(p:Person)
       RETURN sh.hsCodes AS hs, o.orderNumber AS order, z.caseNumber AS seizure, p.reference AS consignee`,
      { agency: AGENCY },
    );
    expect(shipment).toEqual({ hs: ["910211", "911390"], order: "O-1", seizure: "MIX-OK-1", consignee: "P-2" });
  });
});

describe("published templates", () => {
  it.each(["seizures", "persons", "companies", "orders", "payments", "shipments"])("the %s template imports cleanly in every format (dry run)", async (kind) => {
    for (const format of ["csv", "xlsx", "xml", "json", "ndjson"] as const) {
      const file = join(repoRoot, "schema", "import-templates", `${kind}.${format}`);
      const job = await importer.run(kind, file, { agency: AGENCY, dryRun: true });
      expect({ format, errors: await errorsOf(job) }).toEqual({ format, errors: [] });
      expect(job).toMatchObject({ status: "COMPLETED", totalRows: 1, accepted: 1 });
    }
  });
});

describe("relationships: associations and company roles between parties imported before", () => {
  const templates = (kind: string) => (["csv", "xlsx", "xml", "json", "ndjson"] as const).map((format) => join(repoRoot, "schema", "import-templates", `${kind}.${format}`));
  const edges = (type: string) =>
    importer.db.read<{ from: string; to: string; since: string; source: string }>(
      `MATCH (p:Person { ownerAgency: $agency })-[r:${type} { ownerAgency: $agency }]-(other)
       WHERE startNode(r) = p
       RETURN p.reference AS from, coalesce(other.reference, other.registrationNumber) AS to, toString(r.since) AS since, r.source AS source`,
      { agency: AGENCY },
    );

  beforeAll(async () => {
    // The templates name the persons template's person (P-2024-0001), a second person and the companies template's company.
    for (const [kind, file] of [["persons", templates("persons")[0]!], ["companies", templates("companies")[0]!]] as const) {
      expect(await importer.run(kind, file, { agency: AGENCY })).toMatchObject({ accepted: 1 });
    }
    const second = await files.write("persons", "ndjson", [{ reference: "P-2024-0002", fullName: "Piet Pietersen" }]);
    expect(await importer.run("persons", second, { agency: AGENCY })).toMatchObject({ accepted: 1 });
  });

  it("the templates import in every format, and re-importing them records each relationship once", async () => {
    for (const kind of ["associations", "company-roles"]) {
      for (const file of templates(kind)) {
        const job = await importer.run(kind, file, { agency: AGENCY });
        expect({ file, errors: await errorsOf(job) }).toEqual({ file, errors: [] });
        expect(job).toMatchObject({ status: "COMPLETED", accepted: 1 });
      }
    }
    const associations = await edges("ASSOCIATE_OF");
    expect(associations).toHaveLength(1);
    expect(associations[0]).toMatchObject({ from: "P-2024-0001", to: "P-2024-0002", since: "2021-03-01" });
    expect(associations[0]!.source).toMatch(/^import:/);
    expect(await edges("DIRECTOR_OF")).toMatchObject([{ from: "P-2024-0001", to: "12345678", since: "2019-01-01" }]);
  });

  it("reports each bad row with its field and code, and stores the good ones", async () => {
    const person = (reference: string, agency?: string) => ({ personReference: reference, ...(agency ? { agency } : {}) });
    const association = await importer.run(
      "associations",
      await files.write("associations", "csv", [
        { person: person("P-2024-0002"), associate: person("P-2024-0001"), since: "2022-01-01" },
        { person: person("P-NOBODY"), associate: person("P-2024-0001") },
        { person: { companyRegistrationCountry: "NL", companyRegistrationNumber: "12345678" }, associate: person("P-2024-0001") },
        { person: person("P-2024-0001"), associate: { companyRegistrationCountry: "NL", companyRegistrationNumber: "12345678" } },
        { person: person("P-2024-0001"), associate: person("P-2024-0001") },
        { person: person("P-2024-0001"), associate: person("P-2024-0002"), since: "2022-01-01", until: "2021-01-01" },
      ]),
      { agency: AGENCY },
    );
    expect(association).toMatchObject({ accepted: 1, rejected: 5 });
    expect((await errorsOf(association)).map((e) => [e.row, e.field, e.code])).toEqual([
      [3, "person", "REFERENCE_NOT_FOUND"],
      [4, "person", "INVALID_VALUE"],
      [5, "associate", "INVALID_VALUE"],
      [6, "associate", "INVALID_VALUE"],
      [7, "until", "INVALID_VALUE"],
    ]);
    // P-2024-0002's association with P-2024-0001 is the same pair as the template's: still one edge of this agency.
    expect(await edges("ASSOCIATE_OF")).toHaveLength(1);

    const otherAgency = `${AGENCY}-B`;
    const roles = await importer.run(
      "company-roles",
      await files.write("company-roles", "csv", [
        { person: person("P-2024-0002"), company: { companyRegistrationCountry: "NL", companyRegistrationNumber: "12345678" }, role: "EMPLOYEE" },
        { person: person("P-2024-0001"), company: { companyRegistrationCountry: "NL", companyRegistrationNumber: "12345678" }, role: "OWNER" },
        { person: person("P-2024-0001", AGENCY), company: person("P-2024-0002", AGENCY), role: "DIRECTOR" },
      ]),
      { agency: otherAgency },
    );
    expect((await errorsOf(roles)).map((e) => [e.row, e.field, e.code])).toEqual([
      [2, "holder", "REFERENCE_NOT_FOUND"],
      [2, "company", "REFERENCE_NOT_FOUND"],
      // Every error of a row: its references are resolved even though its role is not one.
      [3, "role", "INVALID_ENUM"],
      [3, "holder", "REFERENCE_NOT_FOUND"],
      [3, "company", "REFERENCE_NOT_FOUND"],
      // Another agency's parties it may not read are answered like missing ones: an import cannot probe references.
      [4, "holder", "REFERENCE_NOT_FOUND"],
      [4, "company", "REFERENCE_NOT_FOUND"],
    ]);
    expect(roles).toMatchObject({ accepted: 0, rejected: 3 });
  });
});

describe("column mapping and dry run", () => {
  it("imports a file with the sender's own headers through a mapping ([*] carries list indices)", async () => {
    const csv = [
      "Case No;Date;Where;Category;Item 1 HS;Item 1 What;Item 1 Qty;Item 1 Unit;Internal note",
      "MAP-1;2024-03-15T14:30:00Z;NLRTM;drugs;120400;Cocaine;3;kg;ignore me",
    ].join("\n");
    const mapping = new ColumnMapping({
      "Case No": "caseNumber",
      Date: "seizedAt",
      Where: "placeLocode",
      Category: "commodity",
      "Item 1 HS": "goods[0].hsCode",
      "Item 1 What": "goods[0].description",
      "Item 1 Qty": "goods[0].quantity",
      "Item 1 Unit": "goods[0].unit",
      "Internal note": null,
    });
    const job = await importer.run("seizures", await files.raw("mapped.csv", csv), { agency: AGENCY, mapping });
    expect(await errorsOf(job)).toEqual([]);
    expect(job).toMatchObject({ accepted: 1, rejected: 0 });
    expect(await count("Seizure", "WHERE r.caseNumber = 'MAP-1' AND r.commodity = 'DRUGS'")).toBe(1);

    // The same file without the mapping is refused at the header, naming the unknown columns.
    const refused = await importer.run("seizures", await files.raw("unmapped.csv", csv), { agency: AGENCY });
    expect(refused.status).toBe("FAILED");
    expect(refused.message).toMatch(/Unknown columns "Case No", "Date"/);
  });

  it("maps nested JSON paths with [*]", async () => {
    const records = [{ ref: "MAP-2", when: "2024-03-15T14:30:00Z", cat: "TOBACCO", lines: [{ hs: "240220", text: "Cigarettes", n: 200, u: "STICKS" }] }];
    const mapping = new ColumnMapping({ ref: "caseNumber", when: "seizedAt", cat: "commodity", "lines[*].hs": "goods[*].hsCode", "lines[*].text": "goods[*].description", "lines[*].n": "goods[*].quantity", "lines[*].u": "goods[*].unit" });
    const job = await importer.run("seizures", await files.raw("mapped.json", JSON.stringify(records)), { agency: AGENCY, mapping });
    expect(job).toMatchObject({ accepted: 1, rejected: 0 });
  });

  it("checks every row in a dry run but stores nothing", async () => {
    const job = await importer.run("seizures", await files.write("seizures", "json", [seizureRecord("DRY-1"), seizureRecord("DRY-2", { placeLocode: "ZZZZZ" })]), {
      agency: AGENCY,
      dryRun: true,
    });
    expect(job).toMatchObject({ status: "COMPLETED", dryRun: true, accepted: 1, rejected: 1 });
    expect(await count("Seizure", "WHERE r.caseNumber STARTS WITH 'DRY-'")).toBe(0);
  });
});

describe("interruption and resume", () => {
  it("stops after a committed batch and resumes after the checkpoint: no duplicates, no gaps", async () => {
    const total = 3000;
    const records = Array.from({ length: total }, (_, i) => seizureRecord(`RES-${String(i).padStart(4, "0")}`, i % 100 === 7 ? { placeLocode: "QQQQQ" } : {}));
    const file = await files.write("seizures", "ndjson", records);
    // Rows on line n are records[n - 1]; every 100th record (lines 8, 108, …) has an unknown UN/LOCODE.
    const validUpTo = (row: number) => row - Math.floor((row + 92) / 100);
    const first = await importer.run("seizures", file, { agency: AGENCY, start: { stopAfterRows: 500 } });
    expect(first.status).toBe("INTERRUPTED");
    expect(first.totalRows).toBeGreaterThanOrEqual(500);
    expect(first.totalRows).toBeLessThan(total);
    expect(first.checkpointRow).toBe(first.totalRows);
    // Everything up to the checkpoint is stored (no gap), nothing twice.
    expect(await count("Seizure", "WHERE r.caseNumber STARTS WITH 'RES-' AND toInteger(substring(r.caseNumber, 4)) < $upTo".replace("$upTo", String(first.checkpointRow)))).toBe(validUpTo(first.checkpointRow));
    expect(first.accepted).toBe(validUpTo(first.checkpointRow));

    // A resume needs the same file.
    await expect(importer.run("seizures", await files.write("seizures", "ndjson", records.slice(1)), { agency: AGENCY, resume: first.id })).rejects.toThrow(/same file/);

    const resumed = await importer.run("seizures", file, { agency: AGENCY, resume: first.id });
    expect(resumed).toMatchObject({ id: first.id, status: "COMPLETED", totalRows: total, accepted: validUpTo(total), rejected: total / 100, checkpointRow: total });
    expect(await count("Seizure", "WHERE r.caseNumber STARTS WITH 'RES-'")).toBe(validUpTo(total));
    const errors = await errorsOf(resumed);
    expect(errors.map((e) => e.row)).toEqual(Array.from({ length: total / 100 }, (_, i) => i * 100 + 8));
    const [dupes] = await importer.db.read<{ n: number }>(
      "MATCH (s:Seizure { ownerAgency: $agency }) WHERE s.caseNumber STARTS WITH 'RES-' WITH s.caseNumber AS c, count(*) AS k WHERE k > 1 RETURN count(c) AS n",
      { agency: AGENCY },
    );
    expect(dupes!.n).toBe(0);
  }, 180_000);
});

describe("hostile and broken files", () => {
  it("refuses an XML bomb (billion laughs) at its DOCTYPE, before any entity is expanded", async () => {
    const bomb = `<?xml version="1.0"?>
<!DOCTYPE lolz [
  <!ENTITY lol "lol">
  <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
  <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
  <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
  <!ENTITY lol9 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
]>
<seizures><seizure><caseNumber>&lol9;</caseNumber></seizure></seizures>`;
    const heapBefore = process.memoryUsage().heapUsed;
    const job = await importer.run("seizures", await files.raw("bomb.xml", bomb), { agency: AGENCY });
    expect(job.status).toBe("FAILED");
    expect(job.totalRows).toBe(0);
    expect(job.message).toMatch(/DOCTYPE/);
    expect((await errorsOf(job))[0]).toMatchObject({ code: "FILE_REJECTED" });
    expect(process.memoryUsage().heapUsed - heapBefore).toBeLessThan(50 * 1024 * 1024);
  });

  it("keeps the rows before a break in the XML and reports where it broke", async () => {
    const xml = `<seizures><seizure><caseNumber>XML-OK</caseNumber><seizedAt>2024-03-15T14:30:00Z</seizedAt><commodity>DRUGS</commodity></seizure><seizure><caseNumber>broken</seizure></seizures>`;
    const job = await importer.run("seizures", await files.raw("broken.xml", xml), { agency: AGENCY });
    expect(job).toMatchObject({ status: "FAILED", accepted: 1 });
    expect((await errorsOf(job)).at(-1)).toMatchObject({ row: 2, code: "FILE_REJECTED" });
  });

  it("rejects malformed rows alone: a CSV row with too many cells, an NDJSON line that is not JSON", async () => {
    const csv = "caseNumber,seizedAt,commodity\nCSV-OK,2024-03-15T14:30:00Z,DRUGS\nCSV-BAD,2024-03-15T14:30:00Z,DRUGS,extra\n";
    const job = await importer.run("seizures", await files.raw("cells.csv", csv), { agency: AGENCY });
    expect(job).toMatchObject({ accepted: 1, rejected: 1 });
    expect((await errorsOf(job))[0]).toMatchObject({ row: 3, code: "MALFORMED_ROW" });
    const nd = `${JSON.stringify(seizureRecord("ND-OK"))}\n{"caseNumber": oops}\n`;
    const ndJob = await importer.run("seizures", await files.raw("lines.ndjson", nd), { agency: AGENCY });
    expect(ndJob).toMatchObject({ accepted: 1, rejected: 1 });
    expect((await errorsOf(ndJob))[0]).toMatchObject({ row: 2, code: "MALFORMED_ROW" });
  });
});
