import { Directive, Field, ID, InputType, ObjectType } from "type-graphql";

@Directive('@key(fields: "id")')
@ObjectType({ description: "A CEN seizure case: the non-nominal facts of one customs seizure." })
export class Seizure {
  @Field(() => ID, { description: "Stable identifier of the case in the hub." })
  id: string;

  @Field(() => String, { description: "The reporting agency's own case number; unique per reporting agency." })
  caseNumber: string;

  @Field(() => String, { description: "Code of the agency that reported the case, e.g. NL-CUSTOMS." })
  reportingAgency: string;

  @Field(() => String, { description: "When the goods were seized (ISO-8601 date-time)." })
  seizedAt: string;

  @Field(() => String, { description: "What was seized, in a few words." })
  commodity: string;
}

@InputType({ description: "A seizure case to create or update; identified by reporting agency and case number." })
export class SeizureInput {
  @Field(() => String, { description: "The reporting agency's own case number." })
  caseNumber: string;

  @Field(() => String, { description: "Code of the reporting agency, e.g. NL-CUSTOMS." })
  reportingAgency: string;

  @Field(() => String, { description: "When the goods were seized (ISO-8601 date-time)." })
  seizedAt: string;

  @Field(() => String, { description: "What was seized, in a few words." })
  commodity: string;
}
