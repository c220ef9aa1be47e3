import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { authHeaders } from "../support/auth.js";
import { createParty, deleteAgencyData, firstError, minimalCase, SEIZURE_FIELDS, upsertSeizure, type SeizureView } from "../support/seizures.js";
import { startTestStack, unique, type TestStack } from "../support/stack.js";

describe("seizures: CEN cases through the gateway, stored in Neo4j", () => {
  let stack: TestStack;
  let as: Record<string, string>;
  const agency = unique("TEST-SZ");

  beforeAll(async () => {
    stack = await startTestStack();
    as = await authHeaders({ role: "investigator", agency, country: "NL", purpose: "CASE seizures-e2e" });
  });

  afterAll(async () => {
    await deleteAgencyData(stack.db, agency);
    await stack.stop();
  });

  it("creates a full case and reads every field back", async () => {
    const person = await createParty(stack, "Person", as);
    const company = await createParty(stack, "Company", as);
    const input = {
      caseNumber: "NL/2024/0001",
      seizedAt: "2024-03-01T11:15:00+01:00",
      placeLocode: "nl rtm",
      commodity: "DRUGS",
      detectionMethod: "XRAY_SCANNER",
      offenceType: "SMUGGLING",
      goods: [
        { hsCode: "2939", description: "Cocaine hydrochloride in bricks", quantity: 12.5, unit: "KG", estimatedValue: 500000, currency: "eur" },
        { hsCode: "0106.32", description: "Live grey parrots", quantity: 3, unit: "SPECIMENS", speciesName: "Psittacus erithacus", citesAppendix: "I" },
      ],
      conveyance: { mode: "SEA", carrierName: "Example Line", voyageNumber: "123W", vesselImo: "IMO 9074729" },
      route: [
        { seq: 1, role: "DEPARTURE", locode: "ECGYE" },
        { seq: 2, role: "TRANSIT", country: "ES" },
        { seq: 3, role: "DESTINATION", locode: "NLRTM", country: "NL" },
      ],
      concealment: { method: "CONTAINER", description: "Behind the reefer unit's panel" },
      reviewStatus: "SUBMITTED",
      offenderIds: [person, company],
      markings: { handling: "H1", tlp: "GREEN", sourceReliability: "B", informationAccuracy: "KNOWN_TO_SOURCE" },
    };
    const created = await upsertSeizure(stack, input, as);
    expect(created.errors).toBeUndefined();
    const id = created.data!.upsertSeizure.id;

    const back = await stack.query<{ seizure: SeizureView }>(`query($id: ID!) { seizure(id: $id) { ${SEIZURE_FIELDS} } }`, { id }, as);
    expect(back.errors).toBeUndefined();
    const s = back.data!.seizure;
    expect(s).toMatchObject({
      id,
      caseNumber: "NL/2024/0001",
      reportingAgency: agency,
      reportingCountry: "NL",
      seizedAt: "2024-03-01T10:15:00.000Z",
      commodity: "DRUGS",
      detectionMethod: "XRAY_SCANNER",
      offenceType: "SMUGGLING",
      reviewStatus: "SUBMITTED",
      returnReason: null,
      ownerAgency: agency,
      source: "graphql:upsertSeizure",
      markings: { handling: "H1", tlp: "GREEN", sourceReliability: "B", informationAccuracy: "KNOWN_TO_SOURCE" },
      place: {
        locode: "NLRTM",
        country: "NL",
        countryName: "Netherlands",
        name: "Rotterdam",
        subdivision: "ZH",
        coordinates: { latitude: expect.closeTo(51.9167, 3), longitude: 4.5 },
        functions: ["PORT", "RAIL_TERMINAL", "ROAD_TERMINAL", "AIRPORT", "POSTAL_EXCHANGE"],
      },
      conveyance: { mode: "SEA", carrierName: "Example Line", airlineCode: null, flightNumber: null, voyageNumber: "123W", vesselImo: "9074729", vehicleRegistration: null },
      concealment: { method: "CONTAINER", description: "Behind the reefer unit's panel" },
      photos: [],
      offenders: [{ id: person }, { id: company }],
    });
    expect(Date.parse(s.updatedAt as string)).toBeGreaterThanOrEqual(Date.parse(s.createdAt as string));
    expect(s.goods).toEqual([
      {
        id: expect.any(String), seq: 1, hsCode: "2939", description: "Cocaine hydrochloride in bricks", quantity: 12.5, unit: "KG",
        estimatedValue: 500000, currency: "EUR", speciesName: null, citesAppendix: null,
      },
      {
        id: expect.any(String), seq: 2, hsCode: "010632", description: "Live grey parrots", quantity: 3, unit: "SPECIMENS",
        estimatedValue: null, currency: null, speciesName: "Psittacus erithacus", citesAppendix: "I",
      },
    ]);
    expect(s.route).toEqual([
      { seq: 1, role: "DEPARTURE", place: { locode: "ECGYE", country: "EC", name: "Guayaquil", coordinates: { latitude: expect.closeTo(-2.1667, 3), longitude: -79.9 } } },
      { seq: 2, role: "TRANSIT", place: { locode: null, country: "ES", name: "Spain", coordinates: null } },
      { seq: 3, role: "DESTINATION", place: { locode: "NLRTM", country: "NL", name: "Rotterdam", coordinates: { latitude: expect.closeTo(51.9167, 3), longitude: 4.5 } } },
    ]);

    // The same case by its natural key.
    const byCase = await stack.query<{ seizureByCase: { id: string } }>(
      `query($a: String!, $c: String!) { seizureByCase(reportingAgency: $a, caseNumber: $c) { id } }`,
      { a: agency, c: "NL/2024/0001" },
      as,
    );
    expect(byCase.data!.seizureByCase).toEqual({ id });

    // In the graph as the model says: place, legs, goods and offenders are linked nodes.
    const [graph] = await stack.db.read<{ at: string; legs: string[]; goods: string[]; offenders: string[]; seizedAt: string }>(
      `MATCH (s:Seizure { id: $id })-[:AT]->(at:Place)
       RETURN at.locode AS at, s.seizedAt AS seizedAt,
              [(s)-[l:LEG]->(p:Place) | toString(l.seq) + ':' + l.role + ':' + p.key] AS legs,
              [(s)-[:GOODS]->(g:GoodsItem) | g.hsCode] AS goods,
              [(s)-[:OFFENDER]->(o) | CASE WHEN o:Person THEN 'Person' WHEN o:Company THEN 'Company' END] AS offenders`,
      { id },
    );
    expect(graph!.at).toBe("NLRTM");
    expect(graph!.seizedAt).toBe("2024-03-01T10:15:00.000Z");
    expect([...graph!.legs].sort()).toEqual(["1:DEPARTURE:ECGYE", "2:TRANSIT:ES", "3:DESTINATION:NLRTM"]);
    expect([...graph!.goods].sort()).toEqual(["010632", "2939"]);
    expect([...graph!.offenders].sort()).toEqual(["Company", "Person"]);
  });

  it("stores air and road conveyances with normalised identifiers", async () => {
    const air = await upsertSeizure(
      stack,
      minimalCase("AIR-1", { placeLocode: "NLAMS", conveyance: { mode: "AIR", carrierName: "KLM", airlineCode: "kl", flightNumber: "kl 1234" } }),
      as,
    );
    expect(air.errors).toBeUndefined();
    expect(air.data!.upsertSeizure.conveyance).toEqual({
      mode: "AIR", carrierName: "KLM", airlineCode: "KL", flightNumber: "KL1234", voyageNumber: null, vesselImo: null, vehicleRegistration: null,
    });
    const road = await upsertSeizure(stack, minimalCase("ROAD-1", { conveyance: { mode: "ROAD", vehicleRegistration: " ab-123-c " } }), as);
    expect(road.errors).toBeUndefined();
    expect(road.data!.upsertSeizure.conveyance).toMatchObject({ mode: "ROAD", vehicleRegistration: "AB-123-C" });
  });

  it("upserts idempotently on (agency, case number): goods lines and legs are replaced, not added", async () => {
    const full = minimalCase("IDEM-1", {
      goods: [
        { hsCode: "240220", description: "Cigarettes", quantity: 10000, unit: "STICKS" },
        { hsCode: "2403", description: "Water-pipe tobacco", quantity: 50, unit: "KG" },
        { description: "Rolling papers", quantity: 200, unit: "PACKS" },
      ],
      route: [
        { seq: 1, role: "DEPARTURE", locode: "AEJEA" },
        { seq: 2, role: "TRANSIT", locode: "BEANR" },
        { seq: 3, role: "DESTINATION", locode: "NLRTM" },
      ],
    });
    const first = await upsertSeizure(stack, full, as);
    expect(first.errors).toBeUndefined();
    const again = await upsertSeizure(stack, full, as);
    expect(again.data!.upsertSeizure.id).toBe(first.data!.upsertSeizure.id);
    const firstGoodsId = (first.data!.upsertSeizure.goods as Array<{ id: string }>)[0]!.id;

    const smaller = await upsertSeizure(
      stack,
      {
        ...full,
        commodity: "ALCOHOL",
        goods: [{ hsCode: "220300", description: "Beer", quantity: 400, unit: "L" }],
        route: [
          { seq: 1, role: "DEPARTURE", country: "BE" },
          { seq: 2, role: "DESTINATION", locode: "NLRTM" },
        ],
      },
      as,
    );
    expect(smaller.errors).toBeUndefined();
    const s = smaller.data!.upsertSeizure;
    expect(s.id).toBe(first.data!.upsertSeizure.id);
    expect(s.commodity).toBe("ALCOHOL");
    expect(s.goods).toEqual([expect.objectContaining({ id: firstGoodsId, seq: 1, hsCode: "220300", description: "Beer", quantity: 400, unit: "L" })]);
    expect((s.route as Array<{ role: string; place: { country: string } }>).map((l) => `${l.role}:${l.place.country}`)).toEqual([
      "DEPARTURE:BE",
      "DESTINATION:NL",
    ]);

    const [counts] = await stack.db.read<{ cases: number; goods: number; legs: number; orphans: number }>(
      `MATCH (s:Seizure { reportingAgency: $agency, caseNumber: 'IDEM-1' })
       RETURN count(DISTINCT s) AS cases, COUNT { (s)-[:GOODS]->() } AS goods, COUNT { (s)-[:LEG]->() } AS legs,
              COUNT { MATCH (g:GoodsItem) WHERE g.description IN ['Water-pipe tobacco', 'Rolling papers'] AND NOT (g)<-[:GOODS]-() } AS orphans`,
      { agency },
    );
    expect(counts).toEqual({ cases: 1, goods: 1, legs: 2, orphans: 0 });
  });

  it("keeps offenders when offenderIds is omitted and removes them with []", async () => {
    const person = await createParty(stack, "Person", as);
    const withOffender = await upsertSeizure(stack, minimalCase("OFF-1", { offenderIds: [person, person] }), as);
    expect(withOffender.data!.upsertSeizure.offenders).toEqual([{ id: person }]);
    const omitted = await upsertSeizure(stack, minimalCase("OFF-1"), as);
    expect(omitted.data!.upsertSeizure.offenders).toEqual([{ id: person }]);
    const cleared = await upsertSeizure(stack, minimalCase("OFF-1", { offenderIds: [] }), as);
    expect(cleared.data!.upsertSeizure.offenders).toEqual([]);
  });

  it("lists a party's cases as Party.seizures, paged, through the entities subgraph and through offenders", async () => {
    const person = await createParty(stack, "Person", as);
    await upsertSeizure(stack, minimalCase("PARTY-OLD", { seizedAt: "2023-05-01T00:00:00Z", offenderIds: [person] }), as);
    await upsertSeizure(stack, minimalCase("PARTY-NEW", { seizedAt: "2023-06-01T00:00:00Z", offenderIds: [person] }), as);
    const page = `seizures(first: 1, after: $after) { nodes { caseNumber } pageInfo { hasNextPage endCursor } }`;
    type PartyPage = { party: { id: string; seizures: { nodes: Array<{ caseNumber: string }>; pageInfo: { hasNextPage: boolean; endCursor: string } } } };
    const first = await stack.query<PartyPage>(`query($id: ID!, $after: String) { party(id: $id) { id ${page} } }`, { id: person, after: null }, as);
    expect(first.errors).toBeUndefined();
    expect(first.data!.party.seizures.nodes).toEqual([{ caseNumber: "PARTY-NEW" }]);
    expect(first.data!.party.seizures.pageInfo.hasNextPage).toBe(true);
    const second = await stack.query<PartyPage>(
      `query($id: ID!, $after: String) { party(id: $id) { id ${page} } }`,
      { id: person, after: first.data!.party.seizures.pageInfo.endCursor },
      as,
    );
    expect(second.data!.party.seizures.nodes).toEqual([{ caseNumber: "PARTY-OLD" }]);
    expect(second.data!.party.seizures.pageInfo.hasNextPage).toBe(false);

    const viaCase = await stack.query<{ seizureByCase: { offenders: Array<{ seizures: { nodes: Array<{ caseNumber: string }> } }> } }>(
      `query($a: String!) { seizureByCase(reportingAgency: $a, caseNumber: "PARTY-OLD") { offenders { seizures(first: 5) { nodes { caseNumber } } } } }`,
      { a: agency },
      as,
    );
    expect(viaCase.errors).toBeUndefined();
    expect(viaCase.data!.seizureByCase.offenders[0]!.seizures.nodes).toEqual([{ caseNumber: "PARTY-NEW" }, { caseNumber: "PARTY-OLD" }]);

    // Nominal: an analyst sees the case but not who the offenders are.
    const analyst = await authHeaders({ role: "analyst", agency, country: "NL", purpose: "CASE seizures-e2e" });
    const denied = await stack.query<{ seizureByCase: { caseNumber: string; offenders: null } }>(
      `query($a: String!) { seizureByCase(reportingAgency: $a, caseNumber: "PARTY-OLD") { caseNumber offenders { id } } }`,
      { a: agency },
      analyst,
    );
    expect(denied.data!.seizureByCase).toEqual({ caseNumber: "PARTY-OLD", offenders: null });
    expect(firstError(denied).code).toBe("FORBIDDEN");
  });

  describe("rejects invalid input with BAD_USER_INPUT naming the field, and writes nothing", () => {
    const cases: Array<[string, Record<string, unknown>, string]> = [
      ["an HS code not in HS 2022", { goods: [{ hsCode: "999999", description: "x", quantity: 1, unit: "KG" }] }, "input.goods[0].hsCode"],
      ["an unknown UN/LOCODE", { placeLocode: "NLZZZ" }, "input.placeLocode"],
      ["an unknown route UN/LOCODE", { route: [{ seq: 1, role: "DEPARTURE", locode: "NLQQQ" }, { seq: 2, role: "DESTINATION", country: "NL" }] }, "input.route[0].locode"],
      ["an unknown currency", { goods: [{ description: "x", quantity: 1, unit: "KG", estimatedValue: 5, currency: "EUX" }] }, "input.goods[0].currency"],
      ["an unknown airline", { conveyance: { mode: "AIR", airlineCode: "J0" } }, "input.conveyance.airlineCode"],
      ["an IMO number with a wrong check digit", { conveyance: { mode: "SEA", vesselImo: "9074728" } }, "input.conveyance.vesselImo"],
      ["a malformed flight number", { conveyance: { mode: "AIR", flightNumber: "12345678" } }, "input.conveyance.flightNumber"],
      ["a zero quantity", { goods: [{ description: "x", quantity: 0, unit: "KG" }] }, "input.goods[0].quantity"],
      ["a negative value", { goods: [{ description: "x", quantity: 1, unit: "KG", estimatedValue: -1, currency: "EUR" }] }, "input.goods[0].estimatedValue"],
      ["a value without currency", { goods: [{ description: "x", quantity: 1, unit: "KG", estimatedValue: 10 }] }, "input.goods[0].currency"],
      ["two departures", { route: [{ seq: 1, role: "DEPARTURE", country: "BE" }, { seq: 2, role: "DEPARTURE", country: "NL" }] }, "input.route"],
      ["a gap in the legs", { route: [{ seq: 1, role: "DEPARTURE", country: "BE" }, { seq: 3, role: "DESTINATION", country: "NL" }] }, "input.route[1].seq"],
      ["a leg without place", { route: [{ seq: 1, role: "DEPARTURE" }, { seq: 2, role: "DESTINATION", country: "NL" }] }, "input.route[0]"],
      ["a leg whose country contradicts its locode", { route: [{ seq: 1, role: "DEPARTURE", locode: "BEANR", country: "NL" }, { seq: 2, role: "DESTINATION", country: "NL" }] }, "input.route[0].country"],
      ["a status other than DRAFT or SUBMITTED", { reviewStatus: "VALIDATED" }, "input.reviewStatus"],
      ["an empty case number", { caseNumber: "  " }, "input.caseNumber"],
    ];

    it.each(cases)("%s", async (_what, change, field) => {
      const caseNumber = unique("BAD");
      const res = await upsertSeizure(stack, { ...minimalCase(caseNumber), ...change }, as);
      const error = firstError(res);
      expect(error.code).toBe("BAD_USER_INPUT");
      // Scalars report the path in the message (graphql-js variable coercion); our own checks in extensions.field.
      expect(error.field === field || error.message.includes(`"${field}"`), `${error.message} names ${field}`).toBe(true);
      const [row] = await stack.db.read<{ n: number }>("MATCH (s:Seizure { reportingAgency: $agency, caseNumber: $caseNumber }) RETURN count(s) AS n", { agency, caseNumber });
      expect(row!.n).toBe(0);
    });

    it("an offender id that is no Person or Company", async () => {
      const person = await createParty(stack, "Person", as);
      const caseNumber = unique("BAD");
      const res = await upsertSeizure(stack, minimalCase(caseNumber, { offenderIds: [person, "no-such-party"] }), as);
      expect(firstError(res)).toMatchObject({ code: "BAD_USER_INPUT", field: "input.offenderIds[1]" });
      const [row] = await stack.db.read<{ n: number }>("MATCH (s:Seizure { reportingAgency: $agency, caseNumber: $caseNumber }) RETURN count(s) AS n", { agency, caseNumber });
      expect(row!.n).toBe(0);
    });

    it("a failed re-upsert leaves the stored case as it was", async () => {
      const ok = await upsertSeizure(stack, minimalCase("KEEP-1", { goods: [{ description: "Cigarettes", quantity: 5, unit: "CARTONS" }] }), as);
      expect(ok.errors).toBeUndefined();
      const bad = await upsertSeizure(stack, minimalCase("KEEP-1", { commodity: "ALCOHOL", offenderIds: ["nobody"] }), as);
      expect(firstError(bad).code).toBe("BAD_USER_INPUT");
      const [row] = await stack.db.read<{ commodity: string; goods: number }>(
        "MATCH (s:Seizure { reportingAgency: $agency, caseNumber: 'KEEP-1' }) RETURN s.commodity AS commodity, COUNT { (s)-[:GOODS]->() } AS goods",
        { agency },
      );
      expect(row).toEqual({ commodity: "TOBACCO", goods: 1 });
    });
  });

  it("refuses writes from roles that may not write", async () => {
    const analyst = await authHeaders({ role: "analyst", agency, country: "NL" });
    const res = await upsertSeizure(stack, minimalCase(unique("ANALYST")), analyst);
    expect(firstError(res).code).toBe("FORBIDDEN");
  });
});
