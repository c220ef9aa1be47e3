import { parsePhoneNumberFromString } from "libphonenumber-js/max";
import { result, stringScalar, type CheckResult, type StringScalarSpec } from "./common.js";

/**
 * International phone numbers, normalised to E.164 with libphonenumber-js and its full ("max")
 * metadata, which validates numbers against each country's numbering plan, not only their length.
 *
 * The input must be international: "+" (or the "00" international prefix) and the country calling code;
 * a national number such as "020 123 4567" is rejected, since the country cannot be known. Spaces, dots,
 * hyphens, slashes and brackets are allowed, including a bracketed trunk prefix ("+31 (0)20 123 4567").
 * Extensions ("ext. 12") are rejected: E.164 has no place for them.
 */
export function checkPhoneNumber(input: string): CheckResult<string> {
  const text = input.trim().replace(/^00(?=[1-9])/, "+");
  if (!text.startsWith("+")) return result.format('the number must start with "+" and the country calling code');
  if (!/^\+[\d\s().\-/]{4,40}$/.test(text)) return result.format();
  const phone = parsePhoneNumberFromString(text, { extract: false });
  if (!phone) return result.format();
  if (phone.ext) return result.format("extensions cannot be written in E.164");
  if (!phone.isValid()) return result.format(`not a valid number in the numbering plan of +${phone.countryCallingCode}`);
  return result.ok(phone.number);
}

export const phoneNumberSpec: StringScalarSpec<string> = {
  name: "PhoneNumber",
  description:
    'International phone number in E.164 form, e.g. "+31201234567". Input may contain spaces, dots, hyphens and ' +
    'brackets ("+31 20 123 4567") or start with the 00 prefix ("0031 20 123 4567"); it must be a valid number ' +
    "in its country's numbering plan, and is returned in E.164.",
  specifiedByURL: "https://www.itu.int/rec/T-REC-E.164",
  expected: 'international phone number, e.g. "+31201234567"',
  expectedLong: 'an international phone number starting with + and the country calling code (e.g. "+31 20 123 4567")',
  check: checkPhoneNumber,
};

export const PhoneNumberScalar = stringScalar(phoneNumberSpec);
