import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { authHeaders } from "../support/auth.js";
import { deleteEcommerceData, ok, s10, upsertOrder, upsertPayment, upsertShipment } from "../support/ecommerce.js";
import { deleteAgencyData } from "../support/seizures.js";
import { startTestStack, unique, type TestStack } from "../support/stack.js";

interface Page {
  nodes: Array<{ id: string }>;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}

describe("e-commerce lists: filters, keyset pagination, batched loading", () => {
  let stack: TestStack;
  let as: Record<string, string>;
  const agency = unique("TEST-ECL");
  // Filter values unique to this run, so other test files' data never shows up.
  const platform = unique("Shop");
  const carrier = unique("Carrier");
  const provider = unique("Pay");
  const orders: string[] = [];
  const shipments: string[] = [];
  const payments: string[] = [];
  let personId: string;

  beforeAll(async () => {
    stack = await startTestStack();
    as = await authHeaders({ role: "investigator", agency, country: "NL", purpose: "CASE-2024-ecommerce-lists" });
    personId = ok(
      await stack.query<{ upsertPerson: { id: string } }>(
        `mutation($input: PersonInput!) { upsertPerson(input: $input) { id } }`,
        { input: { fullName: "List Person" } },
        as,
      ),
    ).upsertPerson.id;
    const seizureId = ok(
      await stack.query<{ upsertSeizure: { id: string } }>(
        `mutation($input: SeizureInput!) { upsertSeizure(input: $input) { id } }`,
        { input: { caseNumber: "ECL-1", seizedAt: "2024-01-20T09:00:00Z", commodity: "MEDICINES" } },
        as,
      ),
    ).upsertSeizure.id;

    // Three orders, oldest first: o0 (VN watches, bought by the person), o1 (sold by the person), o2 (CN pills).
    const specs = [
      { day: "2024-01-10", buyer: "Anna Smith", hsCode: "910211", origin: "VN", buyerPartyId: personId },
      { day: "2024-01-11", buyer: "Bob Jones", hsCode: "640399", origin: "CN", sellerPartyId: personId },
      { day: "2024-01-12", buyer: "Carla SMITHSON", hsCode: "300490", origin: "CN" },
    ];
    for (const [i, spec] of specs.entries()) {
      const o = await upsertOrder(
        stack,
        {
          platform,
          orderNumber: `O-${i}`,
          orderDate: `${spec.day}T10:00:00Z`,
          buyer: { name: spec.buyer },
          buyerPartyId: spec.buyerPartyId ?? null,
          sellerPartyId: spec.sellerPartyId ?? null,
          items: [{ description: "goods", hsCode: spec.hsCode, originCountry: spec.origin }],
        },
        as,
        "id",
      );
      orders.push(ok(o).upsertOrder.id);
      const p = await upsertPayment(
        stack,
        {
          provider,
          transactionId: `T-${i}`,
          method: i === 1 ? "CRYPTO" : "CARD",
          amount: 10 + i,
          currency: i === 2 ? "USD" : "EUR",
          paidAt: `${spec.day}T11:00:00Z`,
          orderId: orders[i],
        },
        as,
        "id",
      );
      payments.push(ok(p).upsertPayment.id);
      const s = await upsertShipment(
        stack,
        {
          trackingNumber: i === 1 ? `EXP-${i}-${platform}` : s10(),
          carrier,
          deliveryMode: i === 1 ? "EXPRESS" : "POSTAL",
          originCountry: spec.origin,
          destinationLocode: i === 2 ? "BEANR" : "NLRTM",
          consigneePartyId: i === 2 ? personId : null,
          shippedAt: `${spec.day}T12:00:00Z`,
          orderId: orders[i],
          seizureId: i === 2 ? seizureId : null,
        },
        as,
        "id",
      );
      shipments.push(ok(s).upsertShipment.id);
    }
  });

  afterAll(async () => {
    await deleteEcommerceData(stack.db, agency);
    await deleteAgencyData(stack.db, agency);
    await stack.stop();
  });

  async function page(list: "orders" | "shipments" | "payments", filter: Record<string, unknown>, first = 20, after: string | null = null) {
    const filterType = { orders: "OrderFilter", shipments: "ShipmentFilter", payments: "PaymentFilter" }[list];
    const res = await stack.query<Record<string, Page>>(
      `query($filter: ${filterType}, $first: Int!, $after: String) {
         ${list}(filter: $filter, first: $first, after: $after) { nodes { id } pageInfo { hasNextPage endCursor } } }`,
      { filter, first, after },
      as,
    );
    return ok(res)[list]!;
  }

  const ids = (p: Page) => p.nodes.map((n) => n.id);

  it("pages through orders newest first with cursors", async () => {
    const first = await page("orders", { platform }, 2);
    expect(ids(first)).toEqual([orders[2], orders[1]]);
    expect(first.pageInfo.hasNextPage).toBe(true);
    const second = await page("orders", { platform }, 2, first.pageInfo.endCursor);
    expect(ids(second)).toEqual([orders[0]]);
    expect(second.pageInfo.hasNextPage).toBe(false);
  });

  it("filters orders by date range, buyer name, origin country and HS prefix", async () => {
    expect(ids(await page("orders", { platform, from: "2024-01-11T00:00:00Z", to: "2024-01-12T00:00:00Z" }))).toEqual([orders[1]]);
    expect(ids(await page("orders", { platform, buyerName: "smith" }))).toEqual([orders[2], orders[0]]);
    expect(ids(await page("orders", { platform, originCountry: "CN" }))).toEqual([orders[2], orders[1]]);
    expect(ids(await page("orders", { platform, hsPrefix: "9102" }))).toEqual([orders[0]]);
    expect(ids(await page("orders", { platform, hsPrefix: "30", originCountry: "VN" }))).toEqual([]);
  });

  it("filters shipments by carrier, mode, countries, dates and seizure", async () => {
    expect(ids(await page("shipments", { carrier }))).toEqual([shipments[2], shipments[1], shipments[0]]);
    expect(ids(await page("shipments", { carrier, mode: "EXPRESS" }))).toEqual([shipments[1]]);
    expect(ids(await page("shipments", { carrier, originCountry: "CN", destinationCountry: "NL" }))).toEqual([shipments[1]]);
    expect(ids(await page("shipments", { carrier, seized: true }))).toEqual([shipments[2]]);
    expect(ids(await page("shipments", { carrier, seized: false, to: "2024-01-11T00:00:00Z" }))).toEqual([shipments[0]]);
    const first = await page("shipments", { carrier }, 1);
    const second = await page("shipments", { carrier }, 1, first.pageInfo.endCursor);
    expect([...ids(first), ...ids(second)]).toEqual([shipments[2], shipments[1]]);
  });

  it("filters payments by provider, method, currency and dates", async () => {
    expect(ids(await page("payments", { provider }))).toEqual([payments[2], payments[1], payments[0]]);
    expect(ids(await page("payments", { provider, method: "CRYPTO" }))).toEqual([payments[1]]);
    expect(ids(await page("payments", { provider, currency: "USD" }))).toEqual([payments[2]]);
    expect(ids(await page("payments", { provider, from: "2024-01-11T00:00:00Z" }))).toEqual([payments[2], payments[1]]);
  });

  it("lists a party's orders, payments and shipments, one page at a time", async () => {
    const res = await stack.query<{ person: { orders: Page; payments: Page; shipments: Page } }>(
      `query($id: ID!, $after: String) { person(id: $id) {
         orders(first: 1, after: $after) { nodes { id } pageInfo { hasNextPage endCursor } }
         payments { nodes { id } pageInfo { hasNextPage endCursor } }
         shipments { nodes { id } pageInfo { hasNextPage endCursor } }
       } }`,
      { id: personId },
      as,
    );
    const person = ok(res).person;
    expect(ids(person.orders)).toEqual([orders[1]]);
    expect(person.orders.pageInfo.hasNextPage).toBe(true);
    expect(ids(person.payments)).toEqual([payments[0]]);
    expect(ids(person.shipments)).toEqual([shipments[2]]);
    const next = await stack.query<{ person: { orders: Page } }>(
      `query($id: ID!, $after: String) { person(id: $id) { orders(first: 1, after: $after) { nodes { id } pageInfo { hasNextPage endCursor } } } }`,
      { id: personId, after: person.orders.pageInfo.endCursor },
      as,
    );
    expect(ids(ok(next).person.orders)).toEqual([orders[0]]);
    expect(ok(next).person.orders.pageInfo.hasNextPage).toBe(false);
  });

  it("loads a page of orders with their payments, shipments and orders back in a fixed number of Cypher queries", async () => {
    const metricsUrl = stack.subgraphs.ecommerce.url.replace(/\/graphql$/, "/metrics");
    const reads = async () => {
      const text = await (await fetch(metricsUrl)).text();
      const line = text.split("\n").find((l) => l.startsWith('cix_cypher_queries_total{component="ecommerce",mode="READ"}'));
      return Number(line?.split(" ").at(-1) ?? 0);
    };
    const before = await reads();
    const res = await stack.query<{ orders: { nodes: Array<{ payments: unknown[]; shipments: unknown[] }> } }>(
      `query($platform: String!) { orders(filter: { platform: $platform }) { nodes {
         id payments { id order { id } } shipments { id order { id } seizure { id } }
       } } }`,
      { platform },
      as,
    );
    expect(ok(res).orders.nodes).toHaveLength(3);
    // The list, payments by order and shipments by order: 3, however many orders (the orders back come from the list).
    expect((await reads()) - before).toBe(3);
  });
});
