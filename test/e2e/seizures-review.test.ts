import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { authHeaders } from "../support/auth.js";
import { deleteAgencyData, firstError, minimalCase, upsertSeizure } from "../support/seizures.js";
import { startTestStack, unique, type GraphQLResponse, type TestStack } from "../support/stack.js";

type Move = "submitSeizure" | "validateSeizure" | "returnSeizure";

describe("seizures review workflow: DRAFT → SUBMITTED → VALIDATED | RETURNED → SUBMITTED", () => {
  let stack: TestStack;
  let reporter: Record<string, string>;
  let supervisor: Record<string, string>;
  const agency = unique("TEST-SZR");

  beforeAll(async () => {
    stack = await startTestStack();
    reporter = await authHeaders({ role: "investigator", agency, country: "NL", purpose: "CASE seizures-e2e" });
    supervisor = await authHeaders({ role: "supervisor", agency, country: "NL", purpose: "CASE seizures-e2e" });
  });

  afterAll(async () => {
    await deleteAgencyData(stack.db, agency);
    await stack.stop();
  });

  function move(mutation: Move, id: string, headers: Record<string, string>): Promise<GraphQLResponse<Record<Move, { reviewStatus: string; returnReason: string | null }>>> {
    const args = mutation === "returnSeizure" ? `id: $id, reason: "Goods line 1 lacks its HS code"` : "id: $id";
    return stack.query(`mutation($id: ID!) { ${mutation}(${args}) { reviewStatus returnReason } }`, { id }, headers);
  }

  async function storedStatus(id: string): Promise<string> {
    const [row] = await stack.db.read<{ status: string }>("MATCH (s:Seizure { id: $id }) RETURN s.reviewStatus AS status", { id });
    return row!.status;
  }

  async function expectIllegal(mutation: Move, id: string, headers: Record<string, string>, current: string) {
    const res = await move(mutation, id, headers);
    expect(res.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "id", currentStatus: current });
    expect(res.errors![0]!.message).toContain(current);
    expect(await storedStatus(id)).toBe(current);
  }

  it("walks the legal transitions and refuses the illegal ones, naming the current status", async () => {
    const created = await upsertSeizure(stack, minimalCase("REV-1"), reporter);
    expect(created.data!.upsertSeizure.reviewStatus).toBe("DRAFT");
    const id = created.data!.upsertSeizure.id;

    await expectIllegal("validateSeizure", id, supervisor, "DRAFT");
    await expectIllegal("returnSeizure", id, supervisor, "DRAFT");

    expect((await move("submitSeizure", id, reporter)).data!.submitSeizure.reviewStatus).toBe("SUBMITTED");
    await expectIllegal("submitSeizure", id, reporter, "SUBMITTED");

    const returned = await move("returnSeizure", id, supervisor);
    expect(returned.data!.returnSeizure).toEqual({ reviewStatus: "RETURNED", returnReason: "Goods line 1 lacks its HS code" });
    await expectIllegal("validateSeizure", id, supervisor, "RETURNED");

    // The reporter corrects the case and resubmits it with the upsert; the return reason goes.
    const corrected = await upsertSeizure(
      stack,
      minimalCase("REV-1", { goods: [{ hsCode: "240220", description: "Cigarettes", quantity: 1000, unit: "STICKS" }], reviewStatus: "SUBMITTED" }),
      reporter,
    );
    expect(corrected.errors).toBeUndefined();
    expect(corrected.data!.upsertSeizure).toMatchObject({ id, reviewStatus: "SUBMITTED", returnReason: null });

    expect((await move("validateSeizure", id, supervisor)).data!.validateSeizure.reviewStatus).toBe("VALIDATED");
    await expectIllegal("returnSeizure", id, supervisor, "VALIDATED");
    await expectIllegal("submitSeizure", id, reporter, "VALIDATED");
  });

  it("submits a RETURNED case with submitSeizure too", async () => {
    const id = (await upsertSeizure(stack, minimalCase("REV-2", { reviewStatus: "SUBMITTED" }), reporter)).data!.upsertSeizure.id;
    await move("returnSeizure", id, supervisor);
    const resubmitted = await move("submitSeizure", id, reporter);
    expect(resubmitted.data!.submitSeizure).toEqual({ reviewStatus: "SUBMITTED", returnReason: null });
  });

  it("refuses a status the upsert may not set on an existing case", async () => {
    const id = (await upsertSeizure(stack, minimalCase("REV-3", { reviewStatus: "SUBMITTED" }), reporter)).data!.upsertSeizure.id;
    const res = await upsertSeizure(stack, minimalCase("REV-3", { reviewStatus: "DRAFT", commodity: "ALCOHOL" }), reporter);
    expect(firstError(res)).toMatchObject({ code: "BAD_USER_INPUT", field: "input.reviewStatus" });
    const [row] = await stack.db.read<{ status: string; commodity: string }>(
      "MATCH (s:Seizure { id: $id }) RETURN s.reviewStatus AS status, s.commodity AS commodity",
      { id },
    );
    expect(row).toEqual({ status: "SUBMITTED", commodity: "TOBACCO" });
    // Omitting the status keeps it.
    const kept = await upsertSeizure(stack, minimalCase("REV-3"), reporter);
    expect(kept.data!.upsertSeizure.reviewStatus).toBe("SUBMITTED");
  });

  it("lets only a supervisor of the owner agency validate, and only the owner agency submit", async () => {
    const id = (await upsertSeizure(stack, minimalCase("REV-4"), reporter)).data!.upsertSeizure.id;
    const otherAgency = await authHeaders({ role: "investigator", agency: unique("TEST-OTHER"), country: "BE" });
    expect(firstError(await move("submitSeizure", id, otherAgency)).code).toBe("FORBIDDEN");
    expect(await storedStatus(id)).toBe("DRAFT");
    await move("submitSeizure", id, reporter);
    expect(firstError(await move("validateSeizure", id, reporter)).code).toBe("FORBIDDEN");
    const otherSupervisor = await authHeaders({ role: "supervisor", agency: unique("TEST-OTHER"), country: "BE" });
    expect(firstError(await move("validateSeizure", id, otherSupervisor)).code).toBe("FORBIDDEN");
    expect(await storedStatus(id)).toBe("SUBMITTED");
  });

  it("answers NOT_FOUND for an unknown case", async () => {
    expect(firstError(await move("submitSeizure", "no-such-case", reporter)).code).toBe("NOT_FOUND");
  });
});
