import { readFileSync } from "node:fs";
import {
  buildASTSchema,
  getNamedType,
  isInterfaceType,
  isLeafType,
  isObjectType,
  parse,
  TypeInfo,
  visit,
  visitWithTypeInfo,
  type DocumentNode,
} from "graphql";
import { loadSecrets, verifyAuditTrail, type Role } from "@cix/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { authHeaders, type TestCaller } from "../support/auth.js";
import { deleteAgencyRecords } from "../support/cleanup.js";
import { iban, mobile, ok, s10 } from "../support/ecommerce.js";
import { startTestStack, testConfig, unique, type GraphQLResponse, type TestStack } from "../support/stack.js";

/**
 * The permission matrix: every role, agency relation and purpose, against every nominal field of every record
 * type, reached directly, through federated references, fragments and aliases. Nominal values appear exactly
 * where MODEL.md's rules allow them; each allowed read leaves an audit entry.
 */
const supergraph = buildASTSchema(parse(readFileSync(new URL("../../schema/supergraph.graphql", import.meta.url), "utf8")), {
  assumeValidSDL: true,
});

/** Every type's nominal fields, selected generically from the schema marking (leaves as is, objects by __typename). */
function nominalSelection(typeName: string): string {
  const type = supergraph.getType(typeName);
  if (!isObjectType(type) && !isInterfaceType(type)) throw new Error(`no object type ${typeName}`);
  return Object.values(type.getFields())
    .filter((f) => f.astNode?.directives?.some((d) => d.name.value === "nominal"))
    .filter((f) => f.args.every((a) => !(a.type.toString().endsWith("!") && a.defaultValue === undefined)))
    .map((f) => (isLeafType(getNamedType(f.type)) ? f.name : `${f.name} { __typename }`))
    .join(" ");
}

const MATRIX_QUERY = `
query Matrix($person: ID!, $company: ID!, $seizure: ID!, $order: ID!, $payment: ID!, $shipment: ID!,
  $agency: String!, $reference: String!, $registration: String!, $orderNumber: String!, $transactionId: String!, $tracking: String!) {
  person(id: $person) { id ownerAgency ${nominalSelection("Person")} phones { number } identityDocuments { number } }
  company(id: $company) { id ${nominalSelection("Company")} }
  seizure(id: $seizure) {
    id caseNumber ${nominalSelection("Seizure")}
    conveyance { mode ${nominalSelection("Conveyance")} }
    viaReference: offenders { id ... on Person { fullName dateOfBirth } ... on Company { name registrationNumber } }
    shipments { id ${nominalSelection("Shipment")} declaredConsignee { ${nominalSelection("DeclaredParty")} } }
  }
  order(id: $order) { id ${nominalSelection("Order")} declaredBuyer { ${nominalSelection("DeclaredParty")} address { ${nominalSelection("DeclaredAddress")} } } buyer { id ...PartyNames } }
  payment(id: $payment) { id amount ${nominalSelection("Payment")} payer { ${nominalSelection("PaymentAccount")} } }
  shipment(id: $shipment) { id ${nominalSelection("Shipment")} consignee { id ...PartyNames } }
  aliased: person(id: $person) { id first: fullName second: fullName born: dateOfBirth }
  party(id: $person) { id name ... on Person { givenNames familyName } }
  byReference: personByReference(agency: $agency, reference: $reference) { id fullName }
  byRegistration: companyByRegistration(agency: $agency, registrationCountry: "NL", registrationNumber: $registration) { id name }
  orderByNumber(agency: $agency, platform: "shop.example", orderNumber: $orderNumber) { id }
  paymentByTransaction(agency: $agency, provider: "psp", transactionId: $transactionId) { id }
  shipmentByTracking(agency: $agency, carrier: "PostNL", trackingNumber: $tracking) { id }
}
fragment PartyNames on Party { name ... on Person { fullName aliases } ... on Company { registrationNumber } }`;

/** Response paths (with list indices) of every nominal field the matrix query selected, found with TypeInfo. */
function nominalPaths(document: DocumentNode, data: unknown): Array<Array<string | number>> {
  const patterns: string[][] = [];
  const stack: string[] = [];
  const typeInfo = new TypeInfo(supergraph);
  visit(
    document,
    visitWithTypeInfo(typeInfo, {
      Field: {
        enter(node) {
          stack.push(node.alias?.value ?? node.name.value);
          const def = typeInfo.getFieldDef();
          if (def?.astNode?.directives?.some((d) => d.name.value === "nominal")) patterns.push([...stack]);
        },
        leave() {
          stack.pop();
        },
      },
      FragmentDefinition: { enter: () => { stack.length = 0; } },
    }),
  );
  // Fragment spreads: expand the fragment's patterns under each spread site by matching on the data instead.
  const out: Array<Array<string | number>> = [];
  const walk = (value: unknown, pattern: string[], path: Array<string | number>) => {
    if (pattern.length === 0) return out.push(path);
    if (Array.isArray(value)) return value.forEach((v, i) => walk(v, pattern, [...path, i]));
    if (value && typeof value === "object" && pattern[0]! in value) walk((value as Record<string, unknown>)[pattern[0]!], pattern.slice(1), [...path, pattern[0]!]);
  };
  for (const p of patterns) walk(data, p, []);
  // Fields selected through the PartyNames fragment sit under buyer/consignee.
  for (const root of [["order", "buyer"], ["shipment", "consignee"]]) {
    for (const field of ["name", "fullName", "aliases", "registrationNumber"]) walk(data, [...root, field], []);
  }
  return out;
}

function valueAt(data: unknown, path: Array<string | number>): unknown {
  return path.reduce<unknown>((v, k) => (v && typeof v === "object" ? (v as Record<string | number, unknown>)[k] : undefined), data);
}

interface Scenario {
  name: string;
  caller: () => TestCaller;
  /** Which fixture set is read (own records of A, or records of B shared with A). */
  fixture: "owned" | "shared" | "sharedRed" | "sharedH2" | "sharedH2Released" | "unshared";
  allowed: boolean;
}

describe("permission matrix: nominal data only for those entitled to it", () => {
  let stack: TestStack;
  const A = unique("PMA");
  const B = unique("PMB");
  const fixtures: Record<string, Record<string, string>> = {};
  /** The natural keys each fixture was written with, by its person's id (for the lookups by key). */
  const naturalKeys: Record<string, Record<string, string>> = {};
  let operationId: string;
  const auditKey = loadSecrets(testConfig()).auditKey;

  async function createFixture(owner: string, tag: string, markings: Record<string, string>): Promise<Record<string, string>> {
    const as = await authHeaders({ role: "investigator", agency: owner, purpose: "CASE-2024-fixture" });
    const phone = mobile();
    const person = ok(
      await stack.query<{ upsertPerson: { id: string } }>(
        `mutation($i: PersonInput!) { upsertPerson(input: $i) { id } }`,
        {
          i: {
            reference: `P-${tag}`, givenNames: "Jan", familyName: `Jansen${tag}`, fullName: `Jan Jansen${tag}`, aliases: ["JJ"],
            dateOfBirth: "1980-02-03", gender: "MALE", nationalities: ["NL"], phones: [phone], emails: [`jan.${tag.toLowerCase()}@example.org`],
            addresses: [{ street: `Kade ${tag}`, postcode: "1011 AA", city: "Amsterdam", country: "NL" }],
            bankAccounts: [{ iban: iban() }],
            identityDocuments: [{ type: "PASSPORT", number: `NX${tag.slice(-6)}`, issuingCountry: "NL" }],
            markings,
          },
        },
        as,
      ),
    ).upsertPerson.id;
    const company = ok(
      await stack.query<{ upsertCompany: { id: string } }>(
        `mutation($i: CompanyInput!) { upsertCompany(input: $i) { id } }`,
        { i: { name: `Trading ${tag} BV`, registrationNumber: `KVK${tag.slice(-6)}`, registrationCountry: "NL", markings } },
        as,
      ),
    ).upsertCompany.id;
    // The person owns a share of the company: roleHolders and companyRoles hold a link for those who may read both.
    ok(
      await stack.query(
        `mutation($i: CompanyRoleHolderInput!) { linkCompanyRoleHolder(input: $i) { id } }`,
        { i: { holderId: person, companyId: company, role: "SHAREHOLDER", sharePercentage: 51, note: `Register ${tag}` } },
        as,
      ),
    );
    const seizure = ok(
      await stack.query<{ upsertSeizure: { id: string } }>(
        `mutation($i: SeizureInput!) { upsertSeizure(input: $i) { id } }`,
        {
          i: {
            caseNumber: `CASE-${tag}`, seizedAt: "2024-05-01T08:00:00Z", commodity: "TOBACCO", placeLocode: "NLRTM",
            conveyance: { mode: "ROAD", vehicleRegistration: `XX-${tag.slice(-4)}` }, offenderIds: [person, company], markings,
          },
        },
        as,
      ),
    ).upsertSeizure.id;
    const declared = { name: `Jan Jansen${tag}`, phone, email: `buyer.${tag.toLowerCase()}@example.org`, address: { street: "Kade 1", city: "Amsterdam", postcode: "1011 AA", country: "NL" } };
    const order = ok(
      await stack.query<{ upsertOrder: { id: string } }>(
        `mutation($i: OrderInput!) { upsertOrder(input: $i) { id } }`,
        {
          i: {
            platform: "shop.example", orderNumber: `O-${tag}`, orderDate: "2024-04-20T10:00:00Z", buyer: declared, seller: { name: "Seller Ltd" },
            buyerPartyId: person, items: [{ description: "cigarettes", hsCode: "240220", quantity: 10, unitValue: 5, currency: "EUR", originCountry: "CN" }],
            markings,
          },
        },
        as,
      ),
    ).upsertOrder.id;
    const payment = ok(
      await stack.query<{ upsertPayment: { id: string } }>(
        `mutation($i: PaymentInput!) { upsertPayment(input: $i) { id } }`,
        {
          i: {
            provider: "psp", transactionId: `T-${tag}`, method: "BANK_TRANSFER", amount: 50, currency: "EUR", paidAt: "2024-04-20T10:05:00Z",
            payer: { iban: iban(), holderName: `Jan Jansen${tag}` }, payee: { identifier: "wallet-1", holderName: "Seller Ltd" }, orderId: order, markings,
          },
        },
        as,
      ),
    ).upsertPayment.id;
    const tracking = s10();
    const shipment = ok(
      await stack.query<{ upsertShipment: { id: string } }>(
        `mutation($i: ShipmentInput!) { upsertShipment(input: $i) { id } }`,
        {
          i: {
            trackingNumber: tracking, carrier: "PostNL", deliveryMode: "POSTAL", consignor: { name: "Seller Ltd" }, consignee: declared,
            consigneePartyId: person, originCountry: "CN", destinationCountry: "NL", grossWeightKg: 1.2, pieces: 1, orderId: order, seizureId: seizure, markings,
          },
        },
        as,
      ),
    ).upsertShipment.id;
    naturalKeys[person] = { agency: owner, reference: `P-${tag}`, registration: `KVK${tag.slice(-6)}`, orderNumber: `O-${tag}`, transactionId: `T-${tag}`, tracking };
    return { person, company, seizure, order, payment, shipment };
  }

  async function share(ids: Record<string, string>, release: boolean) {
    const as = await authHeaders({ role: "investigator", agency: B, purpose: "CASE-2024-share" });
    ok(await stack.query(`mutation($op: ID!, $ids: [ID!]!, $r: Boolean!) { shareIntoOperation(id: $op, recordIds: $ids, release: $r) }`, { op: operationId, ids: Object.values(ids), r: release }, as));
  }

  beforeAll(async () => {
    stack = await startTestStack();
    fixtures.owned = await createFixture(A, `${A}-OWN`, { tlp: "AMBER", handling: "H0" });
    fixtures.unshared = await createFixture(B, `${B}-UNS`, { tlp: "GREEN", handling: "H0" });
    fixtures.shared = await createFixture(B, `${B}-SHR`, { tlp: "AMBER", handling: "H0" });
    fixtures.sharedRed = await createFixture(B, `${B}-RED`, { tlp: "RED", handling: "H0" });
    fixtures.sharedH2 = await createFixture(B, `${B}-H2N`, { tlp: "AMBER", handling: "H2" });
    fixtures.sharedH2Released = await createFixture(B, `${B}-H2R`, { tlp: "AMBER", handling: "H2" });
    const lead = await authHeaders({ role: "supervisor", agency: B, purpose: "OP-2024-open" });
    operationId = ok(
      await stack.query<{ openOperation: { id: string } }>(
        `mutation($i: OpenOperationInput!) { openOperation(input: $i) { id } }`,
        { i: { name: `Op ${B}`, memberAgencies: [A], endsAt: new Date(Date.now() + 86_400_000).toISOString(), retentionDays: 1 } },
        lead,
      ),
    ).openOperation.id;
    await share(fixtures.shared, false);
    await share(fixtures.sharedRed, false);
    await share(fixtures.sharedH2, false);
    await share(fixtures.sharedH2Released, true);
  }, 240_000);

  afterAll(async () => {
    await deleteAgencyRecords(stack.db, A);
    await deleteAgencyRecords(stack.db, B);
    await stack.stop();
  });

  const who = (role: Role, agency: () => string, purpose = true) => () => ({
    role,
    agency: agency(),
    purpose: purpose ? "CASE-4711" : undefined,
    sub: unique(`${role}`),
  });
  const scenarios: Scenario[] = [
    ...(["investigator", "supervisor"] as Role[]).map((role) => ({ name: `${role} of the owner agency, with purpose`, caller: who(role, () => A), fixture: "owned" as const, allowed: true })),
    { name: "investigator of the owner agency, without purpose", caller: who("investigator", () => A, false), fixture: "owned", allowed: false },
    ...(["partner", "analyst", "admin"] as Role[]).map((role) => ({ name: `${role} of the owner agency`, caller: who(role, () => A), fixture: "owned" as const, allowed: false })),
    { name: "investigator of another agency, not shared", caller: who("investigator", () => A), fixture: "unshared", allowed: false },
    { name: "investigator of a member agency, shared into an open operation", caller: who("investigator", () => A), fixture: "shared", allowed: true },
    { name: "analyst of a member agency, shared into an open operation", caller: who("analyst", () => A), fixture: "shared", allowed: false },
    { name: "investigator of a member agency, shared but TLP RED", caller: who("investigator", () => A), fixture: "sharedRed", allowed: false },
    { name: "investigator of a member agency, shared H2 without release", caller: who("investigator", () => A), fixture: "sharedH2", allowed: false },
    { name: "investigator of a member agency, shared H2 released by the owner", caller: who("investigator", () => A), fixture: "sharedH2Released", allowed: true },
  ];

  it.each(scenarios)("$name → nominal fields $allowed", async (scenario) => {
    const caller = scenario.caller();
    const ids = fixtures[scenario.fixture]!;
    const res = await stack.query(MATRIX_QUERY, { ...ids, ...naturalKeys[ids.person!] }, await authHeaders(caller));
    expect(res.status).toBe(200);
    const data = res.data as Record<string, Record<string, unknown>>;
    // Non-nominal records are always there, by id or natural key; persons and companies are nominal records as a whole.
    for (const root of ["seizure", "order", "payment", "shipment"]) expect(data[root]?.id).toBe(ids[root]);
    expect([data.orderByNumber?.id, data.paymentByTransaction?.id, data.shipmentByTracking?.id]).toEqual([ids.order, ids.payment, ids.shipment]);
    const forbidden = new Set((res.errors ?? []).filter((e) => e.extensions?.code === "FORBIDDEN").map((e) => JSON.stringify(e.path)));
    const otherErrors = (res.errors ?? []).filter((e) => e.extensions?.code !== "FORBIDDEN");
    expect(otherErrors).toEqual([]);
    const paths = nominalPaths(parse(MATRIX_QUERY), data);
    expect(paths.length).toBeGreaterThan(scenario.allowed ? 40 : 15);
    const nominalRoots = { person: ids.person, company: ids.company, aliased: ids.person, party: ids.person };
    if (scenario.allowed) {
      for (const [root, id] of Object.entries(nominalRoots)) expect(data[root]?.id).toBe(id);
      expect([data.byReference?.id, data.byRegistration?.id]).toEqual([ids.person, ids.company]);
      expect([...forbidden]).toEqual([]);
      expect(data.person!.fullName).toMatch(/^Jan Jansen/);
      expect(data.aliased!.first).toBe(data.person!.fullName);
      expect((data.seizure!.viaReference as Array<Record<string, unknown>>).map((p) => p.fullName ?? p.name).sort()[0]).toMatch(/^Jan Jansen|^Trading/);
      expect((data.order!.declaredBuyer as Record<string, unknown>).phone).toBeTruthy();
      expect((data.shipment!.consignee as Record<string, unknown>).fullName).toBe(data.person!.fullName);
      expect([data.company!.roleHolders, data.person!.companyRoles]).toEqual([[{ __typename: "CompanyRoleLink" }], [{ __typename: "CompanyRoleLink" }]]);
      await expectAudited(caller.sub!, [ids.person!, ids.order!, ids.shipment!]);
    } else {
      for (const root of Object.keys(nominalRoots)) {
        expect(data[root], `${root} is withheld as a whole`).toBeNull();
        expect(forbidden.has(JSON.stringify([root])), `FORBIDDEN error at ${root}`).toBe(true);
      }
      // By natural key (guessable): a caller who may read no nominal data (role, purpose) is told so whatever the
      // key; one refused for the record itself gets null without an error, as for a key nobody recorded.
      const callerRefused = !["investigator", "supervisor"].includes(caller.role) || !caller.purpose;
      for (const root of ["byReference", "byRegistration"]) {
        expect(data[root], `${root} is withheld as a whole`).toBeNull();
        expect(forbidden.has(JSON.stringify([root])), `FORBIDDEN error at ${root}: ${callerRefused}`).toBe(callerRefused);
      }
      for (const path of paths) {
        expect(valueAt(data, path), `value at ${path.join(".")}`).toBeNull();
        expect(forbidden.has(JSON.stringify(path)), `FORBIDDEN error at ${path.join(".")}`).toBe(true);
      }
      const leaked = JSON.stringify(data);
      expect(leaked).not.toContain("Jansen");
      expect(leaked).not.toContain("@example.org");
    }
  });

  async function expectAudited(sub: string, recordIds: string[]) {
    const rows = await stack.db.read<{ ids: string[]; purpose: string }>(
      "MATCH (e:AuditEntry { sub: $sub, kind: 'READ' }) RETURN e.recordIds AS ids, e.payload AS purpose",
      { sub },
    );
    const audited = new Set(rows.flatMap((r) => r.ids));
    for (const id of recordIds) expect(audited.has(id), `audit entry for ${id}`).toBe(true);
    expect(rows.every((r) => r.purpose.includes("CASE-4711"))).toBe(true);
  }

  it("search results hide parties the caller may not see, and refuse callers without the role or a purpose", async () => {
    const name = `Jansen${A}`;
    const query = `query($n: String) { searchParties(name: $n, first: 10) { nodes { id name } } }`;
    const mine = await stack.query<{ searchParties: { nodes: Array<{ id: string }> } }>(query, { n: name }, await authHeaders({ role: "investigator", agency: A, purpose: "CASE-2024-search" }));
    expect(mine.data?.searchParties.nodes.map((n) => n.id)).toContain(fixtures.owned!.person);
    const other = await stack.query<{ searchParties: { nodes: Array<{ id: string }> } }>(query, { n: name }, await authHeaders({ role: "investigator", agency: B, purpose: "CASE-2024-search" }));
    expect(other.data?.searchParties.nodes.map((n) => n.id) ?? []).not.toContain(fixtures.owned!.person);
    const analyst: GraphQLResponse = await stack.query(query, { n: name }, await authHeaders({ role: "analyst", agency: A, purpose: "CASE-2024-search" }));
    expect(analyst.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    expect(JSON.stringify(analyst.data ?? null)).not.toContain("Jansen");
  });

  it("closing the operation ends a member's access at once", async () => {
    const caller = await authHeaders({ role: "investigator", agency: A, purpose: "CASE-4711" });
    const q = `query($id: ID!) { person(id: $id) { id fullName } }`;
    const before = await stack.query<{ person: { fullName: string | null } }>(q, { id: fixtures.shared!.person }, caller);
    expect(before.data?.person.fullName).toMatch(/^Jan Jansen/);
    const lead = await authHeaders({ role: "supervisor", agency: B, purpose: "OP-2024-close" });
    ok(await stack.query(`mutation($id: ID!) { closeOperation(id: $id) { status } }`, { id: operationId }, lead));
    const after = await stack.query<{ person: { fullName: string | null } | null }>(q, { id: fixtures.shared!.person }, caller);
    expect(after.data?.person).toBeNull();
    expect(after.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
  });

  it("the audit trail detects an altered entry", async () => {
    const [entry] = await stack.db.read<{ seq: number; payload: string }>(
      "MATCH (e:AuditEntry) WHERE e.agency IN [$a, $b] RETURN e.seq AS seq, e.payload AS payload ORDER BY e.seq DESC LIMIT 1",
      { a: A, b: B },
    );
    expect(entry).toBeDefined();
    expect((await verifyAuditTrail(stack.db, auditKey)).ok).toBe(true);
    // Someone with database access rewrites who read the data.
    await stack.db.write("MATCH (e:AuditEntry { seq: $seq }) SET e.payload = replace(e.payload, $agency, 'SOMEONE-ELSE')", { seq: entry!.seq, agency: entry!.payload.includes(A) ? A : B });
    try {
      const verdict = await verifyAuditTrail(stack.db, auditKey);
      expect(verdict.ok).toBe(false);
      expect(verdict.firstBrokenSeq).toBe(entry!.seq);
    } finally {
      await stack.db.write("MATCH (e:AuditEntry { seq: $seq }) SET e.payload = $payload", entry!);
    }
    expect((await verifyAuditTrail(stack.db, auditKey)).ok).toBe(true);
  });
});

describe("audit trail queries: supervisors see their agency's trail, data owners see who read their records", () => {
  let stack: TestStack;
  const owner = unique("AUO");
  const reader = unique("AUR");

  beforeAll(async () => {
    stack = await startTestStack();
  });
  afterAll(async () => {
    await deleteAgencyRecords(stack.db, owner);
    await stack.stop();
  });

  it("lists reads of the owner's records to its supervisor, and the reader agency's requests to theirs", async () => {
    const investigator = await authHeaders({ role: "investigator", agency: owner, purpose: "CASE-9", sub: `inv@${owner}` });
    const id = ok(
      await stack.query<{ upsertPerson: { id: string } }>(`mutation { upsertPerson(input: { reference: "R1", fullName: "Ada Audit" }) { id } }`, undefined, investigator),
    ).upsertPerson.id;
    ok(await stack.query(`query($id: ID!) { person(id: $id) { fullName } }`, { id }, investigator));

    const reads = ok(
      await stack.query<{ readsOfOurRecords: { nodes: Array<{ officer: string; purpose: string; records: Array<{ id: string; fields: string[] }> }> } }>(
        `query($id: ID) { readsOfOurRecords(recordId: $id, first: 10) { nodes { officer purpose records { id fields } } } }`,
        { id },
        await authHeaders({ role: "supervisor", agency: owner }),
      ),
    ).readsOfOurRecords.nodes;
    expect(reads[0]).toMatchObject({ officer: `inv@${owner}`, purpose: "CASE-9", records: [{ id, fields: ["Person.fullName", "Query.person"] }] });

    const trail = await stack.query<{ auditTrail: { nodes: unknown[] } }>(`{ auditTrail(first: 5) { nodes { seq officer } } }`, undefined, await authHeaders({ role: "supervisor", agency: reader }));
    expect(trail.data?.auditTrail.nodes).toEqual([]);
    const denied = await stack.query(`{ auditTrail(first: 5) { nodes { seq } } }`, undefined, await authHeaders({ role: "investigator", agency: owner }));
    expect(denied.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
  });
});
