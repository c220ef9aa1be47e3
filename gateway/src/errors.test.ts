import { createLogger, loadConfig } from "@cix/core";
import { describe, expect, it } from "vitest";
import { edgeFormatError, withoutSuggestions } from "./errors.js";

describe("edge error formatting", () => {
  it.each([
    ['Cannot query field "seizurez" on type "Query". Did you mean "seizure" or "seizures"?', 'Cannot query field "seizurez" on type "Query".'],
    ['Value "TOBACO" does not exist in "CommodityCategory" enum. Did you mean the enum value "TOBACCO"?', 'Value "TOBACO" does not exist in "CommodityCategory" enum.'],
    ['Unknown argument "frist" on field "Query.seizures". Did you mean "first"?', 'Unknown argument "frist" on field "Query.seizures".'],
    ['Cannot query field "x" on type "Party". Did you mean to use an inline fragment on "Person"?', 'Cannot query field "x" on type "Party".'],
  ])("drops the suggestion from %s", (message, expected) => {
    expect(withoutSuggestions(message)).toBe(expected);
  });

  const format = edgeFormatError(loadConfig({ CIX_PROFILE: "production" }), createLogger("test", "silent"));

  it("in production, replaces a client-coded message that names a host or socket error", () => {
    const formatted = format({ message: "request to http://127.0.0.1:4001/graphql failed, reason: connect ECONNREFUSED", extensions: { code: "BAD_USER_INPUT" } }, null);
    expect(formatted).toEqual({ message: "Internal server error", extensions: { code: "INTERNAL_SERVER_ERROR" } });
  });

  it("drops the gateway's `response` extension (the subgraph's URL and body)", () => {
    const formatted = format({ message: "Nope.", extensions: { code: "FORBIDDEN", response: { url: "http://x" } } }, null);
    expect(formatted.extensions).toEqual({ code: "FORBIDDEN" });
  });

  it("keeps the edge's own codes", () => {
    const formatted = format({ message: "Client x may run only …", extensions: { code: "PERSISTED_QUERY_NOT_IN_LIST" } }, null);
    expect(formatted.extensions).toEqual({ code: "PERSISTED_QUERY_NOT_IN_LIST" });
  });
});
