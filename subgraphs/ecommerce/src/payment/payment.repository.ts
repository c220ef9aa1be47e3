import {
  linkIdentifiers,
  ownedRecordProperties,
  retainIdentifiers,
  type Database,
  type IdentifierLink,
  type MarkingsInput,
  type Tx,
} from "@cix/core";
import { afterKeyset, type Keyset } from "@cix/core";
import { assertExist, LABEL, replaceLink } from "../common/links.js";
import type { PaymentFilterParams, PaymentWrite } from "./payment.input.js";
import { PAYMENT_PROJECTION, paymentFromRow, type PaymentRow } from "./payment.mapping.js";
import type { Payment } from "./payment.types.js";

export const paymentSchema = [
  "CREATE CONSTRAINT payment_id IF NOT EXISTS FOR (p:Payment) REQUIRE p.id IS UNIQUE",
  "CREATE CONSTRAINT payment_key IF NOT EXISTS FOR (p:Payment) REQUIRE (p.ownerAgency, p.provider, p.transactionId) IS UNIQUE",
  "CREATE INDEX payment_paid_at IF NOT EXISTS FOR (p:Payment) ON (p.paidAt)",
];

/** The write of one payment: the caller's agency, the source and markings, and the validated payment. */
export interface PaymentRecordWrite {
  ownerAgency: string;
  source: string;
  markings: MarkingsInput | null | undefined;
  payment: PaymentWrite;
}

/** Cypher for Payment nodes. Idempotent on (ownerAgency, provider, transactionId). */
export class PaymentRepository {
  constructor(private readonly db: Database) {}

  /**
   * Creates or replaces the payment, its link to the order it pays and its FROM/TO links to the shared
   * BankAccount nodes of IBAN accounts, in one transaction; returns its id.
   */
  upsert(w: PaymentRecordWrite): Promise<string> {
    return this.db.transaction((tx) => writePayment(tx, w));
  }

  /** The batch variant for imports: the same checks and statements for each payment, all in ONE transaction (stored whole or not at all). */
  upsertMany(writes: readonly PaymentRecordWrite[]): Promise<string[]> {
    return this.db.transaction(async (tx) => {
      const ids: string[] = [];
      for (const w of writes) ids.push(await writePayment(tx, w));
      return ids;
    });
  }


  async findByIds(ids: readonly string[]): Promise<Payment[]> {
    const rows = await this.db.read<{ payment: PaymentRow }>(
      `UNWIND $ids AS id MATCH (pay:Payment { id: id }) RETURN ${PAYMENT_PROJECTION} AS payment`,
      { ids },
    );
    return rows.map((r) => paymentFromRow(r.payment));
  }

  /** A page of payments matching the filter, newest first; `limit` is one more than the page size. */
  async list(filter: PaymentFilterParams, page: Keyset, limit: number): Promise<Payment[]> {
    const rows = await this.db.read<{ payment: PaymentRow }>(
      `MATCH (pay:Payment)
       WHERE ($provider IS NULL OR pay.provider = $provider)
         AND ($method IS NULL OR pay.method = $method)
         AND ($currency IS NULL OR pay.currency = $currency)
         AND ($from IS NULL OR pay.paidAt >= datetime($from))
         AND ($to IS NULL OR pay.paidAt < datetime($to))
         AND ${afterKeyset("pay", "paidAt")}
       RETURN ${PAYMENT_PROJECTION} AS payment
       ORDER BY pay.paidAt DESC, pay.id
       LIMIT toInteger($limit)`,
      { ...filter, ...page, limit },
    );
    return rows.map((r) => paymentFromRow(r.payment));
  }

  /**
   * For each party id, a page of the payments it is behind: payments of orders it bought, and payments made
   * from a bank account it holds. One query for all parties.
   */
  async listByParties(partyIds: readonly string[], page: Keyset, limit: number): Promise<Array<{ partyId: string; payment: Payment }>> {
    const rows = await this.db.read<{ partyId: string; payment: PaymentRow }>(
      `UNWIND $partyIds AS partyId
       CALL (partyId) {
         MATCH (party:${LABEL.Party} { id: partyId })
         CALL (party) {
           MATCH (party)<-[:BUYER]-(:Order)-[:PAID_BY]->(pay:Payment) RETURN pay
           UNION
           MATCH (party)-[:HOLDS_ACCOUNT]->(:BankAccount)<-[:FROM]-(pay:Payment) RETURN pay
         }
         WITH DISTINCT pay
         WHERE ${afterKeyset("pay", "paidAt")}
         RETURN pay ORDER BY pay.paidAt DESC, pay.id LIMIT toInteger($limit)
       }
       RETURN partyId, ${PAYMENT_PROJECTION} AS payment
       ORDER BY partyId, pay.paidAt DESC, pay.id`,
      { partyIds, ...page, limit },
    );
    return rows.map((r) => ({ partyId: r.partyId, payment: paymentFromRow(r.payment) }));
  }

  /** Payments of each order, newest first. */
  async findByOrderIds(orderIds: readonly string[]): Promise<Array<{ orderId: string; payment: Payment }>> {
    const rows = await this.db.read<{ orderId: string; payment: PaymentRow }>(
      `UNWIND $orderIds AS orderId
       MATCH (:Order { id: orderId })-[:PAID_BY]->(pay:Payment)
       RETURN orderId, ${PAYMENT_PROJECTION} AS payment
       ORDER BY orderId, pay.paidAt DESC, pay.id`,
      { orderIds },
    );
    return rows.map((r) => ({ orderId: r.orderId, payment: paymentFromRow(r.payment) }));
  }
}

/** Writes one payment inside the caller's transaction (references checked first); returns its id. */
async function writePayment(tx: Tx, w: PaymentRecordWrite): Promise<string> {
  const { payment: p } = w;
  await assertExist(tx, LABEL.Order, [{ path: "input.orderId", id: p.orderId }], "the id of an existing Order");
  const rows = await tx.run<{ id: string }>(
    `MERGE (pay:Payment { ownerAgency: $ownerAgency, provider: $provider, transactionId: $transactionId })
     ON CREATE SET pay.id = randomUUID(), pay.createdAt = datetime()
     SET pay += $props, pay.paidAt = datetime($paidAt), pay.updatedAt = datetime()
     RETURN pay.id AS id`,
    {
      ownerAgency: w.ownerAgency,
      provider: p.provider,
      transactionId: p.transactionId,
      paidAt: p.paidAt,
      props: { ...p.props, ...ownedRecordProperties(w.ownerAgency, w.source, w.markings) },
    },
  );
  const id = rows[0]!.id;
  const record = { label: LABEL.Payment, id };
  await replaceLink(tx, { record, rel: "PAID_BY", other: { label: LABEL.Order, id: p.orderId }, direction: "incoming" });
  const links: IdentifierLink[] = [];
  for (const { rel, identifier } of p.accounts) {
    await retainIdentifiers(tx, record, { rel, kind: "BankAccount" }, identifier ? [identifier.key] : []);
    if (identifier) links.push({ rel, identifier, edgeProps: { ownerAgency: w.ownerAgency, source: w.source } });
  }
  if (links.length > 0) await linkIdentifiers(tx, record, links);
  return id;
}
