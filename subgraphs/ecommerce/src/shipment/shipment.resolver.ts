import type { RequestContext } from "@cix/core";
import { Arg, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from "type-graphql";
import { Seizure } from "../references/seizure.ref.js";
import { shipmentById, shipmentsBySeizureId } from "./shipment.loaders.js";
import { ShipmentRepository } from "./shipment.repository.js";
import { Shipment, ShipmentInput } from "./shipment.types.js";

@Resolver(() => Shipment)
export class ShipmentResolver {
  @Query(() => Shipment, { nullable: true, description: "One shipment by its id." })
  shipment(@Arg("id", () => ID, { description: "The shipment's hub id." }) id: string, @Ctx() ctx: RequestContext) {
    return shipmentById(ctx).load(id);
  }

  @Mutation(() => Shipment, { description: "Creates a shipment, or updates it if the carrier already reported that tracking number." })
  upsertShipment(@Arg("input", () => ShipmentInput) input: ShipmentInput, @Ctx() ctx: RequestContext) {
    return new ShipmentRepository(ctx.db).upsert(input);
  }

  @FieldResolver(() => Seizure, { nullable: true, description: "The seizure case in which this shipment was seized." })
  seizure(@Root() shipment: Shipment): Seizure | null {
    return shipment.seizureId ? { id: shipment.seizureId } : null;
  }
}

@Resolver(() => Seizure)
export class SeizureShipmentsResolver {
  @FieldResolver(() => [Shipment], { description: "Shipments seized in this case (from e-commerce data)." })
  shipments(@Root() seizure: Seizure, @Ctx() ctx: RequestContext) {
    return shipmentsBySeizureId(ctx).load(seizure.id);
  }
}
