import { spawn } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import {
  CixClient,
  CixError,
  CompanyByRegistrationDocument,
  ImportJobDocument,
  LinkAssociatesDocument,
  LinkCompanyRoleDocument,
  OperationsDocument,
  OrderByNumberDocument,
  PaymentByTransactionDocument,
  PersonByReferenceDocument,
  PersonWithLinksDocument,
  SeizureByCaseDocument,
  SeizureByIdDocument,
  SeizuresPageDocument,
  ShipmentByTrackingDocument,
  UpsertCompanyDocument,
  UpsertOrderDocument,
  UpsertPaymentDocument,
  UpsertPersonDocument,
  UpsertSeizureDocument,
  UpsertShipmentDocument,
  type CixClientOptions,
} from "@cix/client";
import { repoRoot } from "@cix/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { authHeaders } from "../support/auth.js";
import { deleteAgencyRecords } from "../support/cleanup.js";
import { digits, iban, mobile, s10 } from "../support/ecommerce.js";
import { expectNoInternals, post } from "../support/edge.js";
import { startProductionStack, type ProductionStack } from "../support/production.js";
import { startTestStack, unique, type TestStack } from "../support/stack.js";
import { deleteImportData } from "./import-fixtures.js";

/**
 * Issue 19, items 4 and 5: the generated TypeScript client and the Python example client of a single window run
 * against a started hub, and the trusted-document manifest the codegen writes holds a registered client to exactly
 * the client's operations in production.
 */

const PURPOSE = "CASE-2024-clients";
const TS_AGENCY = unique("NL-CLT");
const PY_AGENCY = unique("NL-CLPY");
const PROD_AGENCY = unique("NL-CLTD");

const tokenOf = (headers: Record<string, string>) => headers.authorization!.replace(/^Bearer /, "");

/** A seizure input the hub accepts, with its own case number. */
const seizureInput = (caseNumber: string, extra: Record<string, unknown> = {}) => ({
  caseNumber,
  seizedAt: "2024-03-01T10:00:00Z",
  placeLocode: "NLRTM",
  commodity: "TOBACCO" as const,
  goods: [{ hsCode: "240220", description: "Cigarettes", quantity: 20, unit: "CARTONS" as const }],
  ...extra,
});

/** Pages through the seizures of one agency with the typed SeizuresPage document; returns the pages' case numbers. */
async function caseNumbersByPage(client: CixClient, reportingAgency: string, first: number): Promise<string[][]> {
  const pages: string[][] = [];
  let after: string | null | undefined;
  do {
    const { seizures } = await client.request(SeizuresPageDocument, { first, after, filter: { reportingAgency } });
    pages.push(seizures.nodes.map((s) => s.caseNumber));
    after = seizures.pageInfo.hasNextPage ? seizures.pageInfo.endCursor : undefined;
  } while (after);
  return pages;
}

// Each test makes tens of requests through the whole hub; on a busy two-core machine the first ones are slow.
describe("the TypeScript client and the Python example client against the hub", { timeout: 120_000 }, () => {
  let stack: TestStack;
  let client: CixClient;
  let options: CixClientOptions;

  beforeAll(async () => {
    stack = await startTestStack();
    const token = tokenOf(await authHeaders({ role: "investigator", agency: TS_AGENCY }));
    options = { url: stack.gatewayUrl, token: () => token, purpose: PURPOSE };
    client = new CixClient(options);
  });

  afterAll(async () => {
    for (const agency of [TS_AGENCY, PY_AGENCY]) {
      await deleteImportData(stack.db, agency);
      await deleteAgencyRecords(stack.db, agency);
    }
    await stack.stop();
  });

  it("writes seizures and reads them page by page, by id and by case number, with typed documents", async () => {
    const caseNumbers = [unique("CLT-A"), unique("CLT-B"), unique("CLT-C")];
    const written = [];
    for (const caseNumber of caseNumbers) written.push((await client.request(UpsertSeizureDocument, { input: seizureInput(caseNumber) })).upsertSeizure);
    expect(written.map((s) => [s.caseNumber, s.reportingAgency, s.place?.locode])).toEqual(caseNumbers.map((c) => [c, TS_AGENCY, "NLRTM"]));

    const pages = await caseNumbersByPage(client, TS_AGENCY, 2);
    expect(pages.map((p) => p.length)).toEqual([2, 1]);
    expect(pages.flat().sort()).toEqual([...caseNumbers].sort());

    const { seizure } = await client.request(SeizureByIdDocument, { id: written[0]!.id });
    expect(seizure).toMatchObject({ caseNumber: caseNumbers[0], commodity: "TOBACCO", goods: [{ seq: 1, hsCode: "240220", quantity: 20, unit: "CARTONS" }] });
    const { seizureByCase } = await client.request(SeizureByCaseDocument, { reportingAgency: TS_AGENCY, caseNumber: caseNumbers[1]! });
    expect(seizureByCase?.id).toBe(written[1]!.id);
  });

  it("reads a person with links for an investigator who states a purpose, and maps the refusal without one to FORBIDDEN at its path", async () => {
    const tag = TS_AGENCY.slice(-8);
    const person = (await client.request(UpsertPersonDocument, { input: { reference: `CLT-${tag}-1`, fullName: `Pia Client${tag}`, phones: [mobile()], nationalities: ["NL"] } })).upsertPerson;
    const associate = (await client.request(UpsertPersonDocument, { input: { reference: `CLT-${tag}-2`, fullName: `Aart Client${tag}` } })).upsertPerson;
    const registrationNumber = digits(8);
    const company = (await client.request(UpsertCompanyDocument, { input: { name: `Client ${tag} BV`, registrationNumber, registrationCountry: "NL" } })).upsertCompany;
    await client.request(LinkAssociatesDocument, { input: { personId: person.id, associateId: associate.id, since: "2023-01-01" } });
    await client.request(LinkCompanyRoleDocument, { input: { personId: person.id, companyId: company.id, role: "DIRECTOR" } });
    const caseNumber = unique("CLT-P");
    await client.request(UpsertSeizureDocument, { input: seizureInput(caseNumber, { offenderIds: [person.id] }) });

    const linked = (await client.request(PersonWithLinksDocument, { id: person.id })).person;
    expect(linked).toMatchObject({ id: person.id, reference: `CLT-${tag}-1`, ownerAgency: TS_AGENCY, nationalities: ["NL"] });
    expect(linked?.phones).toHaveLength(1);
    expect(linked?.associates?.map((a) => a.person?.id)).toEqual([associate.id]);
    expect(linked?.companies?.map((c) => [c.role, c.company?.id])).toEqual([["DIRECTOR", company.id]]);
    expect(linked?.seizures?.nodes.map((s) => s.caseNumber)).toEqual([caseNumber]);

    // The lookups by the agency's own key find the same parties.
    expect((await client.request(PersonByReferenceDocument, { agency: TS_AGENCY, reference: `CLT-${tag}-1` })).personByReference?.id).toBe(person.id);
    const byRegistration = await client.request(CompanyByRegistrationDocument, { agency: TS_AGENCY, registrationCountry: "NL", registrationNumber });
    expect(byRegistration.companyByRegistration?.id).toBe(company.id);

    // Personal data is deny-by-default: without a purpose the hub refuses, and the client says where and why.
    const withoutPurpose = new CixClient({ ...options, purpose: undefined });
    const refusal = await withoutPurpose.request(PersonWithLinksDocument, { id: person.id }).catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(CixError);
    expect(refusal).toMatchObject({ code: "FORBIDDEN", path: ["person"] });
    expectNoInternals((refusal as CixError).message);
  });

  it("finds orders, payments and parcels by the platform's, provider's and carrier's own keys", async () => {
    const tag = TS_AGENCY.slice(-8);
    const orderNumber = `CLT-O-${tag}`;
    const order = (
      await client.request(UpsertOrderDocument, {
        input: { platform: "shop.example", orderNumber, orderDate: "2024-04-20T10:00:00Z", items: [{ description: "cigarettes", hsCode: "240220", quantity: 10, unitValue: 5, currency: "EUR" }] },
      })
    ).upsertOrder;
    const transactionId = `CLT-T-${tag}`;
    const payment = (
      await client.request(UpsertPaymentDocument, {
        input: { provider: "psp", transactionId, method: "BANK_TRANSFER", amount: 50, currency: "EUR", paidAt: "2024-04-20T10:05:00Z", payer: { iban: iban() }, orderId: order.id },
      })
    ).upsertPayment;
    const caseNumber = unique("CLT-S");
    const seizure = (await client.request(UpsertSeizureDocument, { input: seizureInput(caseNumber) })).upsertSeizure;
    const trackingNumber = s10();
    const shipment = (
      await client.request(UpsertShipmentDocument, {
        input: { trackingNumber, carrier: "PostNL", deliveryMode: "POSTAL", originCountry: "CN", destinationCountry: "NL", orderId: order.id, seizureId: seizure.id },
      })
    ).upsertShipment;

    const found = await Promise.all([
      client.request(OrderByNumberDocument, { agency: TS_AGENCY, platform: "shop.example", orderNumber }),
      client.request(PaymentByTransactionDocument, { agency: TS_AGENCY, provider: "psp", transactionId }),
      client.request(ShipmentByTrackingDocument, { agency: TS_AGENCY, carrier: "PostNL", trackingNumber }),
    ]);
    expect(found[0].orderByNumber).toMatchObject({ id: order.id, orderNumber, totalValue: null });
    expect(found[1].paymentByTransaction).toMatchObject({ id: payment.id, amount: 50, currency: "EUR" });
    expect(found[2].shipmentByTracking).toMatchObject({ id: shipment.id, seizure: { id: seizure.id, caseNumber } });
    // A key nobody recorded is null, not an error.
    expect((await client.request(OrderByNumberDocument, { agency: TS_AGENCY, platform: "shop.example", orderNumber: "no-such-order" })).orderByNumber).toBeNull();
  });

  it("submits a file in bulk, polls the job to its end and reads the report's accepted ids", async () => {
    const tag = TS_AGENCY.slice(-8);
    const lines = [
      { reference: `CLT-IMP-${tag}-1`, fullName: "Ida Client" },
      { reference: `CLT-IMP-${tag}-2`, fullName: "Ines Client", dateOfBirth: "not a date" },
    ];
    const started = await client.startImport("persons", lines.map((l) => JSON.stringify(l)).join("\n"), "application/x-ndjson");
    expect(started).toMatchObject({ kind: "persons", format: "ndjson", status: "RUNNING" });
    const job = await client.waitForImport(started.jobId, { intervalMs: 100 });
    expect(job).toMatchObject({ id: started.jobId, status: "COMPLETED", totalRows: 2, accepted: 1, rejected: 1 });
    expect(job.errors.map((e) => [e.row, e.field, e.code])).toEqual([[2, "dateOfBirth", "INVALID_DATE"]]);

    const report = await client.importReport(started.jobId);
    expect(report.accepted).toEqual([{ row: 1, id: expect.any(String), key: { reference: `CLT-IMP-${tag}-1` } }]);
    const { personByReference } = await client.request(PersonByReferenceDocument, { agency: TS_AGENCY, reference: `CLT-IMP-${tag}-1` });
    expect(personByReference?.id).toBe(report.accepted[0]!.id);

    // A job of another agency is not found, and the client says so instead of polling for ever.
    const outsider = new CixClient({ ...options, token: tokenOf(await authHeaders({ role: "investigator", agency: unique("BE-CLT") })) });
    await expect(outsider.waitForImport(started.jobId)).rejects.toThrow(/was not found/);
    expect((await outsider.request(ImportJobDocument, { id: started.jobId })).importJob).toBeNull();
  });

  it("sends only the hash when asked, and the text when the hub does not know the hash (no manifest here)", async () => {
    const hashOnly = new CixClient({ ...options, send: "hash" });
    const { operations } = await hashOnly.request(OperationsDocument);
    expect(Array.isArray(operations)).toBe(true);
    const pages = await caseNumbersByPage(hashOnly, TS_AGENCY, 10);
    expect(pages.flat().length).toBeGreaterThanOrEqual(3);
  });

  describe("the Python example client of a single window", () => {
    let python: string;
    let files: string;

    beforeAll(async () => {
      python = await pythonClient();
      files = mkdtempSync(path.join(tmpdir(), "cix-python-client-"));
    }, 300_000);
    afterAll(() => rmSync(files, { recursive: true, force: true }));

    it("lists seizures page by page, submits orders, payments and shipments in bulk, polls the jobs and looks every record up by its reference", async () => {
      const headers = await authHeaders({ role: "investigator", agency: PY_AGENCY });
      const pyClient = new CixClient({ url: stack.gatewayUrl, token: tokenOf(headers), purpose: PURPOSE });
      const caseNumbers = [unique("CLPY-A"), unique("CLPY-B"), unique("CLPY-C")];
      for (const caseNumber of caseNumbers) await pyClient.request(UpsertSeizureDocument, { input: seizureInput(caseNumber) });

      const tag = PY_AGENCY.slice(-8);
      const orders = [1, 2].map((n) => ({
        platform: "ExampleMarket",
        orderNumber: `PY-${tag}-${n}`,
        orderDate: "2024-03-01T10:00:00Z",
        items: [{ description: "Wrist watch", hsCode: "910211", quantity: 2, unitValue: 25, originCountry: "CN" }],
        currency: "EUR",
      }));
      const payments = [
        { provider: "ExamplePay", transactionId: `PY-TX-${tag}-1`, method: "CARD", amount: 60, currency: "EUR", paidAt: "2024-03-01T10:05:00Z" },
        // Not a currency of money: this row is reported, the others are stored.
        { provider: "ExamplePay", transactionId: `PY-TX-${tag}-2`, method: "CARD", amount: 60, currency: "XXX", paidAt: "2024-03-01T10:05:00Z" },
      ];
      const shipments = [s10(), s10()].map((trackingNumber) => ({ trackingNumber, carrier: "Royal Mail", deliveryMode: "POSTAL", originCountry: "CN", destinationCountry: "NL" }));
      const ndjson = (name: string, rows: object[]) => {
        const file = path.join(files, name);
        writeFileSync(file, rows.map((r) => JSON.stringify(r)).join("\n"));
        return file;
      };

      const run = await runCommand(
        python,
        ["-m", "cix_client.single_window", "--page-size", "2", "--reporting-agency", PY_AGENCY, "--orders", ndjson("orders.ndjson", orders), "--payments", ndjson("payments.ndjson", payments), "--shipments", ndjson("shipments.ndjson", shipments)],
        { CIX_URL: stack.gatewayUrl, CIX_TOKEN: tokenOf(headers), CIX_PURPOSE: PURPOSE },
      );
      expect(run.stderr).not.toMatch(/Traceback/);
      expect(run.code, run.stderr).toBe(0);
      const result = JSON.parse(run.stdout) as {
        seizures: { pages: number; count: number; caseNumbers: string[] };
        imports: Array<{ kind: string; status: string; totalRows: number; accepted: number; rejected: number; errors: Array<{ row: number; field: string; code: string }> }>;
        lookups: Array<{ kind: string; key: Record<string, string>; id: string | null; matchesReport: boolean }>;
      };

      expect(result.seizures).toEqual({ pages: 2, count: 3, caseNumbers: expect.arrayContaining(caseNumbers) });
      expect(result.imports.map(({ kind, status, totalRows, accepted, rejected }) => ({ kind, status, totalRows, accepted, rejected }))).toEqual([
        { kind: "orders", status: "COMPLETED", totalRows: 2, accepted: 2, rejected: 0 },
        { kind: "payments", status: "COMPLETED", totalRows: 2, accepted: 1, rejected: 1 },
        { kind: "shipments", status: "COMPLETED", totalRows: 2, accepted: 2, rejected: 0 },
      ]);
      expect(result.imports[1]!.errors).toEqual([{ row: 2, field: "currency", code: "INVALID_CODE" }]);

      // Every accepted row was found again by its own key, as the record the report named…
      expect(result.lookups.map((l) => [l.kind, l.matchesReport])).toEqual([
        ["orders", true],
        ["orders", true],
        ["payments", true],
        ["shipments", true],
        ["shipments", true],
      ]);
      // …and it is the record the hub holds under that key.
      const order = await pyClient.request(OrderByNumberDocument, { agency: PY_AGENCY, platform: "ExampleMarket", orderNumber: `PY-${tag}-2` });
      expect(result.lookups[1]).toMatchObject({ key: { platform: "ExampleMarket", orderNumber: `PY-${tag}-2` }, id: order.orderByNumber!.id });
      const shipment = await pyClient.request(ShipmentByTrackingDocument, { agency: PY_AGENCY, carrier: "Royal Mail", trackingNumber: shipments[1]!.trackingNumber });
      expect(result.lookups[4]!.id).toBe(shipment.shipmentByTracking!.id);
    });

    it("says in one line what the hub refused, with its code, and exits 1", async () => {
      const run = await runCommand(python, ["-m", "cix_client.single_window", "--page-size", "1"], { CIX_URL: stack.gatewayUrl, CIX_TOKEN: "not-a-token", CIX_PURPOSE: PURPOSE });
      expect(run.code).toBe(1);
      expect(run.stderr.trim()).toMatch(/^cix-single-window: UNAUTHENTICATED: /);
      expect(run.stderr.trim().split("\n")).toHaveLength(1);
    });
  });
});

describe("the generated trusted-document manifest in production", { timeout: 120_000 }, () => {
  const manifest = JSON.parse(readFileSync(path.join(repoRoot, "clients/typescript/trusted-documents.json"), "utf8")) as {
    client: string;
    trustedOnly: boolean;
    operations: Array<{ id: string; name: string; body: string }>;
  };
  // Few requests per caller and window, so that the client's wait for Retry-After can be seen in a test.
  const RATE_LIMIT = 6;
  let stack: ProductionStack;
  const clientOf = async (sub: string, extra: Partial<CixClientOptions> = {}) => {
    const token = tokenOf(await stack.headers({ role: "investigator", agency: PROD_AGENCY, country: "NL", azp: manifest.client, sub }));
    return new CixClient({ url: stack.gatewayUrl, token, ...extra });
  };

  beforeAll(async () => {
    stack = await startProductionStack({ CIX_RATE_LIMIT_PER_SUB: String(RATE_LIMIT), CIX_RATE_LIMIT_WINDOW_SECONDS: "2" }, (dir) => {
      const manifests = path.join(dir, "trusted");
      mkdirSync(manifests);
      copyFileSync(path.join(repoRoot, "clients/typescript/trusted-documents.json"), path.join(manifests, "cix-example-single-window.json"));
      return { CIX_TRUSTED_DOCUMENTS_DIR: manifests };
    });
  });
  afterAll(async () => {
    await deleteAgencyRecords(stack.db, PROD_AGENCY);
    await stack.stop();
  });

  it("lets the client run every operation of its manifest, sent as text or as its hash alone", async () => {
    expect(manifest.trustedOnly).toBe(true);
    expect(manifest.operations.length).toBeGreaterThanOrEqual(20);
    for (const operation of manifest.operations) {
      // One caller per operation keeps this under the rate limit; no variables, so nothing is written.
      const headers = await stack.headers({ role: "investigator", agency: PROD_AGENCY, azp: manifest.client, sub: `td-${operation.name}` });
      for (const body of [{ query: operation.body }, { extensions: { persistedQuery: { version: 1, sha256Hash: operation.id } } }]) {
        const reply = await post(stack.gatewayUrl, body, headers);
        const codes = (reply.body.errors ?? []).map((e) => e.extensions?.code);
        // Past the trusted-documents gate: it runs, or stops at its missing required variables.
        expect(codes.filter((c) => c !== "BAD_USER_INPUT"), `${operation.name}: ${reply.text}`).toEqual([]);
        expect(reply.status, operation.name).not.toBe(403);
      }
    }
  });

  it("runs the typed documents through CixClient by text and by hash", async () => {
    const caseNumber = unique("CLTD");
    const byText = await clientOf("td-text");
    const written = (await byText.request(UpsertSeizureDocument, { input: seizureInput(caseNumber) })).upsertSeizure;
    const byHash = await clientOf("td-hash", { send: "hash" });
    expect((await byHash.request(SeizureByCaseDocument, { reportingAgency: PROD_AGENCY, caseNumber })).seizureByCase?.id).toBe(written.id);
    expect((await caseNumbersByPage(byHash, PROD_AGENCY, 5)).flat()).toContain(caseNumber);
  });

  it("refuses the client any operation not in its manifest, before it runs, even one differing only in spacing", async () => {
    const client = await clientOf("td-refused");
    const caseNumber = unique("CLTD-X");
    const notListed = "mutation Report($input: SeizureInput!) { upsertSeizure(input: $input) { id } }";
    const upsertBody = manifest.operations.find((o) => o.name === "UpsertSeizure")!.body;
    for (const query of [notListed, upsertBody.replace("{ upsertSeizure", "{  upsertSeizure")]) {
      const refusal = await client.requestText(query, { input: seizureInput(caseNumber) }).catch((error: unknown) => error);
      expect(refusal).toBeInstanceOf(CixError);
      expect(refusal).toMatchObject({ status: 403, code: "PERSISTED_QUERY_NOT_IN_LIST" });
      expectNoInternals((refusal as CixError).message);
    }
    expect((await client.request(SeizureByCaseDocument, { reportingAgency: PROD_AGENCY, caseNumber })).seizureByCase).toBeNull();
  });

  it("waits as long as Retry-After says when rate-limited, and reports RATE_LIMITED when it may not wait", async () => {
    const impatient = await clientOf("td-burst", { maxRetries: 0 });
    const answers = await Promise.allSettled(Array.from({ length: RATE_LIMIT + 2 }, () => impatient.request(OperationsDocument)));
    const refused = answers.filter((a): a is PromiseRejectedResult => a.status === "rejected").map((a) => a.reason as CixError);
    expect(refused.length).toBeGreaterThanOrEqual(2);
    for (const error of refused) {
      expect(error).toMatchObject({ status: 429, code: "RATE_LIMITED" });
      expect(error.retryAfterSeconds).toBeGreaterThanOrEqual(1);
      expect(error.retryAfterSeconds).toBeLessThanOrEqual(2);
    }

    const patient = await clientOf("td-burst");
    const started = Date.now();
    const all = await Promise.all(Array.from({ length: RATE_LIMIT + 2 }, () => patient.request(OperationsDocument)));
    expect(all).toHaveLength(RATE_LIMIT + 2);
    // The window was used up: every answer came, some only after waiting for Retry-After.
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
  });
});

/**
 * The Python example client installed (editable) in a virtualenv under var/, made with the machine's python3:
 * reused when it already has it (as `.ci/run` prepares it), created and installed with pip otherwise.
 */
async function pythonClient(): Promise<string> {
  const venv = path.join(repoRoot, "var", "python-venv");
  const python = path.join(venv, "bin", "python");
  const source = path.join(repoRoot, "clients", "python");
  if (!existsSync(python)) {
    const created = await runCommand("python3", ["-m", "venv", venv]);
    expect(created.code, created.stderr).toBe(0);
  }
  const installed = await runCommand(python, ["-c", "import cix_client, httpx; print(cix_client.__file__)"]);
  if (installed.code !== 0 || !installed.stdout.startsWith(source)) {
    const pip = await runCommand(python, ["-m", "pip", "install", "--quiet", "--disable-pip-version-check", "--editable", source]);
    expect(pip.code, pip.stderr).toBe(0);
  }
  return python;
}

function runCommand(command: string, args: readonly string[], env: Record<string, string> = {}): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: tmpdir(), env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}
