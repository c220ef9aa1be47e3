import { agencyCode, checkedFirst, cursorScope, keysetAfter, requireViewer, Roles, toConnection, type RequestContext } from "@cix/core";
import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from "type-graphql";
import { optionalText } from "../common/validate.js";
import { orderById } from "../order/order.loaders.js";
import { Order } from "../order/order.types.js";
import { paymentFilterParams, paymentWrite } from "./payment.input.js";
import { paymentById } from "./payment.loaders.js";
import { PaymentRepository } from "./payment.repository.js";
import { Payment, PaymentConnection, PaymentFilter, PaymentInput } from "./payment.types.js";

@Resolver(() => Payment)
export class PaymentResolver {
  @Query(() => Payment, { nullable: true, description: "One payment by its hub id; null if there is none." })
  payment(@Arg("id", () => ID, { description: "The payment's hub id." }) id: string, @Ctx() ctx: RequestContext) {
    return paymentById(ctx).load(id);
  }

  @Query(() => Payment, {
    nullable: true,
    description:
      "One payment by its natural key: the agency that recorded it, the payment provider and the provider's transaction id, as " +
      "upsertPayment and the payments import write them (spaces at the ends do not matter); null if there is none.",
  })
  async paymentByTransaction(
    @Arg("agency", () => String, { description: "Code of the agency that recorded it, e.g. NL-CUSTOMS (case and spaces at the ends do not matter)." }) agency: string,
    @Arg("provider", () => String, { description: "The payment service provider, as recorded." }) provider: string,
    @Arg("transactionId", () => String, { description: "The provider's transaction id." }) transactionId: string,
    @Ctx() ctx: RequestContext,
  ): Promise<Payment | null> {
    const [providerKey, transactionKey] = [optionalText(provider), optionalText(transactionId)];
    if (providerKey === null || transactionKey === null) return null;
    const payment = await new PaymentRepository(ctx.db).findByTransaction(agencyCode(agency), providerKey, transactionKey);
    if (payment) paymentById(ctx).prime(payment.id, payment);
    return payment;
  }

  @Query(() => PaymentConnection, { description: "Payments matching the filter, most recent first." })
  async payments(
    @Arg("filter", () => PaymentFilter, { nullable: true, description: "Which payments; all payments when omitted." }) filter: PaymentFilter | null,
    @Arg("first", () => Int, { defaultValue: 20, description: "Page size, 1 to the hub's maximum (500 by default)." }) first: number,
    @Arg("after", () => String, { nullable: true, description: "endCursor of the previous page." }) after: string | null,
    @Ctx() ctx: RequestContext,
  ) {
    const size = checkedFirst(first);
    const scope = cursorScope(ctx.viewer, "Query.payments", { filter });
    const rows = await new PaymentRepository(ctx.db).list(paymentFilterParams(filter), keysetAfter(after, scope), size + 1);
    return toConnection(rows, size, (p) => [p.paidAt, p.id], scope);
  }

  @Roles("investigator", "supervisor")
  @Mutation(() => Payment, {
    description:
      "Creates a payment of the caller's agency, or replaces it if the agency already recorded that provider's " +
      "transaction id (idempotent).",
  })
  async upsertPayment(@Arg("input", () => PaymentInput, { description: "The payment." }) input: PaymentInput, @Ctx() ctx: RequestContext) {
    const viewer = requireViewer(ctx.viewer);
    const payment = paymentWrite(input);
    const id = await new PaymentRepository(ctx.db).upsert({
      ownerAgency: viewer.agency,
      source: "graphql:upsertPayment",
      markings: input.markings,
      payment,
    });
    return paymentById(ctx).load(id);
  }

  @FieldResolver(() => Order, { nullable: true, description: "The order this payment pays." })
  order(@Root() payment: Payment, @Ctx() ctx: RequestContext) {
    return payment.orderId ? orderById(ctx).load(payment.orderId) : null;
  }
}
