import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database, RecordWrite, Tx } from "@cix/core";
import { orderWrite } from "../../subgraphs/ecommerce/src/order/order.input.js";
import { OrderRepository, type OrderRecordWrite } from "../../subgraphs/ecommerce/src/order/order.repository.js";
import type { OrderInput } from "../../subgraphs/ecommerce/src/order/order.types.js";
import { paymentWrite } from "../../subgraphs/ecommerce/src/payment/payment.input.js";
import { PaymentRepository, type PaymentRecordWrite } from "../../subgraphs/ecommerce/src/payment/payment.repository.js";
import type { PaymentInput } from "../../subgraphs/ecommerce/src/payment/payment.types.js";
import { shipmentWrite } from "../../subgraphs/ecommerce/src/shipment/shipment.input.js";
import { ShipmentRepository, type ShipmentRecordWrite } from "../../subgraphs/ecommerce/src/shipment/shipment.repository.js";
import type { ShipmentInput } from "../../subgraphs/ecommerce/src/shipment/shipment.types.js";
import { deleteAgencyRecords } from "../support/cleanup.js";
import { iban, mobile, s10 } from "../support/ecommerce.js";
import { unique } from "../support/stack.js";
import { deleteImportData, fileFolder, localImporter, type LocalImporter } from "./import-fixtures.js";

/**
 * The batch write path of orders, payments and shipments (imports call it with up to a thousand rows, the
 * mutations with one): a fixed number of statements per batch, the same natural key twice in one batch, bad
 * references, and the same through an import file.
 */

const AGENCY = unique("NL-ECB").replace(/[^A-Z0-9-]/g, "");
let importer: LocalImporter;
let files: Awaited<ReturnType<typeof fileFolder>>;
const party: Record<string, string> = {};

beforeAll(async () => {
  importer = await localImporter();
  files = await fileFolder();
  const persons = [
    { reference: "P-A", fullName: "Anna Batch" },
    { reference: "P-B", fullName: "Bram Batch" },
  ];
  expect(await importer.run("persons", await files.write("persons", "ndjson", persons), { agency: AGENCY })).toMatchObject({ accepted: 2 });
  const rows = await importer.db.read<{ reference: string; id: string }>("MATCH (p:Person { ownerAgency: $agency }) RETURN p.reference AS reference, p.id AS id", {
    agency: AGENCY,
  });
  for (const r of rows) party[r.reference] = r.id;
});

afterAll(async () => {
  await deleteImportData(importer.db, AGENCY);
  await deleteAgencyRecords(importer.db, AGENCY);
  await importer.close();
  await files.remove();
});

/** A database whose transactions count the statements they run. */
function counting(db: Database): { db: Database; statements: () => number } {
  let statements = 0;
  const counted = {
    transaction: <T>(work: (tx: Tx) => Promise<T>) =>
      db.transaction((tx) =>
        work({
          run: (cypher, params) => {
            statements++;
            return tx.run(cypher, params);
          },
        }),
      ),
  };
  return { db: counted as unknown as Database, statements: () => statements };
}

const write = { ownerAgency: "", source: "test:batch", markings: null };

function order(orderNumber: string, input: Partial<Record<keyof OrderInput, unknown>> = {}): OrderRecordWrite {
  const value = {
    platform: "BatchShop",
    orderNumber,
    orderDate: new Date("2024-03-01T10:00:00Z"),
    buyer: { name: "Buyer", phone: mobile(), email: `${orderNumber.toLowerCase()}@example.org`, address: { street: "Damrak 1", city: "Amsterdam", country: "NL" } },
    seller: { name: "Seller", phone: mobile() },
    items: [{ description: "Watch" }, { description: "Strap" }],
    buyerPartyId: party["P-A"],
    sellerPartyId: party["P-B"],
    ...input,
  };
  return { ...write, ownerAgency: AGENCY, order: orderWrite(value as unknown as OrderInput) };
}

function payment(transactionId: string, input: Partial<Record<keyof PaymentInput, unknown>> = {}): PaymentRecordWrite {
  const value = { provider: "BatchPay", transactionId, method: "CARD", amount: 10, currency: "EUR", paidAt: new Date("2024-03-01T10:05:00Z"), payer: { iban: iban() }, payee: { iban: iban() }, ...input };
  return { ...write, ownerAgency: AGENCY, payment: paymentWrite(value as unknown as PaymentInput) };
}

function shipment(trackingNumber: string, input: Partial<Record<keyof ShipmentInput, unknown>> = {}): ShipmentRecordWrite {
  const value = {
    trackingNumber,
    carrier: "Royal Mail",
    deliveryMode: "POSTAL",
    consignor: { name: "Sender", phone: mobile(), address: { street: "1 Example Road", city: "Shenzhen", country: "CN" } },
    consignee: { name: "Receiver", email: `${trackingNumber.toLowerCase()}@example.org` },
    consignorPartyId: party["P-B"],
    consigneePartyId: party["P-A"],
    events: [{ time: new Date("2024-03-02T08:00:00Z"), type: "ACCEPTED" }],
    ...input,
  };
  return { ...write, ownerAgency: AGENCY, shipment: shipmentWrite(value as unknown as ShipmentInput) };
}

describe("a batch costs the same number of statements whatever its size", () => {
  it("orders, payments and shipments: one record or forty", async () => {
    const statements = async (run: (db: Database) => Promise<unknown>) => {
      const c = counting(importer.db);
      await run(c.db);
      return c.statements();
    };
    const orders = (n: number, prefix: string) => Array.from({ length: n }, (_, i) => order(`${prefix}-${i}`));
    const one = await statements((db) => new OrderRepository(db).upsertMany(orders(1, "ONE")));
    const forty = await statements((db) => new OrderRepository(db).upsertMany(orders(40, "FORTY")));
    expect(forty).toBe(one);

    const [{ id: orderId }] = (await new OrderRepository(importer.db).upsertMany(orders(1, "PAID"))) as [RecordWrite];
    const payments = (n: number, prefix: string) => Array.from({ length: n }, (_, i) => payment(`${prefix}-${i}`, { orderId }));
    expect(await statements((db) => new PaymentRepository(db).upsertMany(payments(40, "FORTY")))).toBe(
      await statements((db) => new PaymentRepository(db).upsertMany(payments(1, "ONE"))),
    );

    const shipments = (n: number) => Array.from({ length: n }, () => shipment(s10(), { orderId }));
    expect(await statements((db) => new ShipmentRepository(db).upsertMany(shipments(40)))).toBe(
      await statements((db) => new ShipmentRepository(db).upsertMany(shipments(1))),
    );
  });
});

describe("the same natural key twice in one batch", () => {
  it("orders: both rows get the one record's id, and the later row's items, links and identifiers are what is stored", async () => {
    const laterPhone = mobile();
    const first = order("TWICE", { items: [{ description: "a" }, { description: "b" }] });
    const other = order("OTHER");
    const later = order("TWICE", { items: [{ description: "c" }], buyer: { name: "Later", phone: laterPhone }, buyerPartyId: party["P-B"], sellerPartyId: null });
    const writes = await new OrderRepository(importer.db).upsertMany([first, other, later]);
    const ids = writes.map((w) => w.id);
    expect(ids[2]).toBe(ids[0]);
    expect(ids[1]).not.toBe(ids[0]);
    expect(writes.map((w) => w.created)).toEqual([true, true, true]);
    const [again] = await new OrderRepository(importer.db).upsertMany([other]);
    expect(again).toMatchObject({ id: ids[1], created: false, previousSource: other.source });

    const [stored] = await importer.db.read<{ n: number; buyerName: string; items: string[]; buyers: string[]; sellers: number; declared: string[] }>(
      `MATCH (o:Order { ownerAgency: $agency, platform: 'BatchShop', orderNumber: 'TWICE' })
       RETURN count(*) AS n, o.buyerName AS buyerName,
              [(o)-[:HAS_ITEM]->(i) | i.description] AS items,
              [(o)-[:BUYER]->(p) | p.id] AS buyers,
              COUNT { (o)-[:SELLER]->() } AS sellers,
              [(o)-[r:DECLARED]->(i) | r.role + ':' + i.key] AS declared`,
      { agency: AGENCY },
    );
    expect({ ...stored!, declared: stored!.declared.sort() }).toEqual({
      n: 1,
      buyerName: "Later",
      items: ["c"],
      buyers: [party["P-B"]],
      sellers: 0,
      // The first row's e-mail and address are not declared by the later row: not linked.
      declared: later.order.declared.flatMap((d) => d.identifiers.map((i) => `${d.role}:${i.key}`)).sort(),
    });
    expect(stored!.declared).toContain(`buyer:${laterPhone}`);
  });

  it("payments and shipments: one record each, the later row's accounts, events and links", async () => {
    const [{ id: orderId }] = (await new OrderRepository(importer.db).upsertMany([order("FOR-PAYMENT")])) as [RecordWrite];
    const laterPayer = iban();
    const ids = (await new PaymentRepository(importer.db).upsertMany([
      payment("TX-TWICE", { orderId }),
      payment("TX-TWICE", { amount: 12, orderId: null, payer: { iban: laterPayer }, payee: { identifier: "merchant-1" } }),
    ])).map((w) => w.id);
    expect(ids[1]).toBe(ids[0]);
    const [pay] = await importer.db.read<{ amount: number; orders: number; from: string[]; to: number }>(
      `MATCH (p:Payment { ownerAgency: $agency, transactionId: 'TX-TWICE' })
       RETURN p.amount AS amount, COUNT { (:Order)-[:PAID_BY]->(p) } AS orders, [(p)-[:FROM]->(a) | a.iban] AS from, COUNT { (p)-[:TO]->() } AS to`,
      { agency: AGENCY },
    );
    expect(pay).toEqual({ amount: 12, orders: 0, from: [laterPayer], to: 0 });

    const tracking = s10();
    const shipIds = (await new ShipmentRepository(importer.db).upsertMany([
      shipment(tracking, { orderId: null, events: [{ time: new Date("2024-03-02T08:00:00Z"), type: "ACCEPTED" }, { time: new Date("2024-03-03T08:00:00Z"), type: "DEPARTED" }] }),
      shipment(tracking.toLowerCase(), { orderId, consignorPartyId: null, events: [{ time: new Date("2024-03-05T09:30:00Z"), type: "ARRIVED" }] }),
    ])).map((w) => w.id);
    expect(shipIds[1]).toBe(shipIds[0]);
    const [ship] = await importer.db.read<{ n: number; events: string[]; orders: string[]; consignors: number; consignees: number }>(
      `MATCH (s:Shipment { ownerAgency: $agency, trackingNumber: $tracking })
       RETURN count(*) AS n, [(s)-[:HAS_EVENT]->(e) | e.type] AS events, [(o:Order)-[:FULFILLED_BY]->(s) | o.id] AS orders,
              COUNT { (s)-[:CONSIGNOR]->() } AS consignors, COUNT { (s)-[:CONSIGNEE]->() } AS consignees`,
      { agency: AGENCY, tracking },
    );
    expect(ship).toEqual({ n: 1, events: ["ARRIVED"], orders: [orderId], consignors: 0, consignees: 1 });
  });

  it("an import file with the same order twice stores it once, with the later row", async () => {
    const rows = [
      { platform: "FileShop", orderNumber: "F-1", orderDate: "2024-03-01T10:00:00Z", items: [{ description: "first" }], buyerParty: { personReference: "P-A" } },
      { platform: "FileShop", orderNumber: "F-2", orderDate: "2024-03-01T10:00:00Z", items: [] },
      { platform: "FileShop", orderNumber: "F-1", orderDate: "2024-03-02T10:00:00Z", items: [{ description: "second" }], buyerParty: { personReference: "P-B" } },
    ];
    const job = await importer.run("orders", await files.write("orders", "ndjson", rows), { agency: AGENCY });
    expect(job).toMatchObject({ status: "COMPLETED", accepted: 3, rejected: 0 });
    const stored = await importer.db.read<{ items: string[]; buyers: string[] }>(
      "MATCH (o:Order { ownerAgency: $agency, platform: 'FileShop', orderNumber: 'F-1' }) RETURN [(o)-[:HAS_ITEM]->(i) | i.description] AS items, [(o)-[:BUYER]->(p) | p.id] AS buyers",
      { agency: AGENCY },
    );
    expect(stored).toEqual([{ items: ["second"], buyers: [party["P-B"]] }]);
  });
});

describe("references", () => {
  it("a missing reference anywhere in a batch fails the whole batch with BAD_USER_INPUT and its input path; nothing is stored", async () => {
    const attempt = new OrderRepository(importer.db).upsertMany([order("REF-OK"), order("REF-BAD", { sellerPartyId: "no-such-party" })]);
    await expect(attempt).rejects.toMatchObject({ extensions: { code: "BAD_USER_INPUT", field: "input.sellerPartyId" } });
    const [row] = await importer.db.read<{ n: number }>("MATCH (o:Order { ownerAgency: $agency }) WHERE o.orderNumber STARTS WITH 'REF-' RETURN count(o) AS n", { agency: AGENCY });
    expect(row!.n).toBe(0);

    const shipments = new ShipmentRepository(importer.db).upsertMany([shipment(s10()), shipment(s10(), { seizureId: "no-such-seizure" })]);
    await expect(shipments).rejects.toMatchObject({ extensions: { code: "BAD_USER_INPUT", field: "input.seizureId" } });
  });
});
