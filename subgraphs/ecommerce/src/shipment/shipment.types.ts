import {
  Connection,
  CountryCodeScalar,
  CurrencyCodeScalar,
  DateTimeScalar,
  HSCodeScalar,
  MarkingsInput,
  Multiline,
  Nominal,
  OwnedRecord,
  UNLocodeScalar,
} from "@cix/core";
import { Directive, Field, Float, ID, InputType, Int, ObjectType, registerEnumType } from "type-graphql";

import { DeclaredParty, DeclaredPartyInput } from "../declared/declared-party.types.js";

export enum DeliveryMode {
  POSTAL = "POSTAL",
  EXPRESS = "EXPRESS",
  FREIGHT = "FREIGHT",
}
registerEnumType(DeliveryMode, {
  name: "DeliveryMode",
  description: "How a shipment travels.",
  valuesConfig: {
    POSTAL: { description: "Postal item carried by designated postal operators (UPU S10 tracking number)." },
    EXPRESS: { description: "Express or courier consignment." },
    FREIGHT: { description: "Freight consignment (air, sea, road or rail cargo)." },
  },
});

export enum ShipmentEventType {
  ACCEPTED = "ACCEPTED",
  DEPARTED = "DEPARTED",
  ARRIVED = "ARRIVED",
  CUSTOMS_HOLD = "CUSTOMS_HOLD",
  SEIZED = "SEIZED",
  DELIVERED = "DELIVERED",
  RETURNED = "RETURNED",
}
registerEnumType(ShipmentEventType, {
  name: "ShipmentEventType",
  description: "What happened to a shipment.",
  valuesConfig: {
    ACCEPTED: { description: "Accepted by the carrier or postal operator." },
    DEPARTED: { description: "Left a facility or country." },
    ARRIVED: { description: "Arrived at a facility or country." },
    CUSTOMS_HOLD: { description: "Held by customs for control." },
    SEIZED: { description: "Seized by customs or another authority." },
    DELIVERED: { description: "Delivered to the consignee." },
    RETURNED: { description: "Returned to the consignor." },
  },
});

@ObjectType({ description: "One event of a shipment's journey." })
export class ShipmentEvent {
  @Field(() => DateTimeScalar, { description: "When it happened." })
  time: string;

  @Field(() => ShipmentEventType, { description: "What happened." })
  type: ShipmentEventType;

  @Field(() => UNLocodeScalar, { nullable: true, description: "Where it happened (UN/LOCODE)." })
  place: string | null;

  @Field(() => String, { nullable: true, description: "The carrier's or officer's note on the event." })
  note: string | null;
}

@Directive('@key(fields: "id")')
@ObjectType({
  description:
    "A consignment moved by a postal operator, express carrier or freight forwarder. Identified by the owner agency, " +
    "the carrier and its tracking number.",
})
export class Shipment extends OwnedRecord {
  @Field(() => ID, { description: "Stable identifier of the shipment in the hub." })
  id: string;

  @Field(() => String, { description: "The carrier's tracking number (UPU S10 for postal items), upper case without spaces." })
  trackingNumber: string;

  @Field(() => String, { description: "The carrier or postal operator." })
  carrier: string;

  @Field(() => DeliveryMode, { description: "How the shipment travels." })
  deliveryMode: DeliveryMode;

  @Nominal()
  @Field(() => DeclaredParty, { nullable: true, description: "The consignor (sender) exactly as declared." })
  declaredConsignor: DeclaredParty | null;

  @Nominal()
  @Field(() => DeclaredParty, { nullable: true, description: "The consignee (receiver) exactly as declared." })
  declaredConsignee: DeclaredParty | null;

  @Field(() => UNLocodeScalar, { nullable: true, description: "UN/LOCODE where the shipment started." })
  originLocode: string | null;

  @Field(() => CountryCodeScalar, { nullable: true, description: "Country where the shipment started (derived from the UN/LOCODE when only that was given)." })
  originCountry: string | null;

  @Field(() => UNLocodeScalar, { nullable: true, description: "UN/LOCODE of the destination." })
  destinationLocode: string | null;

  @Field(() => CountryCodeScalar, { nullable: true, description: "Country of destination (derived from the UN/LOCODE when only that was given)." })
  destinationCountry: string | null;

  @Field(() => Float, { nullable: true, description: "Gross weight in kilograms." })
  grossWeightKg: number | null;

  @Field(() => Int, { nullable: true, description: "Number of pieces (parcels, packages)." })
  pieces: number | null;

  @Field(() => Float, { nullable: true, description: "Declared value of the contents, in `currency`." })
  declaredValue: number | null;

  @Field(() => CurrencyCodeScalar, { nullable: true, description: "Currency of the declared value." })
  currency: string | null;

  @Field(() => String, { nullable: true, description: "Description of the contents as declared." })
  goodsDescription: string | null;

  @Field(() => [HSCodeScalar], { description: "HS codes of the contents as declared." })
  hsCodes: string[];

  @Field(() => DateTimeScalar, { nullable: true, description: "When the shipment was dispatched, as declared." })
  shippedAt: string | null;

  @Field(() => [ShipmentEvent], { description: "The journey, oldest event first." })
  events: ShipmentEvent[];

  /** Id of the seizure this shipment was seized in; resolved to a Seizure by the gateway. */
  seizureId: string | null;

  /** Id of the order this shipment fulfils. */
  orderId: string | null;

  /** Sort and filter instant: dispatch time, else first event, else time of recording. */
  sortAt: string;

  /** Ids of the resolved consignor and consignee (Person or Company). */
  consignorPartyId: string | null;
  consigneePartyId: string | null;
}

export const ShipmentConnection = Connection("Shipment", Shipment);

@InputType({ description: "One event of a shipment's journey." })
export class ShipmentEventInput {
  @Field(() => DateTimeScalar, { description: "When it happened." })
  time: Date;

  @Field(() => ShipmentEventType, { description: "What happened." })
  type: ShipmentEventType;

  @Field(() => UNLocodeScalar, { nullable: true, description: "Where it happened (UN/LOCODE)." })
  place?: string | null;

  @Multiline()
  @Field(() => String, { nullable: true, description: "A note on the event." })
  note?: string | null;
}

@InputType({
  description:
    "A shipment to create or update, identified by carrier and tracking number within the caller's agency. " +
    "An upsert replaces the whole shipment with what is sent (absent optional fields and links are cleared).",
})
export class ShipmentInput {
  @Field(() => String, {
    description:
      'The carrier\'s tracking number; spaces are removed and letters upper-cased. POSTAL items need a valid UPU S10 ' +
      'identifier: 2 letters, 8 digits, check digit, ISO country of the issuing operator, e.g. "RR473124829GB".',
  })
  trackingNumber: string;

  @Field(() => String, { description: "The carrier or postal operator." })
  carrier: string;

  @Field(() => DeliveryMode, { description: "How the shipment travels." })
  deliveryMode: DeliveryMode;

  @Field(() => DeclaredPartyInput, { nullable: true, description: "The consignor (sender) as declared." })
  consignor?: DeclaredPartyInput | null;

  @Field(() => DeclaredPartyInput, { nullable: true, description: "The consignee (receiver) as declared." })
  consignee?: DeclaredPartyInput | null;

  @Field(() => ID, { nullable: true, description: "Id of the Person or Company the consignor was resolved to, if known." })
  consignorPartyId?: string | null;

  @Field(() => ID, { nullable: true, description: "Id of the Person or Company the consignee was resolved to, if known." })
  consigneePartyId?: string | null;

  @Field(() => UNLocodeScalar, { nullable: true, description: "UN/LOCODE where the shipment started." })
  originLocode?: string | null;

  @Field(() => CountryCodeScalar, { nullable: true, description: "Country where it started; must match the UN/LOCODE's country if both are given." })
  originCountry?: string | null;

  @Field(() => UNLocodeScalar, { nullable: true, description: "UN/LOCODE of the destination." })
  destinationLocode?: string | null;

  @Field(() => CountryCodeScalar, { nullable: true, description: "Country of destination; must match the UN/LOCODE's country if both are given." })
  destinationCountry?: string | null;

  @Field(() => Float, { nullable: true, description: "Gross weight in kilograms; greater than 0." })
  grossWeightKg?: number | null;

  @Field(() => Int, { nullable: true, description: "Number of pieces; 1 or more." })
  pieces?: number | null;

  @Field(() => Float, { nullable: true, description: "Declared value of the contents; 0 or more; needs `currency`." })
  declaredValue?: number | null;

  @Field(() => CurrencyCodeScalar, { nullable: true, description: "Currency of the declared value." })
  currency?: string | null;

  @Multiline()
  @Field(() => String, { nullable: true, description: "Description of the contents." })
  goodsDescription?: string | null;

  @Field(() => [HSCodeScalar], { nullable: true, description: "HS codes of the contents." })
  hsCodes?: string[] | null;

  @Field(() => DateTimeScalar, { nullable: true, description: "When the shipment was dispatched." })
  shippedAt?: Date | null;

  @Field(() => [ShipmentEventInput], { nullable: true, description: "The journey's events (stored oldest first)." })
  events?: ShipmentEventInput[] | null;

  @Field(() => ID, { nullable: true, description: "Id of the order this shipment fulfils." })
  orderId?: string | null;

  @Field(() => ID, { nullable: true, description: "Id of the seizure case in which this shipment was seized; the case must exist." })
  seizureId?: string | null;

  @Field(() => MarkingsInput, { nullable: true, description: "Handling markings; defaults apply when omitted." })
  markings?: MarkingsInput | null;
}

@InputType({ description: "Which shipments to list; all conditions must hold." })
export class ShipmentFilter {
  @Field(() => String, { nullable: true, description: "Only shipments moved by this carrier (exact name)." })
  carrier?: string | null;

  @Field(() => DeliveryMode, { nullable: true, description: "Only shipments travelling this way." })
  mode?: DeliveryMode | null;

  @Field(() => DateTimeScalar, {
    nullable: true,
    description: "Only shipments dispatched at or after this instant (dispatch time, else first event, else time of recording).",
  })
  from?: Date | null;

  @Field(() => DateTimeScalar, { nullable: true, description: "Only shipments dispatched before this instant (same time as `from`)." })
  to?: Date | null;

  @Field(() => CountryCodeScalar, { nullable: true, description: "Only shipments that started in this country." })
  originCountry?: string | null;

  @Field(() => CountryCodeScalar, { nullable: true, description: "Only shipments bound for this country." })
  destinationCountry?: string | null;

  @Field(() => Boolean, { nullable: true, description: "true: only shipments linked to a seizure; false: only those that are not." })
  seized?: boolean | null;
}
