import currencyCodes from "currency-codes";
import { MapCodeList } from "./types.js";

let cached: MapCodeList | undefined;

/**
 * ISO 4217 alphabetic currency codes with English names, from `currency-codes` (the ISO 4217 "list one"
 * of current currencies and funds, including precious metals and special codes such as XAU, XDR, XXX).
 * Withdrawn currencies (e.g. DEM, NLG) are not in it. Built once and cached.
 */
export function loadCurrencies(): MapCodeList {
  if (cached) return cached;
  const entries = new Map<string, string>();
  for (const record of currencyCodes.data) entries.set(record.code, record.currency);
  cached = new MapCodeList(entries);
  return cached;
}

/** The publication date of the ISO 4217 list the package ships, e.g. "2024-06-25". */
export const currencyListDate: string = currencyCodes.publishDate;
