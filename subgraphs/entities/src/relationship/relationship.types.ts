import { DateScalar, Multiline, Nominal } from "@cix/core";
import { Field, Float, ID, InputType, ObjectType, registerEnumType } from "type-graphql";
import { LinkProvenance } from "../common/provenance.types.js";
import { Company } from "../company/company.types.js";
import { Party, type PartyRow } from "../party/party.types.js";
import { Person } from "../person/person.types.js";
import { RelationshipType } from "../analysis/analysis.enums.js";

export enum CompanyRoleType {
  DIRECTOR = "DIRECTOR",
  EMPLOYEE = "EMPLOYEE",
  SHAREHOLDER = "SHAREHOLDER",
  BENEFICIAL_OWNER = "BENEFICIAL_OWNER",
  NOMINEE_DIRECTOR = "NOMINEE_DIRECTOR",
  NOMINEE_SHAREHOLDER = "NOMINEE_SHAREHOLDER",
  SECRETARY = "SECRETARY",
  OFFICER = "OFFICER",
  INTERMEDIARY = "INTERMEDIARY",
  REGISTERED_AGENT = "REGISTERED_AGENT",
}
registerEnumType(CompanyRoleType, {
  name: "CompanyRoleType",
  description:
    "How a person or a company is tied to a company: the officer and owner roles of company registers and of the offshore-leaks " +
    "data (ICIJ), each stored as its own link type.",
  valuesConfig: {
    DIRECTOR: { description: "Director, manager or other officer of the company (link type DIRECTOR_OF)." },
    EMPLOYEE: { description: "Employed by the company (link type EMPLOYED_BY)." },
    SHAREHOLDER: { description: "Holds shares of the company, in its own name (link type SHAREHOLDER_OF); may carry a share." },
    BENEFICIAL_OWNER: { description: "Ultimately owns or controls the company, directly or not (link type BENEFICIAL_OWNER_OF); may carry a share." },
    NOMINEE_DIRECTOR: { description: "Director in name, acting for someone else (link type NOMINEE_DIRECTOR_OF)." },
    NOMINEE_SHAREHOLDER: { description: "Holds shares in name for someone else (link type NOMINEE_SHAREHOLDER_OF); may carry a share." },
    SECRETARY: { description: "Company secretary (link type SECRETARY_OF)." },
    OFFICER: { description: "Officer whose function the source does not name (link type OFFICER_OF)." },
    INTERMEDIARY: { description: "Intermediary who set up or serves the company: law firm, bank, accountant (link type INTERMEDIARY_OF)." },
    REGISTERED_AGENT: { description: "Registered agent of the company in its jurisdiction (link type REGISTERED_AGENT_OF)." },
  },
});

/** The relationship type stored for each role (one link type per role: link analysis filters by type). */
export const ROLE_REL: Record<CompanyRoleType, RelationshipType> = {
  [CompanyRoleType.DIRECTOR]: RelationshipType.DIRECTOR_OF,
  [CompanyRoleType.EMPLOYEE]: RelationshipType.EMPLOYED_BY,
  [CompanyRoleType.SHAREHOLDER]: RelationshipType.SHAREHOLDER_OF,
  [CompanyRoleType.BENEFICIAL_OWNER]: RelationshipType.BENEFICIAL_OWNER_OF,
  [CompanyRoleType.NOMINEE_DIRECTOR]: RelationshipType.NOMINEE_DIRECTOR_OF,
  [CompanyRoleType.NOMINEE_SHAREHOLDER]: RelationshipType.NOMINEE_SHAREHOLDER_OF,
  [CompanyRoleType.SECRETARY]: RelationshipType.SECRETARY_OF,
  [CompanyRoleType.OFFICER]: RelationshipType.OFFICER_OF,
  [CompanyRoleType.INTERMEDIARY]: RelationshipType.INTERMEDIARY_OF,
  [CompanyRoleType.REGISTERED_AGENT]: RelationshipType.REGISTERED_AGENT_OF,
};

/** Roles that hold a stake in the company: the only ones with a share, and the links an ownership chain follows. */
export const OWNERSHIP_ROLES: readonly CompanyRoleType[] = [CompanyRoleType.SHAREHOLDER, CompanyRoleType.BENEFICIAL_OWNER, CompanyRoleType.NOMINEE_SHAREHOLDER];

/** What persons' association records say the tie is; each kind is its own ASSOCIATE_OF link, with its own period. */
export enum AssociationKind {
  ASSOCIATE = "ASSOCIATE",
  FAMILY = "FAMILY",
  PARTNER = "PARTNER",
  BUSINESS_ASSOCIATE = "BUSINESS_ASSOCIATE",
  EMPLOYEE = "EMPLOYEE",
  COMMUNICATES_WITH = "COMMUNICATES_WITH",
}
registerEnumType(AssociationKind, {
  name: "AssociationKind",
  description: "The kind of tie between two associated persons.",
  valuesConfig: {
    ASSOCIATE: { description: "Known associates, the tie not specified (the kind of associations recorded before kinds existed)." },
    FAMILY: { description: "Relatives." },
    PARTNER: { description: "Spouses or partners." },
    BUSINESS_ASSOCIATE: { description: "Business associates." },
    EMPLOYEE: { description: "One works for the other." },
    COMMUNICATES_WITH: { description: "They are known to communicate (calls, messages)." },
  },
});

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

  @Field(() => AssociationKind, { description: "The kind of tie (ASSOCIATE for associations recorded without one)." })
  kind: AssociationKind;
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

/** A party's role in a company with its stake, period and provenance: `Company.roleHolders`, `Person.companyRoles`, `Company.companyRoles`. */
@ObjectType({ description: "A person or company holding a role in a company (an officer, owner or agent), with its share and period." })
export class CompanyRoleLink extends Period {
  @Nominal()
  @Field(() => Party, { nullable: true, description: "The person or company holding the role." })
  holder: PartyRow;

  @Nominal()
  @Field(() => Company, { nullable: true, description: "The company the role is in." })
  company: PartyRow;

  @Field(() => CompanyRoleType, { description: "The role." })
  role: CompanyRoleType;

  @Field(() => Float, { nullable: true, description: "Percentage of the company's shares held (0 to 100), if known." })
  sharePercentage: number | null;

  @Field(() => Float, { nullable: true, description: "Number of shares held, if known (a whole number; may exceed 32 bits)." })
  shares: number | null;

  @Nominal()
  @Field(() => String, { nullable: true, description: "Where the record of the role comes from (a register extract, a leak's record), as noted by the recording agency." })
  note: string | null;
}

@InputType({ description: "Two persons to link as associates." })
export class AssociationInput {
  @Field(() => ID, { description: "A person of your agency." })
  personId: string;

  @Field(() => ID, { description: "The associated person (of any agency)." })
  associateId: string;

  @Field(() => AssociationKind, {
    nullable: true,
    description: "The kind of tie (default ASSOCIATE). Each kind is recorded apart: linking the same two persons with another kind adds it.",
  })
  kind?: AssociationKind | null;

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

@InputType({ description: "A person's or company's role in a company, with its share and period." })
export class CompanyRoleHolderInput {
  @Field(() => ID, { description: "The person or company holding the role: one your agency may read (its own, or shared with it in an open operation)." })
  holderId: string;

  @Field(() => ID, { description: "The company (one your agency may read)." })
  companyId: string;

  @Field(() => CompanyRoleType, { description: "The role." })
  role: CompanyRoleType;

  @Field(() => Float, { nullable: true, description: "Percentage of the shares held, 0 to 100 (SHAREHOLDER, BENEFICIAL_OWNER, NOMINEE_SHAREHOLDER only)." })
  sharePercentage?: number | null;

  @Field(() => Float, { nullable: true, description: "Number of shares held, a whole number of 0 or more (owner roles only)." })
  shares?: number | null;

  @Field(() => DateScalar, { nullable: true, description: "Since when the role is held, if known." })
  since?: string | null;

  @Field(() => DateScalar, { nullable: true, description: "Until when it was held, if it has ended (on or after since)." })
  until?: string | null;

  @Multiline()
  @Field(() => String, { nullable: true, description: "Where the record comes from (at most 200 characters), e.g. a register extract or a leak's record." })
  note?: string | null;
}
