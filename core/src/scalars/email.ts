import { result, stringScalar, type CheckResult, type StringScalarSpec } from "./common.js";

/**
 * E-mail addresses: the WHATWG (HTML `input type=email`) syntax, with a domain of at least two labels,
 * RFC 5321 length limits (64-character local part, 254 in all), and lower-cased on input so that the
 * same address always compares equal. Quoted local parts and IP-literal domains are not accepted.
 */
const EMAIL =
  /^[a-z0-9.!#$%&'*+/=?^_`{|}~-]+@[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)+$/;

export function checkEmailAddress(input: string): CheckResult<string> {
  const email = input.trim().toLowerCase();
  if (!EMAIL.test(email)) return result.format();
  const local = email.slice(0, email.lastIndexOf("@"));
  if (local.length > 64 || email.length > 254) return result.format("too long (at most 64 characters before the @, 254 in all)");
  if (local.startsWith(".") || local.endsWith(".") || local.includes("..")) return result.format("misplaced dot before the @");
  return result.ok(email);
}

export const emailAddressSpec: StringScalarSpec<string> = {
  name: "EmailAddress",
  description: 'E-mail address, e.g. "officer@customs.example.org". Lower-cased on input.',
  specifiedByURL: "https://html.spec.whatwg.org/multipage/input.html#valid-e-mail-address",
  expected: 'e-mail address, e.g. "officer@customs.example.org"',
  expectedLong: 'an e-mail address such as "officer@customs.example.org"',
  check: checkEmailAddress,
};

export const EmailAddressScalar = stringScalar(emailAddressSpec);
