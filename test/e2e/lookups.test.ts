import { randomUUID } from "node:crypto";
import { ImportJobLostError, ImportJobStore } from "@cix/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { authHeaders, type TestCaller } from "../support/auth.js";
import { deleteAgencyRecords } from "../support/cleanup.js";
import { digits, iban, mobile, ok, s10 } from "../support/ecommerce.js";
import { startTestStack, unique, type GraphQLResponse, type TestStack } from "../support/stack.js";
import { deleteImportData } from "./import-fixtures.js";

/**
 * Issue 19, item 6: an integrator finds a person, company, order, payment or shipment by its agency's own reference
 * or natural key, written as the integrator might write it, and the import report gives each accepted row's hub id.
 * References are guessable, so a person or company the caller may not read answers exactly like one nobody recorded.
 */

const OWNER = unique("NL-LKP");
const OTHER = unique("BE-LKP");
const OUTSIDER = unique("FR-LKP");
let stack: TestStack;

const as = (caller: Partial<TestCaller> & Pick<TestCaller, "agency">) =>
  authHeaders({ role: "investigator", purpose: "CASE-2024-lookup", ...caller });

/** What the owner wrote, as stored (ids) and the natural keys it was written with. */
const written = {
  person: { id: "", reference: "" },
  company: { id: "", registrationNumber: "" },
  order: { id: "", orderNumber: "" },
  payment: { id: "", transactionId: "" },
  shipment: { id: "", trackingNumber: "" },
};

const PARTY_LOOKUPS = `query($agency: String!, $reference: String!, $number: String!) {
  personByReference(agency: $agency, reference: $reference) { id fullName reference }
  companyByRegistration(agency: $agency, registrationCountry: "NL", registrationNumber: $number) { id name registrationNumber }
}`;

type PartyAnswer = GraphQLResponse<{ personByReference: { id: string } | null; companyByRegistration: { id: string } | null }>;

const partyLookups = async (agency: string, reference: string, number: string, headers: Record<string, string>) =>
  (await stack.query(PARTY_LOOKUPS, { agency, reference, number }, headers)) as PartyAnswer;

/** The answer without what may differ between two requests (nothing but data and errors is compared). */
const shape = (res: PartyAnswer) => JSON.stringify({ status: res.status, data: res.data ?? null, errors: (res.errors ?? []).map((e) => ({ message: e.message, path: e.path, code: e.extensions?.code })) });

beforeAll(async () => {
  stack = await startTestStack();
  const owner = await as({ agency: OWNER });
  const tag = OWNER.slice(-8);
  written.person.reference = `Ref ${tag} 01`;
  written.person.id = ok(
    await stack.query<{ upsertPerson: { id: string } }>(
      `mutation($i: PersonInput!) { upsertPerson(input: $i) { id } }`,
      { i: { reference: written.person.reference, fullName: `Lia Lookup${tag}`, markings: { tlp: "AMBER" } } },
      owner,
    ),
  ).upsertPerson.id;
  const registration = digits(8);
  written.company.registrationNumber = registration;
  written.company.id = ok(
    await stack.query<{ upsertCompany: { id: string } }>(
      `mutation($i: CompanyInput!) { upsertCompany(input: $i) { id } }`,
      { i: { name: `Lookup ${tag} BV`, registrationNumber: `${registration.slice(0, 4)}.${registration.slice(4)}`, registrationCountry: "NL" } },
      owner,
    ),
  ).upsertCompany.id;
  written.order.orderNumber = `O-${tag}`;
  written.order.id = ok(
    await stack.query<{ upsertOrder: { id: string } }>(
      `mutation($i: OrderInput!) { upsertOrder(input: $i) { id } }`,
      {
        i: {
          platform: "shop.example", orderNumber: written.order.orderNumber, orderDate: "2024-04-20T10:00:00Z",
          items: [{ description: "cigarettes", hsCode: "240220", quantity: 10, unitValue: 5, currency: "EUR" }],
        },
      },
      owner,
    ),
  ).upsertOrder.id;
  written.payment.transactionId = `T-${tag}`;
  written.payment.id = ok(
    await stack.query<{ upsertPayment: { id: string } }>(
      `mutation($i: PaymentInput!) { upsertPayment(input: $i) { id } }`,
      { i: { provider: "psp", transactionId: written.payment.transactionId, method: "BANK_TRANSFER", amount: 50, currency: "EUR", paidAt: "2024-04-20T10:05:00Z", payer: { iban: iban() } } },
      owner,
    ),
  ).upsertPayment.id;
  written.shipment.trackingNumber = s10();
  written.shipment.id = ok(
    await stack.query<{ upsertShipment: { id: string } }>(
      `mutation($i: ShipmentInput!) { upsertShipment(input: $i) { id } }`,
      { i: { trackingNumber: written.shipment.trackingNumber, carrier: "PostNL", deliveryMode: "POSTAL", originCountry: "CN", destinationCountry: "NL" } },
      owner,
    ),
  ).upsertShipment.id;
}, 180_000);

afterAll(async () => {
  for (const agency of [OWNER, OTHER, OUTSIDER]) {
    await deleteImportData(stack.db, agency);
    await deleteAgencyRecords(stack.db, agency);
  }
  await stack.stop();
});

describe("lookups by the agency's own reference or natural key", () => {
  it("find what the upserts wrote, with the key written as an integrator might (case, spaces, punctuation), and audit the nominal reads", async () => {
    const headers = await as({ agency: OWNER, sub: `integrator@${OWNER}` });
    const agency = `  ${OWNER.toLowerCase()} `;
    const tracking = written.shipment.trackingNumber.toLowerCase().replace(/^(..)(....)/, "$1 $2 ");
    const res = await stack.query<Record<string, { id: string } | null>>(
      `query($agency: String!, $reference: String!, $number: String!, $order: String!, $tx: String!, $tracking: String!) {
        personByReference(agency: $agency, reference: $reference) { id reference }
        companyByRegistration(agency: $agency, registrationCountry: "NL", registrationNumber: $number) { id registrationNumber }
        orderByNumber(agency: $agency, platform: " shop.example ", orderNumber: $order) { id orderNumber }
        paymentByTransaction(agency: $agency, provider: "psp ", transactionId: $tx) { id transactionId }
        shipmentByTracking(agency: $agency, carrier: " PostNL", trackingNumber: $tracking) { id trackingNumber }
      }`,
      {
        agency,
        reference: `  ${written.person.reference.replace(/ /g, "   ")} `,
        number: `${written.company.registrationNumber.slice(0, 2)} ${written.company.registrationNumber.slice(2, 5)}-${written.company.registrationNumber.slice(5)}`,
        order: ` ${written.order.orderNumber}`,
        tx: `${written.payment.transactionId}  `,
        tracking,
      },
      headers,
    );
    expect(res.errors).toBeUndefined();
    expect(res.data).toEqual({
      personByReference: { id: written.person.id, reference: written.person.reference },
      companyByRegistration: { id: written.company.id, registrationNumber: written.company.registrationNumber },
      orderByNumber: { id: written.order.id, orderNumber: written.order.orderNumber },
      paymentByTransaction: { id: written.payment.id, transactionId: written.payment.transactionId },
      shipmentByTracking: { id: written.shipment.id, trackingNumber: written.shipment.trackingNumber },
    });

    // A key that names nothing is null, without an error, for every kind.
    const none = await stack.query(
      `query($agency: String!) {
        personByReference(agency: $agency, reference: "no such reference") { id }
        companyByRegistration(agency: $agency, registrationCountry: "NL", registrationNumber: "00000000") { id }
        orderByNumber(agency: $agency, platform: "shop.example", orderNumber: "no-such-order") { id }
        paymentByTransaction(agency: $agency, provider: "psp", transactionId: "no-such-tx") { id }
        shipmentByTracking(agency: $agency, carrier: "PostNL", trackingNumber: "RR000000000GB") { id }
      }`,
      { agency: OWNER },
      headers,
    );
    expect(none).toEqual({
      status: 200,
      data: { personByReference: null, companyByRegistration: null, orderByNumber: null, paymentByTransaction: null, shipmentByTracking: null },
    });

    // The person and company reads are audited as `person(id)` reads are: the record, the root field, the purpose.
    const entries = await stack.db.read<{ payload: string }>("MATCH (e:AuditEntry { sub: $sub, kind: 'READ' }) RETURN e.payload AS payload", {
      sub: `integrator@${OWNER}`,
    });
    const records = entries.flatMap((e) => (JSON.parse(e.payload) as { purpose: string; records: Array<{ id: string; fields: string[] }> }).records);
    expect(records.filter((r) => r.id === written.person.id).flatMap((r) => r.fields)).toContain("Query.personByReference");
    expect(records.filter((r) => r.id === written.company.id).flatMap((r) => r.fields)).toContain("Query.companyByRegistration");
    expect(entries.every((e) => e.payload.includes("CASE-2024-lookup"))).toBe(true);
  });

  it("answer another agency's investigator null without an error, exactly as for a reference nobody recorded, until the owner shares the records", async () => {
    const other = await as({ agency: OTHER });
    const existing = await partyLookups(OWNER, written.person.reference, written.company.registrationNumber, other);
    const missing = await partyLookups(OWNER, `${written.person.reference}-X`, `${written.company.registrationNumber}9`, other);
    expect(existing).toEqual({ status: 200, data: { personByReference: null, companyByRegistration: null } });
    expect(shape(existing)).toBe(shape(missing));
    expect(JSON.stringify(existing)).not.toContain("FORBIDDEN");

    // Shared into an open operation OTHER is a member of, the same lookup finds them (and only for its members).
    const lead = await as({ agency: OWNER, role: "supervisor" });
    const operationId = ok(
      await stack.query<{ openOperation: { id: string } }>(
        `mutation($i: OpenOperationInput!) { openOperation(input: $i) { id } }`,
        { i: { name: `Lookups ${OWNER}`, memberAgencies: [OTHER], endsAt: new Date(Date.now() + 86_400_000).toISOString(), retentionDays: 1 } },
        lead,
      ),
    ).openOperation.id;
    ok(
      await stack.query(
        `mutation($op: ID!, $ids: [ID!]!) { shareIntoOperation(id: $op, recordIds: $ids) }`,
        { op: operationId, ids: [written.person.id, written.company.id] },
        await as({ agency: OWNER }),
      ),
    );
    const shared = await partyLookups(OWNER, written.person.reference, written.company.registrationNumber, other);
    expect(shared.errors).toBeUndefined();
    expect(shared.data?.personByReference?.id).toBe(written.person.id);
    expect(shared.data?.companyByRegistration?.id).toBe(written.company.id);
    const outsider = await partyLookups(OWNER, written.person.reference, written.company.registrationNumber, await as({ agency: OUTSIDER }));
    expect(shape(outsider)).toBe(shape(missing));
  });

  it("refuse callers without the role or a purpose with person(id)'s FORBIDDEN, whether the record exists or not", async () => {
    const reasonOfPersonById = async (headers: Record<string, string>) => {
      const res = await stack.query(`query($id: ID!) { person(id: $id) { id } }`, { id: written.person.id }, headers);
      expect(res.data).toEqual({ person: null });
      return res.errors?.[0]?.message;
    };
    for (const caller of [
      { agency: OWNER, role: "partner" as const },
      { agency: OWNER, role: "analyst" as const },
      { agency: OWNER, purpose: undefined },
      { agency: OTHER, role: "partner" as const },
    ]) {
      const headers = await as(caller);
      const existing = await partyLookups(OWNER, written.person.reference, written.company.registrationNumber, headers);
      const missing = await partyLookups(OWNER, `${written.person.reference}-X`, `${written.company.registrationNumber}9`, headers);
      const label = `${caller.role ?? "investigator"} of ${caller.agency === OWNER ? "the owner" : "another agency"}${"purpose" in caller ? " without a purpose" : ""}`;
      expect(shape(existing), label).toBe(shape(missing));
      expect(existing.data, label).toEqual({ personByReference: null, companyByRegistration: null });
      expect(existing.errors?.map((e) => e.extensions?.code), label).toEqual(["FORBIDDEN", "FORBIDDEN"]);
      if (caller.agency === OWNER) expect(existing.errors?.[0]?.message, label).toBe(await reasonOfPersonById(headers));
      expect(JSON.stringify(existing), label).not.toContain(written.person.id);
    }
  });
});

describe("the import report gives each accepted row's hub id", () => {
  const base = () => stack.gatewayUrl.replace(/\/graphql$/, "");

  async function finished(jobId: string, headers: Record<string, string>): Promise<{ status: string; accepted: number; rejected: number }> {
    for (let i = 0; i < 300; i++) {
      const res = await stack.query<{ importJob: { status: string; accepted: number; rejected: number } }>(
        `query($id: ID!) { importJob(id: $id) { status accepted rejected } }`,
        { id: jobId },
        headers,
      );
      const job = ok(res).importJob;
      if (job.status !== "RUNNING") return job;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`import job ${jobId} did not finish`);
  }

  it("lists every accepted row with its reference and the id of the Neo4j node written for it, in report.json and report.csv", async () => {
    const headers = await as({ agency: OWNER });
    const tag = OWNER.slice(-8);
    const references = [`IMP-${tag}-1`, `IMP-${tag}-2`, `IMP-${tag}-4`];
    const lines = [
      { reference: references[0], fullName: "Ida Import" },
      { reference: references[1], givenNames: "Ivo", familyName: "Import", phones: [mobile()] },
      { reference: `IMP-${tag}-3`, fullName: "Ines Import", dateOfBirth: "not a date" },
      // Written with spaces the import collapses: the report gives the reference as stored (what finds the person).
      { reference: `  ${references[2]}  `, fullName: "Isa Import" },
    ];
    const upload = await fetch(`${base()}/import/persons`, {
      method: "POST",
      headers: { ...headers, "content-type": "application/x-ndjson" },
      body: lines.map((l) => JSON.stringify(l)).join("\n"),
    });
    expect(upload.status).toBe(202);
    const { jobId } = (await upload.json()) as { jobId: string };
    expect(await finished(jobId, headers)).toEqual({ status: "COMPLETED", accepted: 3, rejected: 1 });

    const stored = await stack.db.read<{ reference: string; id: string }>(
      "UNWIND $references AS reference MATCH (p:Person { ownerAgency: $agency, reference: reference }) RETURN reference, p.id AS id",
      { references, agency: OWNER },
    );
    const idOf = new Map(stored.map((s) => [s.reference, s.id]));
    expect(idOf.size).toBe(3);

    const json = await fetch(`${base()}/import/jobs/${jobId}/report.json`, { headers });
    expect(json.status).toBe(200);
    const report = (await json.json()) as {
      job: { accepted: number; acceptedListed: number };
      errors: Array<{ row: number; field: string; code: string }>;
      accepted: Array<{ row: number; id: string; key: { reference: string } }>;
    };
    expect(report.job).toMatchObject({ accepted: 3, acceptedListed: 3 });
    expect(report.errors.map((e) => [e.row, e.field, e.code])).toEqual([[3, "dateOfBirth", "INVALID_DATE"]]);
    expect(report.accepted).toEqual([
      { row: 1, id: idOf.get(references[0]!), key: { reference: references[0] } },
      { row: 2, id: idOf.get(references[1]!), key: { reference: references[1] } },
      { row: 4, id: idOf.get(references[2]!), key: { reference: references[2] } },
    ]);

    // The default report.csv keeps API 1.0's errors-only format; ?rows=all adds the accepted rows and their ids.
    const errorsOnly = await fetch(`${base()}/import/jobs/${jobId}/report.csv`, { headers });
    expect(errorsOnly.status).toBe(200);
    const errorLines = (await errorsOnly.text()).trim().split("\r\n");
    expect(errorLines[0]).toBe("row,field,code,message");
    expect(errorLines.slice(1).map((line) => line.split(",").slice(0, 3))).toEqual([["3", "dateOfBirth", "INVALID_DATE"]]);

    const csv = await fetch(`${base()}/import/jobs/${jobId}/report.csv?rows=all`, { headers });
    expect(csv.status).toBe(200);
    // Messages may hold commas: the columns after them are read from the end (ids and these references hold none).
    const rows = (await csv.text()).trim().split("\r\n").map((line) => line.split(","));
    expect(rows[0]).toEqual(["row", "field", "code", "message", "status", "id", "reference"]);
    expect(rows.slice(1).map((r) => [r[0], r[1], r[2], r.at(-3)])).toEqual([
      ["1", "", "", "ACCEPTED"],
      ["2", "", "", "ACCEPTED"],
      ["3", "dateOfBirth", "INVALID_DATE", "REJECTED"],
      ["4", "", "", "ACCEPTED"],
    ]);
    const accepted = rows.slice(1).filter((r) => r.at(-3) === "ACCEPTED");
    expect(accepted.map((r) => [r.at(-2), r.at(-1)])).toEqual(references.map((reference) => [idOf.get(reference), reference]));

    // The mapping closes the loop: the reference the report gives finds the id it gives.
    const found = await stack.query<{ personByReference: { id: string } }>(
      `query($agency: String!, $reference: String!) { personByReference(agency: $agency, reference: $reference) { id } }`,
      { agency: OWNER, reference: report.accepted[2]!.key.reference },
      headers,
    );
    expect(ok(found).personByReference.id).toBe(report.accepted[2]!.id);
  });

  it("stores a batch's accepted rows with its checkpoint, only while the process owns the job, up to CIX_IMPORT_MAX_ACCEPTED_IDS", async () => {
    const liveness = { heartbeatSeconds: 60, staleSeconds: 120 };
    const owner = new ImportJobStore(stack.db, 100, liveness, "lookups-process-1", 3);
    const intruder = new ImportJobStore(stack.db, 100, liveness, "lookups-process-2", 3);
    const job = await owner.create({
      id: randomUUID(), kind: "persons", format: "ndjson", ownerAgency: OWNER, createdBy: "cli:test", fileName: null,
      fileHash: "x", fileBytes: 1, dryRun: false, mapping: null, keyFields: ["reference"],
    });
    const batch = (rows: number[]) => ({
      lastRow: rows.at(-1)!, rows: rows.length, accepted: rows.length, rejected: 0, flagged: 0, errors: [],
      acceptedRows: rows.map((row) => ({ row, id: `id-${row}`, key: [`R-${row}`] })),
    });
    await owner.checkpoint(job.id, batch([1, 2]));
    // A process that does not own the job commits nothing: neither counts nor accepted rows.
    await expect(intruder.checkpoint(job.id, batch([3, 4]))).rejects.toBeInstanceOf(ImportJobLostError);
    await owner.checkpoint(job.id, batch([3, 4]));
    const listed = [];
    for await (const row of owner.allAccepted(job.id)) listed.push(row);
    expect(listed).toEqual([1, 2, 3].map((row) => ({ row, id: `id-${row}`, key: [`R-${row}`] })));
    expect(await owner.get(job.id)).toMatchObject({ accepted: 4, storedAccepted: 3, keyFields: ["reference"], checkpointRow: 4 });
  });
});
