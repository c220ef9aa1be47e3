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

  const phoneA = mobile();
  const accountA = iban();
  const superPhone = mobile();
  const a1 = await person("Ringa Alpha One", [phoneA.spaced], [accountA]);
  const a2 = await person("Ringa Alpha Two", [phoneA.zeros], [accountA]);
  const a3 = await person("Ringa Alpha Three", [phoneA.e164, superPhone.e164], [accountA]);
  const a4 = await person("Ringa Alpha Four", [phoneA.spaced], [accountA]);
  const sa1 = await seizure("2024-01-10T10:00:00Z", "DRUGS", "NLRTM", [a1.id]);
  const sa2 = await seizure("2024-02-10T10:00:00Z", "DRUGS", "NLRTM", [a2.id, a3.id]);
  const sa3 = await seizure("2024-03-10T10:00:00Z", "DRUGS", "NLAMS", [a3.id, a4.id]);
  const order = ok(
    await upsertOrder(
      stack,
      {
        platform: "ShopTest",
        orderNumber: unique("ORD"),
        orderDate: "2024-01-05T08:00:00Z",
        declaredBuyer: { name: "R. Alpha", phone: `0031-6-1${phoneA.e164.slice(5)}` },
        items: [{ description: "Parts", quantity: 1 }],
      },
      as,
      "id",
    ),
  ).upsertOrder.id;
  const payment = ok(
    await upsertPayment(
      stack,
      { provider: "PayTest", transactionId: unique("TX"), method: "BANK_TRANSFER", amount: 120, currency: "EUR", paidAt: "2024-01-06T08:00:00Z", payer: { iban: accountA }, orderId: order },
      as,
      "id",
    ),
  ).upsertPayment.id;
  const trackingNumber = unique("TRK").replace(/-/g, "");
  const shipmentInput = { trackingNumber, carrier: "ExpressTest", deliveryMode: "EXPRESS", shippedAt: "2024-01-07T08:00:00Z" };
  const shipment = ok(await upsertShipment(stack, { ...shipmentInput, orderId: order, seizureId: sa1 }, as, "id")).upsertShipment.id;
  const twinShipment = ok(await upsertShipment(stack, shipmentInput, asOther, "id")).upsertShipment.id;

  const phoneB = mobile();
  const accountB = iban();
  const b1 = await person("Ringa Bravo One", [phoneB.e164], [accountB]);
  const b2 = await person("Ringa Bravo Two", [phoneB.spaced], [accountB]);
  const b3 = await person("Ringa Bravo Three", [phoneB.zeros], [accountB]);
  const sb1 = await seizure("2024-04-01T10:00:00Z", "TOBACCO", "BEANR", [b1.id, b2.id]);
  const sb2 = await seizure("2024-05-01T10:00:00Z", "TOBACCO", "BEANR", [b3.id]);

  const noisePersons: Person[] = [];
  const noiseSeizures: string[] = [];
  for (let i = 0; i < 6; i++) {
    const phone = mobile();
    const first = await person(`Noisy Cell${i} First`, i === 0 ? [phone.e164, superPhone.e164] : [phone.e164]);
    const second = await person(`Noisy Cell${i} Second`, [phone.spaced]);
    noisePersons.push(first, second);
    noiseSeizures.push(await seizure("2024-06-01T10:00:00Z", "ALCOHOL", "DEHAM", [first.id, second.id]));
  }

  await stack.db.write(
    `MATCH (ph:Phone { key: $key })
     UNWIND range(1, $count) AS i
     CREATE (p:Person:Party { id: randomUUID(), ownerAgency: $agency, fullName: 'Bulk Caller ' + i, sortName: 'bulk caller ' + i,
       source: 'test:bulk', createdAt: datetime(), updatedAt: datetime() })
     CREATE (p)-[:USES { ownerAgency: $agency, source: 'test:bulk', createdAt: datetime(), updatedAt: datetime() }]->(ph)`,
    { key: superPhone.e164, count: SUPER_NODE_USERS, agency },
  );
  const [superRow] = await stack.db.read<{ id: string }>("MATCH (ph:Phone { key: $key }) RETURN ph.id AS id", { key: superPhone.e164 });

  const ringAPersons = [a1, a2, a3, a4];
  const ringBPersons = [b1, b2, b3];
  const all = [...ringAPersons, ...ringBPersons, ...noisePersons];
  const nominalIds = [...new Set([...all.map((p) => p.id), ...all.flatMap((p) => [...p.phones, ...p.bankAccounts].map((i) => i.id)), superRow!.id])];
  return {
    agency,
    otherAgency,
    ringA: {
      persons: ringAPersons.map((p) => p.id),
      seizures: [sa1, sa2, sa3],
      phone: a1.phones[0]!.id,
      account: a1.bankAccounts[0]!.id,
      order,
      payment,
      shipment,
    },
    ringB: { persons: ringBPersons.map((p) => p.id), seizures: [sb1, sb2], phone: b1.phones[0]!.id, account: b1.bankAccounts[0]!.id },
    noise: { persons: noisePersons.map((p) => p.id), seizures: noiseSeizures },
    superPhone: superRow!.id,
    twinShipment,
    names,
    nominalIds,
  };
}
