import { GraphQLFloat, GraphQLInputObjectType, GraphQLList, GraphQLNonNull, GraphQLString } from "graphql";
import { describe, expect, it } from "vitest";
import { badUserInput } from "../errors.js";
import { follows, leaveOut, mayLeaveOut } from "./leave-out.js";
import { prepareRows } from "./prepare.js";
import { IMPORT_REFERENCE } from "./types.js";

const item = new GraphQLInputObjectType({
  name: "ItemRow",
  fields: { description: { type: new GraphQLNonNull(GraphQLString) }, hsCode: { type: GraphQLString }, quantity: { type: new GraphQLNonNull(GraphQLFloat) } },
});
// Stands for references.ts's reference types, which carry the same marking.
const PartyReferenceImport = new GraphQLInputObjectType({
  name: "PartyReferenceImport",
  extensions: { [IMPORT_REFERENCE]: true },
  fields: { personReference: { type: GraphQLString } },
});
const rowType = new GraphQLInputObjectType({
  name: "OrderRow",
  fields: {
    orderNumber: { type: new GraphQLNonNull(GraphQLString) },
    note: { type: GraphQLString },
    phones: { type: new GraphQLList(new GraphQLNonNull(GraphQLString)) },
    items: { type: new GraphQLNonNull(new GraphQLList(new GraphQLNonNull(item))) },
    buyer: { type: PartyReferenceImport },
  },
});

describe("leaving fields out of a row", () => {
  it("drops fields and list entries and numbers paths of what is left as in the row", () => {
    const row = { orderNumber: "A", phones: ["1", "bad", "3", "bad"], items: [{ description: "x" }, { description: "y", hsCode: "99" }] };
    const left = leaveOut(row, new Set(["phones[1]", "items[0]", "items[1].hsCode"]));
    expect(left.value).toEqual({ orderNumber: "A", phones: ["1", "3", "bad"], items: [{ description: "y" }] });
    expect(left.rowPath("phones[2]")).toBe("phones[3]");
    expect(left.rowPath("items[0].quantity")).toBe("items[1].quantity");
    expect(left.rowPath("orderNumber")).toBe("orderNumber");
  });

  it("says which errors only follow from one reported already", () => {
    expect(follows("items[0]", "items[0].hsCode")).toBe(true);
    expect(follows("items[0].hsCode", "items[0].hsCode")).toBe(true);
    expect(follows("", "note")).toBe(true);
    expect(follows("items[1]", "items[0].hsCode")).toBe(false);
    expect(follows("items[0].quantity", "items[0]")).toBe(false);
  });

  it("lets a lenient import leave out optional values only: not mandatory fields, natural keys, references or whole objects", () => {
    const may = (field: string, code: "INVALID_VALUE" | "REQUIRED" | "REFERENCE_NOT_FOUND" = "INVALID_VALUE") =>
      mayLeaveOut(rowType, ["orderNumber"], { field, code, message: "" });
    expect(may("note")).toBe(true);
    expect(may("phones[1]")).toBe(true);
    expect(may("items[0].hsCode")).toBe(true);
    expect(may("items[0].quantity")).toBe(false);
    expect(may("items[0]")).toBe(false);
    expect(may("orderNumber")).toBe(false);
    expect(may("buyer.personReference")).toBe(false);
    expect(may("note", "REQUIRED")).toBe(false);
    expect(may("")).toBe(false);
  });
});

describe("prepareRows", () => {
  // A validator in the mutations' style: it throws at its first problem.
  const validate = (input: Record<string, unknown>) => {
    const phones = (input.phones as string[] | undefined) ?? [];
    phones.forEach((p, i) => {
      if (p === "bad") throw badUserInput(`input.phones[${i}]`, "a phone number");
    });
    if (input.note === "bad") throw badUserInput("input.note", "a good note");
    if (input.orderNumber === "bad") throw badUserInput("input.orderNumber", "an order number");
    return { ...input };
  };

  it("reports every error of a row, numbered as in the row, and what the row is without them", () => {
    const [prepared] = prepareRows([{ row: 7, input: { orderNumber: "bad", note: "bad", phones: ["bad", "1", "bad"] } }], [], (r) => validate(r.input));
    expect(prepared!.errors?.map((e) => e.field)).toEqual(["phones[0]", "phones[2]", "note", "orderNumber"]);
    expect("valid" in prepared! && prepared.valid).toEqual({ phones: ["1"] });
  });

  it("does not repeat an error that follows from one found before, and keeps a valid row as it was", () => {
    const known = [{ field: "note", code: "INVALID_VALUE" as const, message: "" }];
    const [withKnown, clean] = prepareRows(
      [
        { row: 2, input: { orderNumber: "A", note: "bad" }, known },
        { row: 3, input: { orderNumber: "B" } },
      ],
      [],
      (r) => validate(r.input),
    );
    expect(withKnown).toEqual({ row: 2, errors: [] });
    expect(clean).toEqual({ row: 3, valid: { orderNumber: "B" } });
  });
});
