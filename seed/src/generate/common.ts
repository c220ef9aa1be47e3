import type { MarkingsInput, ReviewStatus } from "../plan.js";
import type { Rng } from "../random.js";

/** Small choices shared by the record generators: markings, periods, dates, money. */

/** Mostly AMBER/H0, as most exchanged intelligence is; some GREEN, some RED, some H2. */
export function markings(rng: Rng): MarkingsInput {
  return {
    handling: rng.weighted([["H0", 82], ["H1", 6], ["H2", 10], ["H3", 2]] as const),
    tlp: rng.weighted([["AMBER", 72], ["GREEN", 14], ["AMBER_STRICT", 5], ["RED", 6], ["CLEAR", 3]] as const),
    sourceReliability: rng.weighted([["A", 20], ["B", 40], ["C", 15], ["X", 25]] as const),
    informationAccuracy: rng.weighted([["CONFIRMED", 35], ["KNOWN_TO_SOURCE", 30], ["NOT_KNOWN_TO_SOURCE", 15], ["CANNOT_BE_JUDGED", 20]] as const),
  };
}

/** Plain AMBER/H0 markings, for records that must stay visible to operation members. */
export const SHAREABLE: MarkingsInput = { handling: "H0", tlp: "AMBER", sourceReliability: "B", informationAccuracy: "KNOWN_TO_SOURCE" };

export const ORDER_PERIOD = { from: Date.UTC(2019, 0, 1), to: Date.UTC(2025, 8, 30) } as const;

const DAY = 86_400_000;

export function addDays(d: Date, days: number): Date {
  return new Date(d.getTime() + days * DAY);
}

/** YYYY-MM-DD. */
export function isoDate(d: Date): string {
  return d.toISOString().slice(0, 10);
}

/** An instant in a year, rounded to the minute. */
export function instantIn(rng: Rng, year: number, monthFrom = 0, monthTo = 11): Date {
  return rng.instant(Date.UTC(year, monthFrom, 1), Date.UTC(year, monthTo + 1, 1) - DAY);
}

/** Older cases have been through review; the newest are still being written or checked. */
export function reviewStatus(rng: Rng, year: number): ReviewStatus {
  if (year <= 2023) return rng.weighted([["VALIDATED", 92], ["SUBMITTED", 5], ["RETURNED", 3]] as const);
  if (year === 2024) return rng.weighted([["VALIDATED", 75], ["SUBMITTED", 15], ["RETURNED", 5], ["DRAFT", 5]] as const);
  return rng.weighted([["VALIDATED", 40], ["SUBMITTED", 35], ["DRAFT", 20], ["RETURNED", 5]] as const);
}

export const RETURN_REASONS = [
  "Goods line 1: the HS code does not match the description; please check.",
  "Route incomplete: the transit airport is missing.",
  "Quantity and unit do not match the photos; please correct.",
  "Estimated value looks too low for the quantity; please confirm.",
] as const;

const EUR_RATE: Readonly<Record<string, number>> = { EUR: 1, GBP: 0.86, PLN: 4.3, USD: 1.08 };

/** An amount in euro converted to `currency`, rounded to cents. */
export function fromEuro(eur: number, currency: string): number {
  return Math.round(eur * (EUR_RATE[currency] ?? 1) * 100) / 100;
}
