import { describe, expect, it } from "vitest";
import { nestingDepth } from "./request-shape.js";

describe("nestingDepth", () => {
  it.each<[string, unknown, number]>([
    ["a scalar", "x", 0],
    ["null", null, 0],
    ["an empty object", {}, 1],
    ["an object of scalars", { a: 1, b: "x" }, 1],
    ["nested objects and arrays", { a: [{ b: [1] }] }, 4],
    ["the deepest branch", { a: 1, b: { c: { d: {} } }, e: [] }, 4],
  ])("of %s", (_what, value, depth) => {
    expect(nestingDepth(value, 100)).toBe(depth);
  });

  it("stops once past the limit, without recursion, on 1 000 000 levels", () => {
    const deep = JSON.parse(`${"[".repeat(1_000_000)}${"]".repeat(1_000_000)}`) as unknown;
    expect(nestingDepth(deep, 20)).toBe(21);
  });
});
