import { ownedRecordFields } from "@cix/core";
import { accountFromProperties } from "./payment-account.js";
import type { Payment } from "./payment.types.js";

/** Cypher projection of a payment bound to `pay`: properties, provenance, markings, access envelope, order id. */
export const PAYMENT_PROJECTION = `pay { .*, ${ownedRecordFields("pay")},
  orderId: head([(o:Order)-[:PAID_BY]->(pay) | o.id])
}`;

/** A payment as PAYMENT_PROJECTION reads it. */
export type PaymentRow = Payment & Record<string, unknown>;

/** The GraphQL shape of a row; the row's other keys (among them `__access`) stay on the object. */
export function paymentFromRow(row: PaymentRow): Payment {
  return { ...row, payer: accountFromProperties("payer", row), payee: accountFromProperties("payee", row) };
}
