import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { authHeaders } from "../support/auth.js";
import { deleteAgencyRecords } from "../support/cleanup.js";
import { upsertOrder, upsertPayment } from "../support/ecommerce.js";
import { minimalCase, upsertSeizure } from "../support/seizures.js";
import { startTestStack, unique, type GraphQLResponse, type TestStack } from "../support/stack.js";
import { deleteImportData, toCsv } from "./import-fixtures.js";

/**
 * Input hygiene through the gateway (issue 13): control characters, bidirectional controls and lone surrogates
 * are refused in every String input and every import row, with the field and the character as U+XXXX, and nothing
 * is stored; letters of every script are kept exactly; line breaks only where free text is allowed; a purpose
 * must look like a case or operation reference; money is in a currency of money.
 */

const AGENCY = unique("NL-HYG").replace(/[^A-Z0-9-]/g, "");
let stack: TestStack;
let as: Record<string, string>;

beforeAll(async () => {
  stack = await startTestStack();
  as = await authHeaders({ role: "investigator", agency: AGENCY, country: "NL", purpose: "CASE-2024-001" });
});

afterAll(async () => {
  if (!stack) return;
  await deleteImportData(stack.db, AGENCY);
  await deleteAgencyRecords(stack.db, AGENCY);
  await stack.stop();
});

/** The characters of the issue: NUL, an ANSI escape sequence, BEL and RIGHT-TO-LEFT OVERRIDE, with their U+ names. */
const HOSTILE: ReadonlyArray<[string, string, string]> = [
  ["NUL", "\u0000", "U+0000"],
  ["an ESC sequence", "\u001b[31m", "U+001B"],
  ["BEL", "\u0007", "U+0007"],
  ["U+202E", "\u202e", "U+202E"],
];

const UPSERT_PERSON = `mutation($input: PersonInput!) { upsertPerson(input: $input) { id fullName reference aliases } }`;
const PERSON = `query($id: ID!) { person(id: $id) { id fullName reference aliases } }`;

async function count(label: "Person" | "Seizure" | "Order" | "Payment", where = "", params: Record<string, unknown> = {}): Promise<number> {
  const [row] = await stack.db.read<{ n: number }>(`MATCH (r:${label} { ownerAgency: $agency }) ${where} RETURN count(r) AS n`, { agency: AGENCY, ...params });
  return row!.n;
}

/** Asserts one BAD_USER_INPUT naming `field`, `expected` and the character as U+XXXX, never the character itself. */
function expectRefused(res: GraphQLResponse, field: string, codePoint: string, raw?: string) {
  const error = res.errors?.[0];
  expect(error?.extensions?.code, JSON.stringify(res)).toBe("BAD_USER_INPUT");
  expect(error?.extensions?.field).toBe(field);
  expect(typeof error?.extensions?.expected).toBe("string");
  expect(error?.message).toContain(codePoint);
  expect(error?.message).toContain(field);
  if (raw) expect(JSON.stringify(res)).not.toContain(JSON.stringify(raw).slice(1, -1));
}

describe("control characters and bidirectional controls are refused, with the field and U+XXXX, and nothing is stored", () => {
  it.each(HOSTILE)("%s in a person's fullName and reference (variables and inline literals)", async (_name, raw, codePoint) => {
    const ref = unique("REF");
    for (const [input, field] of [
      [{ fullName: `Jan${raw}Smit`, reference: ref }, "input.fullName"],
      [{ fullName: "Jan Smit", reference: `${ref}${raw}` }, "input.reference"],
      [{ fullName: "Jan Smit", reference: ref, aliases: ["J. Smit", `Smit${raw}`] }, "input.aliases[1]"],
    ] as const) {
      const res = await stack.query(UPSERT_PERSON, { input }, as);
      expectRefused(res, field, codePoint, raw);
      expect(res.data?.upsertPerson ?? null).toBeNull();
    }
    const literal = JSON.stringify(`Jan${raw}Smit`); // a GraphQL string literal with the character escaped
    const inline = await stack.query(`mutation { upsertPerson(input: { fullName: ${literal}, reference: "${ref}" }) { id } }`, undefined, as);
    expectRefused(inline, "input.fullName", codePoint, raw);
    expect(await count("Person", "WHERE r.reference = $ref OR r.fullName CONTAINS 'Smit'", { ref })).toBe(0);
  });

  it.each(HOSTILE)("%s in a seizure's caseNumber, a goods description and a query argument", async (_name, raw, codePoint) => {
    const caseNumber = unique("HYG");
    const bad = await upsertSeizure(stack, minimalCase(`${caseNumber}${raw}`), as);
    expectRefused(bad, "input.caseNumber", codePoint, raw);
    // Free text does not let control characters through either.
    const goods = await upsertSeizure(stack, minimalCase(caseNumber, { goods: [{ description: `Cigarettes${raw}`, quantity: 1, unit: "KG" }] }), as);
    expectRefused(goods, "input.goods[0].description", codePoint, raw);
    const query = await stack.query(`query($c: String!) { seizureByCase(reportingAgency: "${AGENCY}", caseNumber: $c) { id } }`, { c: `${caseNumber}${raw}` }, as);
    expectRefused(query, "caseNumber", codePoint, raw);
    expect(await count("Seizure")).toBe(0);
  });

  it("an unpaired surrogate, a C1 control and the invisible marks in a name are refused too", async () => {
    for (const [fullName, codePoint] of [
      ["Jan \ud800Smit", "U+D800"],
      ["Jan\u009bSmit", "U+009B"],
      ["Jan\u2066Smit\u2069", "U+2066"],
      ["Jan\u200fSmit", "U+200F"],
      ["يان\u061cسميت", "U+061C"],
    ] as const) {
      expectRefused(await stack.query(UPSERT_PERSON, { input: { fullName } }, as), "input.fullName", codePoint);
    }
    expect(await count("Person")).toBe(0);
  });
});

describe("letters of every script are kept; line breaks only in free text", () => {
  it("stores names in Arabic, Cyrillic, Chinese, Devanagari with combining marks and Persian with ZWNJ exactly, and refuses the same names with a control in them", async () => {
    const names = [
      "محمد عبد الله الأحمد",
      "Дмитрий Сергеевич Волков",
      "王小明",
      "अनिरुद्ध कृष्णमूर्ति", // Devanagari: virama and vowel signs are combining marks
      "Zoë Nguyễn Thị Hồng", // Latin with combining-sequence letters (precomposed, as typed)
      "e\u0301mile O\u0308zil", // Latin letters followed by combining accents (decomposed), kept decomposed
      "مهرداد می\u200cخواهد", // Persian with ZERO WIDTH NON-JOINER
      "क्\u200dष", // Devanagari with ZERO WIDTH JOINER
    ];
    for (const fullName of names) {
      const reference = unique("SCRIPT");
      const res = await stack.query<{ upsertPerson: { id: string; fullName: string; reference: string } }>(UPSERT_PERSON, { input: { fullName, reference, aliases: [fullName] } }, as);
      expect(res.errors, fullName).toBeUndefined();
      const read = await stack.query<{ person: { fullName: string; reference: string; aliases: string[] } }>(PERSON, { id: res.data!.upsertPerson.id }, as);
      expect(read.errors).toBeUndefined();
      expect(read.data!.person).toMatchObject({ fullName, reference, aliases: [fullName] });
      const [stored] = await stack.db.read<{ name: string }>("MATCH (p:Person { ownerAgency: $agency, reference: $reference }) RETURN p.fullName AS name", { agency: AGENCY, reference });
      expect(stored!.name).toBe(fullName);
      // The same name with a bidirectional override is not a name.
      expectRefused(await stack.query(UPSERT_PERSON, { input: { fullName: `${fullName}\u202e` } }, as), "input.fullName", "U+202E");
    }
  });

  it("stores a multi-line description and concealment note where free text is allowed, and refuses a line break or tab in a case number or name", async () => {
    const caseNumber = unique("HYG-ML");
    const description = "Cigarettes, 10 cartons:\n- 6 \"duty free\"\r\n- 4 unmarked\tin the spare tyre";
    const note = "Behind the panel.\nSecond compartment under the floor.";
    const res = await upsertSeizure(stack, minimalCase(caseNumber, { goods: [{ description, quantity: 10, unit: "PIECES" }], concealment: { method: "VEHICLE_COMPARTMENT", description: note } }), as);
    expect(res.errors).toBeUndefined();
    const [stored] = await stack.db.read<{ goods: string }>(
      "MATCH (s:Seizure { ownerAgency: $agency, caseNumber: $caseNumber })-[:GOODS]->(g) RETURN g.description AS goods",
      { agency: AGENCY, caseNumber },
    );
    expect(stored!.goods).toBe(description);
    const read = await stack.query<{ seizure: { goods: Array<{ description: string }>; concealment: { description: string } } }>(
      `query($id: ID!) { seizure(id: $id) { goods { description } concealment { description } } }`,
      { id: res.data!.upsertSeizure.id },
      as,
    );
    expect(read.data!.seizure.goods[0]!.description).toBe(description);
    expect(read.data!.seizure.concealment.description).toBe(note);

    for (const [input, field, codePoint] of [
      [minimalCase(`${caseNumber}\n2`), "input.caseNumber", "U+000A"],
      [minimalCase(`${caseNumber}\t2`), "input.caseNumber", "U+0009"],
      [minimalCase(`${caseNumber}-2`, { conveyance: { mode: "ROAD", carrierName: "Trans\r\nport" } }), "input.conveyance.carrierName", "U+000D"],
    ] as const) {
      expectRefused(await upsertSeizure(stack, input, as), field, codePoint);
    }
    expectRefused(await stack.query(UPSERT_PERSON, { input: { fullName: "Jan\nSmit" } }, as), "input.fullName", "U+000A");
    expect(await count("Seizure")).toBe(1);
    expect(await count("Person", "WHERE r.fullName CONTAINS 'Smit'")).toBe(0);
  });
});

describe("import rows get the same rule", () => {
  const base = () => stack.gatewayUrl.replace(/\/graphql$/, "");
  const JOB = `query($id: ID!) { importJob(id: $id) { status accepted rejected errors(first: 50) { row field code message } } }`;
  type Job = { status: string; accepted: number; rejected: number; errors: Array<{ row: number; field: string; code: string; message: string }> };

  async function importCsv(kind: string, csv: string): Promise<Job> {
    const res = await fetch(`${base()}/import/${kind}`, { method: "POST", headers: { "content-type": "text/csv", ...as }, body: csv });
    expect(res.status).toBe(202);
    const { jobId } = (await res.json()) as { jobId: string };
    for (let i = 0; i < 300; i++) {
      const job = await stack.query<{ importJob: Job }>(JOB, { id: jobId }, as);
      if (job.data!.importJob.status !== "RUNNING") return job.data!.importJob;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`import job ${jobId} did not finish`);
  }

  it("a CSV of persons: each hostile name or reference is refused with its row, field and U+XXXX; the good rows are stored exactly", async () => {
    const good = unique("IMP-OK");
    const rows = [
      { reference: good, fullName: "Ольга Петровна Смирнова" },
      ...HOSTILE.map(([, raw], i) => (i % 2 === 0 ? { reference: unique("IMP-BAD"), fullName: `Olga${raw}Smirnova` } : { reference: `${unique("IMP-BAD")}${raw}`, fullName: "Olga Smirnova" })),
      { reference: unique("IMP-BAD"), fullName: "Olga\nSmirnova" },
      { reference: `${good}-2`, fullName: "سارا می\u200cخواهد" },
    ];
    const job = await importCsv("persons", toCsv(rows));
    expect(job).toMatchObject({ status: "COMPLETED", accepted: 2, rejected: 5 });
    expect(job.errors.map((e) => [e.row, e.field, e.code])).toEqual([
      [3, "fullName", "INVALID_VALUE"],
      [4, "reference", "INVALID_VALUE"],
      [5, "fullName", "INVALID_VALUE"],
      [6, "reference", "INVALID_VALUE"],
      [7, "fullName", "INVALID_VALUE"],
    ]);
    expect(job.errors.map((e) => /U\+[0-9A-F]{4}/.exec(e.message)?.[0])).toEqual(["U+0000", "U+001B", "U+0007", "U+202E", "U+000A"]);
    for (const e of job.errors) expect(e.message).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u202e]/); // eslint-disable-line no-control-regex
    const stored = await stack.db.read<{ reference: string; name: string }>(
      "MATCH (p:Person { ownerAgency: $agency }) WHERE p.reference STARTS WITH 'IMP-' RETURN p.reference AS reference, p.fullName AS name ORDER BY reference",
      { agency: AGENCY },
    );
    expect(stored).toEqual([
      { reference: good, name: "Ольга Петровна Смирнова" },
      { reference: `${good}-2`, name: "سارا می\u200cخواهد" },
    ]);
  });

  it("a CSV of seizures: a control character in a case number, and a currency that is not money, are refused; the multi-line goods line is stored", async () => {
    const ok = unique("IMP-CASE");
    const seizure = (caseNumber: string, goods: Record<string, unknown>) => ({ ...minimalCase(caseNumber), goods: [{ quantity: 1, unit: "KG", ...goods }] });
    const job = await importCsv(
      "seizures",
      toCsv([
        seizure(`${unique("IMP-CASE")}\u0007`, { description: "x" }),
        seizure(unique("IMP-CASE"), { description: "x", estimatedValue: 5, currency: "XXX" }),
        seizure(unique("IMP-CASE"), { description: "x", estimatedValue: 5, currency: "XAU" }),
        seizure(ok, { description: "Two lines\nof tobacco", estimatedValue: 5, currency: "XOF" }),
      ]),
    );
    expect(job).toMatchObject({ status: "COMPLETED", accepted: 1, rejected: 3 });
    expect(job.errors.map((e) => [e.row, e.field, e.code])).toEqual([
      [2, "caseNumber", "INVALID_VALUE"],
      [3, "goods[0].currency", "INVALID_CODE"],
      [4, "goods[0].currency", "INVALID_CODE"],
    ]);
    expect(job.errors[0]!.message).toMatch(/U\+0007/);
    expect(job.errors[1]!.message).toMatch(/XXX.*not a currency of money/);
    expect(job.errors[2]!.message).toMatch(/XAU.*gold.*not a currency of money/);
    const stored = await stack.db.read<{ caseNumber: string; description: string; currency: string }>(
      "MATCH (s:Seizure { ownerAgency: $agency })-[:GOODS]->(g) WHERE s.caseNumber STARTS WITH 'IMP-CASE' RETURN s.caseNumber AS caseNumber, g.description AS description, g.currency AS currency",
      { agency: AGENCY },
    );
    expect(stored).toEqual([{ caseNumber: ok, description: "Two lines\nof tobacco", currency: "XOF" }]);
  });
});

describe("x-cix-purpose must look like a case or operation reference", () => {
  it("refuses '...', 'search' and 'x' with 400 BAD_REQUEST stating the pattern, and accepts CASE-2024-001", async () => {
    const person = await stack.query<{ upsertPerson: { id: string } }>(UPSERT_PERSON, { input: { fullName: "Purpose Probe", reference: unique("PURPOSE") } }, as);
    const id = person.data!.upsertPerson.id;
    for (const purpose of ["...", "search", "x"]) {
      const headers = await authHeaders({ role: "investigator", agency: AGENCY, purpose });
      const res = await stack.query(PERSON, { id }, headers);
      expect(res.status, purpose).toBe(400);
      expect(res.data ?? null).toBeNull();
      expect(res.errors?.[0]?.extensions).toMatchObject({ code: "BAD_REQUEST", field: "x-cix-purpose" });
      expect(res.errors?.[0]?.message).toMatch(/3 to 100 characters.*at least one digit.*CASE-2024-001/);
    }
    const accepted = await stack.query<{ person: { fullName: string } }>(PERSON, { id }, await authHeaders({ role: "investigator", agency: AGENCY, purpose: "CASE-2024-001" }));
    expect(accepted.status).toBe(200);
    expect(accepted.errors).toBeUndefined();
    expect(accepted.data!.person.fullName).toBe("Purpose Probe");
  });
});

describe("money is in a currency of money, not XXX or a metal", () => {
  const NOT_MONEY = /an ISO 4217 currency code of money, e\.g\. "EUR"/;

  it("a goods value in XXX or XAU is refused (variables and literals) with the field; EUR and XOF are accepted", async () => {
    for (const currency of ["XXX", "XAU"]) {
      const res = await upsertSeizure(stack, minimalCase(unique("CUR"), { goods: [{ description: "x", quantity: 1, unit: "KG", estimatedValue: 5, currency }] }), as);
      expect(res.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "input.goods[0].currency", expected: expect.stringMatching(NOT_MONEY) });
      expect(res.errors?.[0]?.message).toContain(currency);
      const literal = await stack.query(
        `mutation { upsertSeizure(input: { caseNumber: "${unique("CUR")}", seizedAt: "2024-01-01T00:00:00Z", commodity: TOBACCO, goods: [{ description: "x", quantity: 1, unit: KG, estimatedValue: 5, currency: "${currency}" }] }) { id } }`,
        undefined,
        as,
      );
      expect(literal.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "input.goods[0].currency", expected: expect.stringMatching(NOT_MONEY) });
    }
    expect(await count("Seizure", "WHERE r.caseNumber STARTS WITH 'CUR-'")).toBe(0);
    for (const currency of ["EUR", "XOF"]) {
      const res = await upsertSeizure(stack, minimalCase(unique("CUR"), { goods: [{ description: "x", quantity: 1, unit: "KG", estimatedValue: 5, currency }] }), as);
      expect(res.errors, currency).toBeUndefined();
      expect((res.data!.upsertSeizure.goods as Array<{ currency: string }>)[0]!.currency).toBe(currency);
    }
  });

  it("an order or a payment in XXX or XAU is refused with the field; EUR and XOF are accepted", async () => {
    const order = (currency: string) => ({ platform: "HygieneShop", orderNumber: unique("ORD"), orderDate: "2024-03-01T10:00:00Z", currency, totalValue: 10, items: [{ description: "thing", quantity: 1, unitValue: 10 }] });
    const payment = (currency: string) => ({ provider: "HygienePay", transactionId: unique("TX"), method: "E_WALLET", amount: 10, currency, paidAt: "2024-03-01T10:00:00Z" });
    for (const currency of ["XXX", "XAU"]) {
      const o = await upsertOrder(stack, order(currency), as, "id");
      expect(o.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "input.currency", expected: expect.stringMatching(NOT_MONEY) });
      const p = await upsertPayment(stack, payment(currency), as, "id");
      expect(p.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "input.currency", expected: expect.stringMatching(NOT_MONEY) });
    }
    expect(await count("Order")).toBe(0);
    expect(await count("Payment")).toBe(0);
    for (const currency of ["EUR", "XOF"]) {
      const o = await upsertOrder(stack, order(currency), as, "id currency");
      expect(o.errors, currency).toBeUndefined();
      expect(o.data!.upsertOrder.currency).toBe(currency);
      const p = await upsertPayment(stack, payment(currency), as, "id currency");
      expect(p.errors, currency).toBeUndefined();
      expect(p.data!.upsertPayment.currency).toBe(currency);
    }
  });
});
