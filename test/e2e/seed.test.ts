import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addressKey, ibanKey, phoneKey, TokenService, type Database } from "@cix/core";
import {
  backgroundStreams,
  buildManifest,
  cenAgencies,
  cenCounts,
  CEN_COUNTS,
  checkPlanCodes,
  consumerSerial,
  generateDataset,
  loadPlan,
  orderSerial,
  SERIAL,
  subsetPlan,
  type DatasetPlan,
  type LoadResult,
  type PlanRing,
} from "@cix/seed";
import { startTestStack, unique, type TestStack } from "../support/stack.js";

/** Deletes every record written under the test's agency codes, their child nodes and orphaned identifiers. */
async function deleteSeeded(db: Database, agencies: string[]): Promise<void> {
  await db.write(
    `MATCH (r:Person|Company|Seizure|Order|Payment|Shipment) WHERE r.ownerAgency IN $agencies
     OPTIONAL MATCH (r)-[:GOODS|HAS_ITEM|HAS_EVENT|PHOTO]->(child)
     OPTIONAL MATCH (r)-[:USES|LOCATED_AT|HOLDS|HOLDS_ACCOUNT|DECLARED|FROM|TO]->(identifier)
     WITH collect(DISTINCT r) + collect(DISTINCT child) AS doomed, collect(DISTINCT identifier) AS identifiers
     FOREACH (n IN doomed | DETACH DELETE n)
     WITH identifiers
     UNWIND identifiers AS identifier
     WITH identifier WHERE NOT EXISTS { (identifier)--() }
     DELETE identifier`,
    { agencies },
  );
  await db.write("MATCH (op:Operation) WHERE op.leadAgency IN $agencies DETACH DELETE op", { agencies });
}

describe("demo data set: a deterministic plan, loaded through the gateway with its rings intact", () => {
  const SEED = 7;
  const plan = generateDataset({ scale: "demo", seed: SEED });
  // Unique agency codes keep this test's records apart from every other test's in the shared database.
  const tag = unique("S").replace("-", "");
  const rename = (code: string) => `${code}-${tag}`;
  const agencies = plan.agencies.map((a) => rename(a.code));
  let stack: TestStack;
  let subset: DatasetPlan;
  let loaded: LoadResult;
  const ids = (keys: readonly string[]) => keys.map((k) => loaded.ids.get(k)!);

  beforeAll(async () => {
    stack = await startTestStack();
    // Ring 1 (shared phone) and ring 3 (shared bank account), plus a few background cases and orders.
    subset = subsetPlan(plan, { rings: [0, 2], seizures: 3, orders: 3, operations: true });
    loaded = await loadPlan(subset, { gatewayUrl: stack.gatewayUrl, tokens: new TokenService(stack.config), agencyCode: rename });
  }, 240_000);

  afterAll(async () => {
    await deleteSeeded(stack.db, agencies);
    await stack.stop();
  });

  it("is deterministic: the same seed gives the same plan, another seed another one", () => {
    expect(generateDataset({ scale: "demo", seed: SEED })).toEqual(plan);
    const other = generateDataset({ scale: "demo", seed: SEED + 1 });
    expect(other).not.toEqual(plan);
    expect(other.persons[0]!.input.familyName === plan.persons[0]!.input.familyName && other.seizures[30]!.input.seizedAt === plan.seizures[30]!.input.seizedAt).toBe(false);
  });

  it("has the demo's shape: agencies, persons, companies, cases over 2016–2025, orders, four rings", () => {
    expect(plan.agencies.map((a) => a.code)).toEqual(["NL-CUSTOMS", "BE-CUSTOMS", "DE-ZOLL", "FR-DOUANE", "ES-AEAT", "GB-HMRC", "IT-ADM", "PL-KAS"]);
    expect(plan.persons.length).toBeGreaterThanOrEqual(140);
    expect(plan.persons.length).toBeLessThanOrEqual(160);
    expect(plan.companies.length).toBeGreaterThanOrEqual(35);
    expect(plan.seizures.length).toBeGreaterThanOrEqual(280);
    expect(plan.seizures.length).toBeLessThanOrEqual(320);
    const years = new Set(plan.seizures.map((s) => Number(s.input.seizedAt.slice(0, 4))));
    expect(Math.min(...years)).toBe(2016);
    expect(Math.max(...years)).toBe(2025);
    const statuses = plan.seizures.map((s) => s.reviewStatus);
    expect(statuses.filter((s) => s === "VALIDATED").length).toBeGreaterThan(plan.seizures.length / 2);
    expect(new Set(statuses)).toEqual(new Set(["DRAFT", "SUBMITTED", "VALIDATED", "RETURNED"]));
    expect(new Set(plan.seizures.map((s) => s.input.markings.tlp))).toEqual(new Set(["CLEAR", "GREEN", "AMBER", "AMBER_STRICT", "RED"]));
    expect(plan.seizures.some((s) => s.input.markings.handling === "H2")).toBe(true);
    expect(plan.orders.length).toBeGreaterThanOrEqual(150);
    // About 25 background parcels were seized, besides the rings' own.
    const ringShipments = new Set(plan.rings.flatMap((r) => r.shipments));
    expect(plan.shipments.filter((s) => s.seizure && !ringShipments.has(s.key)).length).toBe(25);
    expect(plan.rings).toHaveLength(4);
    for (const ring of plan.rings) {
      expect(ring.persons.length).toBeGreaterThanOrEqual(4);
      expect(ring.persons.length).toBeLessThanOrEqual(6);
      expect(ring.companies.length).toBeGreaterThanOrEqual(1);
      expect(ring.companies.length).toBeLessThanOrEqual(2);
      expect(ring.seizures.length).toBeGreaterThanOrEqual(3);
      expect(ring.seizures.length).toBeLessThanOrEqual(6);
      expect(ring.agencies.length).toBeGreaterThanOrEqual(2);
      expect(ring.agencies.length).toBeLessThanOrEqual(3);
      expect(ring.shipments.length).toBeGreaterThan(0);
    }
    expect(plan.rings.map((r) => r.shared[0]!.kind)).toEqual(["Phone", "Address", "BankAccount", "ConsigneeCompany"]);
  });

  it("uses only valid codes: HS 2022, UN/LOCODEs whose function fits the conveyance, ISO countries and currencies, IATA airlines, valid phones and IBANs", () => {
    expect(checkPlanCodes(plan)).toEqual([]);
  });

  it("writes the declared buyer's phone in another notation than the member's record", () => {
    const ring = plan.rings[0]!;
    const phone = ring.shared[0]!.value;
    const orders = plan.orders.filter((o) => ring.orders.includes(o.key));
    expect(orders.length).toBeGreaterThanOrEqual(3);
    for (const o of orders) {
      expect(o.input.buyer.phone).toBeDefined();
      expect(o.input.buyer.phone).not.toBe(phone);
      expect(o.input.buyer.phone!.replace(/[\s-]/g, "").replace(/^00/, "+")).toBe(phone);
    }
  });

  it("plants each ring's link in its records: a shared address on the orders, one consignee company on the parcels", () => {
    const [, addressRing, accountRing, consigneeRing] = plan.rings as [PlanRing, PlanRing, PlanRing, PlanRing];
    for (const o of plan.orders.filter((x) => addressRing.orders.includes(x.key))) {
      const a = o.input.buyer.address!;
      expect(addressKey({ street: a.street!, postcode: a.postcode, city: a.city!, country: a.country! })).toBe(addressRing.shared[0]!.value);
    }
    for (const p of plan.payments.filter((x) => accountRing.payments.includes(x.key))) {
      expect(p.input.payer.iban!.replace(/\s/g, "")).toBe(accountRing.shared[0]!.value);
    }
    const parcels = plan.shipments.filter((x) => consigneeRing.shipments.includes(x.key));
    expect(parcels.length).toBeGreaterThanOrEqual(3);
    expect(new Set(parcels.map((s) => s.consignee))).toEqual(new Set([consigneeRing.shared[0]!.value]));
  });

  it("loads every record of the subset through the gateway, under the agencies' own tokens", () => {
    expect(loaded.counts).toMatchObject({
      persons: subset.persons.length,
      companies: subset.companies.length,
      links: subset.links.length,
      seizures: subset.seizures.length,
      orders: subset.orders.length,
      payments: subset.payments.length,
      shipments: subset.shipments.length,
    });
    expect(subset.seizures.length).toBeGreaterThan(subset.rings.flatMap((r) => r.seizures).length);
  });

  it("links ring 1's members through ONE phone node, which the ring's orders declare in other notations", async () => {
    const ring = subset.rings.find((r) => r.index === 0)!;
    const rows = await stack.db.read<{ phone: string; members: number; orders: number }>(
      `MATCH (p:Person)-[:USES]->(ph:Phone)<-[:DECLARED]-(o:Order)
       WHERE p.id IN $persons AND o.id IN $orders
       RETURN ph.key AS phone, count(DISTINCT p) AS members, count(DISTINCT o) AS orders`,
      { persons: ids(ring.persons), orders: ids(ring.orders) },
    );
    expect(rows).toEqual([{ phone: ring.shared[0]!.value, members: ring.persons.length, orders: ring.orders.length }]);
  });

  it("links ring 3's members and front company through ONE bank account, from which the ring's payments were made", async () => {
    const ring = subset.rings.find((r) => r.index === 2)!;
    const rows = await stack.db.read<{ iban: string; holders: number; payments: number }>(
      `MATCH (x:Person|Company)-[:HOLDS_ACCOUNT]->(b:BankAccount)<-[:FROM]-(pay:Payment)
       WHERE x.id IN $parties AND pay.id IN $payments
       RETURN b.key AS iban, count(DISTINCT x) AS holders, count(DISTINCT pay) AS payments`,
      { parties: ids([...ring.persons, ...ring.companies]), payments: ids(ring.payments) },
    );
    expect(rows).toEqual([{ iban: ring.shared[0]!.value, holders: ring.persons.length + ring.companies.length, payments: ring.payments.length }]);
  });

  it("seizes the rings' parcels in the rings' own cases, whose offenders are ring members", async () => {
    for (const ring of subset.rings) {
      const seized = subset.shipments.filter((s) => ring.shipments.includes(s.key) && s.seizure);
      expect(seized.length).toBeGreaterThanOrEqual(2);
      const rows = await stack.db.read<{ shipment: string; seizure: string; offenders: string[] }>(
        `MATCH (sh:Shipment)-[:SEIZED_IN]->(s:Seizure) WHERE sh.id IN $shipments
         OPTIONAL MATCH (s)-[:OFFENDER]->(p)
         RETURN sh.id AS shipment, s.id AS seizure, collect(p.id) AS offenders`,
        { shipments: ids(ring.shipments) },
      );
      expect(rows).toHaveLength(seized.length);
      const ringParties = new Set(ids([...ring.persons, ...ring.companies]));
      for (const row of rows) {
        expect(ids(ring.seizures)).toContain(row.seizure);
        expect(row.offenders.some((o) => ringParties.has(o))).toBe(true);
      }
    }
  });

  it("records the rings' relationships (associates, directors) and moves each case to its planned review status", async () => {
    const ring = subset.rings.find((r) => r.index === 0)!;
    const planned = subset.links.filter((l) => ring.links.includes(l.key));
    const total = await stack.db.read<{ n: number }>(
      "MATCH (p:Person)-[r:ASSOCIATE_OF|DIRECTOR_OF|EMPLOYED_BY]->() WHERE p.id IN $persons RETURN count(r) AS n",
      { persons: ids(ring.persons) },
    );
    const statuses = await stack.db.read<{ id: string; status: string }>("MATCH (s:Seizure) WHERE s.id IN $ids RETURN s.id AS id, s.reviewStatus AS status", {
      ids: ids(subset.seizures.map((s) => s.key)),
    });
    expect(total[0]!.n).toBe(planned.length);
    expect(new Map(statuses.map((s) => [s.id, s.status]))).toEqual(new Map(subset.seizures.map((s) => [loaded.ids.get(s.key)!, s.reviewStatus])));
  });

  it("opens the joint operation and shares ring 1's NL-CUSTOMS records into it, or says the operations API is missing", async () => {
    const op = subset.operations[0]!;
    if (loaded.skipped.length > 0) {
      expect(loaded.skipped.join(" ")).toMatch(/operations API/);
      return;
    }
    const [row] = await stack.db.read<{ lead: string; members: string[]; shared: number }>(
      "MATCH (op:Operation { id: $id }) RETURN op.leadAgency AS lead, op.memberAgencies AS members, COUNT { (:Person|Company|Seizure|Order|Payment|Shipment)-[:SHARED_IN]->(op) } AS shared",
      { id: loaded.ids.get(op.key) },
    );
    expect(row).toMatchObject({ lead: rename("NL-CUSTOMS"), shared: op.records.length });
    expect(row!.members).toEqual(expect.arrayContaining([rename("BE-CUSTOMS"), rename("DE-ZOLL")]));
  });

  it("writes a manifest with the rings' hub ids and shared identifiers", () => {
    const manifest = buildManifest(subset, loaded);
    const ring = manifest.rings.find((r) => r.index === 0)!;
    expect(ring.persons).toEqual(ids(subset.rings[0]!.persons));
    expect(ring.shared[0]).toEqual({ kind: "Phone", value: subset.rings[0]!.shared[0]!.value });
    expect(ring.agencies).toEqual(["NL-CUSTOMS", "BE-CUSTOMS", "DE-ZOLL"].map(rename));
  });
});

describe("CEN scale: agencies of 150+ countries from the code lists, identifiers shared only where the rings plant them", () => {
  const agencies = cenAgencies();
  const streams = backgroundStreams({ seed: 11, counts: cenCounts(0.002), agencies });
  const parcels = [...streams.parcels()];
  const plan = {
    persons: [...streams.persons()],
    companies: [...streams.companies()],
    seizures: [...streams.seizures()],
    orders: parcels.map((p) => p.order),
    payments: parcels.flatMap((p) => (p.payment ? [p.payment] : [])),
    shipments: parcels.flatMap((p) => (p.shipment ? [p.shipment] : [])),
  };

  it("has an agency for every country with an airport or a seaport, the demo's eight first and heavier than any other", () => {
    const countries = new Set(agencies.agencies.map((a) => a.country));
    expect(countries.size).toBe(agencies.agencies.length);
    expect(countries.size).toBeGreaterThanOrEqual(150);
    expect(agencies.agencies.slice(0, 8).map((a) => a.code)).toEqual(["NL-CUSTOMS", "BE-CUSTOMS", "DE-ZOLL", "FR-DOUANE", "ES-AEAT", "GB-HMRC", "IT-ADM", "PL-KAS"]);
    const heaviestOther = Math.max(...agencies.agencies.slice(8).map((a) => a.weight));
    expect(Math.min(...agencies.agencies.slice(0, 8).map((a) => a.weight))).toBeGreaterThan(heaviestOther);
    expect(agencies.agencies.find((a) => a.code === "KE-CUSTOMS")).toMatchObject({ country: "KE", homeAirline: "KQ", airports: expect.arrayContaining(["KENBO"]) });
  });

  it("reports from 150+ countries even at a fraction, with valid codes, places that fit the conveyance, valid phones and IBANs", () => {
    expect(new Set(plan.seizures.map((s) => s.agency)).size).toBeGreaterThanOrEqual(150);
    expect(checkPlanCodes(plan as unknown as DatasetPlan)).toEqual([]);
  });

  it("gives every case, person, order, payment and parcel its own key", () => {
    const distinct = (values: string[]) => expect(new Set(values).size).toBe(values.length);
    distinct(plan.seizures.map((s) => `${s.agency}|${s.input.caseNumber}`));
    distinct(plan.persons.map((p) => `${p.agency}|${p.input.reference}`));
    distinct(plan.companies.map((c) => c.key));
    distinct(plan.orders.map((o) => `${o.input.platform}|${o.input.orderNumber}`));
    distinct(plan.payments.map((p) => `${p.input.provider}|${p.input.transactionId}`));
    distinct(plan.shipments.map((s) => s.input.trackingNumber));
  });

  it("never gives two persons, companies or shoppers the same phone or account", () => {
    const owners = new Map<string, Set<string>>();
    const own = (value: string | null | undefined, who: string) => value && owners.set(value, (owners.get(value) ?? new Set()).add(who));
    for (const x of [...plan.persons, ...plan.companies]) {
      x.input.phones.forEach((p) => own(phoneKey(p), x.key));
      x.input.bankAccounts.forEach((b) => own(ibanKey(b.iban), x.key));
    }
    for (const { order, payment } of parcels) {
      const buyer = order.buyer ?? order.key;
      if (order.input.buyer.phone) own(phoneKey(order.input.buyer.phone), buyer);
      if (payment?.input.payer.iban) own(ibanKey(payment.input.payer.iban), buyer);
    }
    expect([...owners].filter(([, who]) => who.size > 1)).toEqual([]);
    expect(owners.size).toBeGreaterThan(plan.persons.length);
  });

  it("keeps shoppers' and orders' serials out of the rings' block and apart from persons and companies, up to the full scale", () => {
    const block = (n: number) => n >= SERIAL.ring && n < SERIAL.ring + 100_000;
    const shoppers = new Set<number>();
    let misplaced = 0;
    for (let o = 0; o < CEN_COUNTS.orders; o++) {
      const c = consumerSerial(o);
      if (block(c) || block(orderSerial(o)) || c < SERIAL.consumer) misplaced++;
      shoppers.add(c);
    }
    expect(misplaced).toBe(0);
    expect(shoppers.size).toBe(CEN_COUNTS.orders);
    expect(SERIAL.person + CEN_COUNTS.persons).toBeLessThanOrEqual(SERIAL.company);
    expect(SERIAL.company + CEN_COUNTS.companies).toBeLessThanOrEqual(SERIAL.consumer);
  });
});
