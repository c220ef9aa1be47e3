import {
  CountryCodeScalar,
  DateScalar,
  EmailAddressScalar,
  IBANScalar,
  Nominal,
  PhoneNumberScalar,
  type AccessEnvelope,
  type DocumentType,
} from "@cix/core";
import { Directive, Field, ID, InputType, ObjectType, registerEnumType } from "type-graphql";

export enum IdentityDocumentType {
  PASSPORT = "PASSPORT",
  ID_CARD = "ID_CARD",
  DRIVING_LICENCE = "DRIVING_LICENCE",
  RESIDENCE_PERMIT = "RESIDENCE_PERMIT",
  OTHER = "OTHER",
}
// The GraphQL enum and the core's document types are the same list; this fails to compile if they drift.
const _sameDocumentTypes: Record<DocumentType, IdentityDocumentType> = IdentityDocumentType;
registerEnumType(IdentityDocumentType, {
  name: "IdentityDocumentType",
  description: "Kind of identity document.",
  valuesConfig: {
    PASSPORT: { description: "Passport." },
    ID_CARD: { description: "National identity card." },
    DRIVING_LICENCE: { description: "Driving licence." },
    RESIDENCE_PERMIT: { description: "Residence permit or residence card." },
    OTHER: { description: "Any other identity document." },
  },
});

/** Every identifier row carries the access envelopes of all records linked to it (readable if any of them is). */
interface IdentifierRow {
  __access: AccessEnvelope[];
}

@Directive('@key(fields: "id")')
@Nominal()
@ObjectType({ description: "A phone number; one node per number (E.164), shared by every record that uses it." })
export class Phone implements IdentifierRow {
  __access: AccessEnvelope[];

  @Field(() => ID, { description: "Stable identifier of the phone number in the hub." })
  id: string;

  @Nominal()
  @Field(() => PhoneNumberScalar, { description: 'The number in E.164 form, e.g. "+31612345678".' })
  number: string;

  @Field(() => CountryCodeScalar, { nullable: true, description: "Country of the number's numbering plan, when it has a single one." })
  country: string | null;
}

@Directive('@key(fields: "id")')
@Nominal()
@ObjectType({ description: "An e-mail address; one node per address (lower case), shared by every record that uses it." })
export class Email implements IdentifierRow {
  __access: AccessEnvelope[];

  @Field(() => ID, { description: "Stable identifier of the e-mail address in the hub." })
  id: string;

  @Nominal()
  @Field(() => EmailAddressScalar, { description: "The address, lower case." })
  address: string;
}

@Directive('@key(fields: "id")')
@Nominal()
@ObjectType({
  description:
    "A postal address; one node per address (street, postcode, city and country compared without case, accents, " +
    "punctuation or extra spaces), shared by every record located there.",
})
export class Address implements IdentifierRow {
  __access: AccessEnvelope[];

  @Field(() => ID, { description: "Stable identifier of the address in the hub." })
  id: string;

  @Nominal()
  @Field(() => String, { description: "Street and house number, as first recorded." })
  street: string;

  @Nominal()
  @Field(() => String, { nullable: true, description: "Postcode, upper case." })
  postcode: string | null;

  @Field(() => String, { description: "City or town, as first recorded." })
  city: string;

  @Field(() => CountryCodeScalar, { description: "Country." })
  country: string;
}

@Directive('@key(fields: "id")')
@Nominal()
@ObjectType({ description: "A bank account; one node per IBAN, shared by every record that holds or declares it." })
export class BankAccount implements IdentifierRow {
  __access: AccessEnvelope[];

  @Field(() => ID, { description: "Stable identifier of the account in the hub." })
  id: string;

  @Nominal()
  @Field(() => IBANScalar, { description: "The IBAN in electronic format (no spaces)." })
  iban: string;

  @Field(() => String, { nullable: true, description: "BIC (ISO 9362) of the bank, when known." })
  bic: string | null;

  @Field(() => CountryCodeScalar, { description: "Country of the account (from the IBAN)." })
  country: string;
}

@Directive('@key(fields: "id")')
@Nominal()
@ObjectType({ description: "An identity document; one node per type, issuing country and number, shared by every record that holds it." })
export class IdentityDocument implements IdentifierRow {
  __access: AccessEnvelope[];

  @Field(() => ID, { description: "Stable identifier of the document in the hub." })
  id: string;

  @Field(() => IdentityDocumentType, { description: "Kind of document." })
  type: IdentityDocumentType;

  @Nominal()
  @Field(() => String, { description: "Document number, upper case without spaces or punctuation." })
  number: string;

  @Field(() => CountryCodeScalar, { description: "Country that issued the document." })
  issuingCountry: string;

  @Nominal()
  @Field(() => DateScalar, { nullable: true, description: "Expiry date, when known." })
  expiry: string | null;
}

@InputType({ description: "A postal address. Street, city and country are required: a town alone would link everyone in it." })
export class AddressInput {
  @Field(() => String, { description: "Street and house number." })
  street: string;

  @Field(() => String, { nullable: true, description: "Postcode." })
  postcode?: string | null;

  @Field(() => String, { description: "City or town." })
  city: string;

  @Field(() => CountryCodeScalar, { description: "Country." })
  country: string;
}

@InputType({ description: "A bank account." })
export class BankAccountInput {
  @Field(() => IBANScalar, { description: "IBAN; spaces and lower case are accepted, the check digits are verified." })
  iban: string;

  @Field(() => String, { nullable: true, description: "BIC (ISO 9362) of the bank, 8 or 11 characters." })
  bic?: string | null;
}

@InputType({ description: "An identity document." })
export class IdentityDocumentInput {
  @Field(() => IdentityDocumentType, { description: "Kind of document." })
  type: IdentityDocumentType;

  @Field(() => String, { description: "Document number as printed; spaces and punctuation are ignored." })
  number: string;

  @Field(() => CountryCodeScalar, { description: "Country that issued the document." })
  issuingCountry: string;

  @Field(() => DateScalar, { nullable: true, description: "Expiry date." })
  expiry?: string | null;
}

@InputType({ description: "Links one identifier to a party. Give exactly one of phone, email, address, bankAccount, identityDocument." })
export class LinkIdentifierInput {
  @Field(() => ID, { description: "The party (person or company) to link; it must be owned by your agency." })
  partyId: string;

  @Field(() => PhoneNumberScalar, { nullable: true, description: "A phone number the party uses (link type USES)." })
  phone?: string | null;

  @Field(() => EmailAddressScalar, { nullable: true, description: "An e-mail address the party uses (link type USES)." })
  email?: string | null;

  @Field(() => AddressInput, { nullable: true, description: "An address the party is located at (link type LOCATED_AT)." })
  address?: AddressInput | null;

  @Field(() => BankAccountInput, { nullable: true, description: "A bank account the party holds (link type HOLDS_ACCOUNT)." })
  bankAccount?: BankAccountInput | null;

  @Field(() => IdentityDocumentInput, { nullable: true, description: "An identity document the person holds (link type HOLDS; persons only)." })
  identityDocument?: IdentityDocumentInput | null;

  @Field(() => DateScalar, { nullable: true, description: "Since when the link holds, if known." })
  since?: string | null;

  @Field(() => DateScalar, { nullable: true, description: "Until when the link held, if it has ended." })
  until?: string | null;
}
