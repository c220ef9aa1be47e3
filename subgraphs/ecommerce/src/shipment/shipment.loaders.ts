import { alignMany, alignOne, type Keyset, type RequestContext } from "@cix/core";
import { ShipmentRepository } from "./shipment.repository.js";
import type { Shipment } from "./shipment.types.js";

/** Shipments by id, batched per request (queries and federation references). */
export function shipmentById(ctx: RequestContext) {
  return ctx.loaders.get<string, Shipment | null>("shipmentById", async (ids) =>
    alignOne(ids, await new ShipmentRepository(ctx.db).findByIds(ids), (s) => s.id),
  );
}

/** Shipments seized in each seizure, batched across seizures. */
export function shipmentsBySeizure(ctx: RequestContext) {
  return ctx.loaders.get<string, Shipment[]>("shipmentsBySeizure", async (seizureIds) => {
    const rows = await new ShipmentRepository(ctx.db).findBySeizureIds(seizureIds);
    return alignMany(seizureIds, rows, (r) => r.seizureId).map((group) => group.map((r) => r.shipment));
  });
}

/** Shipments fulfilling each order, batched across orders. */
export function shipmentsByOrder(ctx: RequestContext) {
  return ctx.loaders.get<string, Shipment[]>("shipmentsByOrder", async (orderIds) => {
    const rows = await new ShipmentRepository(ctx.db).findByOrderIds(orderIds);
    return alignMany(orderIds, rows, (r) => r.orderId).map((group) => group.map((r) => r.shipment));
  });
}

/** A page of shipments per party (consignor or consignee), batched across parties asked for the same page window. */
export function shipmentsByParty(ctx: RequestContext, limit: number, after: Keyset) {
  return ctx.loaders.get<string, Shipment[]>(`shipmentsByParty:${limit}:${after.afterAt ?? ""}|${after.afterId ?? ""}`, async (partyIds) => {
    const rows = await new ShipmentRepository(ctx.db).listByParties(partyIds, after, limit);
    return alignMany(partyIds, rows, (r) => r.partyId).map((group) => group.map((r) => r.shipment));
  });
}
