import { DateTimeScalar } from "@cix/core";
import { Directive, Field, ID, InputType, Int, ObjectType, registerEnumType } from "type-graphql";

export enum OperationStatus {
  OPEN = "OPEN",
  CLOSED = "CLOSED",
}
registerEnumType(OperationStatus, {
  name: "OperationStatus",
  description: "Whether member agencies currently have access to the records shared into the operation.",
  valuesConfig: {
    OPEN: { description: "Running: members see shared nominal data until the end date." },
    CLOSED: { description: "Ended: members lost access; operation-only data is purged after the retention period." },
  },
});

@Directive('@key(fields: "id")')
@ObjectType({ description: "A time-bounded joint operation (CENcomm-style) in which agencies share nominal data." })
export class Operation {
  @Field(() => ID, { description: "Stable identifier of the operation." })
  id: string;

  @Field(() => String, { description: "Name of the operation." })
  name: string;

  @Field(() => String, { description: "Agency that opened and leads the operation." })
  leadAgency: string;

  @Field(() => [String], { description: "Agencies taking part (the lead included)." })
  memberAgencies: string[];

  @Field(() => DateTimeScalar, { description: "When the operation started." })
  startsAt: string;

  @Field(() => DateTimeScalar, { description: "When the operation ends; access ends then at the latest." })
  endsAt: string;

  @Field(() => OperationStatus, { description: "OPEN until closed or past its end date." })
  status: OperationStatus;

  @Field(() => DateTimeScalar, { nullable: true, description: "When the operation was closed, if it was." })
  closedAt: string | null;

  @Field(() => Int, { description: "Days after the end during which operation-only data is kept before it is purged." })
  retentionDays: number;

  @Field(() => Int, { description: "Number of records shared into the operation." })
  sharedRecordCount: number;
}

@InputType({ description: "A new operation." })
export class OpenOperationInput {
  @Field(() => String, { description: "Name of the operation." })
  name: string;

  @Field(() => [String], { description: "Agencies invited besides the lead (the caller's agency)." })
  memberAgencies: string[];

  @Field(() => DateTimeScalar, { description: "When the operation ends (in the future)." })
  endsAt: string;

  @Field(() => Int, { defaultValue: 30, description: "Retention of operation-only data after the end, in days (0–3650)." })
  retentionDays: number;
}
