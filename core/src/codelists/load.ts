import { createHash } from "node:crypto";
import { existsSync, readFileSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
import { repoRoot } from "../paths.js";
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
  "Code lists OFF (CIX_CODELISTS=format-only): HS codes and UN/LOCODEs get format checks only, not checked against the real lists";

/** The lists shipped with the repository (codelists/README.md gives their sources, editions and checksums). */
export const BUNDLED_CODELISTS_DIR = join(repoRoot, "codelists");

/**
 * The folder to load the code lists from, as configured: `CIX_CODELISTS_DIR`, else the lists shipped in the
 * repository; undefined only when `CIX_CODELISTS=format-only` asks for format checks on purpose.
 */
export function configuredCodeListsDir(env: { CIX_CODELISTS?: string; CIX_CODELISTS_DIR?: string }): string | undefined {
  if (env.CIX_CODELISTS === "format-only") return undefined;
  return env.CIX_CODELISTS_DIR?.trim() || BUNDLED_CODELISTS_DIR;
}

const silent: CodeListLogger = { warn: () => {}, info: () => {} };

/**
 * Loads the code lists. `dir` is the directory holding hs2022.csv, hs-sections.csv and unlocode.csv
 * (relative paths are resolved against the working directory); undefined means format checks only, on purpose
 * (`CIX_CODELISTS=format-only`), and one warning says so.
 *
 * A directory or file that is missing, or a file that cannot be parsed, throws: a missing or broken list must
 * stop start-up rather than silently weaken validation.
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

  const checksums: string[] = [];
  if (absDir === undefined) {
    warning = FALLBACK_WARNING;
  } else {
    const hsFile = join(absDir, HS_FILE);
    const sectionsFile = join(absDir, HS_SECTIONS_FILE);
    const unlocodeFile = join(absDir, UNLOCODE_FILE);
    const missing = [hsFile, sectionsFile, unlocodeFile].filter((f) => !existsSync(f) || !statSync(f).isFile());
    if (missing.length > 0) {
      throw new Error(
        `Code lists: ${missing.join(", ")} not found (${CODELISTS_ENV}=${absDir}). Restore the lists shipped in codelists/ ` +
          `(git checkout codelists), point ${CODELISTS_ENV} at a folder with ${HS_FILE}, ${HS_SECTIONS_FILE} and ${UNLOCODE_FILE}, ` +
          "or set CIX_CODELISTS=format-only to run with format checks only.",
      );
    }
    hs = loadHsFile(hsFile, sectionsFile);
    const { list } = loadUnLocodeFile(unlocodeFile);
    unlocode = list;
    unlocodeWithCoordinates = list.withCoordinates;
    for (const file of [HS_FILE, UNLOCODE_FILE]) checksums.push(`${file} sha256 ${sha256Prefix(join(absDir, file))}`);
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
    `Code lists loaded in ${loadMs} ms (${source}${absDir ? ` from ${absDir}: ${checksums.join(", ")}` : ""}): ` +
      `${counts.hs} HS codes, ${counts.unlocode} UN/LOCODEs (${counts.unlocodeWithCoordinates} with coordinates), ` +
      `${counts.countries} countries, ${counts.currencies} currencies, ${counts.airlines} airlines`,
  );

  return { source, dir: absDir, counts, loadMs, hs, unlocode, countries, currencies, airlines };
}

/** The first 12 hex digits of a file's SHA-256, for the start-up line (codelists/README.md lists the full ones). */
function sha256Prefix(file: string): string {
  return createHash("sha256").update(readFileSync(file)).digest("hex").slice(0, 12);
}
