import type { Request } from "express";
import { GraphQLError } from "graphql";
import { describe, expect, it } from "vitest";
import { PURPOSE_HEADER, statedPurpose } from "./request.js";

const withPurpose = (value: string | undefined) => ({ header: (name: string) => (name === PURPOSE_HEADER ? value : undefined) }) as unknown as Request;

function refusal(value: string): GraphQLError {
  try {
    statedPurpose(withPurpose(value));
  } catch (error) {
    expect(error).toBeInstanceOf(GraphQLError);
    return error as GraphQLError;
  }
  throw new Error(`${JSON.stringify(value)} was accepted as a purpose`);
}

describe("x-cix-purpose: a case or operation reference", () => {
  it("accepts references, and refuses words, punctuation, other characters and lengths with 400 BAD_REQUEST stating the pattern", () => {
    for (const purpose of ["CASE-2024-001", "OP ORION 2025", "NL/2024/123", "case 7", "A1b", "OP:ORION#12", "inv_2024.03", "2024", "X".repeat(99) + "1"]) {
      expect(statedPurpose(withPurpose(purpose)), purpose).toBe(purpose);
    }
    expect(statedPurpose(withPurpose("  CASE-1  "))).toBe("CASE-1");
    expect(statedPurpose(withPurpose(undefined))).toBeUndefined();
    expect(statedPurpose(withPurpose("   "))).toBeUndefined();
    for (const purpose of ["...", "search", "x", "fixture", "open op", "CASE x", "A1", "-CASE-1", "CASE-1-", "CASE (1)", "CASE\t1", "CASE 1;", "Ärende 1", "X".repeat(100) + "1", "1".repeat(101)]) {
      const error = refusal(purpose);
      expect(error.extensions, purpose).toMatchObject({ code: "BAD_REQUEST", field: "x-cix-purpose", http: { status: 400 } });
      expect(error.message).toMatch(/3 to 100 characters.*letters A-Z, digits, spaces and - _ \. \/ : #.*starting and ending with a letter or digit.*at least one digit.*CASE-2024-001/);
    }
  });
});
