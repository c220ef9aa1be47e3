import { Nominal } from "@cix/core";
import { Directive, Field, ID, InputType, ObjectType } from "type-graphql";

@Directive('@key(fields: "id")')
@ObjectType({ description: "A natural person known to customs (nominal data)." })
export class Person {
  @Field(() => ID, { description: "Stable identifier of the person in the hub." })
  id: string;

  @Nominal()
  @Field(() => String, { description: "Full name as recorded." })
  fullName: string;

  @Nominal()
  @Field(() => String, { nullable: true, description: "Date of birth (YYYY-MM-DD)." })
  dateOfBirth?: string | null;
}

@InputType({ description: "A person to record." })
export class PersonInput {
  @Field(() => String, { description: "Full name as recorded." })
  fullName: string;

  @Field(() => String, { nullable: true, description: "Date of birth (YYYY-MM-DD)." })
  dateOfBirth?: string | null;
}
