import {
  agencyCode,
  checkedFirst,
  cursorScope,
  keysetAfter,
  Nominal,
  normalizeS10,
  partyReferences,
  requireViewer,
  Roles,
  toConnection,
  type RequestContext,
} from "@cix/core";
import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from "type-graphql";
import { optionalText } from "../common/validate.js";
import { orderById } from "../order/order.loaders.js";
import { Order } from "../order/order.types.js";
import { PartyRef } from "../references/party.ref.js";
import { SeizureRef } from "../references/seizure.ref.js";
import { shipmentFilterParams, shipmentWrite } from "./shipment.input.js";
import { shipmentById, shipmentsBySeizure } from "./shipment.loaders.js";
import { ShipmentRepository } from "./shipment.repository.js";
import { Shipment, ShipmentConnection, ShipmentFilter, ShipmentInput } from "./shipment.types.js";

@Resolver(() => Shipment)
export class ShipmentResolver {
  @Query(() => Shipment, { nullable: true, description: "One shipment by its hub id; null if there is none." })
  shipment(@Arg("id", () => ID, { description: "The shipment's hub id." }) id: string, @Ctx() ctx: RequestContext) {
    return shipmentById(ctx).load(id);
  }

  @Query(() => Shipment, {
    nullable: true,
    description:
      "One shipment by its natural key: the agency that recorded it, the carrier and the tracking number, as upsertShipment and " +
      "the shipments import write them (the tracking number compared without spaces and in upper case, as stored); null if there is none.",
  })
  async shipmentByTracking(
    @Arg("agency", () => String, { description: "Code of the agency that recorded it, e.g. NL-CUSTOMS (case and spaces at the ends do not matter)." }) agency: string,
    @Arg("carrier", () => String, { description: 'The carrier or postal operator, as recorded, e.g. "PostNL".' }) carrier: string,
    @Arg("trackingNumber", () => String, { description: "The carrier's tracking number, e.g. a UPU S10 identifier (spaces and case do not matter)." })
    trackingNumber: string,
    @Ctx() ctx: RequestContext,
  ): Promise<Shipment | null> {
    const [carrierKey, trackingKey] = [optionalText(carrier), normalizeS10(trackingNumber)];
    if (carrierKey === null || trackingKey === "") return null;
    const shipment = await new ShipmentRepository(ctx.db).findByTracking(agencyCode(agency), carrierKey, trackingKey);
    if (shipment) shipmentById(ctx).prime(shipment.id, shipment);
    return shipment;
  }

  @Query(() => ShipmentConnection, { description: "Shipments matching the filter, most recently dispatched first." })
  async shipments(
    @Arg("filter", () => ShipmentFilter, { nullable: true, description: "Which shipments; all shipments when omitted." }) filter: ShipmentFilter | null,
    @Arg("first", () => Int, { defaultValue: 20, description: "Page size, 1 to the hub's maximum (500 by default)." }) first: number,
    @Arg("after", () => String, { nullable: true, description: "endCursor of the previous page." }) after: string | null,
    @Ctx() ctx: RequestContext,
  ) {
    const size = checkedFirst(first);
    const scope = cursorScope(ctx.viewer, "Query.shipments", { filter });
    const rows = await new ShipmentRepository(ctx.db).list(shipmentFilterParams(filter), keysetAfter(after, scope), size + 1);
    return toConnection(rows, size, (s) => [s.sortAt, s.id], scope);
  }

  @Roles("investigator", "supervisor")
  @Mutation(() => Shipment, {
    description:
      "Creates a shipment of the caller's agency, or replaces it if the agency already recorded that carrier's tracking " +
      "number (idempotent: events, links and declared identifiers are replaced, not added to).",
  })
  async upsertShipment(@Arg("input", () => ShipmentInput, { description: "The shipment." }) input: ShipmentInput, @Ctx() ctx: RequestContext) {
    const viewer = requireViewer(ctx.viewer);
    const shipment = shipmentWrite(input);
    const id = await new ShipmentRepository(ctx.db).upsert({
      ownerAgency: viewer.agency,
      source: "graphql:upsertShipment",
      markings: input.markings,
      shipment,
    });
    return shipmentById(ctx).load(id);
  }

  @Nominal()
  @FieldResolver(() => PartyRef, { nullable: true, description: "The Person or Company the consignor was resolved to (nominal)." })
  consignor(@Root() shipment: Shipment, @Ctx() ctx: RequestContext) {
    return shipment.consignorPartyId ? partyReferences(ctx).load(shipment.consignorPartyId) : null;
  }

  @Nominal()
  @FieldResolver(() => PartyRef, { nullable: true, description: "The Person or Company the consignee was resolved to (nominal)." })
  consignee(@Root() shipment: Shipment, @Ctx() ctx: RequestContext) {
    return shipment.consigneePartyId ? partyReferences(ctx).load(shipment.consigneePartyId) : null;
  }

  @FieldResolver(() => Order, { nullable: true, description: "The order this shipment fulfils." })
  order(@Root() shipment: Shipment, @Ctx() ctx: RequestContext) {
    return shipment.orderId ? orderById(ctx).load(shipment.orderId) : null;
  }

  @FieldResolver(() => SeizureRef, { nullable: true, description: "The seizure case in which this shipment was seized." })
  seizure(@Root() shipment: Shipment): SeizureRef | null {
    return shipment.seizureId ? { id: shipment.seizureId } : null;
  }
}

@Resolver(() => SeizureRef)
export class SeizureShipmentsResolver {
  // Nullable: the field crosses subgraphs, and an e-commerce outage must cost only this field, not the seizure.
  @FieldResolver(() => [Shipment], {
    nullable: true,
    description: "Shipments seized in this case (from e-commerce data), most recently dispatched first. Null, with an error at this path, when the e-commerce data cannot be reached.",
  })
  shipments(@Root() seizure: SeizureRef, @Ctx() ctx: RequestContext) {
    return shipmentsBySeizure(ctx).load(seizure.id);
  }
}
