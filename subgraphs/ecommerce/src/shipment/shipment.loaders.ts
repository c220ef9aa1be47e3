import { alignMany, alignOne, type RequestContext } from "@cix/core";
import { ShipmentRepository } from "./shipment.repository.js";
import type { Shipment } from "./shipment.types.js";

export function shipmentById(ctx: RequestContext) {
  return ctx.loaders.get<string, Shipment | null>("shipmentById", async (ids) =>
    alignOne(ids, await new ShipmentRepository(ctx.db).findByIds(ids), (s) => s.id),
  );
}

export function shipmentsBySeizureId(ctx: RequestContext) {
  return ctx.loaders.get<string, Shipment[]>("shipmentsBySeizureId", async (ids) =>
    alignMany(ids, await new ShipmentRepository(ctx.db).findBySeizureIds(ids), (s) => s.seizureId),
  );
}
