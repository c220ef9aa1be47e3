import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { authHeaders } from "../support/auth.js";
import { startTestStack, unique, type TestStack } from "../support/stack.js";

describe("foundation: the gateway federates the subgraphs over the real Neo4j", () => {
  let stack: TestStack;
  let as: Record<string, string>;
  const agency = unique("TEST-AGENCY");

  beforeAll(async () => {
    stack = await startTestStack();
    as = await authHeaders({ role: "investigator", agency });
  });

  afterAll(async () => {
    await stack.db.write(
      "MATCH (s:Seizure { reportingAgency: $agency }) OPTIONAL MATCH (sh:Shipment)-[:SEIZED_IN]->(s) DETACH DELETE s, sh",
      { agency },
    );
    await stack.stop();
  });

  it("round-trips a seizure and a shipment through two subgraphs", async () => {
    const created = await stack.query<{ upsertSeizure: { id: string } }>(
      `mutation($input: SeizureInput!) { upsertSeizure(input: $input) { id caseNumber } }`,
      // The reporting agency is the caller's, from the token.
      { input: { caseNumber: "C-1", seizedAt: "2024-03-01T10:00:00Z", commodity: "DRUGS" } },
      as,
    );
    expect(created.errors).toBeUndefined();
    const seizureId = created.data!.upsertSeizure.id;

    const tracking = unique("RR");
    const shipment = await stack.query<{ upsertShipment: { id: string; seizure: { caseNumber: string; commodity: string; reportingAgency: string } } }>(
      `mutation($input: ShipmentInput!) { upsertShipment(input: $input) { id seizure { caseNumber commodity reportingAgency } } }`,
      { input: { trackingNumber: tracking, carrier: "PostNL", deliveryMode: "EXPRESS", seizureId } },
      as,
    );
    expect(shipment.errors).toBeUndefined();
    expect(shipment.data!.upsertShipment.seizure).toEqual({ caseNumber: "C-1", commodity: "DRUGS", reportingAgency: agency });

    const back = await stack.query<{ seizure: { shipments: Array<{ trackingNumber: string }> } }>(
      `query($id: ID!) { seizure(id: $id) { caseNumber shipments { trackingNumber carrier } } }`,
      { id: seizureId },
      as,
    );
    expect(back.errors).toBeUndefined();
    expect(back.data!.seizure.shipments).toEqual([{ trackingNumber: tracking, carrier: "PostNL" }]);

    // The data really is in Neo4j, linked as the model says.
    const rows = await stack.db.read<{ n: number }>(
      "MATCH (:Shipment { trackingNumber: $tracking })-[:SEIZED_IN]->(:Seizure { id: $seizureId }) RETURN count(*) AS n",
      { tracking, seizureId },
    );
    expect(rows[0]!.n).toBe(1);
  });

  it("upserts on the natural key instead of duplicating", async () => {
    const input = { caseNumber: "C-2", seizedAt: "2024-03-02T10:00:00Z", commodity: "TOBACCO" };
    const first = await stack.query<{ upsertSeizure: { id: string } }>(`mutation($input: SeizureInput!) { upsertSeizure(input: $input) { id } }`, { input }, as);
    const second = await stack.query<{ upsertSeizure: { id: string } }>(`mutation($input: SeizureInput!) { upsertSeizure(input: $input) { id } }`, { input: { ...input, commodity: "ALCOHOL" } }, as);
    expect(second.data!.upsertSeizure.id).toBe(first.data!.upsertSeizure.id);
    const rows = await stack.db.read<{ n: number; commodity: string }>(
      "MATCH (s:Seizure { reportingAgency: $agency, caseNumber: 'C-2' }) RETURN count(s) AS n, collect(s.commodity)[0] AS commodity",
      { agency },
    );
    expect(rows[0]).toEqual({ n: 1, commodity: "ALCOHOL" });
  });

  it("answers errors without stack traces, hosts or Cypher", async () => {
    const res = await stack.query(`{ seizure(id: "x") { nope } }`, undefined, as);
    expect(res.status).toBe(400);
    expect(res.errors![0]!.extensions!.code).toBe("GRAPHQL_VALIDATION_FAILED");
    const text = JSON.stringify(res);
    expect(text).not.toMatch(/stacktrace|127\.0\.0\.1|MATCH|at .*\.ts/);
  });

  it("reports health and readiness, naming a subgraph that is down", async () => {
    const base = stack.gatewayUrl.replace("/graphql", "");
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
    const ready = await fetch(`${base}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ status: "ready", checks: { seizures: "ok", entities: "ok", ecommerce: "ok", neo4j: "ok" } });

    await stack.subgraphs.ecommerce.stop();
    const down = await fetch(`${base}/readyz`);
    expect(down.status).toBe(503);
    expect(await down.json()).toMatchObject({ status: "unavailable", checks: { ecommerce: "unreachable", seizures: "ok" } });
  });
});
