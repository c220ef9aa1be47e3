import { alpha2OfAlpha3 } from "../codelists/countries.js";
import { nonMoneyCurrency } from "../codelists/currencies.js";
import { getCodeLists } from "../codelists/singleton.js";
import { result, stringScalar, type StringScalarSpec } from "./common.js";

/**
 * Code scalars validated against the process-wide code lists (`getCodeLists()`, loaded lazily from
 * the shipped `codelists/` or `CIX_CODELISTS_DIR`). HS and UN/LOCODE values are checked against the real lists when the directory is
 * available and by format only otherwise; countries, currencies and airlines always use the real lists.
 *
 * Outputs are returned as stored: inputs were validated on the way in, and reads must not fail because a
 * list changed since.
 */

const upper = (s: string) => s.trim().toUpperCase();

export const hsCodeSpec: StringScalarSpec<string> = {
  name: "HSCode",
  description:
    'Harmonized System 2022 commodity code, as a string of digits with leading zeros kept, e.g. "010121". A 2-digit chapter ("01"), ' +
    '4-digit heading ("0101") or 6-digit subheading ("010121"), or an 8- or 10-digit national tariff code whose first ' +
    '6 digits are an HS subheading ("0101210000"). Spaces and dots are removed on input ("0101.21" becomes "010121"). ' +
    "Checked against the HS 2022 nomenclature when the code lists are installed, by format otherwise.",
  specifiedByURL: "https://www.wcoomd.org/en/topics/nomenclature/instrument-and-tools/hs-nomenclature-2022-edition.aspx",
  expected: '2-, 4- or 6-digit HS 2022 code as a string (8/10 digits for national codes), e.g. "010121"',
  expectedLong: 'a 2-, 4- or 6-digit code from the HS 2022 nomenclature (e.g. "010121")',
  numberHint: "send HS codes as strings so that leading zeros are kept",
  check(input) {
    const { hs } = getCodeLists();
    const code = hs.normalize(input.trim());
    if (!hs.isValidFormat(code)) return result.format();
    if (hs.has(code)) return result.ok(code);
    return result.unknown(
      code.length > 6
        ? `is not in the HS 2022 nomenclature: "${code.slice(0, 6)}" is not an HS subheading`
        : "is not in the HS 2022 nomenclature",
    );
  },
};

export const unLocodeSpec: StringScalarSpec<string> = {
  name: "UNLocode",
  description:
    'UN/LOCODE location code: 2-letter ISO 3166 country followed by 3 letters or digits 2-9, e.g. "NLRTM" (Rotterdam). ' +
    'Upper-cased on input; a space or hyphen after the country is removed ("NL RTM" becomes "NLRTM"). ' +
    "Checked against the UN/LOCODE list when the code lists are installed, by format otherwise.",
  specifiedByURL: "https://unece.org/trade/uncefact/unlocode",
  expected: '5-character UN/LOCODE, country + 3 letters/digits 2-9, e.g. "NLRTM"',
  expectedLong: 'a 5-character UN/LOCODE: 2-letter country code + 3 letters or digits 2-9 (e.g. "NLRTM")',
  check(input) {
    const { unlocode } = getCodeLists();
    const code = unlocode.normalize(input);
    // The list wins over the format rule: a few listed codes use the digits 0 or 1 (e.g. "DE9B0").
    if (unlocode.source === "files" && unlocode.has(code)) return result.ok(code);
    if (!unlocode.isValidFormat(code)) return result.format();
    if (unlocode.has(code)) return result.ok(code);
    return unlocode.source === "files"
      ? result.unknown("is not in the UN/LOCODE list")
      : result.format(`"${code.slice(0, 2)}" is not an ISO 3166-1 country code`);
  },
};

export const countryCodeSpec: StringScalarSpec<string> = {
  name: "CountryCode",
  description:
    'ISO 3166-1 country code: alpha-2, e.g. "NL", or alpha-3, e.g. "NLD". Upper-cased on input; an alpha-3 code is ' +
    'turned into its alpha-2 code ("NLD" becomes "NL"), the one form in which countries are stored and returned. ' +
    '"XK" (Kosovo, alpha-3 "XKK") is accepted.',
  specifiedByURL: "https://www.iso.org/iso-3166-country-codes.html",
  expected: 'ISO 3166-1 alpha-2 or alpha-3 country code, e.g. "NL" or "NLD"',
  expectedLong: 'an ISO 3166-1 country code of 2 letters (alpha-2, e.g. "NL") or 3 letters (alpha-3, e.g. "NLD")',
  check(input) {
    const code = upper(input);
    // One stored form: alpha-3 (common in leaked and foreign data sets) is mapped to alpha-2.
    if (/^[A-Z]{3}$/.test(code)) {
      const alpha2 = alpha2OfAlpha3(code);
      return alpha2 ? result.ok(alpha2) : result.unknown("is not an ISO 3166-1 alpha-3 country code (alpha-2 codes are accepted too)");
    }
    if (!/^[A-Z]{2}$/.test(code)) return result.format();
    return getCodeLists().countries.has(code) ? result.ok(code) : result.unknown("is not an ISO 3166-1 alpha-2 country code (alpha-3 codes are accepted too)");
  },
};

export const currencyCodeSpec: StringScalarSpec<string> = {
  name: "CurrencyCode",
  description:
    'ISO 4217 alphabetic code of a currency of money, e.g. "EUR", "XOF". Upper-cased on input. Withdrawn currencies ' +
    "are rejected, and so are the ISO 4217 codes that are not money: XXX (no currency), XTS (testing), the precious " +
    "metals XAU, XAG, XPD, XPT, the units of account XBA, XBB, XBC, XBD, XDR, XSU, XUA, and the fund codes BOV, CHE, " +
    "CHW, CLF, COU, MXV, USN, UYI, UYW.",
  specifiedByURL: "https://www.iso.org/iso-4217-currency-codes.html",
  expected: 'an ISO 4217 currency code of money, e.g. "EUR"',
  expectedLong: 'an ISO 4217 currency code of money of 3 letters (e.g. "EUR")',
  check(input) {
    const code = upper(input);
    if (!/^[A-Z]{3}$/.test(code)) return result.format();
    const notMoney = nonMoneyCurrency(code);
    if (notMoney) return result.unknown(`is ${notMoney}, not a currency of money: expected an ISO 4217 currency code of money, e.g. "EUR"`);
    return getCodeLists().currencies.has(code) ? result.ok(code) : result.unknown("is not an ISO 4217 currency code");
  },
};

export const airlineCodeSpec: StringScalarSpec<string> = {
  name: "AirlineCode",
  description:
    'IATA airline designator of 2 letters or digits, e.g. "KL", "U2", "3U". Upper-cased on input. ' +
    "Must be the designator of an active airline in the OpenFlights airline list.",
  specifiedByURL: "https://www.iata.org/en/publications/directories/code-search/",
  expected: 'IATA 2-character airline designator, e.g. "KL"',
  expectedLong: 'an IATA airline designator of 2 letters or digits (e.g. "KL", "U2")',
  check(input) {
    const code = upper(input);
    if (!/^[A-Z0-9]{2}$/.test(code)) return result.format();
    return getCodeLists().airlines.has(code)
      ? result.ok(code)
      : result.unknown("is not the IATA designator of an active airline");
  },
};

export const HSCodeScalar = stringScalar(hsCodeSpec);
export const UNLocodeScalar = stringScalar(unLocodeSpec);
export const CountryCodeScalar = stringScalar(countryCodeSpec);
export const CurrencyCodeScalar = stringScalar(currencyCodeSpec);
export const AirlineCodeScalar = stringScalar(airlineCodeSpec);
