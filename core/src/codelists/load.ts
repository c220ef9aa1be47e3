import { existsSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
import { loadAirlines } from "./airlines.js";
import { loadCountries } from "./countries.js";
import { loadCurrencies } from "./currencies.js";
import { FormatOnlyHsList, HS_FILE, HS_SECTIONS_FILE, loadHsFile, type HsCodeList } from "./hs.js";
import type { CodeListLogger, CodeListSource, NamedCodeList } from "./types.js";
import { FormatOnlyUnLocodeList, loadUnLocodeFile, UNLOCODE_FILE, type UnLocodeList } from "./unlocode.js";

export interface CodeListCounts {
  hs: number;
  unlocode: number;
  /** UN/LOCODEs with coordinates. */
  unlocodeWithCoordinates: number;
  countries: number;
  currencies: number;
  airlines: number;
}

/** Every code list the hub validates against. Countries, currencies and airlines are always real lists. */
export interface CodeLists {
  /** `files` when both HS and UN/LOCODE were read from the directory, else `format-only`. */
  readonly source: CodeListSource;
  /** The absolute directory read, if one was configured. */
  readonly dir: string | undefined;
  readonly counts: CodeListCounts;
  /** Wall time of `loadCodeLists`, in milliseconds. */
  readonly loadMs: number;
  readonly hs: HsCodeList;
  readonly unlocode: UnLocodeList;
  /** ISO 3166-1 alpha-2. */
  readonly countries: NamedCodeList;
  /** ISO 4217 alphabetic. */
  readonly currencies: NamedCodeList;
  /** IATA 2-character designators of active airlines. */
  readonly airlines: NamedCodeList;
}

export const CODELISTS_ENV = "CIX_CODELISTS_DIR";
export const FALLBACK_WARNING =
  "Code lists directory not set (CIX_CODELISTS_DIR); HS and UN/LOCODE values get format checks only";

const silent: CodeListLogger = { warn: () => {}, info: () => {} };

/**
 * Loads the code lists. `dir` is the directory holding hs2022.csv, hs-sections.csv and unlocode.csv
 * (relative paths are resolved against the working directory).
 *
 * When `dir` is undefined, does not exist or lacks a file, HS and/or UN/LOCODE fall back to format
 * checks only, and exactly one warning says so. A file that exists but cannot be parsed throws: a broken
 * list must stop start-up rather than silently weaken validation.
 *
 * Loading takes about half a second (the 116k-row UN/LOCODE file); call it once per process, through
 * `initCodeLists` / `getCodeLists`.
 */
export function loadCodeLists(dir: string | undefined, log: CodeListLogger = silent): CodeLists {
  const started = performance.now();
  const countries = loadCountries();
  const currencies = loadCurrencies();
  const airlines = loadAirlines();

  const absDir = dir && dir.trim() !== "" ? resolve(dir) : undefined;
  let hs: HsCodeList = new FormatOnlyHsList();
  let unlocode: UnLocodeList = new FormatOnlyUnLocodeList((country) => country === "XZ" || countries.has(country));
  let unlocodeWithCoordinates = 0;
  let warning: string | undefined;

  if (absDir === undefined) {
    warning = FALLBACK_WARNING;
  } else if (!existsSync(absDir) || !statSync(absDir).isDirectory()) {
    warning = `Code lists directory "${absDir}" (${CODELISTS_ENV}) does not exist; HS and UN/LOCODE values get format checks only`;
  } else {
    const hsFile = join(absDir, HS_FILE);
    const unlocodeFile = join(absDir, UNLOCODE_FILE);
    const missing: string[] = [];
    if (existsSync(hsFile)) hs = loadHsFile(hsFile, join(absDir, HS_SECTIONS_FILE));
    else missing.push(`${HS_FILE} (HS)`);
    if (existsSync(unlocodeFile)) {
      const { list } = loadUnLocodeFile(unlocodeFile);
      unlocode = list;
      unlocodeWithCoordinates = list.withCoordinates;
    } else missing.push(`${UNLOCODE_FILE} (UN/LOCODE)`);
    if (missing.length > 0) {
      warning = `Code list file(s) ${missing.join(", ")} not found in "${absDir}" (${CODELISTS_ENV}); those values get format checks only`;
    }
  }

  const counts: CodeListCounts = {
    hs: hs.size,
    unlocode: unlocode.size,
    unlocodeWithCoordinates,
    countries: countries.size,
    currencies: currencies.size,
    airlines: airlines.size,
  };
  const loadMs = Math.round(performance.now() - started);
  const source: CodeListSource = hs.source === "files" && unlocode.source === "files" ? "files" : "format-only";

  if (warning) log.warn(warning);
  log.info(
    `Code lists loaded in ${loadMs} ms (${source}${absDir ? ` from ${absDir}` : ""}): ` +
      `${counts.hs} HS codes, ${counts.unlocode} UN/LOCODEs (${counts.unlocodeWithCoordinates} with coordinates), ` +
      `${counts.countries} countries, ${counts.currencies} currencies, ${counts.airlines} airlines`,
  );

  return { source, dir: absDir, counts, loadMs, hs, unlocode, countries, currencies, airlines };
}
