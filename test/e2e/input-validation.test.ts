import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { authHeaders } from "../support/auth.js";
import { deleteAgencyRecords } from "../support/cleanup.js";
import { startTestStack, unique, type TestStack } from "../support/stack.js";

/** Invalid codes are refused at the gateway, as literals or variables, with the code, path and expected form. */
describe("invalid input is refused before anything is written", () => {
  let stack: TestStack;
  let as: Record<string, string>;
  const agency = unique("IV");

  beforeAll(async () => {
    stack = await startTestStack();
    as = await authHeaders({ role: "investigator", agency });
  });
  afterAll(async () => {
    await deleteAgencyRecords(stack.db, agency);
    await stack.stop();
  });

  const count = async () => (await stack.db.read<{ n: number }>("MATCH (s:Seizure { ownerAgency: $agency }) RETURN count(s) AS n", { agency }))[0]!.n;

  it("an invalid UN/LOCODE written inline in the query", async () => {
    const res = await stack.query(
      `mutation { upsertSeizure(input: { caseNumber: "L-1", seizedAt: "2024-01-01T00:00:00Z", commodity: TOBACCO, placeLocode: "XXQQQ" }) { id } }`,
      undefined,
      as,
    );
    expect(res.status).toBe(400);
    expect(res.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    expect(res.errors?.[0]?.message).toMatch(/UNLocode/);
    expect(typeof res.errors?.[0]?.extensions?.expected).toBe("string");
    expect(await count()).toBe(0);
  });

  it("an invalid HS code in a variable names the path", async () => {
    const res = await stack.query(
      `mutation($i: SeizureInput!) { upsertSeizure(input: $i) { id } }`,
      { i: { caseNumber: "V-1", seizedAt: "2024-01-01T00:00:00Z", commodity: "TOBACCO", goods: [{ description: "x", quantity: 1, unit: "KG", hsCode: "999999" }] } },
      as,
    );
    expect(res.status).toBe(400);
    expect(res.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    expect(res.errors?.[0]?.message).toMatch(/i\.goods\[0\]\.hsCode/);
    expect(await count()).toBe(0);
  });

  it("a broken date and a wrong currency", async () => {
    for (const i of [
      { caseNumber: "D-1", seizedAt: "2024-02-30T00:00:00Z", commodity: "TOBACCO" },
      { caseNumber: "D-2", seizedAt: "2024-01-01T00:00:00Z", commodity: "TOBACCO", goods: [{ description: "x", quantity: 1, unit: "KG", estimatedValue: 5, currency: "XYZ" }] },
    ]) {
      const res = await stack.query(`mutation($i: SeizureInput!) { upsertSeizure(input: $i) { id } }`, { i }, as);
      expect(res.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
      expect(JSON.stringify(res)).not.toMatch(/stack|Neo4j|MATCH|127\.0\.0\.1/);
    }
    expect(await count()).toBe(0);
  });
});
