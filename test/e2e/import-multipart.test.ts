import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MAPPING_HEADER } from "@cix/core";
import { authHeaders } from "../support/auth.js";
import { deleteAgencyRecords } from "../support/cleanup.js";
import { waitForImportJob } from "../support/import-jobs.js";
import { startTestStack, unique, type TestStack } from "../support/stack.js";
import { deleteImportData, seizureRecord, toCsv } from "./import-fixtures.js";

/**
 * multipart/form-data uploads through the gateway (real FormData, as a browser or a partner system sends them): a
 * `file` part and an optional `mapping` part, parsed by the owning subgraph; refusals name the part. Also: country
 * codes in ISO 3166 alpha-3 are imported as alpha-2, so spellings of one address or company meet at one node.
 */

// A small limit (read by the gateway and the subgraphs at start), so that going past it costs little.
const LIMIT = 256 * 1024;
process.env.CIX_IMPORT_MAX_BYTES = String(LIMIT);

const AGENCY = unique("NL-MULTIPART").replace(/[^A-Z0-9-]/g, "");
let stack: TestStack;
let base: string;

beforeAll(async () => {
  stack = await startTestStack();
  base = stack.gatewayUrl.replace(/\/graphql$/, "");
});

afterAll(async () => {
  await deleteImportData(stack.db, AGENCY);
  await deleteAgencyRecords(stack.db, AGENCY);
  await stack.stop();
});

const investigator = () => authHeaders({ role: "investigator", agency: AGENCY, purpose: "CASE-2024-multipart" });

type Answer = { status: number; body: Record<string, unknown> & { errors?: Array<{ message: string; extensions: Record<string, unknown> }> } };

async function post(kind: string, body: FormData | string, headers: Record<string, string> = {}, query = ""): Promise<Answer> {
  const res = await fetch(`${base}/import/${kind}${query}`, { method: "POST", headers: { ...(await investigator()), ...headers }, body });
  return { status: res.status, body: (await res.json()) as Answer["body"] };
}

const file = (text: string, type: string) => new Blob([text], { type });
const form = (...parts: Array<[string, Blob | string, string?]>) => {
  const data = new FormData();
  for (const [name, value, fileName] of parts) {
    if (typeof value === "string") data.append(name, value);
    else data.append(name, value, fileName);
  }
  return data;
};

type Job = { status: string; format: string; fileName: string | null; accepted: number; rejected: number; errors: Array<{ row: number; field: string; code: string }> };
const JOB_FIELDS = "format fileName accepted rejected errors(first: 10) { row field code }";

describe("multipart/form-data uploads through the gateway", () => {
  it("imports the file part with the column mapping part; alpha-3 countries are stored as alpha-2 and one address is one node", async () => {
    // Two persons at one address written two ways: punctuation, case, postcode spacing and alpha-3 vs alpha-2 differ.
    const street = `Kerkstraat ${Math.floor(100 + Math.random() * 800)}`;
    const csv = [
      "Ref;Name;Nat;Street;Postcode;City;Country",
      `MP-P1;Ada Lovelace;"NLD;deu";${street}-3;1234 AB;'s-Hertogenbosch;NLD`,
      `MP-P2;Charles Babbage;GBR;${street.toUpperCase()} 3.;1234ab;s Hertogenbosch;nl`,
    ].join("\n");
    const mapping = { Ref: "reference", Name: "fullName", Nat: "nationalities", Street: "addresses[0].street", Postcode: "addresses[0].postcode", City: "addresses[0].city", Country: "addresses[0].country" };
    const res = await post("persons", form(["file", file(csv, "text/csv"), "persons-2024.csv"], ["mapping", JSON.stringify(mapping)]));
    expect(res.status).toBe(202);
    expect(res.body).toMatchObject({ kind: "persons", format: "csv", status: "RUNNING" });
    const job = await waitForImportJob<Job>(stack, res.body.jobId as string, await investigator(), JOB_FIELDS);
    expect(job).toMatchObject({ status: "COMPLETED", format: "csv", fileName: "persons-2024.csv", accepted: 2, rejected: 0, errors: [] });

    const persons = await stack.db.read<{ reference: string; nationalities: string[]; address: string; country: string }>(
      `MATCH (p:Person { ownerAgency: $agency })-[:LOCATED_AT]->(a:Address) WHERE p.reference IN ['MP-P1', 'MP-P2']
       RETURN p.reference AS reference, p.nationalities AS nationalities, a.id AS address, a.country AS country ORDER BY reference`,
      { agency: AGENCY },
    );
    expect(persons.map((p) => [p.reference, p.nationalities, p.country])).toEqual([
      ["MP-P1", ["NL", "DE"], "NL"],
      ["MP-P2", ["GB"], "NL"],
    ]);
    expect(persons[0]!.address).toBe(persons[1]!.address);
  }, 120_000);

  it("takes the format from the file name when the part's content type names none; a registration in alpha-3 is the same company", async () => {
    const ndjson = [
      { name: "Multipart Trading B.V.", registrationNumber: "12.345.678", registrationCountry: "NLD" },
      { name: "Multipart Trading BV", registrationNumber: "12345678", registrationCountry: "nl" },
    ]
      .map((r) => JSON.stringify(r))
      .join("\n");
    const res = await post("companies", form(["file", file(ndjson, "application/octet-stream"), "companies.ndjson"]));
    expect(res.status).toBe(202);
    expect(res.body.format).toBe("ndjson");
    expect(await waitForImportJob<Job>(stack, res.body.jobId as string, await investigator(), JOB_FIELDS)).toMatchObject({ status: "COMPLETED", accepted: 2, rejected: 0 });
    const companies = await stack.db.read<{ country: string; number: string }>(
      "MATCH (c:Company { ownerAgency: $agency }) RETURN c.registrationCountry AS country, c.registrationNumber AS number",
      { agency: AGENCY },
    );
    expect(companies).toEqual([{ country: "NL", number: "12345678" }]);
  }, 120_000);

  const seizureCsv = toCsv([seizureRecord("MP-REFUSED")]);
  const raw = (boundary: string, body: string) => ({ body, headers: { "content-type": `multipart/form-data; boundary=${boundary}` } });
  const csvPart = (boundary: string) => `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="cases.csv"\r\nContent-Type: text/csv\r\n\r\n${seizureCsv}`;

  it.each<[string, () => { body: FormData | string; headers?: Record<string, string> }, number, string, string]>([
    ["no file part", () => ({ body: form(["mapping", "{}"]) }), 400, "BAD_REQUEST", "file"],
    ["two files", () => ({ body: form(["file", file(seizureCsv, "text/csv"), "a.csv"], ["file", file(seizureCsv, "text/csv"), "b.csv"]) }), 400, "BAD_REQUEST", "file"],
    ["an unknown part", () => ({ body: form(["file", file(seizureCsv, "text/csv"), "a.csv"], ["notes", "hello"]) }), 400, "BAD_REQUEST", "notes"],
    ["the file as a text field", () => ({ body: form(["file", seizureCsv]) }), 400, "BAD_REQUEST", "file"],
    [
      "a mapping in the header and in a part",
      () => ({ body: form(["mapping", "{}"], ["file", file(seizureCsv, "text/csv"), "a.csv"]), headers: { [MAPPING_HEADER]: "{}" } }),
      400,
      "BAD_REQUEST",
      "mapping",
    ],
    ["a mapping that is not a mapping", () => ({ body: form(["file", file(seizureCsv, "text/csv"), "a.csv"], ["mapping", "[1, 2]"]) }), 400, "BAD_REQUEST", "mapping"],
    ["a file of no import format", () => ({ body: form(["file", file(seizureCsv, "text/plain"), "cases.txt"]) }), 415, "UNSUPPORTED_MEDIA_TYPE", "file"],
    ["a body cut off before its closing boundary", () => raw("cut", csvPart("cut")), 400, "BAD_REQUEST", "file"],
    ["a multipart content type without a boundary", () => ({ body: csvPart("x"), headers: { "content-type": "multipart/form-data" } }), 400, "BAD_REQUEST", "file"],
  ])("refuses %s, naming the part, and stores nothing", async (_what, request, status, code, field) => {
    const { body, headers } = request();
    const res = await post("seizures", body, headers);
    expect(res.status).toBe(status);
    expect(res.body.errors![0]!.extensions).toMatchObject({ code, field });
    expect(res.body.errors![0]!.message).not.toMatch(/\n\s+at /);
    const [count] = await stack.db.read<{ n: number }>("MATCH (s:Seizure { reportingAgency: $agency, caseNumber: 'MP-REFUSED' }) RETURN count(s) AS n", { agency: AGENCY });
    expect(count!.n).toBe(0);
  });

  it("applies the upload limit to the file: a file just under it passes with its mapping part, one just over it is 413", async () => {
    const header = "Case\n";
    const row = `${"x".repeat(60)}\n`; // a valid case number (at most 64 characters)
    const rows = (bytes: number) => Math.floor((bytes - header.length) / row.length);
    const sized = (bytes: number) => header + row.repeat(rows(bytes));
    const mapping = JSON.stringify({ Case: "caseNumber" });

    const under = sized(LIMIT - 1000);
    expect(Buffer.byteLength(under)).toBeLessThanOrEqual(LIMIT);
    const accepted = await post("seizures", form(["file", file(under, "text/csv"), "under.csv"], ["mapping", mapping]), {}, "?dryRun=true");
    expect(accepted.status).toBe(202);
    // Read whole, with the mapping applied (each row names its case but lacks the other required fields).
    const job = await waitForImportJob<Job & { totalRows: number }>(stack, accepted.body.jobId as string, await investigator(), `totalRows ${JOB_FIELDS}`);
    expect(job).toMatchObject({ status: "COMPLETED", totalRows: rows(LIMIT - 1000), accepted: 0, rejected: rows(LIMIT - 1000) });
    expect(job.errors.map((e) => e.field)).not.toContain("caseNumber");

    const over = await post("seizures", form(["file", file(sized(LIMIT + 10_000), "text/csv"), "over.csv"]));
    expect(over.status).toBe(413);
    expect(over.body.errors![0]!.extensions).toMatchObject({ code: "PAYLOAD_TOO_LARGE", limit: LIMIT });

    // A body declared far past the limit is refused by the gateway before it is read.
    const huge = await post("seizures", form(["file", file(sized(LIMIT * 4), "text/csv"), "huge.csv"]));
    expect(huge.status).toBe(413);
    expect(huge.body.errors![0]!.message).toMatch(/bytes were declared/);
  }, 120_000);
});
