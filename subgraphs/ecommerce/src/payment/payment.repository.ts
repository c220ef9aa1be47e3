import {
  afterKeyset,
  latestByKey,
  linkIdentifiersMany,
  ownedRecordProperties,
  retainIdentifiersMany,
  upsertRecords,
  writeOutcomeColumns,
  type RecordWrite,
  type Database,
  type Keyset,
  type MarkingsInput,
  type Tx,
} from "@cix/core";
import { assertExist, LABEL, replaceLinks } from "../common/links.js";
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
  async upsert(w: PaymentRecordWrite): Promise<string> {
    const [written] = await this.db.transaction((tx) => writePayments(tx, [w]));
    return written!.id;
  }

  /** The same for a batch of payments (imports), in ONE transaction: stored whole or not at all; ids in input order. */
  upsertMany(writes: readonly PaymentRecordWrite[]): Promise<RecordWrite[]> {
    return this.db.transaction((tx) => writePayments(tx, writes));
  }

  async findByIds(ids: readonly string[]): Promise<Payment[]> {
    const rows = await this.db.read<{ payment: PaymentRow }>(
      `UNWIND $ids AS id MATCH (pay:Payment { id: id }) RETURN ${PAYMENT_PROJECTION} AS payment`,
      { ids },
    );
    return rows.map((r) => paymentFromRow(r.payment));
  }

  /** The payment by its natural key (as the upsert stores it), or null. */
  async findByTransaction(ownerAgency: string, provider: string, transactionId: string): Promise<Payment | null> {
    const rows = await this.db.read<{ payment: PaymentRow }>(
      `MATCH (pay:Payment { ownerAgency: $ownerAgency, provider: $provider, transactionId: $transactionId }) RETURN ${PAYMENT_PROJECTION} AS payment`,
      { ownerAgency, provider, transactionId },
    );
    return rows[0] ? paymentFromRow(rows[0].payment) : null;
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

/** Creates or replaces the payments; `row.n` numbers the rows (see `upsertRows`). */
const UPSERT_PAYMENTS = `UNWIND $rows AS row
  MERGE (pay:Payment { ownerAgency: row.ownerAgency, provider: row.provider, transactionId: row.transactionId })
  ON CREATE SET pay.id = randomUUID(), pay.createdAt = datetime()
  WITH row, pay, ${writeOutcomeColumns("pay")}
  SET pay += row.props, pay.paidAt = datetime(row.paidAt), pay.updatedAt = datetime()
  RETURN row.n AS n, pay.id AS id, created, previousSource`;

const ACCOUNT_RELS = ["FROM", "TO"] as const;

/**
 * Writes a batch of payments inside the caller's transaction with a fixed number of statements, whatever the
 * batch size (references checked first); returns their ids in input order.
 */
async function writePayments(tx: Tx, writes: readonly PaymentRecordWrite[]): Promise<RecordWrite[]> {
  await assertExist(
    tx,
    LABEL.Order,
    writes.map(({ payment }) => ({ path: "input.orderId", id: payment.orderId })),
    "the id of an existing Order",
  );
  const { unique, at } = latestByKey(writes, (w) => [w.ownerAgency, w.payment.provider, w.payment.transactionId]);
  const written = await upsertRecords(
    tx,
    UPSERT_PAYMENTS,
    unique.map(({ ownerAgency, source, markings, payment }) => ({
      ownerAgency,
      provider: payment.provider,
      transactionId: payment.transactionId,
      paidAt: payment.paidAt,
      props: { ...payment.props, ...ownedRecordProperties(ownerAgency, source, markings) },
    })),
  );
  const ids = written.map((w) => w.id);
  await replaceLinks(
    tx,
    { recordLabel: LABEL.Payment, rel: "PAID_BY", otherLabel: LABEL.Order, direction: "incoming" },
    unique.map((w, i) => ({ recordId: ids[i]!, otherId: w.payment.orderId })),
  );
  // Each payment's FROM and TO edges become exactly its payer's and payee's IBAN accounts (none for other accounts).
  const accounts = unique.map((w) => w.payment.accounts.flatMap(({ rel, identifier }) => (identifier ? [{ rel, identifier }] : [])));
  for (const rel of ACCOUNT_RELS) {
    const keep = accounts.map((list, i) => ({ ownerId: ids[i]!, keys: list.filter((a) => a.rel === rel).map((a) => a.identifier.key) }));
    await retainIdentifiersMany(tx, LABEL.Payment, { rel, kind: "BankAccount" }, keep);
  }
  await linkIdentifiersMany(
    tx,
    LABEL.Payment,
    unique.map((w, i) => ({
      ownerId: ids[i]!,
      links: accounts[i]!.map(({ rel, identifier }) => ({ rel, identifier, edgeProps: { ownerAgency: w.ownerAgency, source: w.source } })),
    })),
  );
  return at.map((i) => written[i]!);
}
