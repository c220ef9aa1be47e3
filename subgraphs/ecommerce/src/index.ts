import "reflect-metadata";
import { identifierSchema, ImportJobResolver, partyReferences, type RequestContext, type SubgraphDefinition } from "@cix/core";
import { ecommerceImportRoutes } from "./import/routes.js";
import { orderById } from "./order/order.loaders.js";
import { orderSchema } from "./order/order.repository.js";
import { OrderResolver } from "./order/order.resolver.js";
import { PartyCommerceResolver } from "./party/party.resolver.js";
import { paymentById } from "./payment/payment.loaders.js";
import { paymentSchema } from "./payment/payment.repository.js";
import { PaymentResolver } from "./payment/payment.resolver.js";
import { shipmentById } from "./shipment/shipment.loaders.js";
import { shipmentSchema } from "./shipment/shipment.repository.js";
import { SeizureShipmentsResolver, ShipmentResolver } from "./shipment/shipment.resolver.js";

/** The e-commerce subgraph: orders, payments and shipments from platforms, payment providers, posts and carriers. */
export const ecommerceSubgraph: SubgraphDefinition = {
  name: "ecommerce",
  resolvers: [OrderResolver, PaymentResolver, ShipmentResolver, SeizureShipmentsResolver, PartyCommerceResolver, ImportJobResolver],
  referenceResolvers: {
    Order: { __resolveReference: (ref: { id: string }, ctx: RequestContext) => orderById(ctx).load(ref.id) },
    Payment: { __resolveReference: (ref: { id: string }, ctx: RequestContext) => paymentById(ctx).load(ref.id) },
    Shipment: { __resolveReference: (ref: { id: string }, ctx: RequestContext) => shipmentById(ctx).load(ref.id) },
    // A stub of a type owned elsewhere: the id is all this subgraph needs to add its fields.
    Seizure: { __resolveReference: (ref: { id: string }) => ({ id: ref.id }) },
    // A party's fields here are links to it (its orders, payments, parcels): decided on the party's own envelope.
    Party: { __resolveReference: (ref: { id: string }, ctx: RequestContext) => partyReferences(ctx).load(ref.id) },
  },
  // Declared phones, e-mails, addresses and payment accounts are written to the shared identifier nodes.
  neo4jSchema: [...orderSchema, ...paymentSchema, ...shipmentSchema, ...identifierSchema],
  httpRoutes: [ecommerceImportRoutes],
};

/** The record kinds this subgraph imports (for the import CLI and the CEN-scale loader). */
export { ecommerceImportKinds } from "./import/routes.js";
