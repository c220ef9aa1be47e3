import { ok, upsertOrder, upsertPayment, upsertShipment } from "../support/ecommerce.js";
import { upsertSeizure } from "../support/seizures.js";
import { unique, type TestStack } from "../support/stack.js";
import { iban, mobile } from "./entities-fixtures.js";

/**
 * A small demo-like world for link analysis, written through the gateway (the 600 users of one super-node
 * phone through Cypher, for speed):
 * - ring A: four persons using one phone (each written differently) and holding one account; three seizures
 *   (SA1: A1; SA2: A2 and A3; SA3: A3 and A4); an order whose declared buyer phone is the ring phone written yet
 *   another way, paid from the ring account, shipped in a shipment seized in SA1 (and recorded by agency B
 *   under the same tracking number);
 * - ring B: three persons sharing a phone and an account; two seizures;
 * - noise: six two-person cells with their own phone and seizure;
 * - a super-node phone used by 600 persons, by A3 and by the first noise person.
 */
export interface AnalysisFixture {
  agency: string;
  otherAgency: string;
  ringA: { persons: string[]; seizures: string[]; phone: string; account: string; order: string; payment: string; shipment: string };
  ringB: { persons: string[]; seizures: string[]; phone: string; account: string };
  noise: { persons: string[]; seizures: string[] };
  superPhone: string;
  /** Agency B's record of ring A's shipment (same tracking number). */
  twinShipment: string;
  /** Every person name written, to check that none reaches a reader who may not see it. */
  names: string[];
  /** Ids of persons and identifiers: nominal nodes whose ids must not reach an analyst. */
  nominalIds: string[];
}

const SUPER_NODE_USERS = 600;

type Person = { id: string; phones: Array<{ id: string }>; bankAccounts: Array<{ id: string }> };

export async function buildAnalysisFixture(stack: TestStack, as: Record<string, string>, asOther: Record<string, string>, agency: string, otherAgency: string): Promise<AnalysisFixture> {
  const names: string[] = [];
  const person = async (fullName: string, phones: string[], accounts: string[] = []): Promise<Person> => {
    names.push(fullName);
    const res = await stack.query<{ upsertPerson: Person }>(
      `mutation($input: PersonInput!) { upsertPerson(input: $input) { id phones { id } bankAccounts { id } } }`,
      { input: { fullName, reference: unique("REF"), phones, bankAccounts: accounts.map((a) => ({ iban: a })), dateOfBirth: "1985-06-15" } },
      as,
    );
    return ok(res).upsertPerson;
  };
  const seizure = async (seizedAt: string, commodity: string, placeLocode: string, offenderIds: string[]): Promise<string> =>
    ok(await upsertSeizure(stack, { caseNumber: unique("LA"), seizedAt, commodity, placeLocode, offenderIds }, as)).upsertSeizure.id;

  const superPhone = mobile();
  // The rings and the noise cells share no identifier (but the super-node), so they are written concurrently.
  const ringA = async () => {
    const phone = mobile();
    const account = iban();
    const a1 = await person("Ringa Alpha One", [phone.spaced], [account]);
    const a2 = await person("Ringa Alpha Two", [phone.zeros], [account]);
    const a3 = await person("Ringa Alpha Three", [phone.e164, superPhone.e164], [account]);
    const a4 = await person("Ringa Alpha Four", [phone.spaced], [account]);
    const seizures = await Promise.all([
      seizure("2024-01-10T10:00:00Z", "DRUGS", "NLRTM", [a1.id]),
      seizure("2024-02-10T10:00:00Z", "DRUGS", "NLRTM", [a2.id, a3.id]),
      seizure("2024-03-10T10:00:00Z", "DRUGS", "NLAMS", [a3.id, a4.id]),
    ]);
    const order = ok(
      await upsertOrder(
        stack,
        {
          platform: "ShopTest",
          orderNumber: unique("ORD"),
          orderDate: "2024-01-05T08:00:00Z",
          buyer: { name: "R. Alpha", phone: `0031-6-1${phone.e164.slice(5)}` },
          items: [{ description: "Parts", quantity: 1 }],
        },
        as,
        "id",
      ),
    ).upsertOrder.id;
    const paymentInput = { provider: "PayTest", transactionId: unique("TX"), method: "BANK_TRANSFER", amount: 120, currency: "EUR" };
    const trackingNumber = unique("TRK").replace(/-/g, "");
    const shipmentInput = { trackingNumber, carrier: "ExpressTest", deliveryMode: "EXPRESS", shippedAt: "2024-01-07T08:00:00Z" };
    const [payment, shipment, twinShipment] = await Promise.all([
      upsertPayment(stack, { ...paymentInput, paidAt: "2024-01-06T08:00:00Z", payer: { iban: account }, orderId: order }, as, "id"),
      upsertShipment(stack, { ...shipmentInput, orderId: order, seizureId: seizures[0] }, as, "id"),
      upsertShipment(stack, shipmentInput, asOther, "id"),
    ]);
    return {
      people: [a1, a2, a3, a4],
      ring: {
        persons: [a1.id, a2.id, a3.id, a4.id],
        seizures,
        phone: a1.phones[0]!.id,
        account: a1.bankAccounts[0]!.id,
        order,
        payment: ok(payment).upsertPayment.id,
        shipment: ok(shipment).upsertShipment.id,
      },
      twinShipment: ok(twinShipment).upsertShipment.id,
    };
  };
  const ringB = async () => {
    const phone = mobile();
    const account = iban();
    const b1 = await person("Ringa Bravo One", [phone.e164], [account]);
    const b2 = await person("Ringa Bravo Two", [phone.spaced], [account]);
    const b3 = await person("Ringa Bravo Three", [phone.zeros], [account]);
    const seizures = await Promise.all([
      seizure("2024-04-01T10:00:00Z", "TOBACCO", "BEANR", [b1.id, b2.id]),
      seizure("2024-05-01T10:00:00Z", "TOBACCO", "BEANR", [b3.id]),
    ]);
    return { people: [b1, b2, b3], ring: { persons: [b1.id, b2.id, b3.id], seizures, phone: b1.phones[0]!.id, account: b1.bankAccounts[0]!.id } };
  };
  const noiseCell = async (i: number) => {
    const phone = mobile();
    const first = await person(`Noisy Cell${i} First`, i === 0 ? [phone.e164, superPhone.e164] : [phone.e164]);
    const second = await person(`Noisy Cell${i} Second`, [phone.spaced]);
    return { people: [first, second], seizure: await seizure("2024-06-01T10:00:00Z", "ALCOHOL", "DEHAM", [first.id, second.id]) };
  };
  const [a, b, ...cells] = await Promise.all([ringA(), ringB(), ...[0, 1, 2, 3, 4, 5].map(noiseCell)]);
  const noisePersons = cells.flatMap((c) => c.people);

  await stack.db.write(
    `MATCH (ph:Phone { key: $key })
     UNWIND range(1, $count) AS i
     CREATE (p:Person:Party { id: randomUUID(), ownerAgency: $agency, fullName: 'Bulk Caller ' + i, sortName: 'bulk caller ' + i,
       source: 'test:bulk', createdAt: datetime(), updatedAt: datetime() })
     CREATE (p)-[:USES { ownerAgency: $agency, source: 'test:bulk', createdAt: datetime(), updatedAt: datetime() }]->(ph)`,
    { key: superPhone.e164, count: SUPER_NODE_USERS, agency },
  );
  const [superRow] = await stack.db.read<{ id: string }>("MATCH (ph:Phone { key: $key }) RETURN ph.id AS id", { key: superPhone.e164 });

  const all = [...a.people, ...b.people, ...noisePersons];
  const nominalIds = [...new Set([...all.map((p) => p.id), ...all.flatMap((p) => [...p.phones, ...p.bankAccounts].map((i) => i.id)), superRow!.id])];
  return {
    agency,
    otherAgency,
    ringA: a.ring,
    ringB: b.ring,
    noise: { persons: noisePersons.map((p) => p.id), seizures: cells.map((c) => c.seizure) },
    superPhone: superRow!.id,
    twinShipment: a.twinShipment,
    names,
    nominalIds,
  };
}
