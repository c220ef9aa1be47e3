import { readFileSync } from "node:fs";
import { buildASTSchema, parse } from "graphql";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { authHeaders, type TestCaller } from "../support/auth.js";
import { deleteAgencyRecords } from "../support/cleanup.js";
import { mobile, ok, s10 } from "../support/ecommerce.js";
import { startTestStack, unique, type GraphQLResponse, type TestStack } from "../support/stack.js";

/**
 * The channels issue 13 found nominal data escaping through, each reproduced as it was reported: names in page
 * cursors and cursors as an oracle, identifier holders of other agencies, reverse links from persons to their
 * orders and parcels, agencies' own references, partners writing persons, an operation widened after sharing, and
 * naming another agency's hidden person in one's own records.
 */
describe("leak channels: cursors, links, references, writes and sharing", () => {
  let stack: TestStack;
  const A = unique("LKA");
  const B = unique("LKB");
  const C = unique("LKC");
  const purpose = "CASE-2024-13";
  const as = (caller: Omit<TestCaller, "purpose"> & { purpose?: string | null }) =>
    authHeaders({ ...caller, purpose: caller.purpose === null ? undefined : (caller.purpose ?? purpose) });
  let investigatorA: Record<string, string>;
  let investigatorB: Record<string, string>;
  let hanna: string;
  let hannaPhone: string;
  let bPerson: string;

  /** An open operation led by the caller's agency, with these members, ending tomorrow. */
  const openOperation = async (lead: Record<string, string>, memberAgencies: string[]) =>
    ok(
      await stack.query<{ openOperation: { id: string } }>(
        `mutation($i: OpenOperationInput!) { openOperation(input: $i) { id } }`,
        { i: { name: unique("Op"), memberAgencies, endsAt: new Date(Date.now() + 86_400_000).toISOString(), retentionDays: 1 } },
        lead,
      ),
    ).openOperation.id;

  const upsertPerson = async (headers: Record<string, string>, input: Record<string, unknown>) =>
    ok(await stack.query<{ upsertPerson: { id: string } }>(`mutation($i: PersonInput!) { upsertPerson(input: $i) { id } }`, { i: input }, headers)).upsertPerson.id;

  beforeAll(async () => {
    stack = await startTestStack();
    investigatorA = await as({ role: "investigator", agency: A });
    investigatorB = await as({ role: "investigator", agency: B });
    hannaPhone = mobile();
    // B's suspect, TLP RED: never leaves B.
    hanna = await upsertPerson(investigatorB, {
      reference: `NATIONAL-${B}-123456789`,
      fullName: `Hanna Redacted ${B}`,
      phones: [hannaPhone],
      markings: { tlp: "RED" },
    });
    bPerson = await upsertPerson(investigatorB, { reference: `B-${B}`, fullName: `Bertil Other ${B}` });
    for (const name of ["Anna", "Hanne", "Hannes", "Zora"]) await upsertPerson(investigatorA, { reference: `A-${name}-${A}`, fullName: `${name} Mine ${A}` });
  }, 120_000);

  afterAll(async () => {
    for (const agency of [A, B, C]) await deleteAgencyRecords(stack.db, agency);
    await stack.stop();
  });

  const personsPage = (headers: Record<string, string>, after?: string, filter?: Record<string, unknown>) =>
    stack.query<{ persons: { nodes: Array<{ id: string; fullName: string }>; pageInfo: { endCursor: string | null; hasNextPage: boolean } } }>(
      `query($after: String, $filter: PersonFilter) { persons(first: 2, after: $after, filter: $filter) { nodes { id fullName } pageInfo { endCursor hasNextPage } } }`,
      { after, filter },
      headers,
    );

  it("persons' cursors carry no name, and pages hold only persons the caller may read, in an order that says nothing of the others", async () => {
    const seen: string[] = [];
    let after: string | undefined;
    for (let page = 0; page < 10; page++) {
      const res = ok(await personsPage(investigatorA, after, { ownerAgency: undefined, name: A.toLowerCase() }));
      seen.push(...res.persons.nodes.map((n) => n.fullName));
      const cursor = res.persons.pageInfo.endCursor;
      if (cursor) {
        const decoded = Buffer.from(cursor, "base64url").toString("latin1");
        expect(decoded.toLowerCase()).not.toContain("mine");
        expect(() => JSON.parse(decoded)).toThrow();
      }
      if (!res.persons.pageInfo.hasNextPage) break;
      after = cursor!;
    }
    expect(seen).toEqual([`Anna Mine ${A}`, `Hanne Mine ${A}`, `Hannes Mine ${A}`, `Zora Mine ${A}`]);
    // B's persons are not in A's list at all, whatever the filter.
    const all = ok(await stack.query<{ persons: { nodes: Array<{ id: string }> } }>(`{ persons(first: 500, filter: { name: "redacted" }) { nodes { id } } }`, undefined, investigatorA));
    expect(all.persons.nodes.map((n) => n.id)).not.toContain(hanna);
  });

  it("refuses hand-made, altered and transplanted cursors, so a cursor is no oracle", async () => {
    const handMade = Buffer.from(JSON.stringify([`hanna`, "~"])).toString("base64url");
    const refused = await personsPage(investigatorA, handMade);
    expect(refused.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "after" });
    const first = ok(await personsPage(investigatorA, undefined, { name: A.toLowerCase() }));
    const cursor = first.persons.pageInfo.endCursor!;
    const altered = cursor.slice(0, -2) + (cursor.endsWith("A") ? "B" : "A") + cursor.slice(-1);
    expect((await personsPage(investigatorA, altered, { name: A.toLowerCase() })).errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    // The same cursor with another filter, or sent by another caller, does not open.
    expect((await personsPage(investigatorA, cursor, { name: "anna" })).errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    const colleague = await as({ role: "investigator", agency: A, sub: unique("colleague") });
    expect((await personsPage(colleague, cursor, { name: A.toLowerCase() })).errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    expect(ok(await personsPage(investigatorA, cursor, { name: A.toLowerCase() })).persons.nodes).toHaveLength(2);
  });

  it("does not list persons or companies to callers who may not read them", async () => {
    for (const caller of [
      await as({ role: "partner", agency: B }),
      await as({ role: "analyst", agency: B }),
      await as({ role: "admin", agency: B }),
      await as({ role: "investigator", agency: B, purpose: null }),
    ]) {
      for (const query of [`{ persons(first: 5) { nodes { id reference } } }`, `{ companies(first: 5) { nodes { id } } }`]) {
        const res: GraphQLResponse = await stack.query(query, undefined, caller);
        expect(res.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
        expect(JSON.stringify(res.data ?? null)).not.toContain(B);
      }
    }
  });

  it("shows an identifier's holders only where the caller may read them (a guessed phone on one's own person finds nobody else)", async () => {
    const guesser = await upsertPerson(investigatorA, { reference: `GUESS-${A}`, fullName: `Guess Work ${A}`, phones: [hannaPhone] });
    const res = ok(
      await stack.query<{ person: { phones: Array<{ number: string; parties: Array<{ id: string; ownerAgency: string }> }> } }>(
        `query($id: ID!) { person(id: $id) { phones { number parties { id ownerAgency markings { tlp } } } } }`,
        { id: guesser },
        investigatorA,
      ),
    );
    const holders = res.person.phones[0]!.parties;
    expect(holders.map((h) => h.id)).toEqual([guesser]);
    expect(JSON.stringify(res)).not.toContain(hanna);
    expect(JSON.stringify(res)).not.toContain(B);
  });

  it("keeps the links from a person to orders, parcels and cases nominal, in every direction", async () => {
    // B records an order and a parcel of its own person, and shares the order and parcel (not the person) with A.
    const order = ok(
      await stack.query<{ upsertOrder: { id: string } }>(
        `mutation($i: OrderInput!) { upsertOrder(input: $i) { id } }`,
        {
          i: {
            platform: "shop.example", orderNumber: unique("O"), orderDate: "2024-04-20T10:00:00Z", buyer: { name: "Bertil" }, buyerPartyId: bPerson,
            items: [{ description: "phone case", hsCode: "392690", quantity: 1, unitValue: 5, currency: "EUR", originCountry: "CN" }],
          },
        },
        investigatorB,
      ),
    ).upsertOrder.id;
    const shipment = ok(
      await stack.query<{ upsertShipment: { id: string } }>(
        `mutation($i: ShipmentInput!) { upsertShipment(input: $i) { id } }`,
        { i: { trackingNumber: s10(), carrier: "PostNL", deliveryMode: "POSTAL", consignee: { name: "Bertil" }, consigneePartyId: bPerson, orderId: order } },
        investigatorB,
      ),
    ).upsertShipment.id;
    const lead = await as({ role: "supervisor", agency: B });
    const op = await openOperation(lead, [A]);
    ok(await stack.query(`mutation($op: ID!, $ids: [ID!]!) { shareIntoOperation(id: $op, recordIds: $ids) }`, { op, ids: [order, shipment] }, lead));

    const q = `query($o: ID!, $s: ID!) { order(id: $o) { id buyer { id } } shipment(id: $s) { id consignee { id ... on Person { orders { nodes { id } } shipments { nodes { id } } } } } }`;
    const member = await stack.query<{ order: { id: string; buyer: unknown }; shipment: { id: string; consignee: unknown } }>(q, { o: order, s: shipment }, investigatorA);
    expect(member.data?.order.id).toBe(order);
    // The order and parcel are A's to read; the person behind them is not: the links are absent, and silent.
    expect(member.data?.order.buyer).toBeNull();
    expect(member.data?.shipment.consignee).toBeNull();
    expect(member.errors ?? []).toEqual([]);
    expect(JSON.stringify(member)).not.toContain(bPerson);

    // The reverse fields are nominal on the person: a partner (or anyone not entitled) gets nothing through them.
    for (const caller of [await as({ role: "partner", agency: B }), await as({ role: "investigator", agency: B, purpose: null }), investigatorA]) {
      const reverse: GraphQLResponse = await stack.query(`query($id: ID!) { person(id: $id) { orders { nodes { id } } shipments { nodes { id } } payments { nodes { id } } seizures { nodes { id } } } }`, { id: bPerson }, caller);
      expect(reverse.data?.person ?? null).toBeNull();
      expect(reverse.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
      expect(JSON.stringify(reverse)).not.toContain(order);
    }
    const owner = ok(await stack.query<{ person: { orders: { nodes: Array<{ id: string }> } } }>(`query($id: ID!) { person(id: $id) { orders { nodes { id } } } }`, { id: bPerson }, investigatorB));
    expect(owner.person.orders.nodes.map((n) => n.id)).toEqual([order]);
  });

  it("keeps an agency's own reference of a person (often a national number) nominal", async () => {
    const partner: GraphQLResponse<{ person: { reference: string | null } | null }> = await stack.query(`query($id: ID!) { person(id: $id) { reference } }`, { id: bPerson }, await as({ role: "partner", agency: B }));
    expect(partner.data?.person ?? null).toBeNull();
    const ownerNoPurpose: GraphQLResponse = await stack.query(`query($id: ID!) { person(id: $id) { reference } }`, { id: bPerson }, await as({ role: "investigator", agency: B, purpose: null }));
    expect(JSON.stringify(ownerNoPurpose)).not.toContain(`B-${B}`);
    const owner = ok(await stack.query<{ person: { reference: string } }>(`query($id: ID!) { person(id: $id) { reference } }`, { id: bPerson }, investigatorB));
    expect(owner.person.reference).toBe(`B-${B}`);
  });

  it("lets only the roles a mutation names write: a partner or analyst cannot record a person or a case", async () => {
    const reference = unique("PARTNER-WRITE");
    for (const role of ["partner", "analyst", "admin"] as const) {
      const headers = await as({ role, agency: C });
      const person: GraphQLResponse = await stack.query(`mutation($i: PersonInput!) { upsertPerson(input: $i) { id } }`, { i: { reference, fullName: "Never Stored" } }, headers);
      expect(person.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
      const seizure: GraphQLResponse = await stack.query(
        `mutation($i: SeizureInput!) { upsertSeizure(input: $i) { id } }`,
        { i: { caseNumber: reference, seizedAt: "2024-05-01T08:00:00Z", commodity: "TOBACCO", placeLocode: "NLRTM" } },
        headers,
      );
      expect(seizure.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    }
    const [stored] = await stack.db.read<{ n: number }>("MATCH (n { ownerAgency: $agency }) RETURN count(n) AS n", { agency: C });
    expect(stored!.n).toBe(0);
  });

  it("marks every mutation of the published schema with the roles that may call it", () => {
    const supergraph = buildASTSchema(parse(readFileSync(new URL("../../schema/supergraph.graphql", import.meta.url), "utf8")), { assumeValidSDL: true });
    const unmarked = Object.values(supergraph.getMutationType()!.getFields()).filter((f) => !f.astNode?.directives?.some((d) => d.name.value === "roles"));
    expect(unmarked.map((f) => f.name)).toEqual([]);
  });

  it("answers a write naming another agency's hidden person as it answers a missing one", async () => {
    const name = (offender: string) =>
      stack.query(
        `mutation($i: SeizureInput!) { upsertSeizure(input: $i) { id } }`,
        { i: { caseNumber: unique("CASE"), seizedAt: "2024-05-01T08:00:00Z", commodity: "TOBACCO", placeLocode: "NLRTM", offenderIds: [offender] } },
        investigatorA,
      );
    const hidden = await name(hanna);
    const missing = await name("00000000-0000-4000-8000-000000000000");
    expect(hidden.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "input.offenderIds[0]" });
    expect(hidden.errors?.[0]?.message).toBe(missing.errors?.[0]?.message);
    const [cases] = await stack.db.read<{ n: number }>("MATCH (:Seizure)-[:OFFENDER]->(:Person { id: $id }) RETURN count(*) AS n", { id: hanna });
    expect(cases!.n).toBe(0);
  });

  it("shares a record with the operation's members of the day it was shared: a member added later reads it only once the owner shares it again", async () => {
    const lead = await as({ role: "supervisor", agency: B });
    const shared = await upsertPerson(investigatorB, { reference: unique("SHARED"), fullName: `Shared Suspect ${B}` });
    const op = await openOperation(lead, [A]);
    const shareIt = () => stack.query(`mutation($op: ID!, $ids: [ID!]!) { shareIntoOperation(id: $op, recordIds: $ids) }`, { op, ids: [shared] }, lead);
    ok(await shareIt());
    ok(await stack.query(`mutation($op: ID!) { changeOperationMembers(id: $op, add: ["${C}"]) { memberAgencies } }`, { op }, lead));
    const investigatorC = await as({ role: "investigator", agency: C });
    const read = (headers: Record<string, string>) => stack.query<{ person: { fullName: string } | null }>(`query($id: ID!) { person(id: $id) { fullName } }`, { id: shared }, headers);
    expect((await read(investigatorA)).data?.person?.fullName).toBe(`Shared Suspect ${B}`);
    const late = await read(investigatorC);
    expect(late.data?.person ?? null).toBeNull();
    expect(late.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    ok(await shareIt());
    expect((await read(investigatorC)).data?.person?.fullName).toBe(`Shared Suspect ${B}`);
  });
});
