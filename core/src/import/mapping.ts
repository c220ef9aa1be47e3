import { tz } from "@date-fns/tz";
import { format as formatDate, isValid, parse as parseDate } from "date-fns";
import { parsePath } from "./paths.js";
import type { RowError } from "./types.js";

/**
 * A column mapping: the sender's column (CSV, XLSX header) or element path (JSON, XML, flattened to
 * `Items[0].HS`) → the kind's field path, or null to ignore that column. `[*]` stands for any list index and
 * carries it over: `{ "Item[*].HS": "goods[*].hsCode" }` maps `Item[2].HS` to `goods[2].hsCode` (and `Item.HS`,
 * a single unindexed XML element, to `goods[0].hsCode`). Sources not in the mapping keep their name.
 *
 * Three keys are directives, not columns:
 * - `$constants`: field path → value set in every row (`{ "commodity": "TOBACCO" }`); a row that has another value
 *   of its own for such a field (letter case aside) is rejected (INVALID_VALUE) rather than silently overwritten;
 * - `$dateFormats`: field path (`[*]` for any index) or `*` (every date field) → a date-fns format
 *   (`dd/MM/yyyy HH:mm`, see https://date-fns.org/docs/parse), for the Date and DateTime fields given as text in
 *   another form than ISO 8601; a value that does not match is INVALID_DATE;
 * - `$timeZone`: the IANA time zone (`Europe/Amsterdam`) of date-times whose format has no offset; default UTC.
 */
export type MappingSpec = Record<string, unknown>;

const CONSTANTS = "$constants";
const DATE_FORMATS = "$dateFormats";
const TIME_ZONE = "$timeZone";
const DIRECTIVES = new Set([CONSTANTS, DATE_FORMATS, TIME_ZONE]);

interface Pattern {
  regex: RegExp;
  target: string | null;
}

const isFieldPath = (path: string) => parsePath(path.replace(/\[\*\]/g, "[0]")) !== null;

function objectDirective(spec: MappingSpec, name: string): Record<string, unknown> {
  const value = spec[name];
  if (value === undefined) return {};
  if (!value || typeof value !== "object" || Array.isArray(value)) throw new Error(`Column mapping: "${name}" must be a JSON object of field path → value`);
  return value as Record<string, unknown>;
}

function checkedTimeZone(value: unknown): string {
  if (value === undefined) return "UTC";
  try {
    if (typeof value !== "string") throw new RangeError();
    new Intl.DateTimeFormat("en", { timeZone: value });
    return value;
  } catch {
    throw new Error(`Column mapping: "${TIME_ZONE}" is ${JSON.stringify(value)}, which is not an IANA time zone such as "Europe/Amsterdam"`);
  }
}

export class ColumnMapping {
  private readonly exact = new Map<string, string | null>();
  private readonly patterns: Pattern[] = [];
  private readonly constants = new Map<string, string | number | boolean>();
  private readonly dateFormats = new Map<string, string>();
  private readonly timeZone: string;

  constructor(readonly spec: MappingSpec = {}) {
    for (const [source, target] of Object.entries(spec)) {
      if (DIRECTIVES.has(source)) continue;
      if (target !== null && (typeof target !== "string" || !isFieldPath(target))) {
        throw new Error(`Column mapping: "${source}" maps to ${JSON.stringify(target)}, which is not a field path such as "goods[0].hsCode" (or null to ignore it)`);
      }
      if (source.includes("[*]")) {
        const parts = source.trim().split("[*]").map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"));
        this.patterns.push({ regex: new RegExp(`^${parts.join("(?:\\[(\\d+)\\])?")}$`), target });
      } else {
        this.exact.set(source.trim(), target);
      }
    }
    for (const [target, value] of Object.entries(objectDirective(spec, CONSTANTS))) {
      if (!parsePath(target)) throw new Error(`Column mapping: "${CONSTANTS}" sets "${target}", which is not a field path such as "markings.tlp"`);
      if (typeof value !== "string" && typeof value !== "number" && typeof value !== "boolean") {
        throw new Error(`Column mapping: "${CONSTANTS}" gives "${target}" ${JSON.stringify(value)}; a constant is a string, number or boolean`);
      }
      this.constants.set(target.trim(), value);
    }
    for (const [target, pattern] of Object.entries(objectDirective(spec, DATE_FORMATS))) {
      if (target !== "*" && !isFieldPath(target)) throw new Error(`Column mapping: "${DATE_FORMATS}" names "${target}", which is neither a field path nor "*"`);
      try {
        if (typeof pattern !== "string" || pattern.trim() === "") throw new RangeError("not a format");
        formatDate(new Date(0), pattern);
      } catch (error) {
        throw new Error(`Column mapping: "${DATE_FORMATS}" gives "${target}" the format ${JSON.stringify(pattern)}, which date-fns cannot use: ${(error as Error).message}`);
      }
      this.dateFormats.set(target.trim().replace(/\[\d+\]/g, "[*]"), pattern);
    }
    this.timeZone = checkedTimeZone(spec[TIME_ZONE]);
  }

  /** Parses a mapping file's JSON: an object of source → target path (or null), with optional directives. */
  static parse(json: string): ColumnMapping {
    let spec: unknown;
    try {
      spec = JSON.parse(json);
    } catch (error) {
      throw new Error(`Column mapping is not valid JSON: ${(error as Error).message}`);
    }
    if (!spec || typeof spec !== "object" || Array.isArray(spec)) {
      throw new Error('Column mapping must be a JSON object of "source column": "field path" (or null to ignore the column)');
    }
    return new ColumnMapping(spec as MappingSpec);
  }

  /** Entries of the mapping (columns, constants and date formats): 0 for no mapping at all. */
  get size(): number {
    return this.exact.size + this.patterns.length + this.constants.size + this.dateFormats.size + (this.spec[TIME_ZONE] === undefined ? 0 : 1);
  }

  /** The target path of a source path, or null when the column is to be ignored. */
  target(source: string): string | null {
    const key = source.trim();
    if (this.exact.has(key)) return this.exact.get(key)!;
    for (const { regex, target } of this.patterns) {
      const m = regex.exec(key);
      if (!m) continue;
      if (target === null) return null;
      let i = 1;
      return target.replace(/\[\*\]/g, () => `[${m[i++] ?? "0"}]`);
    }
    return key;
  }

  /** Applies the column names to a record's leaves (constants are not added: see `mapRecord`). */
  apply(leaves: Map<string, unknown>): Map<string, unknown> {
    if (this.exact.size + this.patterns.length === 0) return leaves;
    const out = new Map<string, unknown>();
    for (const [source, value] of leaves) {
      const target = this.target(source);
      if (target !== null) out.set(target, value);
    }
    return out;
  }

  /** A record's leaves mapped and completed with the constants; a row that sets a constant's field itself is an error. */
  mapRecord(leaves: Map<string, unknown>): { leaves: Map<string, unknown>; errors: Array<Omit<RowError, "row">> } {
    const out = this.apply(leaves);
    const errors: Array<Omit<RowError, "row">> = [];
    if (this.constants.size === 0) return { leaves: out, errors };
    const mapped = out === leaves ? new Map(leaves) : out;
    for (const [target, value] of this.constants) {
      const own = mapped.get(target);
      const ownText = own === undefined || own === null ? "" : String(own).trim();
      if (ownText !== "" && ownText.toUpperCase() !== String(value).toUpperCase()) {
        errors.push({ field: target, code: "INVALID_VALUE", message: `${target} is set to ${JSON.stringify(value)} for every row by the mapping's ${CONSTANTS}; this row gives ${JSON.stringify(own)}.` });
      }
      mapped.set(target, value);
    }
    return { leaves: mapped, errors };
  }

  /** The date format for a field (its own, else `*`), or undefined: the value is then read as ISO 8601. */
  dateFormatOf(path: string): string | undefined {
    if (this.dateFormats.size === 0) return undefined;
    return this.dateFormats.get(path.replace(/\[\d+\]/g, "[*]")) ?? this.dateFormats.get("*");
  }

  /**
   * Reads a Date (`yyyy-MM-dd`) or DateTime (ISO 8601 instant) given as text in the field's mapped format, in the
   * mapping's time zone when the format has no offset; undefined when no format applies to the field.
   */
  readDate(path: string, text: string, kind: "Date" | "DateTime"): { value: string } | { error: Omit<RowError, "row"> } | undefined {
    const pattern = this.dateFormatOf(path);
    if (pattern === undefined) return undefined;
    const parsed = parseDate(text, pattern, new Date(0), { in: tz(this.timeZone) });
    if (!isValid(parsed)) {
      return { error: { field: path, code: "INVALID_DATE", message: `${path}: "${text}" is not a date in the mapping's format "${pattern}".` } };
    }
    return { value: kind === "Date" ? formatDate(parsed, "yyyy-MM-dd") : new Date(parsed.getTime()).toISOString() };
  }
}
