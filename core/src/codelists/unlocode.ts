import { expectColumns, readCsv } from "./csv.js";
import type { CodeListSource } from "./types.js";

/** The UNECE function classifier of a location (positions 1–7 and B of the `function` column). */
export interface UnLocodeFunctions {
  port: boolean;
  rail: boolean;
  road: boolean;
  airport: boolean;
  postal: boolean;
  multimodal: boolean;
  fixed: boolean;
  border: boolean;
}

export interface UnLocodeEntry {
  /** Country + location, e.g. "NLRTM". */
  code: string;
  /** ISO 3166-1 alpha-2 country (or "XZ", international waters). */
  country: string;
  /** The 3-character location part, e.g. "RTM". */
  location: string;
  name: string;
  /** ISO 3166-2 subdivision code without the country prefix, e.g. "ZH". */
  subdivision: string | undefined;
  /** UNECE status, e.g. "AI" (approved by an international organisation), "RL" (recognised location). */
  status: string | undefined;
  functions: UnLocodeFunctions;
  /** IATA code where it differs from the location part. */
  iata: string | undefined;
  /** Decimal degrees; undefined when the list has no (or no plausible) coordinates. */
  lat: number | undefined;
  lon: number | undefined;
}

/**
 * UN/LOCODE. Codes are 5 characters: a 2-letter country and a 3-character location of letters A–Z and
 * digits 2–9. Input is upper-cased and may have a space or hyphen after the country ("NL RTM").
 */
export interface UnLocodeList {
  readonly source: CodeListSource;
  /** Number of distinct codes loaded; 0 in format-only mode. */
  readonly size: number;
  /** Upper-cases, trims and removes a space or hyphen after the country: " nl-rtm " → "NLRTM". Does not validate. */
  normalize(code: string): string;
  isValidFormat(code: string): boolean;
  /** Whether the code is in the list (or, in format-only mode, well-formed with a known country). */
  has(code: string): boolean;
  /** The location; undefined when unknown or in format-only mode. */
  get(code: string): UnLocodeEntry | undefined;
}

export const UNLOCODE_FILE = "unlocode.csv";

const UNLOCODE_COLUMNS = [
  "country",
  "location",
  "name",
  "nameWoDiacritics",
  "subdivision",
  "status",
  "function",
  "iata",
  "lat",
  "lon",
] as const;

const UNLOCODE_FORMAT = /^[A-Z]{2}[A-Z2-9]{3}$/;
/** What a code in the file may look like: a few old codes use the digits 0 and 1 (e.g. "DE9B0"). */
const UNLOCODE_IN_FILE = /^[A-Z]{2}[A-Z0-9]{3}$/;
/** Function flags in column order; a flag is set when its position holds its own character. */
const FUNCTION_CHARS = "1234567B";
const FUNCTION_COLUMN = /^[0-9A-Z-]{8}$/;
const FUNCTION_NAMES = ["port", "rail", "road", "airport", "postal", "multimodal", "fixed", "border"] as const;

export function normalizeUnLocode(code: string): string {
  return code
    .trim()
    .toUpperCase()
    .replace(/^([A-Z]{2})[\s-]+(?=[A-Z0-9]{3}$)/, "$1");
}

export function isValidUnLocodeFormat(code: string): boolean {
  return typeof code === "string" && UNLOCODE_FORMAT.test(normalizeUnLocode(code));
}

/** Bit mask of the function flags, bit i for FUNCTION_NAMES[i]. */
export function parseFunctionMask(functionColumn: string): number {
  let mask = 0;
  for (let i = 0; i < FUNCTION_CHARS.length; i++) if (functionColumn[i] === FUNCTION_CHARS[i]) mask |= 1 << i;
  return mask;
}

function functionsFromMask(mask: number): UnLocodeFunctions {
  const f = {} as UnLocodeFunctions;
  FUNCTION_NAMES.forEach((name, i) => (f[name] = (mask & (1 << i)) !== 0));
  return f;
}

/**
 * UN/LOCODE list read from unlocode.csv, stored column-wise: one Map from code to row index, and typed
 * arrays / string arrays per column, so 116k locations take a few MB. `get` builds the entry on demand.
 */
export class FileUnLocodeList implements UnLocodeList {
  readonly source = "files" as const;

  constructor(
    private readonly index: ReadonlyMap<string, number>,
    private readonly names: readonly string[],
    private readonly subdivisions: readonly string[],
    private readonly statuses: readonly string[],
    private readonly functionMasks: Uint8Array,
    private readonly iatas: ReadonlyMap<number, string>,
    private readonly lats: Float64Array,
    private readonly lons: Float64Array,
  ) {}

  get size(): number {
    return this.index.size;
  }

  /** How many locations have coordinates. */
  get withCoordinates(): number {
    let n = 0;
    for (let i = 0; i < this.index.size; i++) if (!Number.isNaN(this.lats[i])) n++;
    return n;
  }

  normalize(code: string): string {
    return normalizeUnLocode(code);
  }

  isValidFormat(code: string): boolean {
    return isValidUnLocodeFormat(code);
  }

  has(code: string): boolean {
    return typeof code === "string" && this.index.has(normalizeUnLocode(code));
  }

  get(code: string): UnLocodeEntry | undefined {
    if (typeof code !== "string") return undefined;
    const c = normalizeUnLocode(code);
    const i = this.index.get(c);
    if (i === undefined) return undefined;
    const lat = this.lats[i] as number;
    const lon = this.lons[i] as number;
    return {
      code: c,
      country: c.slice(0, 2),
      location: c.slice(2),
      name: this.names[i] as string,
      subdivision: this.subdivisions[i] || undefined,
      status: this.statuses[i] || undefined,
      functions: functionsFromMask(this.functionMasks[i] as number),
      iata: this.iatas.get(i),
      lat: Number.isNaN(lat) ? undefined : lat,
      lon: Number.isNaN(lon) ? undefined : lon,
    };
  }
}

/** UN/LOCODE "list" used when unlocode.csv is not available: well-formed codes of a known country pass. */
export class FormatOnlyUnLocodeList implements UnLocodeList {
  readonly source = "format-only" as const;
  readonly size = 0;

  /** @param isCountry tells whether the first two letters are a country; all pass when omitted. */
  constructor(private readonly isCountry: (country: string) => boolean = () => true) {}

  normalize(code: string): string {
    return normalizeUnLocode(code);
  }

  isValidFormat(code: string): boolean {
    return isValidUnLocodeFormat(code);
  }

  has(code: string): boolean {
    return isValidUnLocodeFormat(code) && this.isCountry(normalizeUnLocode(code).slice(0, 2));
  }

  get(): UnLocodeEntry | undefined {
    return undefined;
  }
}

/** Statistics of a load, for the log and for tests. */
export interface UnLocodeLoadStats {
  rows: number;
  duplicates: number;
  /** Rows whose quoted names had been split over two columns and were put back together. */
  repaired: number;
  /** Rows whose code is not 2 letters + 3 characters, skipped. */
  skipped: number;
  /** Rows with lat/lon given but not a number in range (e.g. "NaN", latitude 97), dropped to undefined. */
  badCoordinates: number;
}

interface Row {
  country: string;
  location: string;
  name: string;
  nameWoDiacritics: string;
  subdivision: string;
  status: string;
  fn: string;
  iata: string;
  lat: string;
  lon: string;
}

const unquote = (s: string) =>
  s
    .replace(/^"+|"+$/g, "")
    .replace(/[\s,]+$/, "")
    .trim();

/**
 * Maps a raw CSV record onto the columns. About 1,000 rows of the geoapify export have a name that
 * contained quotes and a comma, e.g. `"""Batu Lintang"," Sarawak"""`: the CSV parser sees it as two
 * fields `"Batu Lintang` and ` Sarawak"`, for both name columns, and those rows have no status and no
 * iata column. They are recognised by the leading quote and put back together ("Batu Lintang, Sarawak").
 */
function toRow(f: string[]): { row: Row; repaired: boolean } {
  const at = (i: number) => f[i] ?? "";
  if (at(2).startsWith('"') && !FUNCTION_COLUMN.test(at(6)) && f.length >= 9) {
    // Name spans from index 2 to the first field (after it) that ends with a quote.
    let end = 3;
    while (end < f.length - 1 && !at(end).endsWith('"')) end++;
    const span = end - 2 + 1;
    const name = unquote(f.slice(2, 2 + span).join(","));
    const nameWo = unquote(f.slice(2 + span, 2 + 2 * span).join(","));
    const rest = f.slice(2 + 2 * span);
    // The remaining columns are subdivision, function, lat, lon[, geocoded]: status and iata are absent.
    return {
      row: {
        country: at(0),
        location: at(1),
        name,
        nameWoDiacritics: nameWo,
        subdivision: rest[0] ?? "",
        status: "",
        fn: rest[1] ?? "",
        iata: "",
        lat: rest[2] ?? "",
        lon: rest[3] ?? "",
      },
      repaired: true,
    };
  }
  return {
    row: {
      country: at(0),
      location: at(1),
      name: at(2),
      nameWoDiacritics: at(3),
      subdivision: at(4),
      status: at(5),
      fn: at(6),
      iata: at(7),
      lat: at(8),
      lon: at(9),
    },
    repaired: false,
  };
}

function parseCoordinate(text: string, max: number): number {
  if (text === "") return NaN;
  const n = Number(text);
  return Number.isFinite(n) && Math.abs(n) <= max ? n : NaN;
}

/** How informative a row is; among duplicate codes the highest score wins, the first on a tie. */
function score(hasCoordinates: boolean, mask: number, status: string, iata: string, name: string): number {
  return (hasCoordinates ? 4 : 0) + (mask !== 0 ? 2 : 0) + (status ? 1 : 0) + (iata ? 1 : 0) + (name.includes("\uFFFD") ? 0 : 1);
}

/** Reads unlocode.csv into a compact `FileUnLocodeList`. */
export function loadUnLocodeFile(file: string): { list: FileUnLocodeList; stats: UnLocodeLoadStats } {
  const index = new Map<string, number>();
  const names: string[] = [];
  const subdivisions: string[] = [];
  const statuses: string[] = [];
  const masks: number[] = [];
  const iatas = new Map<number, string>();
  const lats: number[] = [];
  const lons: number[] = [];
  const scores: number[] = [];
  const stats: UnLocodeLoadStats = { rows: 0, duplicates: 0, repaired: 0, skipped: 0, badCoordinates: 0 };
  // Subdivision and status values repeat a lot: keep one string per distinct value.
  const interned = new Map<string, string>();
  const intern = (s: string) => {
    const found = interned.get(s);
    if (found !== undefined) return found;
    interned.set(s, s);
    return s;
  };

  const header = readCsv(file, (fields) => {
    stats.rows++;
    const { row, repaired } = toRow(fields);
    if (repaired) stats.repaired++;
    const code = row.country + row.location;
    if (!UNLOCODE_IN_FILE.test(code)) {
      stats.skipped++;
      return;
    }
    // The file's `name` has U+FFFD where the source's diacritics were lost; the plain-ASCII name is better then.
    const name = row.name.includes("\uFFFD") && row.nameWoDiacritics ? row.nameWoDiacritics : row.name || row.nameWoDiacritics;
    let lat = parseCoordinate(row.lat, 90);
    let lon = parseCoordinate(row.lon, 180);
    if (Number.isNaN(lat) || Number.isNaN(lon)) {
      if (row.lat !== "" || row.lon !== "") stats.badCoordinates++;
      lat = lon = NaN;
    }
    const mask = parseFunctionMask(row.fn);
    const iata = /^[A-Z0-9]{3}$/.test(row.iata) ? row.iata : "";
    const s = score(!Number.isNaN(lat), mask, row.status, iata, name);

    let i = index.get(code);
    if (i !== undefined) {
      stats.duplicates++;
      if (s <= (scores[i] as number)) return;
    } else {
      i = names.length;
      index.set(code, i);
    }
    names[i] = name;
    subdivisions[i] = intern(row.subdivision);
    statuses[i] = intern(/^[A-Z]{2}$/.test(row.status) ? row.status : "");
    masks[i] = mask;
    if (iata) iatas.set(i, intern(iata));
    else iatas.delete(i);
    lats[i] = lat;
    lons[i] = lon;
    scores[i] = s;
  });
  expectColumns(file, header, UNLOCODE_COLUMNS);
  if (index.size === 0) throw new Error(`${file}: no UN/LOCODEs found`);

  const list = new FileUnLocodeList(
    index,
    names,
    subdivisions,
    statuses,
    Uint8Array.from(masks),
    iatas,
    Float64Array.from(lats),
    Float64Array.from(lons),
  );
  return { list, stats };
}
