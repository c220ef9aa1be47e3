import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { authHeaders } from "../support/auth.js";
import { createParty, deleteAgencyData, minimalCase, upsertSeizure } from "../support/seizures.js";
import { startTestStack, unique, type TestStack } from "../support/stack.js";

/**
 * No N+1: the number of Cypher statements a list query costs must not depend on the list's length. All
 * subgraphs run in this process, so one subgraph's /metrics shows every statement sent
 * (`cix_cypher_queries_total`, counted in core's Database).
 */
const CASES = 55;

const QUERY = `query($filter: SeizureFilter, $first: Int!) {
  seizures(filter: $filter, first: $first) {
    nodes {
      id caseNumber
      place { locode name coordinates { latitude longitude } }
      goods { hsCode quantity unit }
      route { seq role place { locode country } }
      conveyance { mode }
      photos { sha256 }
      offenders { id }
      shipments { trackingNumber }
    }
  }
}`;

interface Listed {
  seizures: {
    nodes: Array<{ goods: unknown[]; route: unknown[]; offenders: unknown[]; shipments: unknown[]; place: { name: string } | null }>;
  };
}

describe("round trips: Cypher statements per request do not grow with the list", () => {
  let stack: TestStack;
  let as: Record<string, string>;
  let metricsUrl: string;
  const agency = unique("TEST-RT");

  beforeAll(async () => {
    stack = await startTestStack();
    as = await authHeaders({ role: "investigator", agency, country: "NL", purpose: "CASE-2024-roundtrip-test" });
    metricsUrl = stack.subgraphs.seizures.url.replace(/\/graphql$/, "/metrics");
    const offenders: string[] = [];
    for (let i = 0; i < 5; i++) offenders.push(await createParty(stack, "Person", as));
    const seed = async (i: number) => {
      const day = String(1 + (i % 28)).padStart(2, "0");
      const res = await upsertSeizure(
        stack,
        minimalCase(`RT-${i}`, {
          seizedAt: `2024-0${1 + (i % 9)}-${day}T${String(i % 24).padStart(2, "0")}:00:00Z`,
          placeLocode: i % 2 ? "NLRTM" : "BEANR",
          conveyance: { mode: "EXPRESS" },
          goods: [
            { hsCode: "240220", description: "Cigarettes", quantity: 1000 + i, unit: "STICKS" },
            { hsCode: "2403", description: "Tobacco", quantity: 1 + i, unit: "KG" },
          ],
          route: [
            { seq: 1, role: "DEPARTURE", locode: "CNSHA" },
            { seq: 2, role: "DESTINATION", country: "NL" },
          ],
          offenderIds: [offenders[i % offenders.length]!],
        }),
        as,
      );
      expect(res.errors).toBeUndefined();
      const shipment = await stack.query(
        `mutation($input: ShipmentInput!) { upsertShipment(input: $input) { id } }`,
        { input: { carrier: "TEST-EXPRESS", trackingNumber: unique("RT").replace(/-/g, ""), deliveryMode: "EXPRESS", seizureId: res.data!.upsertSeizure.id } },
        as,
      );
      expect(shipment.errors).toBeUndefined();
    };
    for (let i = 0; i < CASES; i += 11) await Promise.all(Array.from({ length: Math.min(11, CASES - i) }, (_, k) => seed(i + k)));
  });

  afterAll(async () => {
    await stack.db.write("MATCH (sh:Shipment)-[:SEIZED_IN]->(:Seizure { reportingAgency: $agency }) DETACH DELETE sh", { agency });
    await deleteAgencyData(stack.db, agency);
    await stack.stop();
  });

  async function cypherCount(): Promise<number> {
    const text = await (await fetch(metricsUrl)).text();
    return text
      .split("\n")
      .filter((line) => line.startsWith("cix_cypher_queries_total{"))
      .reduce((sum, line) => sum + Number(line.slice(line.lastIndexOf(" ") + 1)), 0);
  }

  async function statementsFor(first: number): Promise<number> {
    const before = await cypherCount();
    const res = await stack.query<Listed>(QUERY, { filter: { reportingAgency: agency }, first }, as);
    const after = await cypherCount();
    expect(res.errors).toBeUndefined();
    const nodes = res.data!.seizures.nodes;
    expect(nodes).toHaveLength(first);
    // Every nested field really was resolved, so its loader really ran.
    for (const node of nodes) {
      expect(node.goods).toHaveLength(2);
      expect(node.route).toHaveLength(2);
      expect(node.offenders).toHaveLength(1);
      expect(node.shipments).toHaveLength(1);
      expect(node.place?.name).toBeTruthy();
    }
    return after - before;
  }

  it("costs as many statements for 50 cases as for 5", async () => {
    await statementsFor(5); // warm-up: nothing lazily loaded is counted below
    const five = await statementsFor(5);
    const fifty = await statementsFor(50);
    expect(five).toBeGreaterThan(0);
    expect(fifty, `statements for 5 cases: ${five}, for 50: ${fifty}`).toBe(five);
  });
});
