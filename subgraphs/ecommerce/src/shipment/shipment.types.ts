import { Directive, Field, ID, InputType, ObjectType } from "type-graphql";

@Directive('@key(fields: "id")')
@ObjectType({ description: "A consignment moved by a postal operator, express carrier or freight forwarder." })
export class Shipment {
  @Field(() => ID, { description: "Stable identifier of the shipment in the hub." })
  id: string;

  @Field(() => String, { description: "The carrier's tracking number (UPU S10 for postal items)." })
  trackingNumber: string;

  @Field(() => String, { description: "The carrier or postal operator." })
  carrier: string;

  /** Id of the seizure this shipment was seized in; resolved to a Seizure by the gateway. */
  seizureId?: string | null;
}

@InputType({ description: "A shipment to create or update; identified by carrier and tracking number." })
export class ShipmentInput {
  @Field(() => String, { description: "The carrier's tracking number." })
  trackingNumber: string;

  @Field(() => String, { description: "The carrier or postal operator." })
  carrier: string;

  @Field(() => ID, { nullable: true, description: "The seizure case in which this shipment was seized, if any." })
  seizureId?: string | null;
}
