import { describe, expect, it } from "vitest";
import { checkHops } from "./scope.js";

// Through the gateway, the cost limit refuses deep traversals first; this hard cap is what still holds when an
// operator raises CIX_MAX_COST.
describe("the hop cap (CIX_MAX_HOPS, default 5)", () => {
  it("accepts 1 to the cap and refuses the rest with BAD_USER_INPUT naming the field", () => {
    expect(checkHops(5, "scope.hops")).toBe(5);
    for (const hops of [0, 6, 2.5]) {
      try {
        checkHops(hops, "scope.hops");
        expect.unreachable(`hops ${hops} was accepted`);
      } catch (error) {
        expect(error).toMatchObject({ extensions: { code: "BAD_USER_INPUT", field: "scope.hops" } });
      }
    }
  });
});
