import { loadCountries } from "./countries.js";

/**
 * UPU S10 item identifiers (international postal tracking numbers), e.g. "RR123456785NL":
 * 2-letter service indicator, 8-digit serial number, check digit, ISO 3166-1 alpha-2 country of the
 * issuing postal operator.
 *
 * Check digit: weights 8,6,4,2,3,5,9,7 over the serial digits, C = 11 − (sum mod 11), with 10 → 0 and
 * 11 → 5. Published example (UPU S10, as quoted on Wikipedia): serial 47312482 → sum 200 → C = 9.
 */

const S10_FORMAT = /^([A-Z]{2})(\d{8})(\d)([A-Z]{2})$/;
const WEIGHTS = [8, 6, 4, 2, 3, 5, 9, 7] as const;

/** The S10 check digit of an 8-digit serial number. Throws if `serial` is not 8 digits. */
export function s10CheckDigit(serial: string): number {
  if (!/^\d{8}$/.test(serial)) throw new Error(`S10 serial number must be 8 digits, got "${serial}"`);
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += Number(serial[i]) * (WEIGHTS[i] as number);
  const check = 11 - (sum % 11);
  return check === 10 ? 0 : check === 11 ? 5 : check;
}

/** Upper-cases and removes spaces: "rr 123 456 785 nl" → "RR123456785NL". Does not validate. */
export function normalizeS10(trackingNumber: string): string {
  return trackingNumber.replace(/\s+/g, "").toUpperCase();
}

/**
 * Whether `trackingNumber` is a well-formed UPU S10 identifier with a correct check digit and an
 * ISO 3166-1 country code. Case and spaces are ignored.
 */
export function isValidS10(trackingNumber: string): boolean {
  if (typeof trackingNumber !== "string") return false;
  const m = S10_FORMAT.exec(normalizeS10(trackingNumber));
  if (!m) return false;
  const [, , serial, check, country] = m as unknown as [string, string, string, string, string];
  return s10CheckDigit(serial) === Number(check) && loadCountries().has(country);
}
