import { Connection, CountryCodeScalar, DateScalar, EmailAddressScalar, MarkingsInput, Nominal, PhoneNumberScalar } from "@cix/core";
import { Directive, Field, InputType, ObjectType, registerEnumType } from "type-graphql";
import { AddressInput, BankAccountInput, IdentityDocumentInput } from "../identifier/identifier.types.js";
import { Party } from "../party/party.types.js";

export enum Gender {
  FEMALE = "FEMALE",
  MALE = "MALE",
  UNSPECIFIED = "UNSPECIFIED",
}
registerEnumType(Gender, {
  name: "Gender",
  description: "Gender as recorded in an identity document (ICAO 9303: F, M, X).",
  valuesConfig: {
    FEMALE: { description: "Female (F)." },
    MALE: { description: "Male (M)." },
    UNSPECIFIED: { description: "Unspecified (X)." },
  },
});

@Directive('@key(fields: "id")')
@ObjectType({ implements: Party, description: "A natural person known to customs (nominal data)." })
export class Person extends Party {
  // Agencies fill their own ids with national numbers (a health or passport number was seen on real data).
  @Nominal()
  @Field(() => String, {
    nullable: true,
    description:
      "The owner agency's own id of the person; with the owner agency it identifies the record, so upserts with it are idempotent. " +
      "Nominal: agencies' own ids often are national numbers.",
  })
  reference: string | null;

  @Nominal()
  @Field(() => String, { nullable: true, description: "Given name(s)." })
  givenNames: string | null;

  @Nominal()
  @Field(() => String, { nullable: true, description: "Family name(s)." })
  familyName: string | null;

  @Nominal()
  @Field(() => String, { description: "Full name as recorded (given names and family name when not recorded separately)." })
  fullName: string;

  @Nominal()
  @Field(() => [String], { description: "Other names the person is known by." })
  aliases: string[];

  @Nominal()
  @Field(() => DateScalar, { nullable: true, description: "Date of birth." })
  dateOfBirth: string | null;

  @Nominal()
  @Field(() => Gender, { nullable: true, description: "Gender." })
  gender: Gender | null;

  @Nominal()
  @Field(() => [CountryCodeScalar], { description: "Nationalities." })
  nationalities: string[];
}

export const PersonConnection = Connection("Person", Person);

@InputType({
  description:
    "A person to record. With a reference, the person is created or updated (idempotent); without, a new person is " +
    "created each time. Identifier lists replace the person's links of that kind; a list left out keeps them.",
})
export class PersonInput {
  @Field(() => String, { nullable: true, description: "Your agency's own id of the person (natural key with your agency)." })
  reference?: string | null;

  @Field(() => String, { nullable: true, description: "Given name(s)." })
  givenNames?: string | null;

  @Field(() => String, { nullable: true, description: "Family name(s)." })
  familyName?: string | null;

  @Field(() => String, { nullable: true, description: "Full name; defaults to given names and family name." })
  fullName?: string | null;

  @Field(() => [String], { nullable: true, description: "Other names the person is known by." })
  aliases?: string[] | null;

  @Field(() => DateScalar, { nullable: true, description: "Date of birth (not in the future)." })
  dateOfBirth?: string | null;

  @Field(() => Gender, { nullable: true, description: "Gender." })
  gender?: Gender | null;

  @Field(() => [CountryCodeScalar], { nullable: true, description: "Nationalities." })
  nationalities?: string[] | null;

  @Field(() => [PhoneNumberScalar], { nullable: true, description: 'Phone numbers, international form ("+31 6 1234 5678" or "0031 6 …").' })
  phones?: string[] | null;

  @Field(() => [EmailAddressScalar], { nullable: true, description: "E-mail addresses." })
  emails?: string[] | null;

  @Field(() => [AddressInput], { nullable: true, description: "Addresses." })
  addresses?: AddressInput[] | null;

  @Field(() => [BankAccountInput], { nullable: true, description: "Bank accounts." })
  bankAccounts?: BankAccountInput[] | null;

  @Field(() => [IdentityDocumentInput], { nullable: true, description: "Identity documents." })
  identityDocuments?: IdentityDocumentInput[] | null;

  @Field(() => MarkingsInput, { nullable: true, description: "Handling markings; defaults apply when left out." })
  markings?: MarkingsInput | null;
}

@InputType({ description: "Which persons to list. Selecting by name or nationality is a nominal read (needs a stated purpose)." })
export class PersonFilter {
  @Field(() => String, { nullable: true, description: "Text the full name contains (case and accents ignored)." })
  name?: string | null;

  @Field(() => CountryCodeScalar, { nullable: true, description: "A nationality the person has." })
  nationality?: string | null;

  @Field(() => String, { nullable: true, description: "Code of the agency that recorded the person." })
  ownerAgency?: string | null;
}
