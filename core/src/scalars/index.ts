/**
 * CIX GraphQL custom scalars. Each validates and normalises its input and fails with a
 * `BAD_USER_INPUT` GraphQLError whose message says what was expected and gives an example.
 *
 * With type-graphql: `@Field(() => HSCodeScalar)`. Schema-first: add `cixScalarTypeDefs` to the type
 * definitions and `cixScalarResolvers` to the resolver map.
 */
import { printType, type GraphQLScalarType } from "graphql";
import { AirlineCodeScalar, CountryCodeScalar, CurrencyCodeScalar, HSCodeScalar, UNLocodeScalar } from "./codes.js";
import { DateScalar, DateTimeScalar } from "./datetime.js";
import { EmailAddressScalar } from "./email.js";
import { IBANScalar } from "./iban.js";
import { PhoneNumberScalar } from "./phone.js";

export { type CheckResult, type StringScalarSpec, badInput, parseWith, stringScalar } from "./common.js";
export {
  AirlineCodeScalar,
  airlineCodeSpec,
  CountryCodeScalar,
  countryCodeSpec,
  CurrencyCodeScalar,
  currencyCodeSpec,
  HSCodeScalar,
  hsCodeSpec,
  UNLocodeScalar,
  unLocodeSpec,
} from "./codes.js";
export { checkDate, checkDateTime, DateScalar, dateSpec, DateTimeScalar, dateTimeSpec } from "./datetime.js";
export { checkEmailAddress, EmailAddressScalar, emailAddressSpec } from "./email.js";
export { checkIban, IBANScalar, ibanSpec } from "./iban.js";
export { checkPhoneNumber, PhoneNumberScalar, phoneNumberSpec } from "./phone.js";

/** Every CIX scalar. */
export const cixScalars: readonly GraphQLScalarType[] = [
  HSCodeScalar,
  UNLocodeScalar,
  CountryCodeScalar,
  CurrencyCodeScalar,
  AirlineCodeScalar,
  DateTimeScalar,
  DateScalar,
  IBANScalar,
  PhoneNumberScalar,
  EmailAddressScalar,
];

/** Resolver map entries for schema-first servers: `{ HSCode: HSCodeScalar, … }`. */
export const cixScalarResolvers: Readonly<Record<string, GraphQLScalarType>> = Object.fromEntries(
  cixScalars.map((s) => [s.name, s]),
);

/** SDL declarations of every CIX scalar, with descriptions and `@specifiedBy`. */
export const cixScalarTypeDefs: string = cixScalars.map((s) => printType(s)).join("\n\n");
