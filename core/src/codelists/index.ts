/**
 * Code lists the hub validates against: HS 2022 and UN/LOCODE shipped in `codelists/` (or from `CIX_CODELISTS_DIR`), ISO 3166
 * countries, ISO 4217 currencies and IATA airlines from npm packages, and the UPU S10 check.
 */
export { type CodeListLogger, type CodeListSource, type NamedCodeList, MapCodeList } from "./types.js";
export {
  type HsCodeList,
  type HsEntry,
  FileHsList,
  FormatOnlyHsList,
  HS_FILE,
  HS_SECTIONS_FILE,
  isValidHsFormat,
  loadHsFile,
  normalizeHsCode,
} from "./hs.js";
export {
  type UnLocodeEntry,
  type UnLocodeFunctions,
  type UnLocodeList,
  type UnLocodeLoadStats,
  FileUnLocodeList,
  FormatOnlyUnLocodeList,
  isValidUnLocodeFormat,
  loadUnLocodeFile,
  normalizeUnLocode,
  parseFunctionMask,
  UNLOCODE_FILE,
} from "./unlocode.js";
export { alpha2OfAlpha3, loadCountries } from "./countries.js";
export { currencyListDate, loadCurrencies, NON_MONEY_CURRENCY_CODES, nonMoneyCurrency } from "./currencies.js";
export { loadAirlines } from "./airlines.js";
export { isValidS10, normalizeS10, s10CheckDigit } from "./s10.js";
export {
  BUNDLED_CODELISTS_DIR,
  type CodeListCounts,
  type CodeLists,
  CODELISTS_ENV,
  configuredCodeListsDir,
  FALLBACK_WARNING,
  loadCodeLists,
} from "./load.js";
export { codeListsLoaded, getCodeLists, initCodeLists, resetCodeLists } from "./singleton.js";
