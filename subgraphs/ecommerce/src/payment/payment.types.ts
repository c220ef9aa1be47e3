import { Connection, CurrencyCodeScalar, DateTimeScalar, IBANScalar, MarkingsInput, Nominal, OwnedRecord } from "@cix/core";
import { Directive, Field, Float, ID, InputType, ObjectType, registerEnumType } from "type-graphql";


export enum PaymentMethod {
  CARD = "CARD",
  BANK_TRANSFER = "BANK_TRANSFER",
  E_WALLET = "E_WALLET",
  CASH_ON_DELIVERY = "CASH_ON_DELIVERY",
  CRYPTO = "CRYPTO",
  OTHER = "OTHER",
}
registerEnumType(PaymentMethod, {
  name: "PaymentMethod",
  description: "How an order was paid.",
  valuesConfig: {
    CARD: { description: "Credit or debit card." },
    BANK_TRANSFER: { description: "Credit transfer between bank accounts (e.g. SEPA)." },
    E_WALLET: { description: "Electronic wallet or payment service account (e.g. PayPal, Alipay)." },
    CASH_ON_DELIVERY: { description: "Paid in cash to the carrier on delivery." },
    CRYPTO: { description: "Crypto-asset transfer." },
    OTHER: { description: "Any other method." },
  },
});

@ObjectType({ description: "An account a payment was made from or to, as declared (nominal data)." })
export class PaymentAccount {
  @Nominal()
  @Field(() => IBANScalar, { nullable: true, description: "IBAN of the bank account, when it is one; linked to the shared BankAccount node." })
  iban: string | null;

  @Nominal()
  @Field(() => String, { nullable: true, description: "BIC of the account's bank, as declared." })
  bic: string | null;

  @Nominal()
  @Field(() => String, {
    nullable: true,
    description: "Another account identifier when the account has no IBAN: wallet id, masked card number, crypto address.",
  })
  identifier: string | null;

  @Nominal()
  @Field(() => String, { nullable: true, description: "Name of the account holder, as declared." })
  holderName: string | null;
}

@Directive('@key(fields: "id")')
@ObjectType({
  description:
    "A payment for an order, as reported by a payment service provider or bank. Identified by the owner agency, " +
    "the provider and the provider's transaction id.",
})
export class Payment extends OwnedRecord {
  @Field(() => ID, { description: "Stable identifier of the payment in the hub." })
  id: string;

  @Field(() => String, { description: 'The payment service provider, bank or card scheme that processed it, e.g. "PayPal".' })
  provider: string;

  @Field(() => String, { description: "The provider's transaction id; unique per provider (and owner agency)." })
  transactionId: string;

  @Field(() => PaymentMethod, { description: "How the payment was made." })
  method: PaymentMethod;

  @Field(() => Float, { description: "Amount paid, in `currency`." })
  amount: number;

  @Field(() => CurrencyCodeScalar, { description: "Currency of the amount." })
  currency: string;

  @Field(() => DateTimeScalar, { description: "When the payment was made." })
  paidAt: string;

  @Nominal()
  @Field(() => PaymentAccount, { nullable: true, description: "The account the money came from." })
  payer: PaymentAccount | null;

  @Nominal()
  @Field(() => PaymentAccount, { nullable: true, description: "The account the money went to." })
  payee: PaymentAccount | null;

  /** Id of the order this payment pays. */
  orderId: string | null;
}

export const PaymentConnection = Connection("Payment", Payment);

@InputType({ description: "An account as declared: an IBAN or another identifier (at least one), with optional BIC and holder name." })
export class PaymentAccountInput {
  @Field(() => IBANScalar, { nullable: true, description: "IBAN of the bank account." })
  iban?: string | null;

  @Field(() => String, { nullable: true, description: 'BIC of the bank (8 or 11 characters), e.g. "ABNANL2A".' })
  bic?: string | null;

  @Field(() => String, { nullable: true, description: "Another account identifier (wallet id, masked card number, crypto address)." })
  identifier?: string | null;

  @Field(() => String, { nullable: true, description: "Name of the account holder." })
  holderName?: string | null;
}

@InputType({
  description:
    "A payment to create or update, identified by provider and transaction id within the caller's agency. " +
    "An upsert replaces the whole payment with what is sent.",
})
export class PaymentInput {
  @Field(() => String, { description: "The payment service provider, bank or card scheme." })
  provider: string;

  @Field(() => String, { description: "The provider's transaction id." })
  transactionId: string;

  @Field(() => PaymentMethod, { description: "How the payment was made." })
  method: PaymentMethod;

  @Field(() => Float, { description: "Amount paid; greater than 0." })
  amount: number;

  @Field(() => CurrencyCodeScalar, { description: "Currency of the amount." })
  currency: string;

  @Field(() => DateTimeScalar, { description: "When the payment was made." })
  paidAt: Date;

  @Field(() => PaymentAccountInput, { nullable: true, description: "The account the money came from." })
  payer?: PaymentAccountInput | null;

  @Field(() => PaymentAccountInput, { nullable: true, description: "The account the money went to." })
  payee?: PaymentAccountInput | null;

  @Field(() => ID, { nullable: true, description: "Id of the order this payment pays." })
  orderId?: string | null;

  @Field(() => MarkingsInput, { nullable: true, description: "Handling markings; defaults apply when omitted." })
  markings?: MarkingsInput | null;
}

@InputType({ description: "Which payments to list; all conditions must hold." })
export class PaymentFilter {
  @Field(() => String, { nullable: true, description: "Only payments through this provider (exact name)." })
  provider?: string | null;

  @Field(() => PaymentMethod, { nullable: true, description: "Only payments made this way." })
  method?: PaymentMethod | null;

  @Field(() => CurrencyCodeScalar, { nullable: true, description: "Only payments in this currency." })
  currency?: string | null;

  @Field(() => DateTimeScalar, { nullable: true, description: "Only payments made at or after this instant." })
  from?: Date | null;

  @Field(() => DateTimeScalar, { nullable: true, description: "Only payments made before this instant." })
  to?: Date | null;
}
