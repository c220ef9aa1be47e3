import { DateScalar, Nominal } from "@cix/core";
import { Field, ID, InputType, ObjectType, registerEnumType } from "type-graphql";
import { LinkProvenance } from "../common/provenance.types.js";
import { Company } from "../company/company.types.js";
import type { PartyRow } from "../party/party.types.js";
import { Person } from "../person/person.types.js";

export enum CompanyRoleType {
  DIRECTOR = "DIRECTOR",
  EMPLOYEE = "EMPLOYEE",
}
registerEnumType(CompanyRoleType, {
  name: "CompanyRoleType",
  description: "How a person is tied to a company.",
  valuesConfig: {
    DIRECTOR: { description: "Director, manager or other officer of the company (link type DIRECTOR_OF)." },
    EMPLOYEE: { description: "Employed by the company (link type EMPLOYED_BY)." },
  },
});

/** The relationship type stored for each role. */
export const ROLE_REL: Record<CompanyRoleType, "DIRECTOR_OF" | "EMPLOYED_BY"> = {
  [CompanyRoleType.DIRECTOR]: "DIRECTOR_OF",
  [CompanyRoleType.EMPLOYEE]: "EMPLOYED_BY",
};

@ObjectType({ description: "The period and provenance of a relationship between parties." })
abstract class Period {
  @Field(() => DateScalar, { nullable: true, description: "Since when the relationship holds, if known." })
  since: string | null;

  @Field(() => DateScalar, { nullable: true, description: "Until when it held, if it has ended." })
  until: string | null;

  @Field(() => LinkProvenance, { description: "Who recorded the relationship, from where and when." })
  provenance: LinkProvenance;
}

@ObjectType({ description: "A person associated with another person (link type ASSOCIATE_OF)." })
export class Association extends Period {
  @Nominal()
  @Field(() => Person, { description: "The associated person." })
  person: PartyRow;
}

@ObjectType({ description: "A company a person is tied to, and how." })
export class CompanyRole extends Period {
  @Nominal()
  @Field(() => Company, { description: "The company." })
  company: PartyRow;

  @Field(() => CompanyRoleType, { description: "The person's role in the company." })
  role: CompanyRoleType;
}

@ObjectType({ description: "A person tied to a company, and how." })
export class CompanyMember extends Period {
  @Nominal()
  @Field(() => Person, { description: "The person." })
  person: PartyRow;

  @Field(() => CompanyRoleType, { description: "The person's role in the company." })
  role: CompanyRoleType;
}

@InputType({ description: "Two persons to link as associates." })
export class AssociationInput {
  @Field(() => ID, { description: "A person of your agency." })
  personId: string;

  @Field(() => ID, { description: "The associated person (of any agency)." })
  associateId: string;

  @Field(() => DateScalar, { nullable: true, description: "Since when they are associated, if known." })
  since?: string | null;

  @Field(() => DateScalar, { nullable: true, description: "Until when they were associated, if it has ended." })
  until?: string | null;
}

@InputType({ description: "A person's role in a company." })
export class CompanyRoleInput {
  @Field(() => ID, { description: "A person of your agency." })
  personId: string;

  @Field(() => ID, { description: "The company (of any agency)." })
  companyId: string;

  @Field(() => CompanyRoleType, { description: "The role." })
  role: CompanyRoleType;

  @Field(() => DateScalar, { nullable: true, description: "Since when the person has the role, if known." })
  since?: string | null;

  @Field(() => DateScalar, { nullable: true, description: "Until when the person had the role, if it has ended." })
  until?: string | null;
}
