import { withSerialTail, type Rng } from "../random.js";

/** Carriers, hubs and the identifiers they give conveyances and consignments. */

/** Air hubs where passengers change planes on their way to Europe, with the airline flying the last leg. */
export const TRANSIT_HUBS: ReadonlyArray<{ locode: string; airline: string }> = [
  { locode: "AEDXB", airline: "EK" },
  { locode: "TRIST", airline: "TK" },
  { locode: "QADOH", airline: "QR" },
  { locode: "ETADD", airline: "ET" },
  { locode: "MACMN", airline: "AT" },
];

export const SHIPPING_LINES = ["Maersk", "MSC", "CMA CGM", "Hapag-Lloyd", "COSCO Shipping Lines", "Ocean Network Express", "Evergreen Line"] as const;

export const HAULIERS = ["Trans-Balt", "Eurotrans Logistik", "Iberlogística", "Via Baltica Cargo", "Adria Spedizioni", "Noordzee Transport"] as const;

/** Postal operators of the countries parcels come from, with a sending office (UN/LOCODE with a postal function). */
export const ORIGIN_POSTS: ReadonlyArray<{ country: string; name: string; office: string }> = [
  { country: "CN", name: "China Post", office: "CNSGH" },
  { country: "CN", name: "China Post", office: "CNSNZ" },
  { country: "HK", name: "Hongkong Post", office: "HKHKG" },
  { country: "SG", name: "Singapore Post", office: "SGSIN" },
  { country: "IN", name: "India Post", office: "INBOM" },
  { country: "TR", name: "PTT", office: "TRIST" },
  { country: "TH", name: "Thailand Post", office: "THBKK" },
  { country: "US", name: "USPS", office: "USNYC" },
];

const DIGITS = "0123456789";

/** Express carriers with the shape of their tracking numbers; the last digits are the parcel's serial. */
export const EXPRESS_CARRIERS: ReadonlyArray<{ name: string; tracking(rng: Rng, serial: number): string }> = [
  { name: "DHL Express", tracking: (rng, n) => withSerialTail(rng.digits(10), n, DIGITS) },
  { name: "FedEx", tracking: (rng, n) => withSerialTail(rng.digits(12), n, DIGITS) },
  { name: "UPS", tracking: (rng, n) => `1Z${rng.letters(6, "0123456789ABCDEFGHJKLMNPRSTVWXY")}${withSerialTail(rng.digits(10), n, DIGITS)}` },
  { name: "Cainiao", tracking: (rng, n) => `LP00${withSerialTail(rng.digits(12), n, DIGITS)}` },
  { name: "YunExpress", tracking: (rng, n) => `YT${withSerialTail(rng.digits(16), n, DIGITS)}` },
];

/** Express parcels leave from these airports (UN/LOCODEs with an airport function). */
export const EXPRESS_ORIGINS = ["CNSZX", "CNCAN", "CNPVG", "HKHKG", "SGSIN", "INDEL", "TRIST", "AEDXB", "USJFK"] as const;

/** S10 service indicators seen on small packets and parcels. */
export const S10_SERVICES = ["RB", "RR", "LX", "LP", "UA", "EE", "CP"] as const;

/** A 7-digit IMO ship number with its check digit (weights 7 to 2 over the first six digits). */
export function imoNumber(rng: Rng): string {
  const six = `9${rng.digits(5)}`;
  const sum = [7, 6, 5, 4, 3, 2].reduce((acc, w, i) => acc + w * Number(six[i]), 0);
  return `${six}${sum % 10}`;
}

/** Airline names by IATA designator, for the airlines the routes use. */
export const AIRLINE_NAMES: Readonly<Record<string, string>> = {
  KL: "KLM Royal Dutch Airlines",
  SN: "Brussels Airlines",
  LH: "Lufthansa",
  AF: "Air France",
  IB: "Iberia",
  BA: "British Airways",
  AZ: "ITA Airways",
  LO: "LOT Polish Airlines",
  EK: "Emirates",
  TK: "Turkish Airlines",
  QR: "Qatar Airways",
  ET: "Ethiopian Airlines",
  AT: "Royal Air Maroc",
};

/** Sea ports where containers are transshipped on their way to Europe. */
export const TRANSSHIPMENT_PORTS = ["PAMIT", "MAPTM", "ESALG", "GRPIR", "SGSIN", "AEJEA"] as const;

/** Rail freight operators on the lines into the EU from the east. */
export const RAIL_OPERATORS = ["PKP Cargo", "DB Cargo", "RZD Logistics"] as const;
