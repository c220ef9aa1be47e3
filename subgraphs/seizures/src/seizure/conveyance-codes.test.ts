import { describe, expect, it } from "vitest";
import { normalizeFlightNumber, normalizeImo } from "./conveyance-codes.js";

describe("conveyance identifiers", () => {
  it.each([
    ["9074729", "9074729"],
    ["IMO 9074729", "9074729"],
    ["imo9176187", "9176187"],
    ["9074728", undefined],
    ["907472", undefined],
    ["IMO 90747290", undefined],
  ])("IMO %s → %s", (input, expected) => {
    expect(normalizeImo(input)).toBe(expected);
  });

  it.each([
    ["KL1234", "KL1234"],
    ["kl 1234", "KL1234"],
    ["U2123A", "U2123A"],
    ["KLM605", "KLM605"],
    ["KL12345", undefined],
    ["K1", undefined],
  ])("flight %s → %s", (input, expected) => {
    expect(normalizeFlightNumber(input)).toBe(expected);
  });
});
