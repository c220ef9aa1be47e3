import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { authHeaders } from "../support/auth.js";
import { deleteAgencyData, firstError, minimalCase, upsertSeizure } from "../support/seizures.js";
import { startTestStack, unique, type GraphQLResponse, type TestStack } from "../support/stack.js";

interface Page {
  seizures: { nodes: Array<{ caseNumber: string; seizedAt: string }>; pageInfo: { hasNextPage: boolean; endCursor: string | null } };
}

const LIST = `query($filter: SeizureFilter, $first: Int!, $after: String) {
  seizures(filter: $filter, first: $first, after: $after) {
    nodes { caseNumber seizedAt }
    pageInfo { hasNextPage endCursor }
  }
}`;

describe("seizures list: filters and keyset pagination", () => {
  let stack: TestStack;
  let as: Record<string, string>;
  const agency = unique("TEST-SZL");

  // Case number → what distinguishes it. Two cases share a seizure instant, to test the id tie-break.
  const seed: Array<Record<string, unknown>> = [
    minimalCase("L1", { seizedAt: "2024-01-10T08:00:00Z", placeLocode: "NLRTM", commodity: "DRUGS", conveyance: { mode: "SEA" },
      goods: [{ hsCode: "2939", description: "Cocaine", quantity: 10, unit: "KG" }] }),
    minimalCase("L2", { seizedAt: "2024-01-20T08:00:00Z", placeLocode: "BEANR", commodity: "TOBACCO", conveyance: { mode: "SEA" },
      goods: [{ hsCode: "240220", description: "Cigarettes", quantity: 9000, unit: "STICKS" }] }),
    minimalCase("L3", { seizedAt: "2024-02-01T08:00:00Z", placeLocode: "NLAMS", commodity: "TOBACCO", conveyance: { mode: "AIR" },
      goods: [{ hsCode: "2403", description: "Water-pipe tobacco", quantity: 20, unit: "KG" }], reviewStatus: "SUBMITTED" }),
    minimalCase("L4", { seizedAt: "2024-02-01T08:00:00Z", commodity: "ALCOHOL", conveyance: { mode: "ROAD" },
      goods: [{ hsCode: "220300", description: "Beer", quantity: 100, unit: "L" }] }),
    minimalCase("L5", { seizedAt: "2024-03-05T08:00:00Z", placeLocode: "BEANR", commodity: "DRUGS", conveyance: { mode: "POSTAL" } }),
    minimalCase("L6", { seizedAt: "2024-04-01T08:00:00Z", placeLocode: "DEHAM", commodity: "IPR_COUNTERFEITS" }),
    minimalCase("L7", { seizedAt: "2024-05-01T08:00:00Z", commodity: "OTHER", reviewStatus: "SUBMITTED" }),
  ];

  const list = (filter: Record<string, unknown>, first = 50, after?: string | null) =>
    stack.query<Page>(LIST, { filter: { reportingAgency: agency, ...filter }, first, after }, as);
  const caseNumbers = (res: GraphQLResponse<Page>) => {
    expect(res.errors).toBeUndefined();
    return res.data!.seizures.nodes.map((n) => n.caseNumber);
  };

  beforeAll(async () => {
    stack = await startTestStack();
    as = await authHeaders({ role: "investigator", agency, country: "NL", purpose: "CASE seizures-e2e" });
    for (const input of seed) {
      const res = await upsertSeizure(stack, input, as);
      expect(res.errors).toBeUndefined();
    }
  });

  afterAll(async () => {
    await deleteAgencyData(stack.db, agency);
    await stack.stop();
  });

  it("lists the agency's cases most recently seized first", async () => {
    const all = caseNumbers(await list({}));
    expect(all).toHaveLength(7);
    expect(all.slice(0, 3)).toEqual(["L7", "L6", "L5"]);
    expect(all.slice(5)).toEqual(["L2", "L1"]);
    expect(new Set(all.slice(3, 5))).toEqual(new Set(["L3", "L4"]));
  });

  it.each<[string, Record<string, unknown>, string[]]>([
    ["date range (from inclusive, before exclusive)", { seizedFrom: "2024-01-20T08:00:00Z", seizedBefore: "2024-03-05T08:00:00Z" }, ["L2", "L3", "L4"]],
    ["place", { placeLocode: "BEANR" }, ["L2", "L5"]],
    ["country of the place", { country: "BE" }, ["L2", "L5"]],
    ["country of the reporting agency", { country: "NL" }, ["L1", "L2", "L3", "L4", "L5", "L6", "L7"]],
    ["commodity", { commodity: "DRUGS" }, ["L1", "L5"]],
    ["HS prefix", { hsPrefix: "24" }, ["L2", "L3"]],
    ["HS prefix with a dot", { hsPrefix: "2402.20" }, ["L2"]],
    ["conveyance mode", { conveyanceMode: "SEA" }, ["L1", "L2"]],
    ["review status", { reviewStatus: "SUBMITTED" }, ["L3", "L7"]],
    ["several filters together", { commodity: "TOBACCO", conveyanceMode: "AIR" }, ["L3"]],
  ])("filters by %s", async (_what, filter, expected) => {
    expect(caseNumbers(await list(filter)).sort()).toEqual(expected);
  });

  it("filters by another reporting agency, finding none of these", async () => {
    const res = await stack.query<Page>(LIST, { filter: { reportingAgency: unique("NOBODY") }, first: 10 }, as);
    expect(caseNumbers(res)).toEqual([]);
  });

  it("pages without overlap or gaps, and says when there is no next page", async () => {
    const seen: string[] = [];
    let after: string | null = null;
    const pages: boolean[] = [];
    for (let i = 0; i < 5; i++) {
      const res = await list({}, 2, after);
      const page: Page["seizures"] = res.data!.seizures;
      seen.push(...caseNumbers(res));
      pages.push(page.pageInfo.hasNextPage);
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(pages).toEqual([true, true, true, false]);
    expect(seen).toHaveLength(7);
    expect(new Set(seen).size).toBe(7);
    expect(seen).toEqual(caseNumbers(await list({})));
  });

  it("has hasNextPage false when the page is exactly the rest", async () => {
    const res = await list({}, 7);
    expect(res.data!.seizures.pageInfo.hasNextPage).toBe(false);
    const more = await list({}, 6);
    expect(more.data!.seizures.pageInfo.hasNextPage).toBe(true);
  });

  it.each<[string, Record<string, unknown>, string]>([
    ["a page size over the maximum", { first: 100000 }, "first"],
    ["a page size of 0", { first: 0 }, "first"],
    ["a cursor that was never issued", { first: 5, after: "not-a-cursor" }, "after"],
    ["an HS prefix with letters", { first: 5, filter: { hsPrefix: "24A" } }, "filter.hsPrefix"],
    ["an empty date range", { first: 5, filter: { seizedFrom: "2024-02-01T00:00:00Z", seizedBefore: "2024-01-01T00:00:00Z" } }, "filter.seizedBefore"],
  ])("rejects %s", async (_what, variables, field) => {
    const res = await stack.query(LIST, variables, as);
    expect(firstError(res)).toMatchObject({ code: "BAD_USER_INPUT", field });
  });
});
