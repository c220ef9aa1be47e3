import {
  CountryCodeScalar,
  CurrencyCodeScalar,
  DateTimeScalar,
  HSCodeScalar,
  MarkingsInput,
  Multiline,
  Nominal,
  OwnedRecord,
  UNLocodeScalar,
  Connection,
} from "@cix/core";
import { Directive, Field, Float, ID, InputType, ObjectType } from "type-graphql";

import { DeclaredParty, DeclaredPartyInput } from "../declared/declared-party.types.js";

@ObjectType({ description: "One line of an order: what was bought, how many, at what price, from where." })
export class OrderItem {
  @Field(() => String, { description: "Description of the goods as given by the platform." })
  description: string;

  @Field(() => HSCodeScalar, { nullable: true, description: "HS 2022 code of the goods, if classified." })
  hsCode: string | null;

  @Field(() => Float, { nullable: true, description: "Number of units (or measured quantity) ordered." })
  quantity: number | null;

  @Field(() => Float, { nullable: true, description: "Price of one unit, in `currency`." })
  unitValue: number | null;

  @Field(() => CurrencyCodeScalar, { nullable: true, description: "Currency of `unitValue` (the order's currency unless the item says otherwise)." })
  currency: string | null;

  @Field(() => CountryCodeScalar, { nullable: true, description: "Country of origin of the goods." })
  originCountry: string | null;
}

@Directive('@key(fields: "id")')
@ObjectType({
  description:
    "An order placed on an e-commerce platform: who sold what to whom, for how much, delivered where. " +
    "Identified by the owner agency, the platform and the platform's order number.",
})
export class Order extends OwnedRecord {
  @Field(() => ID, { description: "Stable identifier of the order in the hub." })
  id: string;

  @Field(() => String, { description: 'The e-commerce platform or marketplace, e.g. "AliExpress".' })
  platform: string;

  @Field(() => String, { description: "The platform's order number; unique per platform (and owner agency)." })
  orderNumber: string;

  @Field(() => DateTimeScalar, { description: "When the order was placed." })
  orderDate: string;

  @Nominal()
  @Field(() => DeclaredParty, { nullable: true, description: "The buyer exactly as the platform declared them." })
  declaredBuyer: DeclaredParty | null;

  @Nominal()
  @Field(() => DeclaredParty, { nullable: true, description: "The seller exactly as the platform declared them." })
  declaredSeller: DeclaredParty | null;

  @Field(() => [OrderItem], { description: "The order lines, in the order they were submitted." })
  items: OrderItem[];

  @Field(() => UNLocodeScalar, { nullable: true, description: "UN/LOCODE of the delivery place, if known." })
  deliveryLocode: string | null;

  @Field(() => CountryCodeScalar, { nullable: true, description: "Country of delivery (derived from the UN/LOCODE when only that was given)." })
  deliveryCountry: string | null;

  @Field(() => Float, {
    nullable: true,
    description: "Total value of the order as declared, in `currency`. Stored as given, even if it differs from the sum of the items.",
  })
  totalValue: number | null;

  @Field(() => CurrencyCodeScalar, { nullable: true, description: "Currency of the order's values." })
  currency: string | null;

  /** Id of the resolved buyer (Person or Company); resolved to a Party by the gateway. */
  buyerPartyId: string | null;

  /** Id of the resolved seller (Person or Company). */
  sellerPartyId: string | null;
}

export const OrderConnection = Connection("Order", Order);

@InputType({ description: "One order line." })
export class OrderItemInput {
  @Multiline()
  @Field(() => String, { description: "Description of the goods." })
  description: string;

  @Field(() => HSCodeScalar, { nullable: true, description: "HS 2022 code of the goods." })
  hsCode?: string | null;

  @Field(() => Float, { nullable: true, description: "Number of units or measured quantity; greater than 0." })
  quantity?: number | null;

  @Field(() => Float, { nullable: true, description: "Price of one unit; 0 or more." })
  unitValue?: number | null;

  @Field(() => CurrencyCodeScalar, { nullable: true, description: "Currency of `unitValue`; defaults to the order's currency." })
  currency?: string | null;

  @Field(() => CountryCodeScalar, { nullable: true, description: "Country of origin of the goods." })
  originCountry?: string | null;
}

@InputType({
  description:
    "An order to create or update, identified by platform and order number within the caller's agency. " +
    "An upsert replaces the whole order with what is sent (absent optional fields are cleared).",
})
export class OrderInput {
  @Field(() => String, { description: "The e-commerce platform or marketplace." })
  platform: string;

  @Field(() => String, { description: "The platform's order number." })
  orderNumber: string;

  @Field(() => DateTimeScalar, { description: "When the order was placed." })
  orderDate: Date;

  @Field(() => DeclaredPartyInput, { nullable: true, description: "The buyer as declared." })
  buyer?: DeclaredPartyInput | null;

  @Field(() => DeclaredPartyInput, { nullable: true, description: "The seller as declared." })
  seller?: DeclaredPartyInput | null;

  @Field(() => ID, { nullable: true, description: "Id of the Person or Company the buyer was resolved to, if known." })
  buyerPartyId?: string | null;

  @Field(() => ID, { nullable: true, description: "Id of the Person or Company the seller was resolved to, if known." })
  sellerPartyId?: string | null;

  @Field(() => [OrderItemInput], { description: "The order lines (may be empty)." })
  items: OrderItemInput[];

  @Field(() => UNLocodeScalar, { nullable: true, description: "UN/LOCODE of the delivery place." })
  deliveryLocode?: string | null;

  @Field(() => CountryCodeScalar, { nullable: true, description: "Country of delivery; must match the UN/LOCODE's country if both are given." })
  deliveryCountry?: string | null;

  @Field(() => Float, { nullable: true, description: "Total value of the order; 0 or more; needs `currency`." })
  totalValue?: number | null;

  @Field(() => CurrencyCodeScalar, { nullable: true, description: "Currency of the order's values." })
  currency?: string | null;

  @Field(() => MarkingsInput, { nullable: true, description: "Handling markings; defaults apply when omitted." })
  markings?: MarkingsInput | null;
}

@InputType({ description: "Which orders to list; all conditions must hold." })
export class OrderFilter {
  @Field(() => String, { nullable: true, description: "Only orders on this platform (exact name)." })
  platform?: string | null;

  @Field(() => DateTimeScalar, { nullable: true, description: "Only orders placed at or after this instant." })
  from?: Date | null;

  @Field(() => DateTimeScalar, { nullable: true, description: "Only orders placed before this instant." })
  to?: Date | null;

  @Field(() => String, {
    nullable: true,
    description:
      "Only orders of your own agency whose declared buyer name contains this text (case-insensitive). A nominal read: " +
      "needs the investigator or supervisor role and a stated purpose.",
  })
  buyerName?: string | null;

  @Field(() => CountryCodeScalar, { nullable: true, description: "Only orders with an item originating in this country." })
  originCountry?: string | null;

  @Field(() => String, { nullable: true, description: 'Only orders with an item whose HS code starts with these 2 to 10 digits, e.g. "9102".' })
  hsPrefix?: string | null;
}
