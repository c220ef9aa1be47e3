/** Identifier checks for conveyances that no code list covers: IMO ship numbers and flight numbers. */

const IMO = /^(?:IMO)?\s*(\d{7})$/i;
const FLIGHT = /^([A-Z0-9]{2}[A-Z]?)\s?(\d{1,4}[A-Z]?)$/;

/**
 * The 7-digit IMO number if `input` is one ("9074729" or "IMO 9074729"), else undefined. The last digit is a
 * check digit: the sum of the first six digits weighted 7, 6, 5, 4, 3, 2, modulo 10.
 */
export function normalizeImo(input: string): string | undefined {
  const digits = IMO.exec(input.trim())?.[1];
  if (!digits) return undefined;
  const sum = [7, 6, 5, 4, 3, 2].reduce((acc, weight, i) => acc + weight * Number(digits[i]), 0);
  return sum % 10 === Number(digits[6]) ? digits : undefined;
}

/** A flight number "KL1234", "KL 1234", "U21234A" or ICAO-style "KLM1234", upper-cased without spaces; else undefined. */
export function normalizeFlightNumber(input: string): string | undefined {
  const m = FLIGHT.exec(input.trim().toUpperCase());
  return m ? `${m[1]}${m[2]}` : undefined;
}
