import type { Rng } from "../random.js";

/**
 * What the generator knows about the countries its persons come from and live in: name locales, mobile
 * number ranges, passport formats, and (for the eight agencies' countries) real cities with their postcode
 * ranges, banks, e-mail providers and number plates. The other countries of the CEN scale are in world.ts.
 */

export interface MobileRange {
  /** Country calling code, without "+". */
  cc: string;
  /** National number prefix of the range (after the calling code), e.g. "61" for Dutch mobiles +31 61… */
  prefix: string;
  /** Subscriber digits after the prefix. */
  digits: number;
  /** Further prefixes, for serials of 10^digits and above (each takes the next 10^digits). */
  overflow?: readonly string[];
  /** Maps a record's serial to its number in the range when the range is too small for serials (world.ts). */
  slot?: (serial: number) => number;
}

/** Latin-script names for nationalities whose faker locale writes them otherwise (or has none). */
export interface NameList {
  male: readonly string[];
  female: readonly string[];
  family: readonly string[];
}

export interface Nationality {
  code: string;
  /** A faker locale with names (and, for residence countries, street names) of the country. */
  locale: string;
  names?: NameList;
  /**
   * Everyday mobiles, and a separate range for the planted rings, so ring numbers never meet background ones.
   * A country of the CEN scale whose numbering plan cannot be used has no mobiles, and none has a ring range.
   */
  mobile?: MobileRange;
  ringMobile?: MobileRange;
  /** Passport number; `serial` is a unique digit string for the person. */
  passport(rng: Rng, serial: string): string;
}

export interface City {
  name: string;
  /** Numeric postcode range (for GB: outward codes). */
  postcodes: readonly [number, number] | readonly string[];
}

/** A BBAN as ibantools describes the country's, one kind of character per position (world.ts). */
export interface BbanFormat {
  alphabets: ReadonlyArray<"letters" | "digits">;
  /** The whole BBAN has a mod 97-10 remainder of 1 (the national check of e.g. PT, SI, RS). */
  mod97: boolean;
}

export interface Bank {
  /** Bank part of the BBAN as the IBAN format wants it (letters for NL/GB, sort code digits elsewhere). */
  code: string;
  bic?: string;
}

export interface Residence extends Nationality {
  currency: string;
  cities: readonly City[];
  /** Undefined where the generator does not know the country's postcodes. */
  postcode(rng: Rng, city: City): string | undefined;
  banks: readonly Bank[];
  /** Generated accounts of a country without `banks`; neither means no IBANs. */
  bban?: BbanFormat;
  emailDomains: readonly string[];
  /**
   * Digits after the name that make a mailbox unique to its owner where e-mail providers are shared by the whole
   * world (the CEN scale's countries); the agencies' own countries keep three, as people choose them.
   */
  mailboxDigits?: number;
  plate?(rng: Rng): string;
}

const UPPER_NO_O = "ABCDEFGHIJKLMNPQRSTUVWXYZ";

function range(rng: Rng, city: City, width: number): string {
  const [lo, hi] = city.postcodes as readonly [number, number];
  return String(rng.int(lo, hi)).padStart(width, "0");
}

const nl: Residence = {
  code: "NL",
  locale: "nl",
  currency: "EUR",
  mobile: { cc: "31", prefix: "61", digits: 7 },
  ringMobile: { cc: "31", prefix: "62", digits: 7 },
  passport: (rng, serial) => `N${rng.letters(1, UPPER_NO_O)}${rng.letters(1, UPPER_NO_O)}${serial.slice(-6)}`,
  cities: [
    { name: "Amsterdam", postcodes: [1011, 1109] },
    { name: "Rotterdam", postcodes: [3011, 3089] },
    { name: "Den Haag", postcodes: [2491, 2597] },
    { name: "Utrecht", postcodes: [3511, 3585] },
    { name: "Eindhoven", postcodes: [5611, 5658] },
    { name: "Breda", postcodes: [4811, 4839] },
    { name: "Almere", postcodes: [1311, 1363] },
  ],
  postcode: (rng, city) => `${range(rng, city, 4)} ${rng.letters(2, "ABCDEGHJKLMNPRTVWXZ")}`,
  banks: [
    { code: "ABNA", bic: "ABNANL2A" },
    { code: "INGB", bic: "INGBNL2A" },
    { code: "RABO", bic: "RABONL2U" },
    { code: "SNSB", bic: "SNSBNL2A" },
    { code: "BUNQ", bic: "BUNQNL2A" },
    { code: "KNAB", bic: "KNABNL2H" },
  ],
  emailDomains: ["gmail.com", "hotmail.com", "outlook.com", "ziggo.nl", "kpnmail.nl"],
  plate: (rng) => `${rng.letters(1, "GHJKLNPRSTVXZ")}-${rng.digits(3)}-${rng.letters(2, "BDFGHJKLNPRSTVXZ")}`,
};

const be: Residence = {
  code: "BE",
  locale: "nl_BE",
  currency: "EUR",
  mobile: { cc: "32", prefix: "47", digits: 7 },
  ringMobile: { cc: "32", prefix: "48", digits: 7 },
  passport: (rng, serial) => `${rng.letters(2)}${serial.slice(-6)}`,
  cities: [
    { name: "Antwerpen", postcodes: [2000, 2060] },
    { name: "Brussel", postcodes: [1000, 1210] },
    { name: "Gent", postcodes: [9000, 9052] },
    { name: "Liège", postcodes: [4000, 4032] },
    { name: "Charleroi", postcodes: [6000, 6044] },
    { name: "Mechelen", postcodes: [2800, 2812] },
  ],
  postcode: (rng, city) => range(rng, city, 4),
  banks: [{ code: "001" }, { code: "068" }, { code: "310" }, { code: "363" }, { code: "735" }, { code: "973" }],
  emailDomains: ["gmail.com", "telenet.be", "skynet.be", "hotmail.com", "proximus.be"],
  plate: (rng) => `${rng.int(1, 2)}-${rng.letters(3)}-${rng.digits(3)}`,
};

const de: Residence = {
  code: "DE",
  locale: "de",
  currency: "EUR",
  mobile: { cc: "49", prefix: "151", digits: 8 },
  ringMobile: { cc: "49", prefix: "157", digits: 8 },
  passport: (rng, serial) => `C${rng.letters(3, "CFGHJKLMNPRTVWXYZ")}${serial.slice(-5)}`,
  cities: [
    { name: "Hamburg", postcodes: [20095, 22769] },
    { name: "Berlin", postcodes: [10115, 14199] },
    { name: "Köln", postcodes: [50667, 51149] },
    { name: "Frankfurt am Main", postcodes: [60306, 60599] },
    { name: "München", postcodes: [80331, 81929] },
    { name: "Duisburg", postcodes: [47051, 47279] },
    { name: "Leipzig", postcodes: [4103, 4357] },
    { name: "Bremen", postcodes: [28195, 28779] },
  ],
  postcode: (rng, city) => range(rng, city, 5),
  banks: [
    { code: "10010010", bic: "PBNKDEFF" },
    { code: "20050550", bic: "HASPDEHH" },
    { code: "37040044", bic: "COBADEFF" },
    { code: "50010517", bic: "INGDDEFF" },
    { code: "70020270", bic: "HYVEDEMM" },
    { code: "12030000", bic: "BYLADEM1" },
  ],
  emailDomains: ["gmail.com", "web.de", "gmx.de", "t-online.de", "outlook.de"],
  plate: (rng) => `${rng.pick(["HH", "B", "K", "F", "M", "DU", "L", "HB"])}-${rng.letters(2)} ${rng.int(1, 9999)}`,
};

const fr: Residence = {
  code: "FR",
  locale: "fr",
  currency: "EUR",
  mobile: { cc: "33", prefix: "61", digits: 7 },
  ringMobile: { cc: "33", prefix: "75", digits: 7 },
  passport: (rng, serial) => `${serial.slice(-7, -5)}${rng.letters(2)}${serial.slice(-5)}`,
  cities: [
    { name: "Paris", postcodes: [75001, 75020] },
    { name: "Marseille", postcodes: [13001, 13016] },
    { name: "Lyon", postcodes: [69001, 69009] },
    { name: "Lille", postcodes: [59000, 59800] },
    { name: "Le Havre", postcodes: [76600, 76620] },
    { name: "Bordeaux", postcodes: [33000, 33800] },
    { name: "Nice", postcodes: [6000, 6300] },
  ],
  postcode: (rng, city) => range(rng, city, 5),
  banks: [{ code: "30004" }, { code: "30003" }, { code: "20041" }, { code: "10278" }, { code: "30066" }, { code: "17515" }],
  emailDomains: ["gmail.com", "orange.fr", "free.fr", "laposte.net", "sfr.fr"],
  plate: (rng) => `${rng.letters(2)}-${rng.digits(3)}-${rng.letters(2)}`,
};

const es: Residence = {
  code: "ES",
  locale: "es",
  currency: "EUR",
  mobile: { cc: "34", prefix: "6", digits: 8 },
  ringMobile: { cc: "34", prefix: "71", digits: 7 },
  passport: (rng, serial) => `${rng.letters(3)}${serial.slice(-6)}`,
  cities: [
    { name: "Madrid", postcodes: [28001, 28055] },
    { name: "Barcelona", postcodes: [8001, 8042] },
    { name: "Valencia", postcodes: [46001, 46026] },
    { name: "Algeciras", postcodes: [11201, 11207] },
    { name: "Málaga", postcodes: [29001, 29018] },
    { name: "Sevilla", postcodes: [41001, 41020] },
  ],
  postcode: (rng, city) => range(rng, city, 5),
  banks: [{ code: "21000418" }, { code: "00491500" }, { code: "01820100" }, { code: "20854880" }, { code: "00810200" }],
  emailDomains: ["gmail.com", "hotmail.es", "yahoo.es", "outlook.es", "telefonica.net"],
  plate: (rng) => `${rng.digits(4)} ${rng.letters(3, "BCDFGHJKLMNPRSTVWXYZ")}`,
};

const gb: Residence = {
  code: "GB",
  locale: "en_GB",
  currency: "GBP",
  mobile: { cc: "44", prefix: "7400", digits: 6, overflow: ["7401"] },
  ringMobile: { cc: "44", prefix: "7507", digits: 6 },
  passport: (_rng, serial) => serial.slice(-9).padStart(9, "5"),
  cities: [
    { name: "London", postcodes: ["E1", "E7", "E14", "N1", "NW10", "SE15", "SW9", "W12", "IG1"] },
    { name: "Birmingham", postcodes: ["B1", "B5", "B10", "B19"] },
    { name: "Manchester", postcodes: ["M1", "M8", "M14"] },
    { name: "Liverpool", postcodes: ["L1", "L4", "L8"] },
    { name: "Dover", postcodes: ["CT16", "CT17"] },
    { name: "Leeds", postcodes: ["LS1", "LS8"] },
  ],
  postcode: (rng, city) => `${rng.pick(city.postcodes as readonly string[])} ${rng.int(1, 9)}${rng.letters(2, "ABDEFGHJLNPQRSTUWXYZ")}`,
  banks: [
    { code: "BARC", bic: "BARCGB22" },
    { code: "HBUK", bic: "HBUKGB4B" },
    { code: "LOYD", bic: "LOYDGB2L" },
    { code: "NWBK", bic: "NWBKGB2L" },
    { code: "MIDL", bic: "MIDLGB22" },
    { code: "MONZ", bic: "MONZGB2L" },
  ],
  emailDomains: ["gmail.com", "outlook.com", "btinternet.com", "yahoo.co.uk", "hotmail.co.uk"],
  plate: (rng) => `${rng.letters(2, "ABCDEFGHKLMNOPRSVWY")}${rng.pick(["19", "20", "21", "22", "69", "70", "71"])} ${rng.letters(3, "ABCDEFGHJKLMNOPRSTUVWXYZ")}`,
};

const it: Residence = {
  code: "IT",
  locale: "it",
  currency: "EUR",
  mobile: { cc: "39", prefix: "347", digits: 7 },
  ringMobile: { cc: "39", prefix: "333", digits: 7 },
  passport: (rng, serial) => `${rng.letters(2)}${serial.slice(-7)}`,
  cities: [
    { name: "Milano", postcodes: [20121, 20162] },
    { name: "Roma", postcodes: [118, 199] },
    { name: "Napoli", postcodes: [80121, 80147] },
    { name: "Torino", postcodes: [10121, 10156] },
    { name: "Genova", postcodes: [16121, 16167] },
    { name: "Bologna", postcodes: [40121, 40141] },
  ],
  postcode: (rng, city) => range(rng, city, 5),
  banks: [{ code: "0306909606" }, { code: "0200801600" }, { code: "0503401633" }, { code: "0103002800" }, { code: "0760101600" }],
  emailDomains: ["gmail.com", "libero.it", "virgilio.it", "alice.it", "hotmail.it"],
  plate: (rng) => `${rng.letters(2, "ABCDEFGHJKLMNPRSTVWXYZ")} ${rng.digits(3)}${rng.letters(2, "ABCDEFGHJKLMNPRSTVWXYZ")}`,
};

const pl: Residence = {
  code: "PL",
  locale: "pl",
  currency: "PLN",
  mobile: { cc: "48", prefix: "501", digits: 6, overflow: ["502"] },
  ringMobile: { cc: "48", prefix: "601", digits: 6 },
  passport: (rng, serial) => `${rng.letters(2)}${serial.slice(-7)}`,
  cities: [
    { name: "Warszawa", postcodes: [1, 4999] },
    { name: "Kraków", postcodes: [30001, 31999] },
    { name: "Gdańsk", postcodes: [80001, 80999] },
    { name: "Łódź", postcodes: [90001, 94999] },
    { name: "Białystok", postcodes: [15001, 15999] },
    { name: "Wrocław", postcodes: [50001, 54999] },
  ],
  postcode: (rng, city) => {
    const n = range(rng, city, 5);
    return `${n.slice(0, 2)}-${n.slice(2)}`;
  },
  banks: [{ code: "1020" }, { code: "1090" }, { code: "1140" }, { code: "1240" }, { code: "1050" }],
  emailDomains: ["gmail.com", "wp.pl", "o2.pl", "onet.pl", "interia.pl"],
  plate: (rng) => `${rng.pick(["WA", "WGM", "KR", "GD", "BI", "EL", "DW"])} ${rng.digits(5)}`,
};

/** The agencies' countries, where persons live and companies are registered. */
export const RESIDENCES: Readonly<Record<string, Residence>> = { NL: nl, BE: be, DE: de, FR: fr, ES: es, GB: gb, IT: it, PL: pl };

export const genericPassport = (rng: Rng, serial: string) => `${rng.letters(2)}${serial.slice(-7)}`;

const MAGHREB: NameList = {
  male: ["Mohamed", "Youssef", "Karim", "Mehdi", "Hamza", "Said", "Rachid", "Anouar", "Bilal", "Nordin"],
  female: ["Fatima", "Khadija", "Samira", "Nadia", "Salma", "Imane", "Loubna", "Houda"],
  family: ["El Amrani", "Benali", "Bouzid", "El Idrissi", "Ouahbi", "Tahiri", "Chaoui", "Bakkali", "Ziani", "Azzouzi"],
};
const ALBANIAN: NameList = {
  male: ["Arben", "Besnik", "Dritan", "Ermal", "Gentian", "Ilir", "Klodian", "Luan", "Artan", "Fatjon"],
  female: ["Anila", "Blerina", "Elona", "Jonida", "Mirela", "Valbona", "Xhensila"],
  family: ["Hoxha", "Krasniqi", "Berisha", "Shehu", "Gashi", "Leka", "Dervishi", "Kola", "Muça", "Lika"],
};
const CHINESE: NameList = {
  male: ["Wei", "Jian", "Hao", "Lei", "Qiang", "Jun", "Ming", "Zhiwei", "Yong", "Bin"],
  female: ["Li", "Fang", "Xiu Ying", "Na", "Min", "Jing", "Yan", "Xiaomei"],
  family: ["Wang", "Li", "Zhang", "Liu", "Chen", "Yang", "Huang", "Zhao", "Wu", "Zhou"],
};

/** Nationalities of persons who live in one of the agencies' countries. */
export const FOREIGN_NATIONALITIES: Readonly<Record<string, Nationality>> = {
  CO: { code: "CO", locale: "es", mobile: { cc: "57", prefix: "310", digits: 7 }, ringMobile: { cc: "57", prefix: "315", digits: 7 }, passport: (rng, s) => `${rng.letters(2)}${s.slice(-6)}` },
  EC: { code: "EC", locale: "es", mobile: { cc: "593", prefix: "99", digits: 7 }, ringMobile: { cc: "593", prefix: "98", digits: 7 }, passport: genericPassport },
  DO: { code: "DO", locale: "es", mobile: { cc: "1", prefix: "809", digits: 7 }, ringMobile: { cc: "1", prefix: "829", digits: 7 }, passport: genericPassport },
  BR: { code: "BR", locale: "pt_BR", mobile: { cc: "55", prefix: "119", digits: 8 }, ringMobile: { cc: "55", prefix: "219", digits: 8 }, passport: (rng, s) => `${rng.letters(2)}${s.slice(-6)}` },
  NG: { code: "NG", locale: "en_NG", mobile: { cc: "234", prefix: "803", digits: 7 }, ringMobile: { cc: "234", prefix: "806", digits: 7 }, passport: (rng, s) => `${rng.letters(1)}${s.slice(-8)}` },
  MA: { code: "MA", locale: "fr", names: MAGHREB, mobile: { cc: "212", prefix: "61", digits: 7 }, ringMobile: { cc: "212", prefix: "66", digits: 7 }, passport: genericPassport },
  TR: { code: "TR", locale: "tr", mobile: { cc: "90", prefix: "532", digits: 7 }, ringMobile: { cc: "90", prefix: "542", digits: 7 }, passport: (rng, s) => `U${s.slice(-8)}` },
  AL: { code: "AL", locale: "en", names: ALBANIAN, mobile: { cc: "355", prefix: "692", digits: 6, overflow: ["693"] }, ringMobile: { cc: "355", prefix: "697", digits: 6 }, passport: (rng, s) => `B${s.slice(-7)}${rng.letters(1)}` },
  CN: { code: "CN", locale: "en", names: CHINESE, mobile: { cc: "86", prefix: "139", digits: 8 }, ringMobile: { cc: "86", prefix: "138", digits: 8 }, passport: (rng, s) => `E${s.slice(-8)}` },
  RO: { code: "RO", locale: "ro", mobile: { cc: "40", prefix: "72", digits: 7 }, ringMobile: { cc: "40", prefix: "74", digits: 7 }, passport: (_rng, s) => s.slice(-8) },
};
