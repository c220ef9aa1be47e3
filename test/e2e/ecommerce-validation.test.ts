import { s10CheckDigit } from "@cix/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { authHeaders } from "../support/auth.js";
import { deleteEcommerceData, digits, ok, s10, upsertOrder, upsertPayment, upsertShipment } from "../support/ecommerce.js";
import { firstError } from "../support/seizures.js";
import { startTestStack, unique, type GraphQLResponse, type TestStack } from "../support/stack.js";

describe("e-commerce: input validation, S10 tracking numbers and access", () => {
  let stack: TestStack;
  let as: Record<string, string>;
  const agency = unique("TEST-ECV");

  beforeAll(async () => {
    stack = await startTestStack();
    as = await authHeaders({ role: "investigator", agency, country: "NL", purpose: "CASE-2024-ecommerce-validation" });
  });

  afterAll(async () => {
    await deleteEcommerceData(stack.db, agency);
    await stack.stop();
  });

  /** How many nodes with this label the test agency has (to prove a rejected write stored nothing). */
  async function stored(label: "Order" | "Payment" | "Shipment"): Promise<number> {
    const rows = await stack.db.read<{ n: number }>(
      "MATCH (n { ownerAgency: $agency }) WHERE $label IN labels(n) RETURN count(n) AS n",
      { agency, label },
    );
    return rows[0]!.n;
  }

  /** Asserts a BAD_USER_INPUT naming `field` (in extensions.field, or in the message for scalar errors). */
  function expectBadInput(res: GraphQLResponse, field: string) {
    const error = firstError(res);
    expect(error.code, JSON.stringify(res.errors)).toBe("BAD_USER_INPUT");
    if (error.field !== undefined) expect(error.field).toBe(field);
    else expect(error.message).toContain(`"${field}"`);
  }

  const order = (overrides: Record<string, unknown> = {}) => ({
    platform: "ValidShop",
    orderNumber: unique("V"),
    orderDate: "2024-03-01T10:00:00Z",
    items: [{ description: "thing", quantity: 1, unitValue: 2, currency: "EUR" }],
    ...overrides,
  });

  describe("UPU S10 tracking numbers", () => {
    it("accepts a postal item with a valid S10 number, whatever its spacing and case", async () => {
      expect(`RR47312482${s10CheckDigit("47312482")}GB`).toBe("RR473124829GB");
      const res = await upsertShipment(stack, { trackingNumber: "rr 473124829 gb", carrier: "Royal Mail", deliveryMode: "POSTAL" }, as, "trackingNumber");
      expect(ok(res).upsertShipment.trackingNumber).toBe("RR473124829GB");
    });

    it("rejects a postal item whose check digit or country is wrong, and stores nothing", async () => {
      const before = await stored("Shipment");
      const serial = digits(8);
      const wrongCheck = `RR${serial}${(s10CheckDigit(serial) + 1) % 10}NL`;
      for (const trackingNumber of [wrongCheck, `RR${serial}${s10CheckDigit(serial)}ZZ`, "RR12345678NL", "1Z999AA10123456784"]) {
        const res = await upsertShipment(stack, { trackingNumber, carrier: "PostNL", deliveryMode: "POSTAL" }, as, "id");
        expectBadInput(res, "input.trackingNumber");
        expect(firstError(res).message).toMatch(/S10/);
        expect(res.data).toBeNull();
      }
      expect(await stored("Shipment")).toBe(before);
    });

    it("lets express and freight carriers use their own formats", async () => {
      const res = await upsertShipment(stack, { trackingNumber: "1Z999AA10123456784", carrier: "UPS", deliveryMode: "EXPRESS" }, as, "trackingNumber");
      expect(ok(res).upsertShipment.trackingNumber).toBe("1Z999AA10123456784");
      const bad = await upsertShipment(stack, { trackingNumber: "#1", carrier: "UPS", deliveryMode: "FREIGHT" }, as, "id");
      expectBadInput(bad, "input.trackingNumber");
    });
  });

  describe("invalid input is refused with the field path, and nothing is stored", () => {
    it("orders: codes, numbers, places, references", async () => {
      const cases: Array<[Record<string, unknown>, string]> = [
        [order({ currency: "EURO", totalValue: 3 }), "input.currency"],
        [order({ items: [{ description: "a" }, { description: "b", hsCode: "999999" }] }), "input.items[1].hsCode"],
        [order({ items: [{ description: "a", originCountry: "XX" }] }), "input.items[0].originCountry"],
        [order({ items: [{ description: "a", quantity: -1 }] }), "input.items[0].quantity"],
        [order({ items: [{ description: "a", unitValue: 5 }] }), "input.items[0].currency"],
        [order({ items: [{ description: "  " }] }), "input.items[0].description"],
        [order({ totalValue: 5 }), "input.currency"],
        [order({ deliveryLocode: "NLAMS", deliveryCountry: "BE" }), "input.deliveryCountry"],
        [order({ deliveryLocode: "NLXX1" }), "input.deliveryLocode"],
        [order({ orderDate: "2024-03-01 10:00" }), "input.orderDate"],
        [order({ buyer: { name: "" } }), "input.buyer.name"],
        [order({ buyer: { name: "B", address: { country: "Netherlands" } } }), "input.buyer.address.country"],
        [order({ buyerPartyId: "no-such-party" }), "input.buyerPartyId"],
        [order({ platform: " " }), "input.platform"],
      ];
      for (const [input, field] of cases) {
        const res = await upsertOrder(stack, input, as, "id");
        expectBadInput(res, field);
      }
      expect(await stored("Order")).toBe(0);
    });

    it("payments: amount, accounts, order reference", async () => {
      const payment = (overrides: Record<string, unknown>) => ({
        provider: "ValidPay",
        transactionId: unique("T"),
        method: "E_WALLET",
        amount: 10,
        currency: "EUR",
        paidAt: "2024-03-01T10:00:00Z",
        ...overrides,
      });
      const cases: Array<[Record<string, unknown>, string]> = [
        [payment({ amount: 0 }), "input.amount"],
        [payment({ currency: "XYZ" }), "input.currency"],
        [payment({ method: "CHEQUE" }), "input.method"],
        [payment({ payer: { holderName: "only a name" } }), "input.payer"],
        [payment({ payer: { iban: "NL00BANK0123456789" } }), "input.payer.iban"],
        [payment({ payee: { iban: "GB82WEST12345698765432", bic: "NOTABIC" } }), "input.payee.bic"],
        [payment({ orderId: "no-such-order" }), "input.orderId"],
      ];
      for (const [input, field] of cases) {
        const res = await upsertPayment(stack, input, as, "id");
        expectBadInput(res, field);
      }
      expect(await stored("Payment")).toBe(0);
    });

    it("shipments: weight, pieces, places, events, seizure and order references", async () => {
      const before = await stored("Shipment");
      const shipment = (overrides: Record<string, unknown>) => ({ trackingNumber: s10(), carrier: "PostNL", deliveryMode: "POSTAL", ...overrides });
      const cases: Array<[Record<string, unknown>, string]> = [
        [shipment({ grossWeightKg: 0 }), "input.grossWeightKg"],
        [shipment({ pieces: 0 }), "input.pieces"],
        [shipment({ declaredValue: 3 }), "input.currency"],
        [shipment({ originLocode: "CNSZX", originCountry: "HK" }), "input.originCountry"],
        [shipment({ destinationCountry: "ZZZ" }), "input.destinationCountry"],
        [shipment({ hsCodes: ["9102", "77"] }), "input.hsCodes[1]"],
        [shipment({ events: [{ time: "2024-03-01T10:00:00Z", type: "LOST" }] }), "input.events[0].type"],
        [shipment({ events: [{ time: "2024-03-01T10:00:00Z", type: "ARRIVED", place: "XXXXX" }] }), "input.events[0].place"],
        [shipment({ seizureId: "no-such-seizure" }), "input.seizureId"],
        [shipment({ orderId: "no-such-order" }), "input.orderId"],
        [shipment({ consigneePartyId: "no-such-party" }), "input.consigneePartyId"],
      ];
      for (const [input, field] of cases) {
        const res = await upsertShipment(stack, input, as, "id");
        expectBadInput(res, field);
      }
      expect(await stored("Shipment")).toBe(before);
    });

    it("filters and paging arguments", async () => {
      const cases: Array<[string, Record<string, unknown>, string]> = [
        ["orders", { filter: { hsPrefix: "91a" } }, "filter.hsPrefix"],
        ["orders", { filter: { from: "2024-02-01T00:00:00Z", to: "2024-01-01T00:00:00Z" } }, "filter.to"],
        ["shipments", { first: 0 }, "first"],
        ["payments", { after: "not-a-cursor" }, "after"],
      ];
      for (const [list, args, field] of cases) {
        const res = await stack.query(
          `query($filter: ${list === "orders" ? "OrderFilter" : list === "shipments" ? "ShipmentFilter" : "PaymentFilter"}, $first: Int = 20, $after: String) {
             ${list}(filter: $filter, first: $first, after: $after) { nodes { id } } }`,
          args,
          as,
        );
        expectBadInput(res, field);
      }
    });
  });

  describe("access", () => {
    it("only investigators and supervisors write", async () => {
      for (const role of ["partner", "analyst", "admin"] as const) {
        const res = await upsertOrder(stack, order(), await authHeaders({ role, agency }), "id");
        expect(firstError(res).code).toBe("FORBIDDEN");
      }
      expect(await stored("Order")).toBe(0);
    });

    it("treats a buyer-name filter as a nominal read, matching only the caller's own agency's orders", async () => {
      const name = unique("Zed");
      ok(await upsertOrder(stack, order({ buyer: { name } }), as, "id"));
      const query = `query($name: String!) { orders(filter: { buyerName: $name }) { nodes { declaredBuyer { name } } } }`;
      for (const caller of [{ role: "analyst" as const, agency }, { role: "investigator" as const, agency }]) {
        const res = await stack.query(query, { name }, await authHeaders(caller));
        expect(firstError(res).code).toBe("FORBIDDEN");
      }
      const other = await authHeaders({ role: "investigator", agency: unique("TEST-ECV-OTHER"), purpose: "CASE-2024-X" });
      expect(ok(await stack.query<{ orders: { nodes: unknown[] } }>(query, { name }, other)).orders.nodes).toEqual([]);
      const mine = ok(await stack.query<{ orders: { nodes: unknown[] } }>(query, { name: name.toLowerCase() }, as));
      expect(mine.orders.nodes).toEqual([{ declaredBuyer: { name } }]);
    });

    it("guards declared parties, accounts and party links as nominal data, and shows the rest", async () => {
      const created = ok(await upsertOrder(stack, order({ buyer: { name: "Nominal Buyer", phone: "+31 20 123 4567" } }), as, "id")).upsertOrder;
      const query = `query($id: ID!) { order(id: $id) { platform items { description } declaredBuyer { name } buyer { id } } }`;
      const analyst = await stack.query<{ order: Record<string, unknown> }>(query, { id: created.id }, await authHeaders({ role: "analyst", agency }));
      expect(analyst.data!.order).toEqual({ platform: "ValidShop", items: [{ description: "thing" }], declaredBuyer: null, buyer: null });
      expect(analyst.errors?.map((e) => [e.path?.join("."), e.extensions?.code])).toContainEqual(["order.declaredBuyer", "FORBIDDEN"]);

      const noPurpose = await stack.query<{ order: Record<string, unknown> }>(query, { id: created.id }, await authHeaders({ role: "investigator", agency }));
      expect(noPurpose.data!.order.declaredBuyer).toBeNull();
      expect(noPurpose.errors?.[0]?.message).toMatch(/purpose/);

      const owner = await stack.query<{ order: Record<string, unknown> }>(query, { id: created.id }, as);
      expect(owner.errors).toBeUndefined();
      expect(owner.data!.order.declaredBuyer).toEqual({ name: "Nominal Buyer" });
    });
  });
});
