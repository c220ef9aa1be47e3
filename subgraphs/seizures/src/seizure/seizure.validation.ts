import { badUserInput, markingProperties, type Markings } from "@cix/core";
import { ReviewStatus } from "../review/review-status.js";
import { normalizeFlightNumber, normalizeImo } from "./conveyance-codes.js";
import { RouteRole, type CommodityCategory, type ConcealmentMethod, type ConveyanceMode, type DetectionMethod, type OffenceType } from "./seizure.enums.js";
import type { ConveyanceInput, GoodsItemInput, RouteLegInput, SeizureFilter, SeizureInput } from "./seizure.inputs.js";

/**
 * Checks of a seizure input beyond what GraphQL types and scalars enforce, and its normalised form. Each
 * failure is a BAD_USER_INPUT naming the field path and the expected form, raised before anything is written.
 */

export const MAX_GOODS = 500;
export const MAX_LEGS = 50;
export const MAX_OFFENDERS = 100;

export interface ValidGoodsItem {
  seq: number;
  hsCode: string | null;
  description: string;
  quantity: number;
  unit: string;
  estimatedValue: number | null;
  currency: string | null;
  speciesName: string | null;
  citesAppendix: string | null;
}

export interface ValidLeg {
  seq: number;
  role: RouteRole;
  locode: string | null;
  country: string;
  /** ISO-8601 instant the goods left this place, or null. */
  departedAt: string | null;
}

export interface ValidConveyance {
  mode: ConveyanceMode;
  carrierName: string | null;
  airlineCode: string | null;
  flightNumber: string | null;
  voyageNumber: string | null;
  vesselImo: string | null;
  vehicleRegistration: string | null;
}

export interface ValidSeizure {
  caseNumber: string;
  /** ISO-8601 UTC with milliseconds, as the DateTime scalar normalises it (cursor comparisons rely on it). */
  seizedAt: string;
  placeLocode: string | null;
  commodity: CommodityCategory;
  detectionMethod: DetectionMethod | null;
  offenceType: OffenceType | null;
  conveyance: ValidConveyance | null;
  concealment: { method: ConcealmentMethod; description: string | null } | null;
  goods: ValidGoodsItem[];
  route: ValidLeg[];
  /** Requested status: null keeps an existing case's status (a new case starts as DRAFT). */
  reviewStatus: ReviewStatus.DRAFT | ReviewStatus.SUBMITTED | null;
  /** Null leaves the offenders as they are; ids are distinct. */
  offenderIds: string[] | null;
  markings: Markings;
}

/** Trimmed text of 1 to `max` characters. */
export function requiredText(path: string, value: string, max: number): string {
  const text = value.trim();
  if (text.length === 0 || text.length > max) throw badUserInput(path, `1 to ${max} characters`);
  return text;
}

/** Trimmed text of up to `max` characters, or null when absent or blank. */
export function optionalText(path: string, value: string | null | undefined, max: number): string | null {
  const text = value?.trim() ?? "";
  if (text.length > max) throw badUserInput(path, `at most ${max} characters`);
  return text === "" ? null : text;
}

function goodsItem(path: string, item: GoodsItemInput, seq: number): ValidGoodsItem {
  if (!Number.isFinite(item.quantity) || item.quantity <= 0) throw badUserInput(`${path}.quantity`, "a number greater than 0");
  const value = item.estimatedValue ?? null;
  if (value !== null && (!Number.isFinite(value) || value < 0)) throw badUserInput(`${path}.estimatedValue`, "a number of 0 or more");
  if (value !== null && !item.currency) throw badUserInput(`${path}.currency`, "an ISO 4217 currency code for the estimated value");
  return {
    seq,
    hsCode: item.hsCode ?? null,
    description: requiredText(`${path}.description`, item.description, 1000),
    quantity: item.quantity,
    unit: item.unit,
    estimatedValue: value,
    currency: item.currency ?? null,
    speciesName: optionalText(`${path}.speciesName`, item.speciesName, 200),
    citesAppendix: item.citesAppendix ?? null,
  };
}

function conveyance(path: string, c: ConveyanceInput): ValidConveyance {
  let vesselImo: string | null = null;
  if (c.vesselImo) {
    vesselImo = normalizeImo(c.vesselImo) ?? null;
    if (!vesselImo) throw badUserInput(`${path}.vesselImo`, 'a 7-digit IMO number with a valid check digit, e.g. "9074729"');
  }
  let flightNumber: string | null = null;
  if (c.flightNumber) {
    flightNumber = normalizeFlightNumber(c.flightNumber) ?? null;
    if (!flightNumber) throw badUserInput(`${path}.flightNumber`, 'an airline designator and 1 to 4 digits, e.g. "KL1234"');
  }
  const plate = optionalText(`${path}.vehicleRegistration`, c.vehicleRegistration, 20)?.toUpperCase() ?? null;
  if (plate !== null && !/^[A-Z0-9][A-Z0-9 -]*$/.test(plate)) {
    throw badUserInput(`${path}.vehicleRegistration`, "letters, digits, spaces and hyphens (up to 20)");
  }
  return {
    mode: c.mode,
    carrierName: optionalText(`${path}.carrierName`, c.carrierName, 200),
    airlineCode: c.airlineCode ?? null,
    flightNumber,
    voyageNumber: optionalText(`${path}.voyageNumber`, c.voyageNumber, 40),
    vesselImo,
    vehicleRegistration: plate,
  };
}

/**
 * A route: legs numbered 1..n without gaps, at least two, exactly one DEPARTURE (leg 1) and one DESTINATION
 * (leg n), each a UN/LOCODE or a country (or both, agreeing). Returned in seq order.
 */
export function validateRoute(path: string, legs: readonly RouteLegInput[]): ValidLeg[] {
  if (legs.length === 0) return [];
  if (legs.length < 2 || legs.length > MAX_LEGS) throw badUserInput(path, `2 to ${MAX_LEGS} legs (a departure and a destination at least)`);
  const bySeq = new Map<number, number>();
  legs.forEach((leg, i) => {
    if (!Number.isInteger(leg.seq) || leg.seq < 1 || leg.seq > legs.length || bySeq.has(leg.seq)) {
      throw badUserInput(`${path}[${i}].seq`, `a distinct number from 1 to ${legs.length}: legs are numbered without gaps`);
    }
    bySeq.set(leg.seq, i);
  });
  for (const role of [RouteRole.DEPARTURE, RouteRole.DESTINATION]) {
    const count = legs.filter((l) => l.role === role).length;
    if (count !== 1) throw badUserInput(path, `exactly one ${role} leg (found ${count})`);
  }
  const valid = legs.map((leg, i): ValidLeg => {
    const legPath = `${path}[${i}]`;
    if (leg.role === RouteRole.DEPARTURE && leg.seq !== 1) throw badUserInput(`${legPath}.seq`, "1: the DEPARTURE is the first leg");
    if (leg.role === RouteRole.DESTINATION && leg.seq !== legs.length) {
      throw badUserInput(`${legPath}.seq`, `${legs.length}: the DESTINATION is the last leg`);
    }
    const fromLocode = leg.locode ? leg.locode.slice(0, 2) : null;
    if (!fromLocode && !leg.country) throw badUserInput(legPath, "a locode or a country");
    if (fromLocode && leg.country && fromLocode !== leg.country) {
      throw badUserInput(`${legPath}.country`, `the country of the locode (${fromLocode}), or no country`);
    }
    if (leg.departedAt && leg.role === RouteRole.DESTINATION) throw badUserInput(`${legPath}.departedAt`, "no departure time on the DESTINATION leg");
    return { seq: leg.seq, role: leg.role, locode: leg.locode ?? null, country: (fromLocode ?? leg.country) as string, departedAt: leg.departedAt?.toISOString() ?? null };
  });
  valid.sort((a, b) => a.seq - b.seq);
  // Goods move forwards in time: a later leg cannot have left before an earlier one.
  let previous: ValidLeg | null = null;
  for (const leg of valid) {
    if (!leg.departedAt) continue;
    if (previous && leg.departedAt < previous.departedAt!) {
      const index = legs.findIndex((l) => l.seq === leg.seq);
      throw badUserInput(`${path}[${index}].departedAt`, `a time at or after leg ${previous.seq}'s departure (${previous.departedAt})`);
    }
    previous = leg;
  }
  return valid;
}

function offenderIds(path: string, ids: readonly string[] | null | undefined): string[] | null {
  if (ids === null || ids === undefined) return null;
  if (ids.length > MAX_OFFENDERS) throw badUserInput(path, `at most ${MAX_OFFENDERS} ids`);
  ids.forEach((id, i) => {
    if (id.trim() === "") throw badUserInput(`${path}[${i}]`, "the id of a Person or Company");
  });
  return [...new Set(ids)];
}

export function validateSeizureInput(input: SeizureInput, path = "input"): ValidSeizure {
  const status = input.reviewStatus ?? null;
  if (status !== null && status !== ReviewStatus.DRAFT && status !== ReviewStatus.SUBMITTED) {
    throw badUserInput(`${path}.reviewStatus`, "DRAFT or SUBMITTED (validation and return have their own mutations)");
  }
  const goods = input.goods ?? [];
  if (goods.length > MAX_GOODS) throw badUserInput(`${path}.goods`, `at most ${MAX_GOODS} goods lines`);
  return {
    caseNumber: requiredText(`${path}.caseNumber`, input.caseNumber, 64),
    seizedAt: input.seizedAt.toISOString(),
    placeLocode: input.placeLocode ?? null,
    commodity: input.commodity,
    detectionMethod: input.detectionMethod ?? null,
    offenceType: input.offenceType ?? null,
    conveyance: input.conveyance ? conveyance(`${path}.conveyance`, input.conveyance) : null,
    concealment: input.concealment
      ? {
          method: input.concealment.method,
          description: optionalText(`${path}.concealment.description`, input.concealment.description, 2000),
        }
      : null,
    goods: goods.map((item, i) => goodsItem(`${path}.goods[${i}]`, item, i + 1)),
    route: validateRoute(`${path}.route`, input.route ?? []),
    reviewStatus: status,
    offenderIds: offenderIds(`${path}.offenderIds`, input.offenderIds),
    markings: markingProperties(input.markings),
  };
}

export interface ValidFilter {
  seizedFrom: string | null;
  seizedBefore: string | null;
  placeLocode: string | null;
  country: string | null;
  commodity: string | null;
  hsPrefix: string | null;
  conveyanceMode: string | null;
  reviewStatus: string | null;
  reportingAgency: string | null;
}

export function validateFilter(filter: SeizureFilter | null | undefined, path = "filter"): ValidFilter {
  const f = filter ?? {};
  if (f.seizedFrom && f.seizedBefore && f.seizedFrom.getTime() >= f.seizedBefore.getTime()) {
    throw badUserInput(`${path}.seizedBefore`, `an instant after ${path}.seizedFrom`);
  }
  let hsPrefix: string | null = null;
  if (f.hsPrefix !== null && f.hsPrefix !== undefined) {
    hsPrefix = f.hsPrefix.replace(/[\s.]/g, "");
    if (!/^\d{1,10}$/.test(hsPrefix)) throw badUserInput(`${path}.hsPrefix`, 'the first 1 to 10 digits of an HS code, e.g. "2402"');
  }
  return {
    seizedFrom: f.seizedFrom?.toISOString() ?? null,
    seizedBefore: f.seizedBefore?.toISOString() ?? null,
    placeLocode: f.placeLocode ?? null,
    country: f.country ?? null,
    commodity: f.commodity ?? null,
    hsPrefix,
    conveyanceMode: f.conveyanceMode ?? null,
    reviewStatus: f.reviewStatus ?? null,
    reportingAgency: f.reportingAgency?.trim().toUpperCase() || null,
  };
}
