import "reflect-metadata";
import type { RequestContext, SubgraphDefinition } from "@cix/core";
import { shipmentById } from "./shipment/shipment.loaders.js";
import { shipmentSchema } from "./shipment/shipment.repository.js";
import { SeizureShipmentsResolver, ShipmentResolver } from "./shipment/shipment.resolver.js";

/** The e-commerce subgraph: orders, payments and shipments from platforms, posts and express carriers. */
export const ecommerceSubgraph: SubgraphDefinition = {
  name: "ecommerce",
  resolvers: [ShipmentResolver, SeizureShipmentsResolver],
  referenceResolvers: {
    Shipment: { __resolveReference: (ref: { id: string }, ctx: RequestContext) => shipmentById(ctx).load(ref.id) },
    Seizure: { __resolveReference: (ref: { id: string }) => ({ id: ref.id }) },
  },
  neo4jSchema: shipmentSchema,
};
