import { badUserInput } from "@cix/core";

/**
 * Input checks beyond what the scalars enforce. Each throws BAD_USER_INPUT naming the field path and the
 * expected form, and runs before anything is written.
 */

/** A trimmed, non-empty string. */
export function requiredText(path: string, value: string): string {
  const text = value.trim();
  if (text === "") throw badUserInput(path, "a non-empty string");
  return text;
}

/** A trimmed string, or null when absent or blank. */
export function optionalText(value: string | null | undefined): string | null {
  const text = value?.trim() ?? "";
  return text === "" ? null : text;
}

export function positive(path: string, value: number): number {
  if (!Number.isFinite(value) || value <= 0) throw badUserInput(path, "a number greater than 0");
  return value;
}

export function nonNegative(path: string, value: number): number {
  if (!Number.isFinite(value) || value < 0) throw badUserInput(path, "a number of 0 or more");
  return value;
}

/** An amount needs a currency: either its own or the record's. */
export function currencyFor(path: string, amount: number | null | undefined, currency: string | null | undefined): string | null {
  if (amount !== null && amount !== undefined && !currency) throw badUserInput(path, "an ISO 4217 currency code for the amount given");
  return currency ?? null;
}

export interface Place {
  locode: string | null;
  country: string | null;
}

/**
 * A place given as a UN/LOCODE, a country, or both. The country is derived from the UN/LOCODE when only that
 * is given (so country filters find it), and must agree with it when both are given.
 */
export function place(path: string, locode: string | null | undefined, country: string | null | undefined): Place {
  const fromLocode = locode ? locode.slice(0, 2) : null;
  if (fromLocode && country && fromLocode !== country) {
    throw badUserInput(`${path}Country`, `the country of ${path}Locode (${fromLocode}), or no country`);
  }
  return { locode: locode ?? null, country: country ?? fromLocode };
}

/** `from` must come before `to` in a date range filter. */
export function dateRange(path: string, from: Date | null | undefined, to: Date | null | undefined) {
  if (from && to && from.getTime() >= to.getTime()) throw badUserInput(`${path}.to`, `an instant after ${path}.from`);
  return { from: from?.toISOString() ?? null, to: to?.toISOString() ?? null };
}
