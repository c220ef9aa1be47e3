import { getCountrySpecifications, validateIBAN, ValidationErrorsIBAN } from "ibantools";
import { result, stringScalar, type CheckResult, type StringScalarSpec } from "./common.js";

/** Why ibantools rejected an IBAN, in words a client can act on. */
function reason(code: ValidationErrorsIBAN | undefined, iban: string): string {
  const country = iban.slice(0, 2);
  switch (code) {
    case ValidationErrorsIBAN.NoIBANCountry:
      return `"${country}" is not a country that issues IBANs`;
    case ValidationErrorsIBAN.WrongBBANLength: {
      const chars = getCountrySpecifications()[country]?.chars;
      return `wrong length for a ${country} IBAN${chars ? `: ${chars} characters expected, got ${iban.length}` : ""}`;
    }
    case ValidationErrorsIBAN.WrongBBANFormat:
      return `the account part does not match the ${country} IBAN format`;
    case ValidationErrorsIBAN.ChecksumNotNumber:
      return "characters 3 and 4 must be the check digits";
    case ValidationErrorsIBAN.WrongIBANChecksum:
      return "the check digits do not match (mistyped?)";
    case ValidationErrorsIBAN.WrongAccountBankBranchChecksum:
      return "the national bank/account check digits do not match (mistyped?)";
    default:
      return 'expected an IBAN: country code, 2 check digits and the account number (e.g. "GB82 WEST 1234 5698 7654 32")';
  }
}

/** Normalises (spaces and hyphens removed, upper-cased) and validates an IBAN with ibantools. */
export function checkIban(input: string): CheckResult<string> {
  const iban = input.replace(/[\s-]/g, "").toUpperCase();
  if (!/^[A-Z]{2}[0-9A-Z]{2,32}$/.test(iban)) return result.format();
  const v = validateIBAN(iban, { allowQRIBAN: true });
  return v.valid ? result.ok(iban) : result.format(reason(v.errorCodes[0], iban));
}

export const ibanSpec: StringScalarSpec<string> = {
  name: "IBAN",
  description:
    'International Bank Account Number (ISO 13616) in electronic format, e.g. "GB82WEST12345698765432". ' +
    'Input may be grouped with spaces and in lower case ("GB82 WEST 1234 5698 7654 32"); ' +
    "country, length, format and check digits are verified.",
  specifiedByURL: "https://www.iso.org/standard/81090.html",
  expected: 'IBAN, e.g. "GB82WEST12345698765432"',
  expectedLong: 'an IBAN: country code, 2 check digits and the account number (e.g. "GB82 WEST 1234 5698 7654 32")',
  check: checkIban,
};

export const IBANScalar = stringScalar(ibanSpec);
