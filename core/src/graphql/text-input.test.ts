import { buildSchema, getOperationAST, GraphQLError, GraphQLInputObjectType, GraphQLList, GraphQLNonNull, GraphQLString, parse } from "graphql";
import { describe, expect, it } from "vitest";
import { coerceRow } from "../import/coerce.js";
import {
  checkOperationInput,
  everyStringMultiline,
  findForbiddenCharacter,
  findTextProblems,
  MULTILINE_DIRECTIVE_SDL,
  multilineByMarking,
} from "./text-input.js";

const NUL = "\u0000";
const BEL = "\u0007";
const ESC = "\u001b";
const RLO = "\u202e";

/** A schema with free-text and single-line inputs, as the subgraphs mark them. */
const schema = buildSchema(`
  ${MULTILINE_DIRECTIVE_SDL}
  input GoodsInput { description: String! @multiline, hsCode: String }
  input PersonInput { fullName: String!, reference: String, aliases: [String!], goods: [GoodsInput!] }
  type Person { id: ID!, fullName: String, cases(after: String): [String] }
  type Query { person(id: ID!): Person, search(name: String, ids: [[ID!]]): [Person] }
  type Mutation {
    upsertPerson(input: PersonInput!): Person
    returnCase(id: ID!, reason: String! @multiline): Boolean
  }
`);

function check(query: string, variables?: Record<string, unknown>, policy = multilineByMarking): GraphQLError | undefined {
  const document = parse(query);
  return checkOperationInput(schema, document, getOperationAST(document)!, variables, policy);
}

describe("the character rule", () => {
  it("refuses C0 and C1 controls, bidirectional overrides and isolates, lone surrogates — in free text too", () => {
    for (const [value, code] of [
      [`a${NUL}b`, 0x0],
      [`${BEL}`, 0x7],
      [`x${ESC}[31mred`, 0x1b],
      ["\u007f", 0x7f],
      ["\u0085", 0x85],
      ["\u009f", 0x9f],
      [`abc${RLO}fdp.exe`, 0x202e],
      ["\u202a", 0x202a],
      ["\u2066x\u2069", 0x2066],
      ["\u2069", 0x2069],
      ["a\ud800", 0xd800],
      ["\udfffb", 0xdfff],
    ] as const) {
      expect(findForbiddenCharacter(value, true)?.codePoint, JSON.stringify(value)).toBe(code);
      expect(findForbiddenCharacter(value, false)?.codePoint, JSON.stringify(value)).toBe(code);
    }
  });

  it("allows TAB, LF, CR, U+2028/9 and the bidirectional marks in free text only", () => {
    for (const value of ["line 1\nline 2", "a\tb", "a\r\nb", "a\u2028b", "a\u2029b", "\u200fشحنة\u200e 12", "a\u061cb"]) {
      expect(findForbiddenCharacter(value, true), JSON.stringify(value)).toBeUndefined();
      expect(findForbiddenCharacter(value, false), JSON.stringify(value)).toBeDefined();
    }
  });

  it("keeps letters of every script, combining marks, ZWNJ/ZWJ and astral characters", () => {
    for (const value of [
      "محمد بن سلمان",
      "Дмитрий Иванович Петров",
      "王小明",
      "देवनागरी नाम",
      "Zoë Åström-Łukasiewicz",
      "e\u0301", // e + combining acute
      "می\u200cخواهم", // Persian with ZWNJ
      "क्\u200dष", // Devanagari with ZWJ
      "😀 𠜎",
      "O'Brien-Smith, J. (Jr.) #12/3",
    ]) {
      expect(findForbiddenCharacter(value, false), value).toBeUndefined();
    }
  });

  it("says where, as U+XXXX with the character's name, counting characters not UTF-16 units", () => {
    expect(findForbiddenCharacter(`😀${ESC}`, false)).toEqual({ codePoint: 0x1b, position: 2, label: "U+001B (ESCAPE)", reason: "a control character" });
    expect(findForbiddenCharacter(`ab${RLO}`, false)).toMatchObject({ position: 3, label: "U+202E (RIGHT-TO-LEFT OVERRIDE)", reason: "an invisible bidirectional control" });
    expect(findForbiddenCharacter("\u0001", false)?.label).toBe("U+0001");
  });
});

describe("every argument of an operation", () => {
  it("refuses a control character in an input field, inline or as a variable, naming the field path", () => {
    const inline = check(`mutation { upsertPerson(input: { fullName: "Jan\\u0000Smit" }) { id } }`);
    expect(inline?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "input.fullName", character: "U+0000" });
    expect(inline?.message).toMatch(/input\.fullName.*U\+0000 \(NULL\)/);
    expect(inline?.message).not.toContain(NUL);

    const variable = check(`mutation($i: PersonInput!) { upsertPerson(input: $i) { id } }`, { i: { fullName: "Jan", goods: [{ description: "ok" }, { description: `a${BEL}` }] } });
    expect(variable?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "input.goods[1].description", expected: expect.stringMatching(/text/) });
    expect(variable?.message).toMatch(/U\+0007 \(BELL\)/);
  });

  it("checks lists at any depth, nested fields' arguments, fragments and plain arguments", () => {
    expect(check(`query($ids: [[ID!]]) { search(ids: $ids) { id } }`, { ids: [["a"], ["b", `c${ESC}`]] })?.extensions.field).toBe("ids[1][1]");
    expect(check(`query { person(id: "1") { ...F } } fragment F on Person { cases(after: "x${"\\u202e"}") }`)?.extensions.field).toBe("after");
    expect(check(`query { person(id: "1") { ... on Person { cases(after: "\\u0085") } } }`)?.extensions.field).toBe("after");
    expect(check(`mutation($i: PersonInput!) { upsertPerson(input: $i) { id } }`, { i: { fullName: "A", aliases: ["B", `C${RLO}`] } })?.extensions.field).toBe("input.aliases[1]");
  });

  it("refuses line breaks in single-line strings and allows them where marked @multiline", () => {
    expect(check(`mutation { upsertPerson(input: { fullName: "Jan\\nSmit" }) { id } }`)?.extensions.field).toBe("input.fullName");
    expect(check(`mutation { upsertPerson(input: { fullName: "Jan", reference: "R\\t1" }) { id } }`)?.extensions.field).toBe("input.reference");
    expect(check(`mutation { upsertPerson(input: { fullName: "Jan", goods: [{ description: "two\\nlines\\ttabbed" }] }) { id } }`)).toBeUndefined();
    expect(check(`mutation($r: String!) { returnCase(id: "1", reason: $r) }`, { r: "Fix:\r\n- the weight\n- the place" })).toBeUndefined();
    expect(check(`mutation($r: String!) { returnCase(id: "1", reason: $r) }`, { r: `Fix ${ESC}` })?.extensions.field).toBe("reason");
    // Treating every string as free text (the gateway) lets line breaks through but not controls.
    expect(check(`mutation { upsertPerson(input: { fullName: "Jan\\nSmit" }) { id } }`, undefined, everyStringMultiline)).toBeUndefined();
    expect(check(`mutation { upsertPerson(input: { fullName: "Jan\\u001bSmit" }) { id } }`, undefined, everyStringMultiline)?.extensions.field).toBe("input.fullName");
  });

  it("accepts names in every script", () => {
    const names = ["محمد", "Дмитрий", "王小明", "नमस्ते", "می\u200cخواهم"];
    expect(check(`mutation($i: PersonInput!) { upsertPerson(input: $i) { id } }`, { i: { fullName: names.join(" "), aliases: names } })).toBeUndefined();
  });

  it("leaves errors graphql-js reports itself (missing or mistyped variables) to the execution", () => {
    expect(check(`mutation($i: PersonInput!) { upsertPerson(input: $i) { id } }`, {})).toBeUndefined();
    expect(check(`mutation($i: PersonInput!) { upsertPerson(input: $i) { id } }`, { i: { fullName: 5 } })).toBeUndefined();
  });

  it("reports a variable a custom scalar refused with its path and the scalar's expected form", () => {
    const withScalar = buildSchema(`scalar Code input I { code: Code } type Query { q(i: I): Int }`);
    const code = withScalar.getType("Code") as unknown as { parseValue: (v: unknown) => unknown };
    code.parseValue = (v) => {
      if (v !== "OK") throw new GraphQLError(`Code ${JSON.stringify(v)} is not a code`, { extensions: { code: "BAD_USER_INPUT", expected: "OK" } });
      return v;
    };
    const document = parse(`query($x: I) { q(i: $x) }`);
    const error = checkOperationInput(withScalar, document, getOperationAST(document)!, { x: { code: "XXX" } });
    expect(error?.message).toBe('Variable "$x" got invalid value "XXX" at "x.code"; Code "XXX" is not a code');
    expect(error?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "x.code", expected: "OK" });
  });
});

describe("import rows", () => {
  const goods = new GraphQLInputObjectType({
    name: "GoodsRow",
    fields: { description: { type: new GraphQLNonNull(GraphQLString), astNode: (schema.getType("GoodsInput") as GraphQLInputObjectType).getFields().description!.astNode } },
  });
  const rowType = new GraphQLInputObjectType({
    name: "PersonRow",
    fields: () => ({ fullName: { type: new GraphQLNonNull(GraphQLString) }, goods: { type: new GraphQLList(goods) } }),
  });

  it("get the same rule, with the row's field path and INVALID_VALUE", () => {
    const bad = coerceRow({ fullName: `Jan${ESC}[2J`, goods: [{ description: "x" }, { description: `y${NUL}` }] }, rowType);
    expect(bad.value).toBeNull();
    expect(bad.errors).toEqual([
      { field: "fullName", code: "INVALID_VALUE", message: expect.stringMatching(/^Invalid value for fullName: it contains U\+001B \(ESCAPE\)/) },
      { field: "goods[1].description", code: "INVALID_VALUE", message: expect.stringMatching(/U\+0000 \(NULL\)/) },
    ]);
    expect(coerceRow({ fullName: "Jan\nSmit" }, rowType).errors[0]?.field).toBe("fullName");
    const { value, errors } = coerceRow({ fullName: "Дмитрий", goods: [{ description: "line 1\nline 2" }] }, rowType);
    expect({ value, errors }).toEqual({
      value: { fullName: "Дмитрий", goods: [{ description: "line 1\nline 2" }] },
      errors: [],
    });
  });

  it("find every refused string of a value, up to a limit", () => {
    const problems = findTextProblems(rowType, { fullName: NUL, goods: [{ description: BEL }, { description: ESC }] }, "", false, undefined, 2);
    expect(problems.map((p) => p.field)).toEqual(["fullName", "goods[0].description"]);
  });
});
