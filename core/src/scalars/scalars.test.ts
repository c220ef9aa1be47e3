import { existsSync } from "node:fs";
import { join } from "node:path";
import {
  graphql,
  GraphQLError,
  GraphQLObjectType,
  GraphQLSchema,
  GraphQLString,
  Kind,
  parseValue as parseValueNode,
  type GraphQLScalarType,
} from "graphql";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { configuredCodeListsDir, loadCodeLists, resetCodeLists } from "../codelists/index.js";
import {
  AirlineCodeScalar,
  cixScalars,
  cixScalarTypeDefs,
  CountryCodeScalar,
  CurrencyCodeScalar,
  DateScalar,
  DateTimeScalar,
  EmailAddressScalar,
  HSCodeScalar,
  IBANScalar,
  PhoneNumberScalar,
  UNLocodeScalar,
} from "./index.js";

const codelistsDir = configuredCodeListsDir(process.env)!;
const haveFiles = existsSync(join(codelistsDir, "hs2022.csv")) && existsSync(join(codelistsDir, "unlocode.csv"));

// The real lists ship in codelists/; without them this fails, never skips.
it("finds the real code lists (codelists/ or CIX_CODELISTS_DIR)", () => {
  expect(haveFiles, `no hs2022.csv/unlocode.csv in ${codelistsDir}`).toBe(true);
});
const silent = { warn: () => {}, info: () => {} };

/** The error `scalar.parseValue(value)` throws. */
function inputError(scalar: GraphQLScalarType, value: unknown): GraphQLError {
  try {
    scalar.parseValue(value);
  } catch (e) {
    expect(e).toBeInstanceOf(GraphQLError);
    return e as GraphQLError;
  }
  throw new Error(`${scalar.name} accepted ${JSON.stringify(value)}`);
}

function expectBadInput(scalar: GraphQLScalarType, value: unknown, message: RegExp | string): GraphQLError {
  const error = inputError(scalar, value);
  if (typeof message === "string") expect(error.message).toBe(message);
  else expect(error.message).toMatch(message);
  expect(error.extensions.code).toBe("BAD_USER_INPUT");
  expect(typeof error.extensions.expected).toBe("string");
  return error;
}

const parseLiteral = (scalar: GraphQLScalarType, literal: string) => scalar.parseLiteral(parseValueNode(literal), undefined);

describe("scalar definitions", () => {
  it("every scalar has a description with an example", () => {
    expect(cixScalars.map((s) => s.name).sort()).toEqual(
      ["AirlineCode", "CountryCode", "CurrencyCode", "Date", "DateTime", "EmailAddress", "HSCode", "IBAN", "PhoneNumber", "UNLocode"].sort(),
    );
    for (const s of cixScalars) expect(s.description, s.name).toMatch(/e\.g\. "/);
    expect(cixScalarTypeDefs).toContain("scalar HSCode @specifiedBy(");
  });
});

describe("code scalars with the real code lists", () => {
  beforeAll(() => resetCodeLists(loadCodeLists(codelistsDir, silent)));
  afterAll(() => resetCodeLists());

  it("HSCode accepts real codes and keeps leading zeros", () => {
    expect(HSCodeScalar.parseValue("010121")).toBe("010121");
    expect(HSCodeScalar.parseValue("0101")).toBe("0101");
    expect(HSCodeScalar.parseValue("01")).toBe("01");
    expect(HSCodeScalar.parseValue(" 0101.21 ")).toBe("010121");
    expect(HSCodeScalar.parseValue("0101210000")).toBe("0101210000");
    expect(parseLiteral(HSCodeScalar, '"010121"')).toBe("010121");
    expect(HSCodeScalar.serialize("010121")).toBe("010121");
  });

  it("HSCode rejects malformed codes, codes not in HS 2022, and numbers", () => {
    const e = expectBadInput(
      HSCodeScalar,
      "1234X",
      'HSCode "1234X" is not valid: expected a 2-, 4- or 6-digit code from the HS 2022 nomenclature (e.g. "010121")',
    );
    expect(e.extensions.expected).toMatch(/HS 2022/);
    expectBadInput(HSCodeScalar, "TOTAL", /is not valid/);
    expectBadInput(HSCodeScalar, "999999", /"999999" is not valid/); // pseudo-chapter 99 fails the format rule
    expectBadInput(HSCodeScalar, "010199", 'HSCode "010199" is not in the HS 2022 nomenclature');
    expectBadInput(HSCodeScalar, "0101990000", /not in the HS 2022 nomenclature: "010199" is not an HS subheading/);
    expectBadInput(HSCodeScalar, 10121, /^HSCode must be a string, got number 10121 \(send HS codes as strings so that leading zeros are kept\)/);
    expect(() => parseLiteral(HSCodeScalar, "10121")).toThrow(/must be a string, got Int literal 10121/);
    expectBadInput(HSCodeScalar, null, /must be a string, got null/);
  });

  it("UNLocode accepts real codes, normalised", () => {
    expect(UNLocodeScalar.parseValue("NLRTM")).toBe("NLRTM");
    expect(UNLocodeScalar.parseValue("frcdg")).toBe("FRCDG");
    expect(UNLocodeScalar.parseValue("CN SHA")).toBe("CNSHA");
    expect(UNLocodeScalar.parseValue("DE9B0")).toBe("DE9B0"); // listed although it uses a 0
  });

  it("UNLocode rejects unknown and malformed codes", () => {
    expectBadInput(UNLocodeScalar, "XXABC", 'UNLocode "XXABC" is not in the UN/LOCODE list');
    expectBadInput(UNLocodeScalar, "NLRT", /^UNLocode "NLRT" is not valid: expected a 5-character UN\/LOCODE/);
    expectBadInput(UNLocodeScalar, 12345, /must be a string/);
  });
});

describe("code scalars in format-only mode", () => {
  beforeAll(() => resetCodeLists(loadCodeLists(undefined, silent)));
  afterAll(() => resetCodeLists());

  it("accept any well-formed HS code and UN/LOCODE", () => {
    expect(HSCodeScalar.parseValue("010199")).toBe("010199");
    expect(HSCodeScalar.parseValue("010121")).toBe("010121");
    expect(UNLocodeScalar.parseValue("nlzzz")).toBe("NLZZZ");
  });

  it("still reject malformed ones", () => {
    expectBadInput(HSCodeScalar, "1234X", /is not valid: expected a 2-, 4- or 6-digit code/);
    expectBadInput(HSCodeScalar, "TOTAL", /is not valid/);
    expectBadInput(HSCodeScalar, "999999", /is not valid/);
    expectBadInput(UNLocodeScalar, "XXABC", 'UNLocode "XXABC" is not valid: "XX" is not an ISO 3166-1 country code');
    expectBadInput(UNLocodeScalar, "DE9B0", /is not valid/); // the format rule applies without the list
  });
});

describe("country, currency and airline codes", () => {
  it("CountryCode", () => {
    expect(CountryCodeScalar.parseValue("NL")).toBe("NL");
    expect(CountryCodeScalar.parseValue("nl")).toBe("NL");
    expectBadInput(CountryCodeScalar, "XX", 'CountryCode "XX" is not an ISO 3166-1 alpha-2 country code (alpha-3 codes are accepted too)');
    expectBadInput(CountryCodeScalar, "NETH", /is not valid: expected an ISO 3166-1 country code of 2 letters \(alpha-2, e\.g\. "NL"\) or 3 letters \(alpha-3, e\.g\. "NLD"\)/);
  });

  it("CountryCode: alpha-3 is accepted and stored as alpha-2, in variables and literals", () => {
    expect(CountryCodeScalar.parseValue("NLD")).toBe("NL");
    expect(CountryCodeScalar.parseValue(" deu ")).toBe("DE");
    expect(CountryCodeScalar.parseValue("XKK")).toBe("XK");
    expect(parseLiteral(CountryCodeScalar, '"GBR"')).toBe("GB");
    expectBadInput(CountryCodeScalar, "XXX", 'CountryCode "XXX" is not an ISO 3166-1 alpha-3 country code (alpha-2 codes are accepted too)');
    expectBadInput(CountryCodeScalar, "EUR", /is not an ISO 3166-1 alpha-3 country code/);
  });

  it("CurrencyCode", () => {
    expect(CurrencyCodeScalar.parseValue("EUR")).toBe("EUR");
    expect(CurrencyCodeScalar.parseValue("usd")).toBe("USD");
    expectBadInput(CurrencyCodeScalar, "ABC", 'CurrencyCode "ABC" is not an ISO 4217 currency code');
    expectBadInput(CurrencyCodeScalar, "EURO", /is not valid/);
  });

  it("CurrencyCode: only currencies of money, not XXX, test, metal, unit-of-account or fund codes", () => {
    for (const code of ["XOF", "XAF", "XCD", "XPF", "CHF", "CLP", "MXN", "UYU", "BOB", "COP"]) expect(CurrencyCodeScalar.parseValue(code), code).toBe(code);
    for (const code of ["XXX", "XTS", "XAU", "XAG", "XPD", "XPT", "XBA", "XBB", "XBC", "XBD", "XDR", "XSU", "XUA", "BOV", "CHE", "CHW", "CLF", "COU", "MXV", "USN", "UYI", "UYW"]) {
      const error = expectBadInput(CurrencyCodeScalar, code.toLowerCase(), new RegExp(`^CurrencyCode "${code.toLowerCase()}" is .*not a currency of money: expected an ISO 4217 currency code of money, e\\.g\\. "EUR"$`));
      expect(error.extensions.expected).toBe('an ISO 4217 currency code of money, e.g. "EUR"');
    }
    expect(inputError(CurrencyCodeScalar, "XAU").message).toMatch(/gold/);
    expect(CurrencyCodeScalar.description).toMatch(/XXX.*XAU/);
  });

  it("AirlineCode", () => {
    expect(AirlineCodeScalar.parseValue("KL")).toBe("KL");
    expect(AirlineCodeScalar.parseValue("u2")).toBe("U2");
    expect(AirlineCodeScalar.parseValue("3U")).toBe("3U");
    expectBadInput(AirlineCodeScalar, "ZZZ", /^AirlineCode "ZZZ" is not valid: expected an IATA airline designator/);
  });
});

describe("DateTime", () => {
  it("accepts ISO 8601 with Z or an offset and returns a Date", () => {
    const d = DateTimeScalar.parseValue("2024-03-15T15:30:00.250+01:00") as Date;
    expect(d).toBeInstanceOf(Date);
    expect(d.toISOString()).toBe("2024-03-15T14:30:00.250Z");
    expect((DateTimeScalar.parseValue("2024-03-15T14:30:00Z") as Date).toISOString()).toBe("2024-03-15T14:30:00.000Z");
    expect((DateTimeScalar.parseValue("2024-03-15T14:30:00.123456-05:30") as Date).toISOString()).toBe("2024-03-15T20:00:00.123Z");
  });

  it("rejects values without a time zone, impossible dates and times, and other forms", () => {
    expectBadInput(DateTimeScalar, "2024-03-15T14:30:00", /^DateTime "2024-03-15T14:30:00" is not valid: expected an ISO 8601 date-time with a time zone/);
    expectBadInput(DateTimeScalar, "2024-03-15", /is not valid/);
    expectBadInput(DateTimeScalar, "2024-02-30T10:00:00Z", /2024-02-30 is not a calendar date/);
    expectBadInput(DateTimeScalar, "2024-03-15T25:00:00Z", /not a time of day/);
    expectBadInput(DateTimeScalar, "2024-03-15T10:00:00+25:00", /not a time zone offset/);
    expectBadInput(DateTimeScalar, "15/03/2024 10:00", /is not valid/);
    expectBadInput(DateTimeScalar, 1710513000000, /must be a string/);
  });

  it("serializes Dates, ISO strings and Neo4j-like temporals with toISOString", () => {
    expect(DateTimeScalar.serialize(new Date("2024-03-15T14:30:00Z"))).toBe("2024-03-15T14:30:00.000Z");
    expect(DateTimeScalar.serialize("2024-03-15T15:30:00+01:00")).toBe("2024-03-15T14:30:00.000Z");
    expect(DateTimeScalar.serialize({ toStandardDate: () => new Date("2024-03-15T14:30:00Z") })).toBe("2024-03-15T14:30:00.000Z");
    expect(() => DateTimeScalar.serialize("yesterday")).toThrow(/cannot represent/);
    expect(() => DateTimeScalar.serialize(new Date("invalid"))).toThrow(/cannot represent/);
  });
});

describe("Date", () => {
  it("accepts real calendar dates", () => {
    expect(DateScalar.parseValue("2024-02-29")).toBe("2024-02-29");
    expect(parseLiteral(DateScalar, '"2024-03-15"')).toBe("2024-03-15");
    expect(DateScalar.serialize("2024-03-15")).toBe("2024-03-15");
    expect(DateScalar.serialize(new Date("2024-03-15T23:00:00Z"))).toBe("2024-03-15");
  });

  it("rejects impossible days and other forms", () => {
    expectBadInput(DateScalar, "2024-02-30", 'Date "2024-02-30" is not valid: 2024-02-30 is not a calendar date');
    expectBadInput(DateScalar, "2023-02-29", /not a calendar date/);
    expectBadInput(DateScalar, "2024-13-01", /not a calendar date/);
    expectBadInput(DateScalar, "2024-3-5", /expected a calendar date YYYY-MM-DD/);
    expectBadInput(DateScalar, "2024-03-15T00:00:00Z", /is not valid/);
  });
});

describe("IBAN", () => {
  it("normalises and accepts a valid IBAN", () => {
    expect(IBANScalar.parseValue("GB82 WEST 1234 5698 7654 32")).toBe("GB82WEST12345698765432");
    expect(IBANScalar.parseValue("gb82west12345698765432")).toBe("GB82WEST12345698765432");
    expect(IBANScalar.parseValue("NL91ABNA0417164300")).toBe("NL91ABNA0417164300");
  });

  it("rejects wrong check digits, lengths and countries", () => {
    expectBadInput(IBANScalar, "GB83 WEST 1234 5698 7654 32", 'IBAN "GB83 WEST 1234 5698 7654 32" is not valid: the check digits do not match (mistyped?)');
    expectBadInput(IBANScalar, "GB82WEST123456987654", /wrong length for a GB IBAN: 22 characters expected, got 20/);
    expectBadInput(IBANScalar, "XX82WEST12345698765432", /"XX" is not a country that issues IBANs/);
    expectBadInput(IBANScalar, "iban?", /is not valid: expected an IBAN/);
  });
});

describe("PhoneNumber", () => {
  it("normalises international numbers to E.164", () => {
    expect(PhoneNumberScalar.parseValue("+31 20 123 4567")).toBe("+31201234567");
    expect(PhoneNumberScalar.parseValue("+31201234567")).toBe("+31201234567");
    expect(PhoneNumberScalar.parseValue("0031 20 123 4567")).toBe("+31201234567");
    expect(PhoneNumberScalar.parseValue("+1 (202) 555-0143")).toBe("+12025550143");
    expect(PhoneNumberScalar.parseValue("+44 20 7946 0958")).toBe("+442079460958");
  });

  it("rejects garbage, national-only and invalid numbers", () => {
    expectBadInput(PhoneNumberScalar, "garbage", /is not valid/);
    expectBadInput(PhoneNumberScalar, "+31 call me", /is not valid/);
    expectBadInput(PhoneNumberScalar, "020 123 4567", /must start with "\+"/);
    expectBadInput(PhoneNumberScalar, "+31 20 123 456", /not a valid number in the numbering plan of \+31/);
    expectBadInput(PhoneNumberScalar, "+999 123456", /is not valid/);
    expectBadInput(PhoneNumberScalar, 31201234567, /must be a string/);
  });
});

describe("EmailAddress", () => {
  it("lower-cases and accepts addresses", () => {
    expect(EmailAddressScalar.parseValue(" Officer@Customs.Example.ORG ")).toBe("officer@customs.example.org");
  });

  it("rejects malformed addresses", () => {
    for (const bad of ["a@b", "no-at-sign.org", "a..b@c.org", "a@-b.org", "a b@c.org"]) expectBadInput(EmailAddressScalar, bad, /is not valid/);
  });
});

describe("scalars in a GraphQL schema", () => {
  beforeAll(() => resetCodeLists(loadCodeLists(codelistsDir, silent)));
  afterAll(() => resetCodeLists());

  const schema = new GraphQLSchema({
    query: new GraphQLObjectType({
      name: "Query",
      fields: {
        echo: {
          type: GraphQLString,
          args: {
            hs: { type: HSCodeScalar },
            when: { type: DateTimeScalar },
            phone: { type: PhoneNumberScalar },
          },
          resolve: (_: unknown, args: { hs?: string; when?: Date; phone?: string }) =>
            JSON.stringify({ hs: args.hs, when: args.when?.toISOString(), phone: args.phone }),
        },
        shipped: { type: DateTimeScalar, resolve: () => "2024-03-15T15:30:00+01:00" },
      },
    }),
  });

  it("parses variables and literals, and serializes outputs", async () => {
    const res = await graphql({
      schema,
      source: 'query($hs: HSCode, $phone: PhoneNumber) { echo(hs: $hs, when: "2024-03-15T14:30:00Z", phone: $phone) shipped }',
      variableValues: { hs: "0101.21", phone: "+31 20 123 4567" },
    });
    expect(res.errors).toBeUndefined();
    expect(JSON.parse(res.data?.echo as string)).toEqual({ hs: "010121", when: "2024-03-15T14:30:00.000Z", phone: "+31201234567" });
    expect(res.data?.shipped).toBe("2024-03-15T14:30:00.000Z");
  });

  it("reports bad variables and literals with BAD_USER_INPUT and the expected form", async () => {
    const bad = await graphql({ schema, source: "query($hs: HSCode) { echo(hs: $hs) }", variableValues: { hs: 10121 } });
    expect(bad.errors?.[0]?.message).toMatch(/HSCode must be a string, got number 10121/);
    expect(bad.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", expected: expect.stringMatching(/HS 2022/) });

    const literal = await graphql({ schema, source: '{ echo(hs: "1234X") }' });
    expect(literal.errors?.[0]?.message).toMatch(/HSCode "1234X" is not valid/);
    expect(literal.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT" });

    const intLiteral = await graphql({ schema, source: "{ echo(hs: 10121) }" });
    expect(intLiteral.errors?.[0]?.message).toMatch(/must be a string, got Int literal 10121/);
  });

  it("parseLiteral rejects non-string literal kinds", () => {
    expect(() => HSCodeScalar.parseLiteral({ kind: Kind.BOOLEAN, value: true }, undefined)).toThrow(/Boolean literal true/);
  });
});
