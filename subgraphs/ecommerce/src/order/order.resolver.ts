import {
  agencyCode,
  checkedFirst,
  cursorScope,
  keysetAfter,
  Nominal,
  partyReferences,
  requireViewer,
  Roles,
  toConnection,
  type RequestContext,
} from "@cix/core";
import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from "type-graphql";
import { optionalText } from "../common/validate.js";
import { paymentsByOrder } from "../payment/payment.loaders.js";
import { Payment } from "../payment/payment.types.js";
import { PartyRef } from "../references/party.ref.js";
import { shipmentsByOrder } from "../shipment/shipment.loaders.js";
import { Shipment } from "../shipment/shipment.types.js";
import { orderFilterParams, orderWrite } from "./order.input.js";
import { orderById, primeOrders } from "./order.loaders.js";
import { OrderRepository } from "./order.repository.js";
import { Order, OrderConnection, OrderFilter, OrderInput } from "./order.types.js";

@Resolver(() => Order)
export class OrderResolver {
  @Query(() => Order, { nullable: true, description: "One order by its hub id; null if there is none." })
  order(@Arg("id", () => ID, { description: "The order's hub id." }) id: string, @Ctx() ctx: RequestContext) {
    return orderById(ctx).load(id);
  }

  @Query(() => Order, {
    nullable: true,
    description:
      "One order by its natural key: the agency that recorded it, the platform and the platform's order number, as upsertOrder " +
      "and the orders import write them (spaces at the ends do not matter); null if there is none.",
  })
  async orderByNumber(
    @Arg("agency", () => String, { description: "Code of the agency that recorded it, e.g. NL-CUSTOMS (case and spaces at the ends do not matter)." }) agency: string,
    @Arg("platform", () => String, { description: 'The e-commerce platform or marketplace, as recorded, e.g. "AliExpress".' }) platform: string,
    @Arg("orderNumber", () => String, { description: "The platform's order number." }) orderNumber: string,
    @Ctx() ctx: RequestContext,
  ): Promise<Order | null> {
    const [platformKey, numberKey] = [optionalText(platform), optionalText(orderNumber)];
    if (platformKey === null || numberKey === null) return null;
    const order = await new OrderRepository(ctx.db).findByNumber(agencyCode(agency), platformKey, numberKey);
    if (order) primeOrders(ctx, [order]);
    return order;
  }

  @Query(() => OrderConnection, { description: "Orders matching the filter, most recently placed first." })
  async orders(
    @Arg("filter", () => OrderFilter, { nullable: true, description: "Which orders; all orders when omitted." }) filter: OrderFilter | null,
    @Arg("first", () => Int, { defaultValue: 20, description: "Page size, 1 to the hub's maximum (500 by default)." }) first: number,
    @Arg("after", () => String, { nullable: true, description: "endCursor of the previous page." }) after: string | null,
    @Ctx() ctx: RequestContext,
  ) {
    const size = checkedFirst(first);
    const scope = cursorScope(ctx.viewer, "Query.orders", { filter });
    const rows = await new OrderRepository(ctx.db).list(orderFilterParams(filter, ctx.viewer), keysetAfter(after, scope), size + 1);
    primeOrders(ctx, rows);
    return toConnection(rows, size, (o) => [o.orderDate, o.id], scope);
  }

  @Roles("investigator", "supervisor")
  @Mutation(() => Order, {
    description:
      "Creates an order of the caller's agency, or replaces it if the agency already recorded that platform's order number " +
      "(idempotent: items, party links and declared identifiers are replaced, not added to).",
  })
  async upsertOrder(@Arg("input", () => OrderInput, { description: "The order." }) input: OrderInput, @Ctx() ctx: RequestContext) {
    const viewer = requireViewer(ctx.viewer);
    const order = orderWrite(input);
    const id = await new OrderRepository(ctx.db).upsert({
      ownerAgency: viewer.agency,
      source: "graphql:upsertOrder",
      markings: input.markings,
      order,
    });
    return orderById(ctx).load(id);
  }

  @Nominal()
  @FieldResolver(() => PartyRef, { nullable: true, description: "The Person or Company the buyer was resolved to (nominal)." })
  buyer(@Root() order: Order, @Ctx() ctx: RequestContext) {
    return order.buyerPartyId ? partyReferences(ctx).load(order.buyerPartyId) : null;
  }

  @Nominal()
  @FieldResolver(() => PartyRef, { nullable: true, description: "The Person or Company the seller was resolved to (nominal)." })
  seller(@Root() order: Order, @Ctx() ctx: RequestContext) {
    return order.sellerPartyId ? partyReferences(ctx).load(order.sellerPartyId) : null;
  }

  @FieldResolver(() => [Payment], { description: "Payments for this order, newest first." })
  payments(@Root() order: Order, @Ctx() ctx: RequestContext) {
    return paymentsByOrder(ctx).load(order.id);
  }

  @FieldResolver(() => [Shipment], { description: "Shipments that fulfil this order, most recently dispatched first." })
  shipments(@Root() order: Order, @Ctx() ctx: RequestContext) {
    return shipmentsByOrder(ctx).load(order.id);
  }
}
