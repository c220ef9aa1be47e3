import { OrderReferenceImport, prepareRows, resolveOrderReferences, type ImportKind, type OrderReference, type ReferenceUse } from "@cix/core";
import { paymentWrite } from "../payment/payment.input.js";
import { PaymentRepository, type PaymentRecordWrite } from "../payment/payment.repository.js";
import type { PaymentInput } from "../payment/payment.types.js";

type PaymentRow = Omit<PaymentRecordWrite, "ownerAgency" | "source">;

/**
 * Payments as import rows: `PaymentInput`, with the order it pays named by platform and order number instead of a
 * hub id. Validated by `paymentWrite` and stored by `PaymentRepository.upsertMany`, keyed by (your agency, provider,
 * transactionId).
 */
export const paymentImport: ImportKind<PaymentRow> = {
  name: "payments",
  subgraph: "ecommerce",
  description:
    "Payments, keyed by your agency, the provider and its transaction id. Payer and payee accounts with an IBAN are linked to the " +
    "shared BankAccount nodes; `order` names the order paid (imported before) by platform and order number.",
  inputType: "PaymentInput",
  omitFields: ["orderId"],
  extraFields: () => ({ order: { type: OrderReferenceImport, description: "The order this payment pays, by platform and order number." } }),
  // A batch costs a fixed handful of statements whatever its size (see the repository), so the engine's batch
  // size applies. Batches link shared nodes (a merchant's bank account on many payments): written one at a
  // time, they never wait on each other's locks.
  concurrency: 1,
  naturalKey: { fields: ["provider", "transactionId"], of: (item) => [item.payment.provider, item.payment.transactionId] },
  xml: { root: "payments", record: "payment" },
  examples: {
    provider: "ExamplePay",
    transactionId: "TX-2024-000001",
    method: "CARD",
    amount: 60,
    currency: "EUR",
    paidAt: "2024-03-01T10:05:00Z",
    "payer.iban": "NL91ABNA0417164300",
    "payer.bic": "ABNANL2A",
    "payer.identifier": null,
    "payer.holderName": "J. Jansen",
    "payee.iban": null,
    "payee.bic": null,
    "payee.identifier": "merchant-4711",
    "payee.holderName": "Shenzhen Example Trading Co.",
    order: null,
    "order.agency": null,
    "order.platform": null,
    "order.orderNumber": null,
    "markings.tlp": "AMBER",
  },

  async prepare(rows, writer) {
    const uses: Array<ReferenceUse<OrderReference>> = [];
    const slots = rows.map((r) => {
      const ref = r.input.order as OrderReference | undefined;
      if (!ref) return -1;
      uses.push({ row: r.row, path: "order", ref });
      return uses.length - 1;
    });
    const resolved = await resolveOrderReferences(writer.db, writer.agency, uses);
    return prepareRows(rows, resolved.errors, (r, index) => {
      const { order: _order, ...input } = r.input;
      const slot = slots[index]!;
      const payment = paymentWrite({ ...input, orderId: slot < 0 ? null : resolved.ids[slot]! } as unknown as PaymentInput);
      return { payment, markings: (input as unknown as PaymentInput).markings };
    });
  },

  async writeBatch(items, writer) {
    const written = await new PaymentRepository(writer.db).upsertMany(items.map((item) => ({ ...item, ownerAgency: writer.agency, source: writer.source })));
    return written.map((w) => ({ ...w, flags: 0 }));
  },
};
