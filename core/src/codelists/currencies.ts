import currencyCodes from "currency-codes";
import { MapCodeList } from "./types.js";

let cached: MapCodeList | undefined;

/**
 * ISO 4217 list-one codes that are not money, and what each one is. A price, a value of goods or a payment is in
 * a currency of money; these codes name something else:
 * - XXX "no currency involved" and XTS "reserved for testing";
 * - the precious metals XAU (gold), XAG (silver), XPD (palladium), XPT (platinum), priced per troy ounce;
 * - units of account: the European bond-market units XBA, XBB, XBC, XBD, the IMF's special drawing right XDR,
 *   the SUCRE XSU and the African Development Bank's unit XUA;
 * - fund codes (ISO marks them `IsFund`, plus Uruguay's indexed UYW): BOV, CHE, CHW, CLF, COU, MXV, USN, UYI, UYW,
 *   indexed or settlement units beside the country's real currency (BOB, CHF, CLP, COP, MXN, USD, UYU).
 * Real currencies whose code starts with X stay money: XOF and XAF (CFA francs), XCD (East Caribbean dollar),
 * XPF (CFP franc). A unit test checks this list against the `currency-codes` data.
 */
export const NON_MONEY_CURRENCY_CODES: ReadonlyMap<string, string> = new Map([
  ["XXX", "the code for transactions where no currency is involved"],
  ["XTS", "the code reserved for testing"],
  ["XAU", "the code of gold"],
  ["XAG", "the code of silver"],
  ["XPD", "the code of palladium"],
  ["XPT", "the code of platinum"],
  ["XBA", "a bond-market unit of account (EURCO)"],
  ["XBB", "a bond-market unit of account (E.M.U.-6)"],
  ["XBC", "a bond-market unit of account (E.U.A.-9)"],
  ["XBD", "a bond-market unit of account (E.U.A.-17)"],
  ["XDR", "the IMF's special drawing right, a unit of account"],
  ["XSU", "the SUCRE, a unit of account"],
  ["XUA", "the African Development Bank's unit of account"],
  ["BOV", "a fund code (Bolivia's Mvdol)"],
  ["CHE", "a fund code (WIR euro)"],
  ["CHW", "a fund code (WIR franc)"],
  ["CLF", "a fund code (Chile's Unidad de Fomento)"],
  ["COU", "a fund code (Colombia's Unidad de Valor Real)"],
  ["MXV", "a fund code (Mexico's Unidad de Inversion)"],
  ["USN", "a fund code (US dollar next day)"],
  ["UYI", "a fund code (Uruguay peso in indexed units)"],
  ["UYW", "an index unit (Uruguay's Unidad Previsional)"],
]);

/**
 * ISO 4217 alphabetic codes of currencies of money with English names, from `currency-codes` (the ISO 4217
 * "list one" of current currencies and funds) without the codes that are not money (`NON_MONEY_CURRENCY_CODES`).
 * Withdrawn currencies (e.g. DEM, NLG) are not in it. Built once and cached.
 */
export function loadCurrencies(): MapCodeList {
  if (cached) return cached;
  const entries = new Map<string, string>();
  for (const record of currencyCodes.data) if (!NON_MONEY_CURRENCY_CODES.has(record.code)) entries.set(record.code, record.currency);
  cached = new MapCodeList(entries);
  return cached;
}

/** What an ISO 4217 code that is not money stands for (e.g. "the code of gold" for XAU); undefined otherwise. */
export function nonMoneyCurrency(code: string): string | undefined {
  return NON_MONEY_CURRENCY_CODES.get(code.trim().toUpperCase());
}

/** The publication date of the ISO 4217 list the package ships, e.g. "2024-06-25". */
export const currencyListDate: string = currencyCodes.publishDate;
