import { existsSync } from "node:fs";
import { expectColumns, readCsv } from "./csv.js";
import type { CodeListSource } from "./types.js";

/** One entry of the HS 2022 nomenclature: a chapter (2 digits), heading (4) or subheading (6). */
export interface HsEntry {
  /** The code as digits, leading zeros kept: "01", "0101", "010121". */
  code: string;
  description: string;
  level: 2 | 4 | 6;
  /** The HS section as a Roman numeral, "I" to "XXI". */
  section: string;
  /** The section's name from hs-sections.csv, when that file was read. */
  sectionName?: string;
  /** The enclosing chapter or heading; undefined for chapters. */
  parent: string | undefined;
}

/**
 * The Harmonized System 2022 nomenclature.
 *
 * Accepted codes: 2-digit chapters, 4-digit headings and 6-digit subheadings that are in the list, and
 * 8- or 10-digit national extensions (EU CN, TARIC, national tariff lines) whose first 6 digits are an HS
 * subheading in the list. The national digits themselves are not checked: no national tariff is loaded.
 * Codes are strings; input may carry spaces or dots ("0101.21", "0101 21"), which are removed.
 */
export interface HsCodeList {
  readonly source: CodeListSource;
  /** Number of codes loaded (chapters + headings + subheadings); 0 in format-only mode. */
  readonly size: number;
  /** Removes spaces and dots: "0101.21" → "010121". Does not validate. */
  normalize(code: string): string;
  /** 2, 4, 6, 8 or 10 digits (after `normalize`), with a chapter from 01 to 97 other than 77 (reserved). */
  isValidFormat(code: string): boolean;
  /** Whether the code is an HS code in the list (or, in format-only mode, whether it is well-formed). */
  has(code: string): boolean;
  /**
   * The entry for a 2-, 4- or 6-digit code. For an 8- or 10-digit national code, the entry of the HS
   * subheading (its first 6 digits) it falls under. Undefined when unknown or in format-only mode.
   */
  describe(code: string): HsEntry | undefined;
  /** The chapter (2-digit entry) a code of any length belongs to. */
  chapter(code: string): HsEntry | undefined;
  /** The name of a section ("I" to "XXI"). */
  sectionName(section: string): string | undefined;
}

export const HS_FILE = "hs2022.csv";
export const HS_SECTIONS_FILE = "hs-sections.csv";

const HS_COLUMNS = ["section", "hscode", "description", "parent", "level"] as const;
const HS_FORMAT = /^(?:\d{2}|\d{4}|\d{6}|\d{8}|\d{10})$/;

export function normalizeHsCode(code: string): string {
  return code.replace(/[\s.]/g, "");
}

/** Syntax of an HS code, and the chapter range of the HS 2022 nomenclature (01–97, no 77). */
export function isValidHsFormat(code: string): boolean {
  const c = normalizeHsCode(code);
  if (!HS_FORMAT.test(c)) return false;
  const chapter = Number(c.slice(0, 2));
  return chapter >= 1 && chapter <= 97 && chapter !== 77;
}

abstract class BaseHsList implements HsCodeList {
  abstract readonly source: CodeListSource;
  abstract readonly size: number;
  abstract has(code: string): boolean;
  abstract describe(code: string): HsEntry | undefined;
  abstract chapter(code: string): HsEntry | undefined;
  abstract sectionName(section: string): string | undefined;

  normalize(code: string): string {
    return normalizeHsCode(code);
  }

  isValidFormat(code: string): boolean {
    return typeof code === "string" && isValidHsFormat(code);
  }
}

/** HS list read from hs2022.csv. */
export class FileHsList extends BaseHsList {
  readonly source = "files" as const;

  constructor(
    private readonly entries: ReadonlyMap<string, HsEntry>,
    private readonly sections: ReadonlyMap<string, string>,
  ) {
    super();
  }

  get size(): number {
    return this.entries.size;
  }

  has(code: string): boolean {
    return this.describe(code) !== undefined;
  }

  describe(code: string): HsEntry | undefined {
    if (typeof code !== "string") return undefined;
    const c = normalizeHsCode(code);
    if (!HS_FORMAT.test(c)) return undefined;
    return this.entries.get(c.length > 6 ? c.slice(0, 6) : c);
  }

  chapter(code: string): HsEntry | undefined {
    if (typeof code !== "string") return undefined;
    const c = normalizeHsCode(code);
    return HS_FORMAT.test(c) ? this.entries.get(c.slice(0, 2)) : undefined;
  }

  sectionName(section: string): string | undefined {
    return this.sections.get(section.trim().toUpperCase());
  }
}

/** HS "list" used when hs2022.csv is not available: any well-formed code passes. */
export class FormatOnlyHsList extends BaseHsList {
  readonly source = "format-only" as const;
  readonly size = 0;

  has(code: string): boolean {
    return this.isValidFormat(code);
  }

  describe(): HsEntry | undefined {
    return undefined;
  }

  chapter(): HsEntry | undefined {
    return undefined;
  }

  sectionName(): string | undefined {
    return undefined;
  }
}

/**
 * Reads hs2022.csv (and hs-sections.csv when present).
 *
 * Rows of the pseudo-section `TOTAL` are skipped: the `TOTAL` row itself (level 5) and UN Comtrade's
 * "commodities not specified according to kind" (99, 9999, 999999) are statistical artefacts, not HS codes.
 */
export function loadHsFile(file: string, sectionsFile?: string): FileHsList {
  const sections = new Map<string, string>();
  if (sectionsFile && existsSync(sectionsFile)) {
    const header = readCsv(sectionsFile, ([section, name]) => {
      if (section && name) sections.set(section.trim(), name.trim());
    });
    expectColumns(sectionsFile, header, ["section", "name"]);
  }

  const entries = new Map<string, HsEntry>();
  const header = readCsv(file, (row, line) => {
    const [section = "", code = "", description = "", parent = "", levelText = ""] = row;
    if (section === "TOTAL" || code === "TOTAL") return;
    const level = Number(levelText);
    if ((level !== 2 && level !== 4 && level !== 6) || !/^\d+$/.test(code) || code.length !== level) {
      throw new Error(`${file}:${line}: malformed HS row "${row.join(",")}"`);
    }
    if (entries.has(code)) return;
    entries.set(code, {
      code,
      description,
      level,
      section,
      sectionName: sections.get(section),
      parent: level === 2 ? undefined : parent,
    });
  });
  expectColumns(file, header, HS_COLUMNS);
  if (entries.size === 0) throw new Error(`${file}: no HS codes found`);
  return new FileHsList(entries, sections);
}
