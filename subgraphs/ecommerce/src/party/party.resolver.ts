import { checkedFirst, cursorScope, keysetAfter, Nominal, toConnection, type RequestContext } from "@cix/core";
import { Arg, Ctx, FieldResolver, Int, Resolver, Root } from "type-graphql";
import { ordersByParty, primeOrders } from "../order/order.loaders.js";
import { OrderConnection } from "../order/order.types.js";
import { paymentsByParty } from "../payment/payment.loaders.js";
import { PaymentConnection } from "../payment/payment.types.js";
import { PartyRef } from "../references/party.ref.js";
import { shipmentsByParty } from "../shipment/shipment.loaders.js";
import { ShipmentConnection } from "../shipment/shipment.types.js";

/**
 * The e-commerce records of a party (Person or Company). Each list is a link to the party (who bought, paid or
 * received what), so it is nominal and decided on the party's own envelope (`partyReferences`); each order,
 * payment and shipment then guards its own nominal fields with its own envelope.
 */
@Resolver(() => PartyRef)
export class PartyCommerceResolver {
  @Nominal()
  @FieldResolver(() => OrderConnection, { description: "Orders in which this party is the resolved buyer or seller, most recent first (nominal: it ties the party to the orders)." })
  async orders(
    @Root() party: PartyRef,
    @Arg("first", () => Int, { defaultValue: 20, description: "Page size, 1 to the hub's maximum (500 by default)." }) first: number,
    @Arg("after", () => String, { nullable: true, description: "endCursor of the previous page." }) after: string | null,
    @Ctx() ctx: RequestContext,
  ) {
    const size = checkedFirst(first);
    const scope = cursorScope(ctx.viewer, "Party.orders", { party: party.id });
    const rows = await ordersByParty(ctx, size + 1, keysetAfter(after, scope)).load(party.id);
    primeOrders(ctx, rows);
    return toConnection(rows, size, (o) => [o.orderDate, o.id], scope);
  }

  @Nominal()
  @FieldResolver(() => PaymentConnection, {
    description: "Payments for orders this party bought, and payments made from a bank account it holds, most recent first.",
  })
  async payments(
    @Root() party: PartyRef,
    @Arg("first", () => Int, { defaultValue: 20, description: "Page size, 1 to the hub's maximum (500 by default)." }) first: number,
    @Arg("after", () => String, { nullable: true, description: "endCursor of the previous page." }) after: string | null,
    @Ctx() ctx: RequestContext,
  ) {
    const size = checkedFirst(first);
    const scope = cursorScope(ctx.viewer, "Party.payments", { party: party.id });
    const rows = await paymentsByParty(ctx, size + 1, keysetAfter(after, scope)).load(party.id);
    return toConnection(rows, size, (p) => [p.paidAt, p.id], scope);
  }

  @Nominal()
  @FieldResolver(() => ShipmentConnection, {
    description: "Shipments in which this party is the resolved consignor or consignee, most recently dispatched first.",
  })
  async shipments(
    @Root() party: PartyRef,
    @Arg("first", () => Int, { defaultValue: 20, description: "Page size, 1 to the hub's maximum (500 by default)." }) first: number,
    @Arg("after", () => String, { nullable: true, description: "endCursor of the previous page." }) after: string | null,
    @Ctx() ctx: RequestContext,
  ) {
    const size = checkedFirst(first);
    const scope = cursorScope(ctx.viewer, "Party.shipments", { party: party.id });
    const rows = await shipmentsByParty(ctx, size + 1, keysetAfter(after, scope)).load(party.id);
    return toConnection(rows, size, (s) => [s.sortAt, s.id], scope);
  }
}
