import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import {
  type CodeLists,
  configuredCodeListsDir,
  FALLBACK_WARNING,
  getCodeLists,
  initCodeLists,
  isValidS10,
  loadCodeLists,
  loadUnLocodeFile,
  NON_MONEY_CURRENCY_CODES,
  parseFunctionMask,
  resetCodeLists,
  s10CheckDigit,
} from "./index.js";

const repoRoot = fileURLToPath(new URL("../../../", import.meta.url));
const codelistsDir = configuredCodeListsDir(process.env)!;
const haveFiles = existsSync(join(codelistsDir, "hs2022.csv")) && existsSync(join(codelistsDir, "unlocode.csv"));

// The real lists ship in codelists/; without them this fails, never skips.
it("finds the real code lists (codelists/ or CIX_CODELISTS_DIR)", () => {
  expect(haveFiles, `no hs2022.csv/unlocode.csv in ${codelistsDir}`).toBe(true);
});
function recordingLog() {
  const warnings: string[] = [];
  const infos: string[] = [];
  return { warnings, infos, warn: (m: string) => void warnings.push(m), info: (m: string) => void infos.push(m) };
}

describe("code lists from the real files", () => {
  let lists: CodeLists;
  const log = recordingLog();

  beforeAll(() => {
    lists = loadCodeLists(codelistsDir, log);
  });

  it("loads every list from files, fast, without warnings", () => {
    expect(lists.source).toBe("files");
    expect(lists.dir).toBe(codelistsDir);
    expect(log.warnings).toEqual([]);
    expect(log.infos).toHaveLength(1);
    expect(lists.counts.hs).toBe(96 + 1228 + 5612); // README's 97/1229/5613 less the pseudo-chapter 99 rows
    expect(lists.counts.unlocode).toBeGreaterThan(115_000);
    expect(lists.counts.unlocodeWithCoordinates).toBeGreaterThan(110_000);
    expect(lists.counts.countries).toBeGreaterThanOrEqual(249);
    expect(lists.counts.currencies).toBeGreaterThan(150);
    expect(lists.counts.airlines).toBeGreaterThan(500);
    // Target < 1.5 s on the CI machine; allow headroom for a loaded test runner.
    expect(lists.loadMs).toBeLessThan(5_000);
  });

  describe("HS 2022", () => {
    it("accepts real chapters, headings and subheadings, keeping leading zeros", () => {
      for (const code of ["01", "0101", "010121", "8471", "847130", "97"]) expect(lists.hs.has(code), code).toBe(true);
      expect(lists.hs.describe("010121")).toEqual({
        code: "010121",
        description: "Horses; live, pure-bred breeding animals",
        level: 6,
        section: "I",
        sectionName: "live animals; animal products",
        parent: "0101",
      });
      expect(lists.hs.describe("0101")).toMatchObject({ level: 4, parent: "01" });
      expect(lists.hs.describe("01")).toMatchObject({ level: 2, parent: undefined, description: "Animals; live" });
    });

    it("accepts 8- and 10-digit national codes whose 6-digit prefix exists", () => {
      expect(lists.hs.has("01012100")).toBe(true);
      expect(lists.hs.has("0101210000")).toBe(true);
      expect(lists.hs.describe("0101210000")?.code).toBe("010121");
      expect(lists.hs.has("99999900")).toBe(false);
      expect(lists.hs.has("0101990000")).toBe(false);
    });

    it("normalises dots and spaces", () => {
      expect(lists.hs.normalize("0101.21")).toBe("010121");
      expect(lists.hs.has("0101.21")).toBe(true);
      expect(lists.hs.has("0101 21")).toBe(true);
    });

    it("rejects the TOTAL pseudo-row, chapter 99, unknown and malformed codes", () => {
      for (const code of ["TOTAL", "99", "9999", "999999", "010199", "7701", "00", "1", "010", "10121", "01012", "1234X", ""]) {
        expect(lists.hs.has(code), code).toBe(false);
      }
      expect(lists.hs.has(10121 as unknown as string)).toBe(false);
      expect(lists.hs.isValidFormat("999999")).toBe(false);
      expect(lists.hs.isValidFormat("010199")).toBe(true); // well-formed, just not in the list
    });

    it("finds the chapter of any code", () => {
      expect(lists.hs.chapter("010121")?.code).toBe("01");
      expect(lists.hs.chapter("8471300000")).toMatchObject({ code: "84", section: "XVI" });
      expect(lists.hs.chapter("TOTAL")).toBeUndefined();
      expect(lists.hs.sectionName("xvi")).toMatch(/machinery/i);
    });
  });

  describe("UN/LOCODE", () => {
    it("describes Rotterdam: coordinates and port function", () => {
      const rtm = lists.unlocode.get("NLRTM");
      expect(rtm).toMatchObject({ code: "NLRTM", country: "NL", location: "RTM", name: "Rotterdam", subdivision: "ZH" });
      expect(rtm?.functions).toEqual({
        port: true,
        rail: true,
        road: true,
        airport: true,
        postal: true,
        multimodal: false,
        fixed: false,
        border: false,
      });
      expect(rtm?.lat).toBeCloseTo(51.9167, 3);
      expect(rtm?.lon).toBeCloseTo(4.5, 3);
    });

    it("describes Paris-CDG as an airport, and Shanghai", () => {
      const cdg = lists.unlocode.get("FRCDG");
      expect(cdg?.functions.airport).toBe(true);
      expect(cdg?.functions.port).toBe(false);
      expect(cdg?.name).toMatch(/Charles-de-Gaulle/);
      expect(lists.unlocode.has("CNSHA")).toBe(true);
      expect(lists.unlocode.get("CNSHA")?.country).toBe("CN");
    });

    it("normalises case and a separator after the country", () => {
      expect(lists.unlocode.get("nlrtm")?.code).toBe("NLRTM");
      expect(lists.unlocode.has("NL RTM")).toBe(true);
      expect(lists.unlocode.has("NL-RTM")).toBe(true);
    });

    it("rejects unknown and malformed codes", () => {
      for (const code of ["XXABC", "NLZZZ", "NLRT", "NLRTMX", "N1RTM", ""]) expect(lists.unlocode.has(code), code).toBe(false);
      expect(lists.unlocode.isValidFormat("NLRT1")).toBe(false); // digits 0 and 1 are not used
      expect(lists.unlocode.isValidFormat("DEB29")).toBe(true);
    });

    it("repairs names split by stray quotes, and replaces names with lost diacritics", () => {
      expect(lists.unlocode.get("MYBLI")).toMatchObject({
        name: "Batu Lintang, Sarawak",
        subdivision: "13",
        functions: expect.objectContaining({ port: true }),
      });
      for (const code of ["ADEAC", "ALBQE"]) expect(lists.unlocode.get(code)?.name, code).not.toContain("\uFFFD");
    });

    it("leaves implausible or missing coordinates undefined", () => {
      // TR PAZ has "81.05,NaN" in the file.
      const paz = lists.unlocode.get("TRPAZ");
      expect(paz).toBeDefined();
      expect(paz?.lat).toBeUndefined();
      expect(paz?.lon).toBeUndefined();
    });

    it("keeps one entry per duplicated code, and reports load statistics", () => {
      const { stats } = loadUnLocodeFile(join(codelistsDir, "unlocode.csv"));
      expect(stats.rows).toBe(116_029);
      expect(stats.duplicates).toBeGreaterThan(100);
      expect(stats.repaired).toBeGreaterThan(1_000);
      expect(stats.skipped).toBe(0);
      expect(lists.unlocode.size).toBe(stats.rows - stats.duplicates);
      expect(lists.unlocode.get("AXMHQ")?.name).toBe("Maarianhamina (Mariehamn)"); // the first of two rows
    });
  });

  describe("singleton", () => {
    afterEach(() => resetCodeLists());

    it("initCodeLists loads once and is idempotent", () => {
      resetCodeLists();
      const log2 = recordingLog();
      const first = initCodeLists(codelistsDir, log2);
      expect(initCodeLists(codelistsDir, log2)).toBe(first);
      expect(getCodeLists()).toBe(first);
      expect(log2.infos).toHaveLength(1);
      expect(log2.warnings).toEqual([]);
      initCodeLists(undefined, log2);
      expect(log2.warnings).toHaveLength(1); // a different directory after init is ignored, with a warning
    });
  });
});

describe("format-only fallback", () => {
  afterEach(() => resetCodeLists());

  it("warns once, with the documented message, when the lists are off on purpose (CIX_CODELISTS=format-only)", () => {
    expect(configuredCodeListsDir({ CIX_CODELISTS: "format-only" })).toBeUndefined();
    const log = recordingLog();
    const lists = loadCodeLists(undefined, log);
    expect(log.warnings).toEqual([FALLBACK_WARNING]);
    expect(FALLBACK_WARNING).toMatch(/CIX_CODELISTS=format-only.*format checks only/);
    expect(lists.source).toBe("format-only");
    expect(lists.hs.source).toBe("format-only");
    expect(lists.unlocode.source).toBe("format-only");
    expect(lists.counts.hs).toBe(0);
    expect(lists.counts.unlocode).toBe(0);
  });

  it("accepts well-formed HS codes and UN/LOCODEs of real countries", () => {
    const lists = loadCodeLists(undefined, recordingLog());
    for (const code of ["01", "0101", "010121", "010199", "0101210000"]) expect(lists.hs.has(code), code).toBe(true);
    for (const code of ["TOTAL", "999999", "7701", "10121", "1234X"]) expect(lists.hs.has(code), code).toBe(false);
    expect(lists.hs.describe("010121")).toBeUndefined();
    for (const code of ["NLRTM", "NLZZZ", "FRCDG", "XZOCA"]) expect(lists.unlocode.has(code), code).toBe(true);
    for (const code of ["XXABC", "NLRT1", "NLRT"]) expect(lists.unlocode.has(code), code).toBe(false);
    expect(lists.unlocode.get("NLRTM")).toBeUndefined();
    // The package lists are still real.
    expect(lists.countries.has("NL")).toBe(true);
    expect(lists.currencies.has("ABC")).toBe(false);
  });

  it("stops with a message naming what is missing: a directory, or one file of it", () => {
    expect(() => loadCodeLists("/nonexistent/codelists", recordingLog())).toThrow(/\/nonexistent\/codelists\/hs2022\.csv.*CIX_CODELISTS=format-only/);
    const dir = mkdtempSync(join(tmpdir(), "cix-codelists-"));
    writeFileSync(join(dir, "hs2022.csv"), "section,hscode,description,parent,level\nI,01,Animals; live,TOTAL,2\n");
    writeFileSync(join(dir, "hs-sections.csv"), "section,name\nI,live animals\n");
    expect(() => loadCodeLists(dir, recordingLog())).toThrow(/unlocode\.csv not found/);
  });

  it("fails loudly on a file with unexpected columns", () => {
    const dir = mkdtempSync(join(tmpdir(), "cix-codelists-"));
    writeFileSync(join(dir, "hs2022.csv"), "code,text\n01,Animals\n");
    expect(() => loadCodeLists(dir, recordingLog())).toThrow(/hs2022\.csv/);
  });

  it("getCodeLists loads lazily, by default the lists shipped in codelists/", () => {
    const saved = process.env.CIX_CODELISTS_DIR;
    try {
      delete process.env.CIX_CODELISTS_DIR;
      resetCodeLists();
      const lists = getCodeLists();
      expect(lists.source).toBe("files");
      expect(lists.dir).toBe(resolve(repoRoot, "codelists"));
      expect(getCodeLists()).toBe(lists);
    } finally {
      if (saved === undefined) delete process.env.CIX_CODELISTS_DIR;
      else process.env.CIX_CODELISTS_DIR = saved;
    }
  });
});

describe("lists from npm packages", () => {
  const lists = loadCodeLists(undefined, recordingLog());

  it("ISO 3166-1 countries", () => {
    expect(lists.countries.has("NL")).toBe(true);
    expect(lists.countries.has("nl")).toBe(true);
    expect(lists.countries.name("NL")).toBe("Netherlands");
    expect(lists.countries.has("XX")).toBe(false);
    expect(lists.countries.has("NLD")).toBe(false);
  });

  it("ISO 4217 currencies", () => {
    expect(lists.currencies.has("EUR")).toBe(true);
    expect(lists.currencies.name("EUR")).toBe("Euro");
    expect(lists.currencies.has("USD")).toBe(true);
    expect(lists.currencies.has("ABC")).toBe(false);
    expect(lists.currencies.has("NLG")).toBe(false); // withdrawn
    expect(lists.currencies.has("XOF")).toBe(true);
    expect(lists.currencies.has("XXX")).toBe(false); // not money
    expect(lists.currencies.has("XAU")).toBe(false);
  });

  it("ISO 4217 codes that are not money: every fund and every code without minor units in the shipped list, except the X-currencies of money", () => {
    const xml = readFileSync(createRequire(import.meta.url).resolve("currency-codes/iso-4217-list-one.xml"), "utf8");
    const entries = [...xml.matchAll(/<CcyNtry>([\s\S]*?)<\/CcyNtry>/g)].map((m) => m[1]!);
    const code = (entry: string) => /<Ccy>([A-Z]{3})<\/Ccy>/.exec(entry)?.[1];
    const funds = entries.filter((e) => /IsFund="true"/.test(e)).map(code);
    const noMinorUnits = entries.filter((e) => /<CcyMnrUnts>N\.A\.<\/CcyMnrUnts>/.test(e)).map(code);
    const money = new Set(["XOF", "XAF", "XCD", "XPF"]);
    const expected = new Set([...funds, ...noMinorUnits.filter((c) => c && !money.has(c)), "UYW"].filter((c): c is string => !!c));
    expect([...NON_MONEY_CURRENCY_CODES.keys()].sort()).toEqual([...expected].sort());
    for (const c of money) expect(lists.currencies.has(c), c).toBe(true);
    for (const c of expected) expect(lists.currencies.has(c), c).toBe(false);
    expect(lists.counts.currencies).toBe(new Set(entries.map(code).filter(Boolean)).size - expected.size);
  });

  it("IATA airline designators of active airlines", () => {
    expect(lists.airlines.name("KL")).toMatch(/KLM/);
    expect(lists.airlines.name("U2")).toMatch(/easyJet/i);
    expect(lists.airlines.has("3U")).toBe(true);
    expect(lists.airlines.name("LH")).toBe("Lufthansa"); // not "Lufthansa Cargo", which shares the code
    expect(lists.airlines.has("ZZZ")).toBe(false);
    expect(lists.airlines.has("KLM")).toBe(false); // ICAO, not IATA
    expect(lists.airlines.codes().every((c) => /^[A-Z0-9]{2}$/.test(c) && /[A-Z]/.test(c))).toBe(true);
    expect(lists.airlines.has("11")).toBe(false); // all-digit "designators" in OpenFlights are not IATA's
  });

  it("corrects cargo carriers that OpenFlights marks defunct", () => {
    expect(lists.airlines.name("5X")).toBe("United Parcel Service");
    expect(lists.airlines.name("FX")).toBe("Federal Express");
    expect(lists.airlines.name("CV")).toBe("Cargolux");
    expect(lists.airlines.name("QY")).toBe("European Air Transport");
  });
});

describe("UN/LOCODE function classifier", () => {
  it("reads positions 1-7 and B", () => {
    expect(parseFunctionMask("12345---")).toBe(0b11111);
    expect(parseFunctionMask("-------B")).toBe(0b10000000);
    expect(parseFunctionMask("0-------")).toBe(0); // 0 = function not known
    expect(parseFunctionMask("")).toBe(0);
  });
});

describe("UPU S10", () => {
  it("computes the check digit of the published example (serial 47312482 → 9)", () => {
    // 4·8 + 7·6 + 3·4 + 1·2 + 2·3 + 4·5 + 8·9 + 2·7 = 200; 11 − (200 mod 11) = 9.
    expect(s10CheckDigit("47312482")).toBe(9);
    expect(isValidS10("RR473124829GB")).toBe(true);
    expect(isValidS10("RR473124824GB")).toBe(false);
  });

  it("maps 10 to 0 and 11 to 5", () => {
    // 00000000: sum 0 → 11 → 5. 00000001: sum 7 → 4. 00000050: 5·9 = 45 → 45 mod 11 = 1 → 10 → 0.
    expect(s10CheckDigit("00000000")).toBe(5);
    expect(s10CheckDigit("00000001")).toBe(4);
    expect(s10CheckDigit("00000050")).toBe(0);
  });

  it("validates whole identifiers", () => {
    expect(isValidS10("RR123456785NL")).toBe(true);
    expect(isValidS10("EE123456785NL")).toBe(true);
    expect(isValidS10("ee 123 456 785 nl")).toBe(true);
    expect(isValidS10("RR123456784NL")).toBe(false); // wrong check digit
    expect(isValidS10("RR123456785XX")).toBe(false); // not a country
    expect(isValidS10("R1123456785NL")).toBe(false);
    expect(isValidS10("RR12345678NL")).toBe(false);
    expect(isValidS10(123 as unknown as string)).toBe(false);
    expect(() => s10CheckDigit("1234")).toThrow(/8 digits/);
  });
});
