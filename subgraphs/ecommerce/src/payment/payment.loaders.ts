import { alignMany, alignOne, type Keyset, type RequestContext } from "@cix/core";
import { PaymentRepository } from "./payment.repository.js";
import type { Payment } from "./payment.types.js";

/** Payments by id, batched per request (queries and federation references). */
export function paymentById(ctx: RequestContext) {
  return ctx.loaders.get<string, Payment | null>("paymentById", async (ids) =>
    alignOne(ids, await new PaymentRepository(ctx.db).findByIds(ids), (p) => p.id),
  );
}

/** Payments of each order, batched across orders. */
export function paymentsByOrder(ctx: RequestContext) {
  return ctx.loaders.get<string, Payment[]>("paymentsByOrder", async (orderIds) => {
    const rows = await new PaymentRepository(ctx.db).findByOrderIds(orderIds);
    return alignMany(orderIds, rows, (r) => r.orderId).map((group) => group.map((r) => r.payment));
  });
}

/** A page of payments per party, batched across parties asked for the same page window. */
export function paymentsByParty(ctx: RequestContext, limit: number, after: Keyset) {
  return ctx.loaders.get<string, Payment[]>(`paymentsByParty:${limit}:${after.afterAt ?? ""}|${after.afterId ?? ""}`, async (partyIds) => {
    const rows = await new PaymentRepository(ctx.db).listByParties(partyIds, after, limit);
    return alignMany(partyIds, rows, (r) => r.partyId).map((group) => group.map((r) => r.payment));
  });
}
