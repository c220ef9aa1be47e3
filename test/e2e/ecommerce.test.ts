import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { authHeaders } from "../support/auth.js";
import { deleteEcommerceData, iban, mobile, ok, s10, upsertOrder, upsertPayment, upsertShipment } from "../support/ecommerce.js";
import { deleteAgencyData } from "../support/seizures.js";
import { startTestStack, unique, type TestStack } from "../support/stack.js";

describe("e-commerce: orders, payments and shipments linked to parties, identifiers and seizures", () => {
  let stack: TestStack;
  let as: Record<string, string>;
  const agency = unique("TEST-EC");

  beforeAll(async () => {
    stack = await startTestStack();
    as = await authHeaders({ role: "investigator", agency, country: "NL", purpose: "CASE ecommerce-e2e" });
  });

  afterAll(async () => {
    await deleteEcommerceData(stack.db, agency);
    await deleteAgencyData(stack.db, agency);
    await stack.stop();
  });

  /** A person of the test agency recorded through the entities subgraph, with a phone and a bank account. */
  async function createPerson(phone: string, account: string): Promise<string> {
    const res = await stack.query<{ upsertPerson: { id: string } }>(
      `mutation($input: PersonInput!) { upsertPerson(input: $input) { id } }`,
      { input: { fullName: "Jan de Vries", phones: [phone], bankAccounts: [{ iban: account }] } },
      as,
    );
    return ok(res).upsertPerson.id;
  }

  // A dozen writes and reads across three subgraphs; on a cold Neo4j, planning each new statement dominates.
  it("links an order, its payment and its shipment to each other, to a person and to a seizure, across subgraphs", { timeout: 90_000 }, async () => {
    const phone = mobile();
    const buyerAccount = iban();
    const personId = await createPerson(phone, buyerAccount);
    const seizure = await stack.query<{ upsertSeizure: { id: string } }>(
      `mutation($input: SeizureInput!) { upsertSeizure(input: $input) { id } }`,
      { input: { caseNumber: "EC-1", seizedAt: "2024-03-10T09:00:00Z", commodity: "IPR_COUNTERFEITS" } },
      as,
    );
    const seizureId = ok(seizure).upsertSeizure.id;

    const order = await upsertOrder(
      stack,
      {
        platform: "ExampleMarket",
        orderNumber: "EM-1001",
        orderDate: "2024-03-01T12:00:00+01:00",
        buyer: {
          name: "J. de Vries",
          // The same number as the person's, written the way a web shop form would take it.
          phone: `00${phone.slice(1, 3)} ${phone.slice(3, 4)}-${phone.slice(4, 8)} ${phone.slice(8)}`,
          email: " J.deVries@Example.org ",
          address: { street: "Damrak 1", city: "Amsterdam", postcode: "1012 LG", country: "nl" },
        },
        seller: { name: "Shenzhen Watch Co", address: { city: "Shenzhen", country: "CN" } },
        buyerPartyId: personId,
        items: [
          { description: "Wrist watch", hsCode: "9102.11", quantity: 2, unitValue: 15.5, originCountry: "CN" },
          { description: "Watch strap", quantity: 1, unitValue: 3, currency: "usd" },
        ],
        deliveryLocode: "NL AMS",
        totalValue: 34,
        currency: "EUR",
      },
      as,
    );
    const o = ok(order).upsertOrder;
    expect(o).toMatchObject({
      platform: "ExampleMarket",
      orderNumber: "EM-1001",
      orderDate: "2024-03-01T11:00:00.000Z",
      ownerAgency: agency,
      source: "graphql:upsertOrder",
      markings: { handling: "H0", tlp: "AMBER", sourceReliability: "X", informationAccuracy: "CANNOT_BE_JUDGED" },
      declaredBuyer: {
        name: "J. de Vries",
        phone: expect.stringMatching(/^00/),
        email: "J.deVries@Example.org",
        address: { street: "Damrak 1", city: "Amsterdam", postcode: "1012 LG", country: "NL" },
      },
      declaredSeller: { name: "Shenzhen Watch Co", phone: null, email: null, address: { street: null, city: "Shenzhen", postcode: null, country: "CN" } },
      items: [
        { description: "Wrist watch", hsCode: "910211", quantity: 2, unitValue: 15.5, currency: "EUR", originCountry: "CN" },
        { description: "Watch strap", hsCode: null, quantity: 1, unitValue: 3, currency: "USD", originCountry: null },
      ],
      deliveryLocode: "NLAMS",
      deliveryCountry: "NL",
      totalValue: 34,
      currency: "EUR",
    });

    const payeeAccount = iban();
    const payment = await upsertPayment(
      stack,
      {
        provider: "ExamplePay",
        transactionId: "TX-77",
        method: "BANK_TRANSFER",
        amount: 34,
        currency: "EUR",
        paidAt: "2024-03-01T11:05:00Z",
        payer: { iban: buyerAccount.replace(/(.{4})/g, "$1 ").toLowerCase(), holderName: "J de Vries" },
        payee: { iban: payeeAccount, bic: "NWBK GB 2L" },
        orderId: o.id,
      },
      as,
    );
    const p = ok(payment).upsertPayment;
    expect(p).toMatchObject({
      provider: "ExamplePay",
      transactionId: "TX-77",
      method: "BANK_TRANSFER",
      amount: 34,
      currency: "EUR",
      paidAt: "2024-03-01T11:05:00.000Z",
      payer: { iban: buyerAccount, bic: null, identifier: null, holderName: "J de Vries" },
      payee: { iban: payeeAccount, bic: "NWBKGB2L", identifier: null, holderName: null },
    });

    const tracking = s10("RR", "CN");
    const shipment = await upsertShipment(
      stack,
      {
        trackingNumber: `${tracking.slice(0, 2)} ${tracking.slice(2, 5)} ${tracking.slice(5, 8)} ${tracking.slice(8)}`.toLowerCase(),
        carrier: "China Post",
        deliveryMode: "POSTAL",
        consignor: { name: "Shenzhen Watch Co" },
        consignee: { name: "J. de Vries", phone, address: { street: "Damrak 1", city: "Amsterdam", postcode: "1012LG", country: "NL" } },
        consigneePartyId: personId,
        originLocode: "CNSZX",
        destinationCountry: "NL",
        grossWeightKg: 0.4,
        pieces: 1,
        declaredValue: 5,
        currency: "USD",
        goodsDescription: "gift",
        hsCodes: ["9102", "9102"],
        shippedAt: "2024-03-02T08:00:00Z",
        events: [
          { time: "2024-03-09T07:00:00Z", type: "CUSTOMS_HOLD", place: "NLAMS" },
          { time: "2024-03-02T08:00:00Z", type: "ACCEPTED", place: "CNSZX", note: "counter" },
          { time: "2024-03-10T09:00:00Z", type: "SEIZED", place: "NLAMS" },
        ],
        orderId: o.id,
        seizureId,
      },
      as,
    );
    const sh = ok(shipment).upsertShipment;
    expect(sh).toMatchObject({
      carrier: "China Post",
      trackingNumber: tracking,
      deliveryMode: "POSTAL",
      originLocode: "CNSZX",
      originCountry: "CN",
      destinationLocode: null,
      destinationCountry: "NL",
      grossWeightKg: 0.4,
      pieces: 1,
      hsCodes: ["9102"],
      shippedAt: "2024-03-02T08:00:00.000Z",
      events: [
        { time: "2024-03-02T08:00:00.000Z", type: "ACCEPTED", place: "CNSZX", note: "counter" },
        { time: "2024-03-09T07:00:00.000Z", type: "CUSTOMS_HOLD", place: "NLAMS", note: null },
        { time: "2024-03-10T09:00:00.000Z", type: "SEIZED", place: "NLAMS", note: null },
      ],
    });

    // Read back from every side, each hop resolved by the subgraph that owns it.
    const back = await stack.query<{
      order: {
        buyer: { __typename: string; id: string; name: string };
        seller: null;
        payments: Array<{ id: string; order: { id: string } }>;
        shipments: Array<{ id: string; order: { orderNumber: string }; seizure: { id: string; caseNumber: string }; consignee: { id: string } }>;
      };
    }>(
      `query($id: ID!) { order(id: $id) {
         buyer { __typename id name } seller { id }
         payments { id order { id } }
         shipments { id order { orderNumber } seizure { id caseNumber } consignee { id } }
       } }`,
      { id: o.id },
      as,
    );
    expect(ok(back).order).toEqual({
      buyer: { __typename: "Person", id: personId, name: "Jan de Vries" },
      seller: null,
      payments: [{ id: p.id, order: { id: o.id } }],
      shipments: [{ id: sh.id, order: { orderNumber: "EM-1001" }, seizure: { id: seizureId, caseNumber: "EC-1" }, consignee: { id: personId } }],
    });

    const fromSeizure = await stack.query<{ seizure: { shipments: Array<{ trackingNumber: string; order: { platform: string } }> } }>(
      `query($id: ID!) { seizure(id: $id) { shipments { trackingNumber order { platform } } } }`,
      { id: seizureId },
      as,
    );
    expect(ok(fromSeizure).seizure.shipments).toEqual([{ trackingNumber: tracking, order: { platform: "ExampleMarket" } }]);

    const fromPerson = await stack.query<{
      person: { orders: { nodes: Array<{ id: string }> }; payments: { nodes: Array<{ id: string }> }; shipments: { nodes: Array<{ id: string }> } };
    }>(
      `query($id: ID!) { person(id: $id) { orders { nodes { id } } payments { nodes { id } } shipments { nodes { id } } } }`,
      { id: personId },
      as,
    );
    expect(ok(fromPerson).person).toEqual({
      orders: { nodes: [{ id: o.id }] },
      payments: { nodes: [{ id: p.id }] },
      shipments: { nodes: [{ id: sh.id }] },
    });

    // The graph is what MODEL.md sketches.
    const graph = await stack.db.read<{ n: number }>(
      `MATCH (o:Order { id: $orderId })-[:BUYER]->(p:Person { id: $personId }),
             (o)-[:PAID_BY]->(pay:Payment { id: $paymentId })-[:FROM]->(:BankAccount { key: $buyerAccount })<-[:HOLDS_ACCOUNT]-(p),
             (pay)-[:TO]->(:BankAccount { key: $payeeAccount }),
             (o)-[:FULFILLED_BY]->(s:Shipment { id: $shipmentId })-[:SEIZED_IN]->(:Seizure { id: $seizureId }),
             (s)-[:CONSIGNEE]->(p),
             (o)-[:HAS_ITEM]->(:OrderItem { hsCode: '910211' }),
             (s)-[:HAS_EVENT]->(:ShipmentEvent { type: 'SEIZED' })
       RETURN count(*) AS n`,
      { orderId: o.id, personId, paymentId: p.id, buyerAccount, payeeAccount, shipmentId: sh.id, seizureId },
    );
    expect(graph[0]!.n).toBe(1);
  });

  it("puts a buyer's phone written differently from a suspect's phone on the SAME Phone node", async () => {
    const phone = mobile();
    const personId = await createPerson(`${phone.slice(0, 3)} ${phone.slice(3, 4)} ${phone.slice(4, 8)} ${phone.slice(8)}`, iban());
    const order = await upsertOrder(
      stack,
      {
        platform: "ExampleMarket",
        orderNumber: "EM-PHONE",
        orderDate: "2024-04-01T10:00:00Z",
        buyer: { name: "Someone Else", phone: `00${phone.slice(1)}`, email: "Someone@Example.ORG" },
        seller: { name: "Seller", phone: "not a number" },
        items: [],
      },
      as,
      "id declaredBuyer { phone } declaredSeller { phone }",
    );
    const o = ok(order).upsertOrder;
    expect(o).toMatchObject({ declaredBuyer: { phone: `00${phone.slice(1)}` }, declaredSeller: { phone: "not a number" } });

    const phones = await stack.db.read<{ key: string; links: string[] }>(
      `MATCH (ph:Phone { key: $phone })
       RETURN ph.key AS key,
              [(x)-[r]->(ph) | CASE WHEN x:Person THEN 'Person' WHEN x:Order THEN 'Order' ELSE 'other' END
                               + ':' + type(r) + ':' + coalesce(r.role, '') + ':' + x.id] AS links`,
      { phone },
    );
    expect(phones).toHaveLength(1);
    expect(phones[0]!.links.sort()).toEqual([`Order:DECLARED:buyer:${o.id}`, `Person:USES::${personId}`].sort());

    // The unreadable seller phone is kept as declared but linked to nothing; the e-mail is linked lower-cased.
    const declared = await stack.db.read<{ kind: string; key: string; role: string }>(
      "MATCH (:Order { id: $id })-[r:DECLARED]->(i) RETURN labels(i)[0] AS kind, i.key AS key, r.role AS role ORDER BY kind",
      { id: o.id },
    );
    expect(declared).toEqual([
      { kind: "Email", key: "someone@example.org", role: "buyer" },
      { kind: "Phone", key: phone, role: "buyer" },
    ]);
  });

  it("upserts on natural keys: the same order, payment and shipment twice is one record each, replaced not duplicated", async () => {
    const phone = mobile();
    const orderInput = {
      platform: "IdemShop",
      orderNumber: "ID-1",
      orderDate: "2024-05-01T10:00:00Z",
      buyer: { name: "Buyer", phone },
      items: [{ description: "a" }, { description: "b" }],
    };
    const first = ok(await upsertOrder(stack, orderInput, as, "id")).upsertOrder.id;
    const second = ok(await upsertOrder(stack, { ...orderInput, platform: " IdemShop ", items: [{ description: "c" }] }, as, "id items { description }"))
      .upsertOrder;
    expect(second).toEqual({ id: first, items: [{ description: "c" }] });

    const tracking = s10();
    const shipmentInput = { trackingNumber: tracking, carrier: "Royal Mail", deliveryMode: "POSTAL", orderId: first, events: [{ time: "2024-05-02T10:00:00Z", type: "ACCEPTED" }] };
    const s1 = ok(await upsertShipment(stack, shipmentInput, as, "id")).upsertShipment.id;
    const s2 = ok(await upsertShipment(stack, { ...shipmentInput, trackingNumber: tracking.toLowerCase(), orderId: null }, as, "id order { id } events { type }"))
      .upsertShipment;
    expect(s2).toEqual({ id: s1, order: null, events: [{ type: "ACCEPTED" }] });

    const paymentInput = { provider: "IdemPay", transactionId: "T-1", method: "CARD", amount: 10, currency: "EUR", paidAt: "2024-05-01T10:01:00Z", orderId: first };
    const p1 = ok(await upsertPayment(stack, paymentInput, as, "id")).upsertPayment.id;
    const p2 = ok(await upsertPayment(stack, { ...paymentInput, amount: 12 }, as, "id amount")).upsertPayment;
    expect(p2).toEqual({ id: p1, amount: 12 });

    // One row per stored order: exactly one.
    const counts = await stack.db.read<{ items: number; buyerPhones: number; shipments: number; events: number; payments: number }>(
      `MATCH (o:Order { ownerAgency: $agency, platform: 'IdemShop', orderNumber: 'ID-1' })
       RETURN COUNT { (o)-[:HAS_ITEM]->() } AS items,
              COUNT { (o)-[:DECLARED { role: 'buyer' }]->(:Phone) } AS buyerPhones,
              COUNT { MATCH (s:Shipment { ownerAgency: $agency, trackingNumber: $tracking }) RETURN s } AS shipments,
              COUNT { MATCH (:Shipment { ownerAgency: $agency, trackingNumber: $tracking })-[:HAS_EVENT]->(e) RETURN e } AS events,
              COUNT { MATCH (p:Payment { ownerAgency: $agency, transactionId: 'T-1' }) RETURN p } AS payments`,
      { agency, tracking },
    );
    expect(counts).toEqual([{ items: 1, buyerPhones: 1, shipments: 1, events: 1, payments: 1 }]);
  });

  it("keeps each agency's records apart: the same order number from another agency is another order", async () => {
    const other = unique("TEST-EC-BE");
    const asOther = await authHeaders({ role: "investigator", agency: other, country: "BE", purpose: "CASE ecommerce-e2e" });
    try {
      const input = { platform: "SharedShop", orderNumber: "S-1", orderDate: "2024-06-01T10:00:00Z", items: [] };
      const mine = ok(await upsertOrder(stack, input, as, "id ownerAgency")).upsertOrder;
      const theirs = ok(await upsertOrder(stack, input, asOther, "id ownerAgency")).upsertOrder;
      expect(theirs.id).not.toBe(mine.id);
      expect([mine.ownerAgency, theirs.ownerAgency]).toEqual([agency, other]);
    } finally {
      await deleteEcommerceData(stack.db, other);
    }
  });
});
