import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { authHeaders } from "../support/auth.js";
import { deleteAgencyData, minimalCase, upsertSeizure } from "../support/seizures.js";
import { startTestStack, unique, type TestStack } from "../support/stack.js";

const PAGE = `query($agency: String!) {
  seizures(filter: { reportingAgency: $agency }, first: 10) {
    nodes { caseNumber commodity shipments { trackingNumber } }
  }
}`;

interface Page {
  seizures: { nodes: Array<{ caseNumber: string; commodity: string; shipments: Array<{ trackingNumber: string }> | null }> } | null;
}

/** One subgraph down costs only its own fields: a field that crosses subgraphs is nullable (issue 19, item 2). */
describe("an e-commerce outage leaves a seizure page with its own fields and an error at shipments only", () => {
  let stack: TestStack;
  let as: Record<string, string>;
  const agency = unique("TEST-OUT");

  beforeAll(async () => {
    stack = await startTestStack();
    as = await authHeaders({ role: "investigator", agency, country: "NL", purpose: "CASE-outage-1" });
    for (const caseNumber of ["O1", "O2"]) expect((await upsertSeizure(stack, minimalCase(caseNumber), as)).errors).toBeUndefined();
  });

  afterAll(async () => {
    await deleteAgencyData(stack.db, agency);
    await stack.stop();
  });

  it("answers the page whole while e-commerce is up", async () => {
    const res = await stack.query<Page>(PAGE, { agency }, as);
    expect(res.errors).toBeUndefined();
    expect(res.data?.seizures?.nodes.map((n) => n.shipments)).toEqual([[], []]);
  });

  it("with e-commerce stopped, keeps every seizure field and puts the error at each case's shipments", async () => {
    await stack.subgraphs.ecommerce.stop();
    const res = await stack.query<Page>(PAGE, { agency }, as);
    expect(res.status).toBe(200);
    expect(res.data?.seizures?.nodes.map((n) => [n.caseNumber, n.commodity, n.shipments]).sort()).toEqual([
      ["O1", "TOBACCO", null],
      ["O2", "TOBACCO", null],
    ]);
    expect(res.errors?.length).toBeGreaterThan(0);
    for (const error of res.errors ?? []) {
      expect(error.path?.at(-1)).toBe("shipments");
      expect(error.extensions?.code).toBe("SERVICE_UNAVAILABLE");
      // Nothing about where the subgraph lives or what it is called internally.
      expect(JSON.stringify(error)).not.toMatch(/127\.0\.0\.1|localhost|:\d{4,5}\b|ECONNREFUSED|ecommerce/i);
    }
  });
});
