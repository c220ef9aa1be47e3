import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { authHeaders } from "../support/auth.js";
import { deleteAgencyRecords } from "../support/cleanup.js";
import { startTestStack, unique, type TestStack } from "../support/stack.js";
import { deleteImportData, fileFolder, localImporter, seizureRecord, type LocalImporter } from "./import-fixtures.js";

/** Quality flags (CEN's anomaly alerts): computed on GraphQL upserts and imports, shown on the case, and gating validation. */

const AGENCY = unique("NL-QUAL").replace(/[^A-Z0-9-]/g, "");
const OTHER = unique("DE-QUAL").replace(/[^A-Z0-9-]/g, "");
let stack: TestStack;
let importer: LocalImporter;
let files: Awaited<ReturnType<typeof fileFolder>>;

beforeAll(async () => {
  stack = await startTestStack();
  importer = await localImporter();
  files = await fileFolder();
});

afterAll(async () => {
  for (const agency of [AGENCY, OTHER]) {
    await deleteImportData(stack.db, agency);
    await deleteAgencyRecords(stack.db, agency);
  }
  await importer.close();
  await files.remove();
  await stack.stop();
});

type Flag = { rule: string; severity: string; explanation: string; field: string | null; acknowledgedAt: string | null };
type Case = { id: string; reviewStatus: string; qualityFlags: Flag[] };

const FIELDS = "id reviewStatus qualityFlags { rule severity explanation field acknowledgedAt }";
const UPSERT = `mutation($input: SeizureInput!) { upsertSeizure(input: $input) { ${FIELDS} } }`;

async function upsert(input: Record<string, unknown>, agency = AGENCY): Promise<Case> {
  const res = await stack.query<{ upsertSeizure: Case }>(UPSERT, { input }, await authHeaders({ role: "investigator", agency }));
  expect(res.errors).toBeUndefined();
  return res.data!.upsertSeizure;
}

const rules = (c: Case) => c.qualityFlags.map((f) => f.rule).sort();

describe("rules", () => {
  it("flags a tonne in a postal item (ERROR), and validation then needs acknowledgeFlags", async () => {
    const postal = seizureRecord("Q-POSTAL", {
      conveyance: { mode: "POSTAL" },
      placeLocode: "NLAMS",
      goods: [{ hsCode: "240220", description: "Cigarettes", quantity: 1, unit: "TONNES" }],
      commodity: "TOBACCO",
      reviewStatus: "SUBMITTED",
    });
    const flagged = await upsert(postal);
    const flag = flagged.qualityFlags.find((f) => f.rule === "CONVEYANCE_IMPLAUSIBLE")!;
    expect(flag).toMatchObject({ severity: "ERROR", field: "goods", acknowledgedAt: null });
    expect(flag.explanation).toMatch(/1,000 kg .* at most 30 kg/);

    const supervisor = await authHeaders({ role: "supervisor", agency: AGENCY });
    const refused = await stack.query("mutation($id: ID!) { validateSeizure(id: $id) { reviewStatus } }", { id: flagged.id }, supervisor);
    expect(refused.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "acknowledgeFlags" });
    expect(refused.errors?.[0]?.message).toMatch(/unresolved ERROR quality flag.*CONVEYANCE_IMPLAUSIBLE/);

    // Returned, corrected (2 kg) and resubmitted: the flags are recomputed and the case validates.
    await stack.query('mutation($id: ID!) { returnSeizure(id: $id, reason: "Check the unit") { reviewStatus } }', { id: flagged.id }, supervisor);
    const corrected = await upsert({ ...postal, goods: [{ hsCode: "240220", description: "Cigarettes", quantity: 2, unit: "KG" }] });
    expect(corrected.reviewStatus).toBe("SUBMITTED");
    expect(corrected.qualityFlags.filter((f) => f.severity === "ERROR")).toEqual([]);
    const validated = await stack.query<{ validateSeizure: { reviewStatus: string } }>("mutation($id: ID!) { validateSeizure(id: $id) { reviewStatus } }", { id: flagged.id }, supervisor);
    expect(validated.data?.validateSeizure.reviewStatus).toBe("VALIDATED");
  });

  it("validates with acknowledgeFlags: true and records the acknowledgement; flags a seizure date in the future", async () => {
    const future = await upsert(seizureRecord("Q-FUTURE", { seizedAt: new Date(Date.now() + 30 * 86_400_000).toISOString(), reviewStatus: "SUBMITTED" }));
    expect(future.qualityFlags).toEqual([expect.objectContaining({ rule: "DATE_IMPLAUSIBLE", severity: "ERROR", field: "seizedAt" })]);
    const supervisor = await authHeaders({ role: "supervisor", agency: AGENCY });
    const res = await stack.query<{ validateSeizure: Case }>(
      `mutation($id: ID!) { validateSeizure(id: $id, acknowledgeFlags: true) { ${FIELDS} } }`,
      { id: future.id },
      supervisor,
    );
    expect(res.data?.validateSeizure.reviewStatus).toBe("VALIDATED");
    expect(res.data?.validateSeizure.qualityFlags[0]!.acknowledgedAt).toEqual(expect.any(String));
  });

  it("flags a seaport-only place for an AIR seizure, and an HS code outside the commodity's chapters", async () => {
    const c = await upsert(
      seizureRecord("Q-PLACE", {
        placeLocode: "AEJAZ",
        conveyance: { mode: "AIR", airlineCode: "EK", flightNumber: "EK0147" },
        commodity: "TOBACCO",
        goods: [{ hsCode: "847130", description: "Laptop", quantity: 3, unit: "PIECES" }],
      }),
    );
    expect(rules(c)).toEqual(["HS_CATEGORY_MISMATCH", "PLACE_FUNCTION_MISMATCH"]);
    expect(c.qualityFlags.find((f) => f.rule === "PLACE_FUNCTION_MISMATCH")!.explanation).toMatch(/AEJAZ .* port only, with no airport/);
    expect(c.qualityFlags.find((f) => f.rule === "HS_CATEGORY_MISMATCH")).toMatchObject({ field: "goods[0].hsCode", severity: "WARNING" });
  });

  it("does not flag inland enforcement at a city with no road terminal, and still flags a vessel at a place with no port", async () => {
    // Real UN/LOCODE entries: Torino (ITTRN) is listed as airport and postal exchange only, Grenoble (FRGNB) as rail
    // terminal and airport only. A street seizure on foot, a road check and a postal item there are inland enforcement.
    const inland: Array<[string, string, Record<string, unknown>]> = [
      ["Q-STREET-TRN", "ITTRN", { mode: "PEDESTRIAN" }],
      ["Q-ROAD-GNB", "FRGNB", { mode: "ROAD", vehicleRegistration: "AB-123-CD" }],
      ["Q-POSTAL-GNB", "FRGNB", { mode: "POSTAL" }],
    ];
    for (const [caseNumber, placeLocode, conveyance] of inland) {
      const c = await upsert(seizureRecord(caseNumber, { placeLocode, conveyance, detectionMethod: "RANDOM_CHECK", concealment: { method: "BODY_CARRY" } }));
      expect({ caseNumber, rules: rules(c) }).toEqual({ caseNumber, rules: [] });
    }
    const vessel = await upsert(seizureRecord("Q-SEA-GNB", { placeLocode: "FRGNB", conveyance: { mode: "SEA", voyageNumber: "V-1" } }));
    expect(vessel.qualityFlags).toEqual([expect.objectContaining({ rule: "PLACE_FUNCTION_MISMATCH", severity: "WARNING", field: "placeLocode" })]);
    expect(vessel.qualityFlags[0]!.explanation).toBe("FRGNB (Grenoble) is listed in UN/LOCODE as rail terminal, airport only, with no port: unusual for a SEA seizure.");
  });

  it("keeps departure times on route legs, flags a seizure before the departure, and refuses times that run backwards", async () => {
    const route = (first: string, second: string) => [
      { seq: 1, role: "DEPARTURE", locode: "COBUN", departedAt: first },
      { seq: 2, role: "TRANSIT", locode: "ESALG", departedAt: second },
      { seq: 3, role: "DESTINATION", locode: "NLRTM" },
    ];
    const early = await upsert(seizureRecord("Q-DEPARTURE", { seizedAt: "2024-03-01T10:00:00Z", route: route("2024-03-02T06:00:00Z", "2024-03-10T18:00:00Z") }));
    expect(early.qualityFlags).toEqual([expect.objectContaining({ rule: "DATE_IMPLAUSIBLE", severity: "WARNING", field: "seizedAt" })]);
    expect(early.qualityFlags[0]!.explanation).toMatch(/before the goods left COBUN .*2024-03-02T06:00:00/);
    const read = await stack.query<{ seizure: { route: Array<{ seq: number; departedAt: string | null }> } }>(
      "query($id: ID!) { seizure(id: $id) { route { seq departedAt } } }",
      { id: early.id },
      await authHeaders({ role: "investigator", agency: AGENCY }),
    );
    expect(read.data!.seizure.route).toEqual([
      { seq: 1, departedAt: "2024-03-02T06:00:00.000Z" },
      { seq: 2, departedAt: "2024-03-10T18:00:00.000Z" },
      { seq: 3, departedAt: null },
    ]);

    const corrected = await upsert(seizureRecord("Q-DEPARTURE", { seizedAt: "2024-03-15T10:00:00Z", route: route("2024-03-02T06:00:00Z", "2024-03-10T18:00:00Z") }));
    expect(corrected.qualityFlags).toEqual([]);

    const backwards = await stack.query(UPSERT, { input: seizureRecord("Q-DEPARTURE", { route: route("2024-03-10T06:00:00Z", "2024-03-02T18:00:00Z") }) }, await authHeaders({ role: "investigator", agency: AGENCY }));
    expect(backwards.errors![0]!.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "input.route[1].departedAt" });
    const after = await stack.query<{ seizure: { route: Array<{ departedAt: string | null }> } }>(
      "query($id: ID!) { seizure(id: $id) { route { departedAt } } }",
      { id: early.id },
      await authHeaders({ role: "investigator", agency: AGENCY }),
    );
    expect(after.data!.seizure.route[0]!.departedAt).toBe("2024-03-02T06:00:00.000Z");
  });

  it("flags the same flight, day and goods reported by another agency", async () => {
    const flight = { mode: "AIR", airlineCode: "KL", flightNumber: `KL${Math.floor(1000 + Math.random() * 8999)}` };
    const same = { placeLocode: "NLAMS", conveyance: flight, seizedAt: "2024-05-02T08:00:00Z" };
    const first = await upsert(seizureRecord("Q-DUP-NL", same));
    expect(rules(first)).toEqual([]);
    const second = await upsert(seizureRecord("Q-DUP-DE", { ...same, seizedAt: "2024-05-02T11:30:00Z" }), OTHER);
    expect(rules(second)).toEqual(["DUPLICATE_ACROSS_AGENCIES"]);
    expect(second.qualityFlags[0]!.explanation).toContain(`${AGENCY} Q-DUP-NL (${first.id})`);
  });
});

describe("learned outliers and imports", () => {
  it("learns what is usual per commodity and unit (median/MAD) and flags a quantity far outside it", async () => {
    // A group no other test uses: CULTURAL_HERITAGE counted in AMPOULES, around 10 each.
    const usual = Array.from({ length: 40 }, (_, i) =>
      seizureRecord(`Q-STAT-${i}`, { commodity: "CULTURAL_HERITAGE", goods: [{ hsCode: "970610", description: "Antique vial", quantity: 8 + (i % 5), unit: "AMPOULES" }] }),
    );
    const job = await importer.run("seizures", await files.write("seizures", "ndjson", usual), { agency: AGENCY });
    expect(job).toMatchObject({ accepted: 40, flagged: 0 });
    const refreshed = await stack.query<{ refreshQualityStatistics: number }>("mutation { refreshQualityStatistics }", {}, await authHeaders({ role: "supervisor", agency: AGENCY }));
    expect(refreshed.data?.refreshQualityStatistics).toBeGreaterThan(0);
    const denied = await stack.query("mutation { refreshQualityStatistics }", {}, await authHeaders({ role: "investigator", agency: AGENCY }));
    expect(denied.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");

    const outlier = await upsert(seizureRecord("Q-STAT-BIG", { commodity: "CULTURAL_HERITAGE", goods: [{ hsCode: "970610", description: "Antique vials", quantity: 250000, unit: "AMPOULES" }] }));
    const flag = outlier.qualityFlags.find((f) => f.rule === "QUANTITY_OUTLIER")!;
    expect(flag).toMatchObject({ severity: "WARNING", field: "goods[0].quantity" });
    expect(flag.explanation).toMatch(/250,000 AMPOULES is far above what is usual for CULTURAL_HERITAGE in AMPOULES \(median 10 AMPOULES over 40 goods lines/);
    const usualOne = await upsert(seizureRecord("Q-STAT-OK", { commodity: "CULTURAL_HERITAGE", goods: [{ hsCode: "970610", description: "Antique vial", quantity: 11, unit: "AMPOULES" }] }));
    expect(rules(usualOne)).toEqual([]);
  });

  it("computes flags on imported rows too: the job counts them and they appear on the records", async () => {
    const rows = [
      seizureRecord("Q-IMP-1"),
      seizureRecord("Q-IMP-2", { conveyance: { mode: "POSTAL" }, placeLocode: "NLAMS", goods: [{ hsCode: "120400", description: "Powder", quantity: 50, unit: "KG" }] }),
    ];
    const job = await importer.run("seizures", await files.write("seizures", "csv", rows), { agency: AGENCY });
    expect(job).toMatchObject({ accepted: 2, rejected: 0, flagged: 1 });
    const res = await stack.query<{ seizureByCase: Case }>(
      `query($agency: String!) { seizureByCase(reportingAgency: $agency, caseNumber: "Q-IMP-2") { ${FIELDS} } }`,
      { agency: AGENCY },
      await authHeaders({ role: "investigator", agency: AGENCY }),
    );
    expect(rules(res.data!.seizureByCase)).toEqual(["CONVEYANCE_IMPLAUSIBLE"]);
  });
});
