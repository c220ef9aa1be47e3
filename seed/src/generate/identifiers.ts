import { ibanKey, phoneKey } from "@cix/core";
import { parsePhoneNumberFromString } from "libphonenumber-js/max";
import type { BbanFormat, MobileRange, Residence } from "../catalogue/countries.js";
import type { AddressInput } from "../plan.js";
import type { Rng } from "../random.js";
import { uniqueDigits } from "../random.js";

/**
 * Identifiers that pass the hub's own checks: mobile numbers valid in their country's numbering plan
 * (checked with the hub's libphonenumber-based `phoneKey`), IBANs with correct national and ISO 13616
 * check digits (checked with the hub's `ibanKey`). A generated value that fails is a bug here: it throws.
 */

/**
 * The E.164 mobile number `serial` of a range. Distinct serials give distinct numbers, so the callers' disjoint
 * serial ranges (see SERIAL) keep persons, companies and rings from sharing a number by chance. Serials past the
 * range's digits go on in its overflow prefixes; a range with a `slot` numbers its country's records densely.
 */
export function mobileNumber(range: MobileRange, serial: number): string {
  const n = range.slot ? range.slot(serial) : serial;
  const block = Math.floor(n / 10 ** range.digits);
  const prefix = block === 0 ? range.prefix : range.overflow?.[block - 1];
  if (prefix === undefined) throw new Error(`serial ${serial} is beyond the mobile range +${range.cc} ${range.prefix}`);
  const number = `+${range.cc}${prefix}${uniqueDigits(n, range.digits, 17)}`;
  if (phoneKey(number) !== number) throw new Error(`generated phone number ${number} is not valid`);
  return number;
}

/** Ways people write the same international number: on a web shop form, on a parcel label, in a file. */
const PHONE_STYLES = [
  (cc: string, national: string) => `00${cc}${national}`,
  (cc: string, national: string) => `+${cc} ${national.slice(0, 1)} ${national.slice(1).replace(/(\d{2})(?=\d)/g, "$1 ")}`,
  (cc: string, national: string) => `00${cc} ${national.slice(0, 3)} ${national.slice(3)}`,
  (cc: string, national: string) => `+${cc}-${national.slice(0, 3)}-${national.slice(3, 6)}-${national.slice(6)}`,
  (cc: string, national: string) => `+${cc} ${national.slice(0, 1)} ${national.slice(1, 5)} ${national.slice(5)}`,
] as const;

/**
 * `e164` written in another notation (spaces, hyphens, 00 prefix) that still reads as the same number.
 * `style` picks the notation, so the plan is deterministic.
 */
export function reformatPhone(e164: string, style: number): string {
  const cc = parsePhoneNumberFromString(e164)?.countryCallingCode;
  if (!cc) throw new Error(`${e164} is not an international number`);
  const national = e164.slice(1 + cc.length);
  const text = PHONE_STYLES[style % PHONE_STYLES.length]!(cc, national);
  if (phoneKey(text) !== e164) throw new Error(`reformatted phone ${text} does not read as ${e164}`);
  return text;
}

function mod97(digits: string): number {
  let r = 0;
  for (const d of digits) r = (r * 10 + Number(d)) % 97;
  return r;
}

/** Letters as the IBAN algorithm numbers them (A = 10 … Z = 35). */
function numeric(text: string): string {
  return text.replace(/[A-Z]/g, (c) => String(c.charCodeAt(0) - 55));
}

/** ISO 13616: check digits 98 − (BBAN + country + "00") mod 97. */
function withCheckDigits(country: string, bban: string): string {
  const check = 98 - mod97(numeric(`${bban}${country}00`));
  return `${country}${String(check).padStart(2, "0")}${bban}`;
}

/** Italian CIN: the control letter over ABI, CAB and account (odd and even positions weighted differently). */
function italianCin(body: string): string {
  const ODD = [1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 2, 4, 18, 20, 11, 3, 6, 8, 12, 14, 16, 10, 22, 25, 24, 23];
  let sum = 0;
  [...body].forEach((ch, i) => {
    const v = /\d/.test(ch) ? Number(ch) : ch.charCodeAt(0) - 65;
    sum += i % 2 === 0 ? (ODD[v] as number) : v;
  });
  return String.fromCharCode(65 + (sum % 26));
}

/** Spanish "dígitos de control": one over "00" + bank + branch, one over the account number. */
function spanishControl(bankBranch: string, account: string): string {
  const W = [1, 2, 4, 8, 5, 10, 9, 7, 3, 6];
  const digit = (s: string) => {
    const d = 11 - ([...s].reduce((sum, c, i) => sum + Number(c) * (W[i] as number), 0) % 11);
    return d === 11 ? 0 : d === 10 ? 1 : d;
  };
  return `${digit(`00${bankBranch}`)}${digit(account)}`;
}

/** The BBAN of a national account, with the country's own check digits where it has them. */
function bban(country: string, bank: string, n: number, rng: Rng): string {
  const serial = uniqueDigits(n, 16, 23);
  switch (country) {
    case "NL":
      return `${bank}${serial.slice(0, 10)}`;
    case "DE":
      return `${bank}${serial.slice(0, 10)}`;
    case "GB":
      return `${bank}${rng.digits(6)}${serial.slice(0, 8)}`;
    case "BE": {
      // Seven digits of their own: the first seven of the sixteen would repeat among a million accounts.
      const first = `${bank}${uniqueDigits(n, 7, 23)}`;
      const check = Number(BigInt(first) % 97n) || 97;
      return `${first}${String(check).padStart(2, "0")}`;
    }
    case "FR": {
      const branch = rng.digits(5);
      const account = serial.slice(0, 11);
      const key = 97 - Number((89n * BigInt(bank) + 15n * BigInt(branch) + 3n * BigInt(account)) % 97n);
      return `${bank}${branch}${account}${String(key).padStart(2, "0")}`;
    }
    case "ES": {
      const account = serial.slice(0, 10);
      return `${bank}${spanishControl(bank, account)}${account}`;
    }
    case "IT": {
      const body = `${bank}${serial.slice(0, 12)}`;
      return `${italianCin(body)}${body}`;
    }
    case "PL": {
      const sort = `${bank}${rng.digits(3)}`;
      const W = [3, 9, 7, 1, 3, 9, 7];
      const check = (10 - ([...sort].reduce((sum, c, i) => sum + Number(c) * (W[i] as number), 0) % 10)) % 10;
      return `${sort}${check}${serial.slice(0, 16)}`;
    }
    default:
      throw new Error(`No IBAN format for ${country}`);
  }
}

/**
 * An IBAN of a country known only by its BBAN format: random letters and digits, the serial's eight digits
 * before the last two digit positions (which carry the national check where the format has one), ISO 13616
 * check digits. Undefined when the format has too few digit positions to hold the serial.
 */
export function genericIban(country: string, format: BbanFormat, serial: number, rng: Rng): string | undefined {
  const chars = format.alphabets.map((a) => (a === "letters" ? rng.letters(1) : rng.digits(1)));
  const digitAt = format.alphabets.flatMap((a, i) => (a === "digits" ? [i] : []));
  if (digitAt.length < 10 || (format.mod97 && digitAt.at(-1) !== chars.length - 1)) return undefined;
  [...uniqueDigits(serial, 8, 23)].forEach((d, k) => (chars[digitAt[digitAt.length - 10 + k]!] = d));
  if (format.mod97) {
    const body = chars.slice(0, -2).join("");
    const check = String(98 - mod97(numeric(`${body}00`))).padStart(2, "0");
    chars.splice(-2, 2, ...check);
  }
  return withCheckDigits(country, chars.join(""));
}

/** Whether accounts can be generated for the country (some countries have no IBAN, some a format not covered). */
export function hasIban(country: Residence): boolean {
  return country.banks.length > 0 || country.bban !== undefined;
}

/**
 * The bank account number `serial` of a country: a real bank of the country, an account number unique to
 * the serial, and correct check digits. Distinct serials give distinct IBANs.
 */
export function bankAccount(country: Residence, serial: number, rng: Rng): { iban: string; bic?: string } {
  if (country.bban) {
    const iban = genericIban(country.code, country.bban, serial, rng);
    if (!iban || ibanKey(iban) !== iban) throw new Error(`generated IBAN ${iban} is not valid`);
    return { iban };
  }
  const bank = rng.pick(country.banks);
  const iban = withCheckDigits(country.code, bban(country.code, bank.code, serial, rng));
  if (ibanKey(iban) !== iban) throw new Error(`generated IBAN ${iban} is not valid`);
  return bank.bic ? { iban, bic: bank.bic } : { iban };
}

/** An IBAN grouped in fours, as printed on statements and typed into payment forms. */
export function groupedIban(iban: string): string {
  return iban.replace(/(.{4})(?=.)/g, "$1 ");
}

/** Letters that Unicode decomposition leaves as they are, spelled out in ASCII. */
const ASCII: Readonly<Record<string, string>> = { ł: "l", Ł: "l", ı: "i", ß: "ss", ø: "o", Ø: "o", æ: "ae", Æ: "ae", đ: "d", Đ: "d" };

/** Name parts as they may appear in an e-mail address: ASCII letters only ("Kałuża" → "kaluza"). */
export function mailPart(text: string): string {
  return text
    .replace(/[łŁıßøØæÆđĐ]/g, (c) => ASCII[c] ?? c)
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z]+/g, "");
}

/** A street address in a real city of the country, with a plausible postcode. */
export function address(country: Residence, street: string, rng: Rng): AddressInput {
  const city = rng.pick(country.cities);
  return { street, postcode: country.postcode(rng, city), city: city.name, country: country.code };
}
