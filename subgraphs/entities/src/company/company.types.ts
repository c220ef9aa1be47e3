import { Connection, CountryCodeScalar, EmailAddressScalar, MarkingsInput, Nominal, PhoneNumberScalar } from "@cix/core";
import { Directive, Field, InputType, ObjectType } from "type-graphql";
import { AddressInput, BankAccountInput } from "../identifier/identifier.types.js";
import { Party } from "../party/party.types.js";

@Directive('@key(fields: "id")')
@ObjectType({ implements: Party, description: "A company or other legal person known to customs (nominal data)." })
export class Company extends Party {
  @Nominal()
  @Field(() => String, { nullable: true, description: "Number in the company register, upper case without spaces or punctuation." })
  registrationNumber: string | null;

  @Field(() => CountryCodeScalar, { nullable: true, description: "Country of the company register." })
  registrationCountry: string | null;

  @Field(() => String, { nullable: true, description: 'Legal form as recorded, e.g. "B.V.", "GmbH", "Ltd".' })
  legalForm: string | null;
}

export const CompanyConnection = Connection("Company", Company);

@InputType({
  description:
    "A company to record. With a registration number and country, the company is created or updated (idempotent); " +
    "without, a new company is created each time. Identifier lists replace the company's links of that kind; a list " +
    "left out keeps them.",
})
export class CompanyInput {
  @Field(() => String, { description: "Name of the company." })
  name: string;

  @Field(() => String, { nullable: true, description: "Number in the company register (natural key with the country and your agency)." })
  registrationNumber?: string | null;

  @Field(() => CountryCodeScalar, { nullable: true, description: "Country of the company register; required with a registration number." })
  registrationCountry?: string | null;

  @Field(() => String, { nullable: true, description: "Legal form." })
  legalForm?: string | null;

  @Field(() => [PhoneNumberScalar], { nullable: true, description: "Phone numbers, international form." })
  phones?: string[] | null;

  @Field(() => [EmailAddressScalar], { nullable: true, description: "E-mail addresses." })
  emails?: string[] | null;

  @Field(() => [AddressInput], { nullable: true, description: "Addresses." })
  addresses?: AddressInput[] | null;

  @Field(() => [BankAccountInput], { nullable: true, description: "Bank accounts." })
  bankAccounts?: BankAccountInput[] | null;

  @Field(() => MarkingsInput, { nullable: true, description: "Handling markings; defaults apply when left out." })
  markings?: MarkingsInput | null;
}

@InputType({ description: "Which companies to list. Selecting by name is a nominal read (needs a stated purpose)." })
export class CompanyFilter {
  @Field(() => String, { nullable: true, description: "Text the name contains (case and accents ignored)." })
  name?: string | null;

  @Field(() => CountryCodeScalar, { nullable: true, description: "Country of the company register." })
  registrationCountry?: string | null;

  @Field(() => String, { nullable: true, description: "Code of the agency that recorded the company." })
  ownerAgency?: string | null;
}
