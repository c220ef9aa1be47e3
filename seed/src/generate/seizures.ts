import { getCodeLists } from "@cix/core";
import type { AgencyProfile } from "../catalogue/agencies.js";
import { COMMODITIES, type CommodityProfile, type GoodsTemplate } from "../catalogue/commodities.js";
import { RESIDENCES } from "../catalogue/countries.js";
import { residence } from "../catalogue/world.js";
import {
  AIRLINE_NAMES,
  EXPRESS_CARRIERS,
  HAULIERS,
  imoNumber,
  ORIGIN_POSTS,
  RAIL_OPERATORS,
  SHIPPING_LINES,
  TRANSIT_HUBS,
  TRANSSHIPMENT_PORTS,
} from "../catalogue/transport.js";
import type { Background } from "../generate.js";
import {
  keys,
  type ConcealmentMethod,
  type ConveyanceInput,
  type ConveyanceMode,
  type DetectionMethod,
  type GoodsItemInput,
  type MarkingsInput,
  type PlanSeizure,
  type ReviewStatus,
  type RouteLegInput,
} from "../plan.js";
import { rngFor, type Rng } from "../random.js";
import { fromEuro, instantIn, markings, RETURN_REASONS, reviewStatus } from "./common.js";
import { pickCompanyOf } from "./companies.js";
import { pickPersonOf } from "./persons.js";

/**
 * Seizure cases: where (a place whose UN/LOCODE function fits the conveyance), what (goods lines with real
 * HS codes, quantities, values), how it came (conveyance and route) and how it was found and hidden.
 */

const DETECTION: Readonly<Record<ConveyanceMode, ReadonlyArray<readonly [DetectionMethod, number]>>> = {
  AIR: [["RISK_PROFILING", 3], ["SNIFFER_DOG", 2], ["XRAY_SCANNER", 2], ["PHYSICAL_EXAMINATION", 2], ["INTELLIGENCE_TIP", 1], ["RANDOM_CHECK", 1], ["DOCUMENT_CHECK", 1]],
  SEA: [["RISK_PROFILING", 4], ["XRAY_SCANNER", 3], ["INTELLIGENCE_TIP", 2], ["PHYSICAL_EXAMINATION", 1]],
  ROAD: [["XRAY_SCANNER", 3], ["SNIFFER_DOG", 2], ["RANDOM_CHECK", 2], ["RISK_PROFILING", 2], ["INTELLIGENCE_TIP", 1]],
  RAIL: [["XRAY_SCANNER", 3], ["SNIFFER_DOG", 2], ["RISK_PROFILING", 2]],
  POSTAL: [["RISK_PROFILING", 3], ["XRAY_SCANNER", 3], ["SNIFFER_DOG", 1], ["DOCUMENT_CHECK", 2]],
  EXPRESS: [["RISK_PROFILING", 3], ["XRAY_SCANNER", 3], ["SNIFFER_DOG", 1], ["DOCUMENT_CHECK", 2]],
  PEDESTRIAN: [["RANDOM_CHECK", 1]],
};

const CONCEALMENT: Readonly<Record<ConveyanceMode, readonly ConcealmentMethod[]>> = {
  AIR: ["BODY_CARRY", "INGESTION", "LUGGAGE_FALSE_BOTTOM", "CLOTHING", "HIDDEN_IN_GOODS"],
  SEA: ["CONTAINER", "HIDDEN_IN_GOODS", "MISDECLARATION"],
  ROAD: ["VEHICLE_COMPARTMENT", "HIDDEN_IN_GOODS", "MISDECLARATION"],
  RAIL: ["HIDDEN_IN_GOODS", "MISDECLARATION"],
  POSTAL: ["POSTAL_ITEM", "MISDECLARATION", "HIDDEN_IN_GOODS"],
  EXPRESS: ["POSTAL_ITEM", "MISDECLARATION", "HIDDEN_IN_GOODS"],
  PEDESTRIAN: ["BODY_CARRY"],
};

function concealmentText(method: ConcealmentMethod, cover: string, rng: Rng): string {
  switch (method) {
    case "BODY_CARRY":
      return rng.pick(["Strapped to the legs under the trousers", "In a belt worn under the clothes", "Taped to the torso"]);
    case "INGESTION":
      return `${rng.int(40, 110)} swallowed pellets`;
    case "LUGGAGE_FALSE_BOTTOM":
      return rng.pick(["False bottom of a hard-shell suitcase", "Sewn into the lining of a travel bag", "Inside the frame of a trolley case"]);
    case "CLOTHING":
      return rng.pick(["Sewn into the lining of a jacket", "In the soles of shoes", "In hollow clothes hangers"]);
    case "CONTAINER":
      return rng.pick([
        "In sports bags behind the doors of a reefer container (rip-on/rip-off)",
        "In the cooling unit of a reefer container",
        `In the floor of a 40' container loaded with ${cover}`,
      ]);
    case "VEHICLE_COMPARTMENT":
      return rng.pick(["Built compartment behind the cab of the lorry", "In the fuel tank", "In the roof lining of the trailer", "Under the floor of the van"]);
    case "HIDDEN_IN_GOODS":
      return `Among a load of ${cover}`;
    case "POSTAL_ITEM":
      return `Parcel declared as "${cover}"`;
    case "MISDECLARATION":
      return `Declared as ${cover}`;
    default:
      return cover;
  }
}

/** The places where an agency seizes goods that travel by `mode`. */
function placesFor(agency: AgencyProfile, mode: ConveyanceMode): readonly string[] {
  switch (mode) {
    case "AIR":
      return agency.airports;
    case "SEA":
      return agency.seaports;
    case "POSTAL":
      return agency.postalPlaces;
    case "EXPRESS":
      return agency.expressHubs;
    default:
      return agency.roadPlaces;
  }
}

/** Where an agency seizes goods that travel by `mode`. */
export function placeFor(agency: AgencyProfile, mode: ConveyanceMode, rng: Rng): string {
  return rng.pick(placesFor(agency, mode));
}

/** What else goods travel by when the agency's country has no place for a mode (no seaport, no road crossing, …). */
const INSTEAD: Readonly<Record<ConveyanceMode, readonly ConveyanceMode[]>> = {
  AIR: ["SEA"],
  SEA: ["AIR"],
  ROAD: ["AIR", "SEA"],
  RAIL: ["ROAD", "AIR", "SEA"],
  POSTAL: ["EXPRESS", "AIR", "SEA"],
  EXPRESS: ["AIR", "SEA"],
  PEDESTRIAN: ["ROAD", "AIR", "SEA"],
};

/** The conveyance a case can have at `agency`: rail freight only into PL and DE, and a mode the country has places for. */
export function usableMode(agency: AgencyProfile, mode: ConveyanceMode): ConveyanceMode {
  const wanted = mode === "RAIL" && !["PL", "DE"].includes(agency.country) ? "ROAD" : mode;
  return [wanted, ...INSTEAD[wanted]].find((m) => placesFor(agency, m).length > 0)!;
}

/** A route leg at a UN/LOCODE, or at a country when only the country is known (two letters). */
function leg(seq: number, role: RouteLegInput["role"], place: string): RouteLegInput {
  return place.length === 2 ? { seq, role, country: place } : { seq, role, locode: place };
}

function route(from: string, via: string | undefined, to: string): RouteLegInput[] {
  const stops = via ? [from, via, to] : [from, to];
  return stops.map((p, i) => leg(i + 1, i === 0 ? "DEPARTURE" : i === stops.length - 1 ? "DESTINATION" : "TRANSIT", p));
}

/** Hours from departure to arrival, by conveyance: a flight, a voyage, a drive, a parcel in the post. */
const JOURNEY_HOURS: Readonly<Record<ConveyanceMode, [number, number]>> = {
  AIR: [5, 20],
  SEA: [240, 960],
  ROAD: [10, 96],
  RAIL: [24, 240],
  POSTAL: [48, 336],
  EXPRESS: [24, 120],
  PEDESTRIAN: [1, 6],
};

/**
 * Departure times of goods seized on arrival, when the reporter knew them (7 cases in 10): the departure some hours
 * or days before the seizure, the transit stop in between. Drawn from a stream of their own, so the rest of the
 * case is what it was before routes had times.
 */
function timedRoute(legs: RouteLegInput[], seizedAt: Date, mode: ConveyanceMode, seed: number, serial: number): RouteLegInput[] {
  const rng = rngFor(seed, "seizure-route", serial);
  if (!rng.chance(0.7)) return legs;
  const [min, max] = JOURNEY_HOURS[mode];
  const journeyMs = rng.float(min, max, 1) * 3_600_000;
  const departed = seizedAt.getTime() - journeyMs;
  return legs.map((l, i) =>
    l.role === "DESTINATION" ? l : { ...l, departedAt: new Date(departed + (i === 0 ? 0 : journeyMs * rng.float(0.3, 0.7))).toISOString() },
  );
}

/** A transit stop for the journey, or undefined (direct). Returns the air hub's airline too. */
function transitFor(mode: ConveyanceMode, origin: string, place: string, rng: Rng): { via?: string; airline?: string } {
  const differs = (p: string) => p !== origin && p.slice(0, 2) !== origin.slice(0, 2) && p.slice(0, 2) !== place.slice(0, 2);
  if (mode === "AIR" && rng.chance(0.5)) {
    const hub = rng.pick(TRANSIT_HUBS.filter((h) => differs(h.locode)));
    return { via: hub.locode, airline: hub.airline };
  }
  if (mode === "SEA" && rng.chance(0.3)) return { via: rng.pick(TRANSSHIPMENT_PORTS.filter(differs)) };
  if (mode === "ROAD" && rng.chance(0.4)) {
    const countries = ["DE", "PL", "BE", "FR", "AT", "LT", "SI", "HU"].filter(differs);
    return { via: rng.pick(countries) };
  }
  return {};
}

function plate(country: string, rng: Rng): string {
  return RESIDENCES[country]?.plate?.(rng) ?? `${rng.letters(2)} ${rng.digits(4)} ${rng.letters(2)}`;
}

function conveyance(mode: ConveyanceMode, agency: AgencyProfile, origin: string, airline: string | undefined, rng: Rng): ConveyanceInput {
  switch (mode) {
    case "AIR": {
      const code = airline ?? agency.homeAirline;
      return { mode, airlineCode: code, carrierName: AIRLINE_NAMES[code] ?? getCodeLists().airlines.name(code), flightNumber: `${code}${rng.int(1, 1999)}` };
    }
    case "SEA":
      return { mode, carrierName: rng.pick(SHIPPING_LINES), vesselImo: imoNumber(rng), voyageNumber: `${rng.digits(3)}${rng.pick(["E", "W", "N", "S"])}` };
    case "ROAD":
      return { mode, carrierName: rng.pick(HAULIERS), vehicleRegistration: plate(origin.length === 2 ? origin : agency.country, rng) };
    case "RAIL":
      return { mode, carrierName: rng.pick(RAIL_OPERATORS), voyageNumber: `${rng.int(40000, 49999)}` };
    case "POSTAL":
      return { mode, carrierName: ORIGIN_POSTS.find((p) => p.office === origin)?.name ?? agency.post };
    case "EXPRESS":
      return { mode, carrierName: rng.pick(EXPRESS_CARRIERS).name };
    default:
      return { mode };
  }
}

/** Whole units are counted; weights and volumes keep a decimal or two. */
function quantity(template: GoodsTemplate, large: boolean, rng: Rng): number {
  const [lo, hi] = large ? template.large : template.small;
  return ["KG", "L", "TONNES", "G", "ML", "M3"].includes(template.unit) ? rng.float(lo, hi, hi < 10 ? 2 : 1) : rng.int(lo, hi);
}

/** A goods line from a template, valued in `currency`. */
export function goodsLine(template: GoodsTemplate, large: boolean, currency: string, rng: Rng): GoodsItemInput {
  const qty = quantity(template, large, rng);
  const value = fromEuro(Math.round(qty * rng.float(template.unitValue[0], template.unitValue[1])), currency);
  return {
    ...(template.hsCode ? { hsCode: template.hsCode } : {}),
    description: template.description,
    quantity: qty,
    unit: template.unit,
    estimatedValue: value,
    currency,
    ...(template.species ? { speciesName: template.species.name, citesAppendix: template.species.appendix } : {}),
  };
}

/** What one item of a conveyance can hold (the hub's CONVEYANCE_IMPLAUSIBLE limits): weight in kg, counted pieces. */
const CONVEYANCE_LIMITS: Partial<Record<ConveyanceMode, { kg: number; pieces?: number }>> = {
  POSTAL: { kg: 30, pieces: 5000 },
  PEDESTRIAN: { kg: 100 },
};
const KG_PER_UNIT: Partial<Record<string, number>> = { KG: 1, G: 0.001, TONNES: 1000 };
const COUNTED = new Set(["PIECES", "PAIRS", "BOTTLES", "SPECIMENS", "PACKS", "CARTONS"]);

/**
 * Goods scaled down to what the conveyance can carry (a parcel in the post weighs at most 30 kg), values with
 * them: the generator plants no anomalies by accident, so the cases planned as validated can be validated.
 */
function withinConveyance(goods: GoodsItemInput[], mode: ConveyanceMode): GoodsItemInput[] {
  const limit = CONVEYANCE_LIMITS[mode];
  if (!limit) return goods;
  const kg = goods.reduce((sum, g) => sum + g.quantity * (KG_PER_UNIT[g.unit] ?? 0), 0);
  const pieces = goods.reduce((sum, g) => sum + (COUNTED.has(g.unit) ? g.quantity : 0), 0);
  const scale = (g: GoodsItemInput, factor: number): GoodsItemInput => {
    const quantity = Math.max(COUNTED.has(g.unit) ? 1 : 0.01, Number((g.quantity * factor).toFixed(COUNTED.has(g.unit) ? 0 : 2)));
    return { ...g, quantity, estimatedValue: Math.max(1, Math.round((g.estimatedValue * quantity) / g.quantity)) };
  };
  return goods.map((g) => {
    if (KG_PER_UNIT[g.unit] !== undefined && kg > limit.kg) return scale(g, (limit.kg * 0.9) / kg);
    if (limit.pieces !== undefined && COUNTED.has(g.unit) && pieces > limit.pieces) return scale(g, (limit.pieces * 0.9) / pieces);
    return g;
  });
}

export function currencyOf(agency: AgencyProfile): string {
  return residence(agency.country).currency;
}

export function caseNumber(agency: AgencyProfile, year: number, serial: number): string {
  return `${agency.casePrefix}-${year}-${String(serial).padStart(6, "0")}`;
}

export interface SeizureSpec {
  seed: number;
  agency: AgencyProfile;
  /** Unique within the data set: the case number's serial. */
  serial: number;
  seizedAt: Date;
  profile: CommodityProfile;
  mode?: ConveyanceMode;
  place?: string;
  origin?: string;
  /** Goods lines to use instead of drawn ones. */
  goods?: GoodsItemInput[];
  offenders?: string[];
  reviewStatus?: ReviewStatus;
  markings?: MarkingsInput;
}

/** Where goods come from by `mode`; from air travel's list a ship takes only the countries (airports are no ports). */
function originsFor(profile: CommodityProfile, mode: ConveyanceMode): readonly string[] {
  const air = profile.origins.AIR ?? ["CN"];
  return profile.origins[mode] ?? (mode === "SEA" ? air.map((o) => o.slice(0, 2)) : air);
}

/** A case from the spec; whatever the spec leaves out is drawn to fit the commodity and the conveyance. */
export function buildSeizure(spec: SeizureSpec): PlanSeizure {
  const rng = rngFor(spec.seed, "seizure-detail", spec.serial);
  const { agency, profile } = spec;
  const mode = usableMode(agency, spec.mode ?? rng.weighted(profile.modes));
  const place = spec.place ?? placeFor(agency, mode, rng);
  const origin = spec.origin ?? rng.pick(originsFor(profile, mode));
  const transit = transitFor(mode, origin, place, rng);
  const year = spec.seizedAt.getUTCFullYear();
  const status = spec.reviewStatus ?? reviewStatus(rng, year);
  const large = ["SEA", "ROAD", "RAIL"].includes(mode);
  const currency = currencyOf(agency);
  const goods = withinConveyance(
    spec.goods ?? rng.sample(profile.goods, rng.chance(0.3) ? 2 : 1).map((template) => goodsLine(template, large, currency, rng)),
    mode,
  );
  const method = rng.pick(CONCEALMENT[mode]);
  const caseNo = caseNumber(agency, year, spec.serial);
  return {
    key: keys.seizure(agency.code, caseNo),
    agency: agency.code,
    input: {
      caseNumber: caseNo,
      seizedAt: spec.seizedAt.toISOString(),
      placeLocode: place,
      commodity: profile.category,
      goods,
      detectionMethod: rng.weighted(DETECTION[mode]),
      offenceType: rng.pick(profile.offences),
      conveyance: conveyance(mode, agency, origin, transit.airline, rng),
      // Goods stopped on the way out (outbound) never left: no departure time.
      route: profile.outbound ? route(place, transit.via, origin) : timedRoute(route(origin, transit.via, place), spec.seizedAt, mode, spec.seed, spec.serial),
      concealment: { method, description: concealmentText(method, rng.pick(profile.covers), rng) },
      markings: spec.markings ?? markings(rng),
    },
    offenders: spec.offenders ?? [],
    reviewStatus: status,
    ...(status === "RETURNED" ? { returnReason: rng.pick(RETURN_REASONS) } : {}),
  };
}

const YEAR_WEIGHTS: ReadonlyArray<readonly [number, number]> = [
  [2016, 6], [2017, 7], [2018, 8], [2019, 8], [2020, 7], [2021, 9], [2022, 10], [2023, 11], [2024, 12], [2025, 10],
];

/** Who the agency names in a case: passengers and drivers often, importers of containers sometimes. */
function offendersFor(bg: Background, mode: ConveyanceMode, agency: AgencyProfile, rng: Rng): string[] {
  const persons = (n: number) => [...new Set(Array.from({ length: n }, () => pickPersonOf(bg, rng, agency)))].filter((key) => key !== undefined);
  switch (mode) {
    case "AIR":
      return rng.chance(0.85) ? persons(rng.chance(0.15) ? 2 : 1) : [];
    case "ROAD":
    case "RAIL":
      return rng.chance(0.7) ? persons(rng.chance(0.25) ? 2 : 1) : [];
    case "SEA": {
      const company = rng.chance(0.4) ? pickCompanyOf(bg, rng, agency) : undefined;
      return [...(company ? [company] : []), ...(rng.chance(0.2) ? persons(1) : [])];
    }
    default:
      return rng.chance(0.25) ? persons(1) : [];
  }
}

/** Background case `s`: an agency by weight, a commodity by weight, a year 2016–2025 leaning recent. */
export function backgroundSeizureAt(bg: Background, s: number): PlanSeizure {
  const rng = rngFor(bg.seed, "seizure", s);
  const agency = bg.agencies.draw(rng);
  const profile = rng.weighted(COMMODITIES.map((c) => [c, c.weight] as const));
  const year = rng.weighted(YEAR_WEIGHTS);
  const mode = usableMode(agency, rng.weighted(profile.modes));
  return buildSeizure({
    seed: bg.seed,
    agency,
    serial: s + 1,
    seizedAt: instantIn(rng, year, 0, year === 2025 ? 9 : 11),
    profile,
    mode,
    offenders: offendersFor(bg, mode, agency, rng),
  });
}
