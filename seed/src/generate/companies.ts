import type { AgencyProfile } from "../catalogue/agencies.js";
import { nationality, residence } from "../catalogue/world.js";
import type { Background } from "../generate.js";
import { keys, type AddressInput, type PlanCompany } from "../plan.js";
import { rngFor, uniqueDigits, type Rng } from "../random.js";
import { isRingSerial, SERIAL } from "../serials.js";
import { markings } from "./common.js";
import { fakerFor } from "./fakers.js";
import { address, bankAccount, hasIban, mailPart, mobileNumber } from "./identifiers.js";

/**
 * Companies: importers, forwarders and front companies registered in the agencies' countries, and foreign web
 * shops the agencies have recorded. Company `j` of a data set is a pure function of the seed and `j`.
 */

/** Where the web shops agencies have on file are registered. */
const SHOP_COUNTRIES: Readonly<Record<string, number>> = { CN: 6, HK: 2, TR: 2 };

const LEGAL_FORMS: Readonly<Record<string, readonly string[]>> = {
  NL: ["B.V."],
  BE: ["BV", "SRL", "NV"],
  DE: ["GmbH", "UG (haftungsbeschränkt)"],
  FR: ["SARL", "SAS"],
  ES: ["S.L.", "S.A."],
  GB: ["Ltd"],
  IT: ["S.r.l.", "S.p.A."],
  PL: ["Sp. z o.o."],
  CN: ["Co., Ltd."],
  HK: ["Limited"],
  TR: ["Ltd. Şti."],
};

const SECTORS: Readonly<Record<string, readonly string[]>> = {
  NL: ["Import", "Logistiek", "Handelsonderneming", "Trading", "Fresh Fruit", "Transport"],
  BE: ["Trading", "Logistics", "Import-Export", "Transport", "Diamonds"],
  DE: ["Handels", "Logistik", "Import", "Spedition"],
  FR: ["Import Export", "Logistique", "Négoce", "Transports"],
  ES: ["Importaciones", "Logística", "Comercial", "Transportes"],
  GB: ["Trading", "Logistics", "Imports", "Freight"],
  IT: ["Import Export", "Logistica", "Commerciale", "Trasporti"],
  PL: ["Handel", "Logistyka", "Import-Eksport", "Transport"],
};
/** Sector words of companies in the CEN scale's other countries. */
const ANY_SECTOR = ["Trading", "Logistics", "Import-Export", "Transport", "Freight"] as const;

const CN_WORDS = ["Hengda", "Xinyuan", "Jinhui", "Huaxing", "Tianli", "Baoshun", "Ruifeng", "Kaida", "Longteng", "Meijia"];
const CN_SECTORS = ["Trading", "Electronics", "Import & Export", "Technology", "Garment", "Chemical"];
const CN_CITIES = [
  { city: "Shenzhen", postcode: "518000" },
  { city: "Guangzhou", postcode: "510000" },
  { city: "Yiwu", postcode: "322000" },
  { city: "Shanghai", postcode: "200000" },
];

/** How each register numbers companies; `serial` makes the number unique. */
function registrationNumber(seed: number, country: string, serial: number): string {
  const rng = rngFor(seed, "company-registration", serial);
  switch (country) {
    case "NL":
      return uniqueDigits(serial, 8, 31);
    case "BE":
      return `0${uniqueDigits(serial, 9, 31)}`;
    case "DE":
      return `HRB${uniqueDigits(serial, 6, 31)}`;
    case "FR":
      return uniqueDigits(serial, 9, 31);
    case "ES":
      return `B${uniqueDigits(serial, 8, 31)}`;
    case "GB":
      return uniqueDigits(serial, 8, 31);
    case "IT":
      return uniqueDigits(serial, 11, 31);
    case "PL":
      return `0000${uniqueDigits(serial, 6, 31)}`;
    case "CN":
      return `9144${uniqueDigits(serial, 10, 31)}${rng.letters(3, "0123456789ABCDEFGHJKLMNPQRTUWXY")}${rng.int(0, 9)}`;
    default:
      return uniqueDigits(serial, 8, 31);
  }
}

export interface CompanySpec {
  seed: number;
  agency: AgencyProfile;
  serial: number;
  /** Where the company is registered: its agency's country, or CN/HK/TR for web shops. */
  country: string;
  /** A name to use instead of a generated one. */
  name?: string;
  sector?: string;
}

/** Background companies registered abroad: the web shops agencies have on file. */
function companyCountry(bg: Background, j: number): string {
  const rng = rngFor(bg.seed, "company", j);
  return rng.chance(0.3) ? rng.weighted(Object.entries(SHOP_COUNTRIES)) : bg.agencies.agencyAt(j).country;
}

/** A web domain label from the company's first two words, e.g. "Vos Logistiek B.V." → "voslogistiek". */
function slug(name: string): string {
  return mailPart(name.replace(/^Hong Kong /, "").split(/\s+/).slice(0, 2).join(""));
}

/**
 * The company's web domain. Names repeat at CEN scale (and e-mails with them, like real namesakes), but a planted
 * ring's company gets a domain of its own: a namesake must not tie background companies into a ring.
 */
function domain(name: string, serial: number): string {
  const base = slug(name) || "company";
  return isRingSerial(serial) ? `${base}-${(serial % 1000).toString().padStart(3, "0")}` : base;
}

/** A company with its own identifiers; callers may add shared ones. */
export function buildCompany(spec: CompanySpec): PlanCompany {
  const rng = rngFor(spec.seed, "company-detail", spec.serial);
  const form = rng.pick(LEGAL_FORMS[spec.country] ?? ["Ltd"]);
  const foreign = spec.country in SHOP_COUNTRIES;
  let name = spec.name;
  let addr: AddressInput;
  if (foreign) {
    const where = rng.pick(CN_CITIES);
    const f = fakerFor(spec.country === "TR" ? "tr" : "en", rng.int(0, 2 ** 31));
    name ??=
      spec.country === "TR"
        ? `${f.person.lastName()} Dış Ticaret ${form}`
        : `${spec.country === "HK" ? "Hong Kong" : where.city} ${rng.pick(CN_WORDS)} ${spec.sector ?? rng.pick(CN_SECTORS)} ${form}`;
    addr =
      spec.country === "TR"
        ? { street: `${f.location.street()} No: ${rng.int(1, 120)}`, postcode: `34${rng.digits(3)}`, city: "Istanbul", country: "TR" }
        : spec.country === "HK"
          ? { street: `Unit ${rng.int(1, 30)}${rng.letters(1, "ABCDEF")}, ${rng.int(2, 28)}/F, ${rng.int(1, 300)} Nathan Road`, postcode: "999077", city: "Kowloon", country: "HK" }
          : { street: `Room ${rng.int(2, 28)}0${rng.int(1, 9)}, No. ${rng.int(1, 300)} ${rng.pick(["Shennan", "Huangpu", "Futian", "Jiefang", "Renmin"])} Road`, postcode: where.postcode, city: where.city, country: "CN" };
  } else {
    const home = residence(spec.country);
    const f = fakerFor(home.locale, rng.int(0, 2 ** 31));
    name ??= `${f.person.lastName()} ${spec.sector ?? rng.pick(SECTORS[spec.country] ?? ANY_SECTOR)} ${form}`;
    addr = address(home, f.location.streetAddress(), rng);
  }
  const registration = registrationNumber(spec.seed, spec.country, spec.serial);
  const phoneRange = nationality(spec.country === "HK" ? "CN" : spec.country).mobile;
  const tld = ({ GB: "co.uk", HK: "com.hk", TR: "com.tr", CN: "com.cn" } as Record<string, string>)[spec.country] ?? spec.country.toLowerCase();
  return {
    key: keys.company(spec.agency.code, spec.country, registration),
    agency: spec.agency.code,
    input: {
      name,
      registrationNumber: registration,
      registrationCountry: spec.country,
      legalForm: form,
      phones: phoneRange ? [mobileNumber(phoneRange, spec.serial)] : [],
      emails: [`${rng.pick(["info", "sales", "office", "export"])}@${domain(name, spec.serial)}.${tld}`],
      addresses: [addr],
      bankAccounts: !foreign && rng.chance(0.8) && hasIban(residence(spec.country)) ? [bankAccount(residence(spec.country), spec.serial, rng)] : [],
      markings: markings(rng),
    },
  };
}

/** Background company `j`. */
export function companyAt(bg: Background, j: number): PlanCompany {
  return buildCompany({ seed: bg.seed, agency: bg.agencies.agencyAt(j), serial: SERIAL.company + j, country: companyCountry(bg, j) });
}

/** The key of background company `j`, without generating its details. */
function companyKeyAt(bg: Background, j: number): string {
  const country = companyCountry(bg, j);
  return keys.company(bg.agencies.agencyAt(j).code, country, registrationNumber(bg.seed, country, SERIAL.company + j));
}

/** A background company drawn by `draw` that fits `wanted`, or undefined when a few tries find none. */
function pickCompany(bg: Background, draw: () => number | undefined, wanted: (country: string) => boolean): number | undefined {
  for (let attempt = 0; attempt < 32; attempt++) {
    const j = draw();
    if (j === undefined) return undefined;
    if (wanted(companyCountry(bg, j))) return j;
  }
  return undefined;
}

/** The key of a background company of `agency` registered in the agency's own country. */
export function pickCompanyOf(bg: Background, rng: Rng, agency: AgencyProfile): string | undefined {
  const draw = () => bg.agencies.pickIndexOf(rng, agency, bg.counts.companies);
  const j = pickCompany(bg, draw, (country) => country === agency.country);
  return j === undefined ? undefined : companyKeyAt(bg, j);
}

/** The index of a background company registered abroad: a web shop some agency has on file. */
export function pickForeignShopIndex(bg: Background, rng: Rng): number | undefined {
  return pickCompany(bg, () => rng.int(0, bg.counts.companies - 1), (country) => country in SHOP_COUNTRIES);
}

/** Background companies `from` … `from + count - 1`, one at a time. */
export function* companies(bg: Background, from: number, count: number): Generator<PlanCompany> {
  for (let j = from; j < from + count; j++) yield companyAt(bg, j);
}
