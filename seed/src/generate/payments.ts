import type { AgencyProfile } from "../catalogue/agencies.js";
import { maskedCard, PAYMENT_PROVIDERS } from "../catalogue/commerce.js";
import { keys, type PaymentAccountInput, type PaymentMethod, type PlanOrder, type PlanPayment } from "../plan.js";
import { rngFor, type Rng } from "../random.js";
import { markings } from "./common.js";
import { groupedIban, mailPart } from "./identifiers.js";

/** Payments for orders: provider, transaction id, payer and payee accounts. */

/** The account a buyer pays from, by payment method; an IBAN is written grouped, as typed into forms. */
export function payerAccount(method: PaymentMethod, holder: string, rng: Rng, own: { iban?: string; email?: string }): PaymentAccountInput {
  switch (method) {
    case "BANK_TRANSFER":
      if (!own.iban) throw new Error(`a bank transfer by ${holder} needs an IBAN`);
      return { iban: groupedIban(own.iban), holderName: holder };
    case "E_WALLET":
      return { identifier: own.email ?? `${mailPart(holder) || "buyer"}${rng.digits(4)}@gmail.com`, holderName: holder };
    case "CRYPTO":
      return { identifier: `bc1q${rng.letters(38, "023456789acdefghjklmnpqrstuvwxyz")}` };
    default:
      return { identifier: maskedCard(rng), holderName: holder };
  }
}

/** A web shop's merchant account at the provider. */
export function merchantAccount(shop: string): PaymentAccountInput {
  return { identifier: `merchant:${mailPart(shop).slice(0, 20) || "shop"}`, holderName: shop };
}

export interface PaymentSpec {
  seed: number;
  agency: AgencyProfile;
  serial: number;
  order: PlanOrder;
  method: PaymentMethod;
  payer: PaymentAccountInput;
  payee: PaymentAccountInput;
}

/** A payment of the order's total, shortly after the order, through a provider that offers the method. */
export function buildPayment(spec: PaymentSpec): PlanPayment {
  const rng = rngFor(spec.seed, "payment-detail", spec.serial);
  const provider = rng.pick(PAYMENT_PROVIDERS.filter((p) => p.methods.includes(spec.method)));
  const transactionId = provider.transactionId(rng, spec.serial);
  const paidAt = new Date(Date.parse(spec.order.input.orderDate) + rng.int(1, 90) * 60_000);
  return {
    key: keys.payment(spec.agency.code, provider.name, transactionId),
    agency: spec.agency.code,
    order: spec.order.key,
    input: {
      provider: provider.name,
      transactionId,
      method: spec.method,
      amount: spec.order.input.totalValue,
      currency: spec.order.input.currency,
      paidAt: paidAt.toISOString(),
      payer: spec.payer,
      payee: spec.payee,
      markings: markings(rng),
    },
  };
}
