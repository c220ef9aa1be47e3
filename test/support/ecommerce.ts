import { randomInt } from "node:crypto";
import { s10CheckDigit, type Database } from "@cix/core";
import type { GraphQLResponse, TestStack } from "./stack.js";

/** Every scalar and nested field of an order (no cross-subgraph references). */
export const ORDER_FIELDS = `
  id platform orderNumber orderDate ownerAgency source createdAt updatedAt
  markings { handling tlp sourceReliability informationAccuracy }
  declaredBuyer { name phone email address { street city postcode country } }
  declaredSeller { name phone email address { street city postcode country } }
  items { description hsCode quantity unitValue currency originCountry }
  deliveryLocode deliveryCountry totalValue currency
`;

export const PAYMENT_FIELDS = `
  id provider transactionId method amount currency paidAt ownerAgency source
  payer { iban bic identifier holderName } payee { iban bic identifier holderName }
`;

export const SHIPMENT_FIELDS = `
  id carrier trackingNumber deliveryMode ownerAgency source
  declaredConsignor { name phone email address { street city postcode country } }
  declaredConsignee { name phone email address { street city postcode country } }
  originLocode originCountry destinationLocode destinationCountry grossWeightKg pieces declaredValue currency
  goodsDescription hsCodes shippedAt events { time type place note }
`;

export function upsertOrder(stack: TestStack, input: Record<string, unknown>, headers: Record<string, string>, fields = ORDER_FIELDS) {
  return stack.query<{ upsertOrder: Record<string, unknown> & { id: string } }>(
    `mutation($input: OrderInput!) { upsertOrder(input: $input) { ${fields} } }`,
    { input },
    headers,
  );
}

export function upsertPayment(stack: TestStack, input: Record<string, unknown>, headers: Record<string, string>, fields = PAYMENT_FIELDS) {
  return stack.query<{ upsertPayment: Record<string, unknown> & { id: string } }>(
    `mutation($input: PaymentInput!) { upsertPayment(input: $input) { ${fields} } }`,
    { input },
    headers,
  );
}

export function upsertShipment(stack: TestStack, input: Record<string, unknown>, headers: Record<string, string>, fields = SHIPMENT_FIELDS) {
  return stack.query<{ upsertShipment: Record<string, unknown> & { id: string } }>(
    `mutation($input: ShipmentInput!) { upsertShipment(input: $input) { ${fields} } }`,
    { input },
    headers,
  );
}

/** `n` random digits. */
export function digits(n: number): string {
  return Array.from({ length: n }, () => String(randomInt(10))).join("");
}

/** A fresh, valid UPU S10 tracking number, e.g. "RR473124829GB". */
export function s10(service = "RR", country = "GB"): string {
  const serial = digits(8);
  return `${service}${serial}${s10CheckDigit(serial)}${country}`;
}

/** A fresh Dutch mobile number in E.164 ("+3161xxxxxxx"), unlikely to be shared with any other test. */
export function mobile(): string {
  return `+3161${digits(7)}`;
}

/** A fresh, valid British IBAN (ISO 13616 check digits computed). */
export function iban(): string {
  const bban = `WEST${digits(14)}`;
  const numeric = `${bban}GB00`.replace(/[A-Z]/g, (c) => String(c.charCodeAt(0) - 55));
  const remainder = [...numeric].reduce((r, d) => (r * 10 + Number(d)) % 97, 0);
  return `GB${String(98 - remainder).padStart(2, "0")}${bban}`;
}

/**
 * Deletes the agency's orders, payments, shipments, persons and companies (with items and events), then the
 * identifier nodes they linked to that nothing else refers to any more.
 */
export async function deleteEcommerceData(db: Database, agency: string): Promise<void> {
  await db.write(
    `MATCH (r:Order|Payment|Shipment|Person|Company { ownerAgency: $agency })
     OPTIONAL MATCH (r)-[:HAS_ITEM|HAS_EVENT]->(child)
     OPTIONAL MATCH (r)-[:DECLARED|FROM|TO|USES|LOCATED_AT|HOLDS|HOLDS_ACCOUNT]->(identifier)
     WITH collect(DISTINCT r) + collect(DISTINCT child) AS doomed, collect(DISTINCT identifier) AS identifiers
     FOREACH (n IN doomed | DETACH DELETE n)
     WITH identifiers
     UNWIND identifiers AS identifier
     WITH identifier WHERE NOT EXISTS { (identifier)--() }
     DELETE identifier`,
    { agency },
  );
}

/** The data of a response that must have succeeded (fails the test with the errors otherwise). */
export function ok<T>(res: GraphQLResponse<T>): T {
  if (res.errors) throw new Error(`GraphQL errors: ${JSON.stringify(res.errors)}`);
  return res.data!;
}
