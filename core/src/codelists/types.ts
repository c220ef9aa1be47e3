/** Types shared by the code-list modules. */

/**
 * Where a list's values come from:
 * - `files`: the real list, read from `codelists/` or `CIX_CODELISTS_DIR` (HS, UN/LOCODE) or shipped by an npm package
 *   (countries, currencies, airlines); a value must be in the list.
 * - `format-only`: the list could not be read; any well-formed value is accepted.
 */
export type CodeListSource = "files" | "format-only";

/** The logger the loader reports to (pino's and console's both fit). */
export interface CodeListLogger {
  warn(msg: string): void;
  info(msg: string): void;
}

/** A lookup of codes to English names (countries, currencies, airlines). */
export interface NamedCodeList {
  /** How many codes the list holds. */
  readonly size: number;
  /** Whether `code` is in the list. Case-insensitive; surrounding spaces are ignored. */
  has(code: string): boolean;
  /** The English name of `code`, or undefined when it is not in the list. */
  name(code: string): string | undefined;
  /** Every code in the list, sorted. */
  codes(): string[];
}

/** A `NamedCodeList` over a prebuilt `Map` of upper-case code to name. */
export class MapCodeList implements NamedCodeList {
  constructor(private readonly entries: ReadonlyMap<string, string>) {}

  get size(): number {
    return this.entries.size;
  }

  has(code: string): boolean {
    return typeof code === "string" && this.entries.has(code.trim().toUpperCase());
  }

  name(code: string): string | undefined {
    return typeof code === "string" ? this.entries.get(code.trim().toUpperCase()) : undefined;
  }

  codes(): string[] {
    return [...this.entries.keys()].sort();
  }
}
