import { alignMany, alignOne, type Keyset, type RequestContext } from "@cix/core";
import { OrderRepository } from "./order.repository.js";
import type { Order } from "./order.types.js";

/** Orders by id, batched per request (queries, references from payments and shipments, federation). */
export function orderById(ctx: RequestContext) {
  return ctx.loaders.get<string, Order | null>("orderById", async (ids) =>
    alignOne(ids, await new OrderRepository(ctx.db).findByIds(ids), (o) => o.id),
  );
}

/** Orders already read (e.g. by a list) are not read again when a payment or shipment refers back to them. */
export function primeOrders(ctx: RequestContext, orders: readonly Order[]): void {
  const loader = orderById(ctx);
  for (const order of orders) loader.prime(order.id, order);
}

/**
 * A page of orders per party (buyer or seller), batched across parties. One loader per page window, since
 * every party in a batch is asked for the same `first`/`after`.
 */
export function ordersByParty(ctx: RequestContext, limit: number, after: Keyset) {
  return ctx.loaders.get<string, Order[]>(`ordersByParty:${limit}:${after.afterAt ?? ""}|${after.afterId ?? ""}`, async (partyIds) => {
    const rows = await new OrderRepository(ctx.db).listByParties(partyIds, after, limit);
    return alignMany(partyIds, rows, (r) => r.partyId).map((group) => group.map((r) => r.order));
  });
}
