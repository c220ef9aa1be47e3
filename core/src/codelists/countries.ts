import { createRequire } from "node:module";
import countries from "i18n-iso-countries";
import { MapCodeList } from "./types.js";

const require = createRequire(import.meta.url);

let cached: MapCodeList | undefined;

/**
 * ISO 3166-1 alpha-2 country codes with English short names, from `i18n-iso-countries`.
 * Includes "XK" (Kosovo), a user-assigned code that the EU and customs systems use.
 * Built once and cached: the package's data is static.
 */
export function loadCountries(): MapCodeList {
  if (cached) return cached;
  // The English names are a separate JSON file that must be registered with the package first.
  countries.registerLocale(require("i18n-iso-countries/langs/en.json"));
  const entries = new Map<string, string>();
  for (const code of Object.keys(countries.getAlpha2Codes())) {
    entries.set(code, countries.getName(code, "en") ?? code);
  }
  cached = new MapCodeList(entries);
  return cached;
}

let alpha3: ReadonlyMap<string, string> | undefined;

/**
 * The alpha-2 code of an ISO 3166-1 alpha-3 code ("NLD" → "NL", "XKK" → "XK"), from `i18n-iso-countries`, for the
 * countries of `loadCountries` only; undefined for anything else. Case-insensitive.
 */
export function alpha2OfAlpha3(code: string): string | undefined {
  if (!alpha3) {
    const known = loadCountries();
    alpha3 = new Map(Object.entries(countries.getAlpha3Codes()).filter(([, alpha2]) => known.has(alpha2)));
  }
  return alpha3.get(code.trim().toUpperCase());
}
