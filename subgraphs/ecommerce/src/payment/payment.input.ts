import { bankAccountIdentifier, type Identifier } from "@cix/core";
import { dateRange, optionalText, positive, requiredText } from "../common/validate.js";
import { accountProperties } from "./payment-account.js";
import type { PaymentAccountInput, PaymentFilter, PaymentInput } from "./payment.types.js";

/** A payment as it will be written: natural key, node properties and links. */
export interface PaymentWrite {
  provider: string;
  transactionId: string;
  paidAt: string;
  props: Record<string, unknown>;
  orderId: string | null;
  /** The shared BankAccount of each IBAN account, by the relationship it gets: FROM the payer, TO the payee. */
  accounts: Array<{ rel: "FROM" | "TO"; identifier: Identifier | null }>;
}

/** The BankAccount identifier of an IBAN account (checking its BIC), or null for other accounts. */
function bankAccount(path: string, account: PaymentAccountInput | null | undefined): Identifier | null {
  return account?.iban ? bankAccountIdentifier({ iban: account.iban, bic: optionalText(account.bic) }, path) : null;
}

/** Validates a payment input (throwing BAD_USER_INPUT with the field path) and turns it into what is stored. */
export function paymentWrite(input: PaymentInput): PaymentWrite {
  return {
    provider: requiredText("input.provider", input.provider),
    transactionId: requiredText("input.transactionId", input.transactionId),
    paidAt: input.paidAt.toISOString(),
    props: {
      method: input.method,
      amount: positive("input.amount", input.amount),
      currency: input.currency,
      ...accountProperties("payer", input.payer),
      ...accountProperties("payee", input.payee),
    },
    orderId: input.orderId ?? null,
    accounts: [
      { rel: "FROM", identifier: bankAccount("input.payer", input.payer) },
      { rel: "TO", identifier: bankAccount("input.payee", input.payee) },
    ],
  };
}

/** Query parameters of a payment filter. */
export function paymentFilterParams(filter: PaymentFilter | null | undefined) {
  const f = filter ?? {};
  return {
    provider: optionalText(f.provider),
    method: f.method ?? null,
    currency: f.currency ?? null,
    ...dateRange("filter", f.from, f.to),
  };
}

export type PaymentFilterParams = ReturnType<typeof paymentFilterParams>;
