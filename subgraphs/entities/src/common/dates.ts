import { badUserInput } from "@cix/core";

/** Refuses a period that ends before it starts (dates are YYYY-MM-DD, so they compare as strings). */
export function checkPeriod(since: string | null | undefined, until: string | null | undefined, path: string): void {
  if (since && until && until < since) throw badUserInput(`${path}.until`, "a date on or after since");
}
