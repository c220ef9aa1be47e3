import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { authHeaders } from "../support/auth.js";
import { deleteAgencyRecords } from "../support/cleanup.js";
import { ok, upsertShipment } from "../support/ecommerce.js";
import { upsertSeizure } from "../support/seizures.js";
import { startTestStack, unique, type GraphQLResponse, type TestStack } from "../support/stack.js";
import { buildAnalysisFixture, type AnalysisFixture } from "./analysis-fixture.js";

const NODE = "id kind pseudonymous hop degree";
const EDGE = "type source target directed role since until at provenance { ownerAgency source createdAt }";
const CUT = "id kind degree reason";

interface Node {
  id: string;
  kind: string;
  pseudonymous: boolean;
  hop: number;
  degree: number;
  record?: Record<string, unknown> | null;
}
interface Edge {
  type: string;
  source: string;
  target: string;
  at: string | null;
  provenance: { ownerAgency: string | null };
}
interface Cut {
  id: string;
  kind: string;
  degree: number;
  reason: string;
}
interface NetworkOut {
  nodes: Node[];
  edges: Edge[];
  truncated: boolean;
  cut: Cut[];
}
interface Route {
  record: Node;
  steps: Edge[];
}
interface LinkOut {
  via: string;
  identifier: Node | null;
  trackingNumber: string | null;
  from: Route;
  to: Route;
}
interface CommunityOut {
  id: number;
  size: number;
  members: Node[];
  seizureCount: number;
  commodities: Array<{ value: string; count: number }>;
  locodes: Array<{ value: string; count: number }>;
}
interface CommunitiesOut {
  communities: CommunityOut[];
  modularity: number;
  cut: Cut[];
}
interface PathOut {
  length: number;
  nodes: Node[];
  edges: Edge[];
  startsAt: string | null;
  endsAt: string | null;
}

const NETWORK = `query($from: [ID!]!, $hops: Int, $types: [RelationshipType!], $since: DateTime, $until: DateTime, $limit: Int) {
  network(from: $from, hops: $hops, relationshipTypes: $types, since: $since, until: $until, limit: $limit) {
    nodes { ${NODE} record { __typename ... on Person { fullName } ... on Phone { number } ... on Seizure { caseNumber } } }
    edges { ${EDGE} } truncated cut { ${CUT} }
  }
}`;

const SHARED = `query($ids: [ID!]!) {
  sharedIdentifiers(ids: $ids) {
    links { via trackingNumber identifier { ${NODE} } from { record { ${NODE} } steps { ${EDGE} } } to { record { ${NODE} } steps { ${EDGE} } } }
    truncated cut { ${CUT} }
  }
}`;

const PATHS = `query($from: ID!, $to: ID!, $maxHops: Int, $mode: PathMode, $limit: Int) {
  paths(from: $from, to: $to, maxHops: $maxHops, mode: $mode, limit: $limit) {
    paths { length startsAt endsAt nodes { ${NODE} } edges { ${EDGE} } } truncated cut { ${CUT} }
  }
}`;

const COMMUNITIES = `query($scope: NetworkScopeInput!, $algorithm: CommunityAlgorithm) {
  communities(scope: $scope, algorithm: $algorithm) {
    algorithm modularity truncated cut { ${CUT} }
    communities { id size seizureCount members { id kind } commodities { value count } locodes { value count } }
  }
}`;

const CENTRALITY = `query($scope: NetworkScopeInput!, $measure: CentralityMeasure!, $top: Int) {
  centrality(scope: $scope, measure: $measure, top: $top) { measure nodeCount truncated scores { rank score node { ${NODE} } } cut { ${CUT} } }
}`;

const CONNECTING = `query($ids: [ID!]!, $maxHops: Int) {
  connectingNetwork(ids: $ids, maxHops: $maxHops) { nodes { ${NODE} } edges { ${EDGE} } unconnected { ${NODE} } truncated cut { ${CUT} } }
}`;

function code(res: GraphQLResponse<unknown>): unknown {
  return res.errors?.[0]?.extensions?.code;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

describe("link analysis: networks, shared identifiers, paths and clusters over seizures, parties and e-commerce data", () => {
  let stack: TestStack;
  let fx: AnalysisFixture;
  const agency = unique("TEST-LA");
  const otherAgency = unique("TEST-LB");
  let investigator: Record<string, string>;
  let analyst: Record<string, string>;

  beforeAll(async () => {
    stack = await startTestStack();
    investigator = await authHeaders({ role: "investigator", agency, purpose: "CASE-2024-link-analysis" });
    analyst = await authHeaders({ role: "analyst", agency });
    const otherInvestigator = await authHeaders({ role: "investigator", agency: otherAgency, purpose: "CASE-2024-link-analysis" });
    fx = await buildAnalysisFixture(stack, investigator, otherInvestigator, agency, otherAgency);
  }, 180_000);

  afterAll(async () => {
    if (!stack) return;
    await deleteAgencyRecords(stack.db, agency);
    await deleteAgencyRecords(stack.db, otherAgency);
    await stack.stop();
  });

  const network = async (variables: Record<string, unknown>, headers = investigator) =>
    ok(await stack.query<{ network: NetworkOut }>(NETWORK, variables, headers)).network;

  it("from one seizure, sharedIdentifiers reaches the rest of its ring through the shared phone and account", async () => {
    const [sa1, sa2, sa3] = fx.ringA.seizures;
    const [a1, a2, a3, a4] = fx.ringA.persons;
    const result = ok(await stack.query<{ sharedIdentifiers: { links: LinkOut[]; truncated: boolean; cut: Cut[] } }>(SHARED, { ids: [sa1] }, investigator))
      .sharedIdentifiers;
    const byPhone = result.links.filter((l) => l.via === "PHONE");
    const reachedByPhone = new Set(byPhone.map((l) => l.to.record.id));
    for (const id of [a2, a3, a4, sa2, sa3, fx.ringA.order]) expect(reachedByPhone).toContain(id);
    expect(byPhone.every((l) => l.identifier?.id === fx.ringA.phone && l.from.record.id === sa1)).toBe(true);

    // How each side reaches the phone: seizure OFFENDER person USES phone; the other case the same way; the order DECLARED it.
    const toSa2 = byPhone.find((l) => l.to.record.id === sa2)!;
    expect(toSa2.from.steps.map((s) => s.type)).toEqual(["OFFENDER", "USES"]);
    expect(toSa2.from.steps[0]).toMatchObject({ source: sa1, target: a1 });
    expect(toSa2.to.steps.map((s) => s.type)).toEqual(["OFFENDER", "USES"]);
    expect(toSa2.to.steps[1]!.target).toBe(fx.ringA.phone);
    const toOrder = byPhone.find((l) => l.to.record.id === fx.ringA.order)!;
    expect(toOrder.to.steps).toMatchObject([{ type: "DECLARED", role: "buyer", source: fx.ringA.order, target: fx.ringA.phone }]);

    const byAccount = result.links.filter((l) => l.via === "BANK_ACCOUNT");
    expect(byAccount.map((l) => l.to.record.id)).toEqual(expect.arrayContaining([a2, a3, a4, fx.ringA.payment]));
    expect(byAccount.find((l) => l.to.record.id === fx.ringA.payment)!.to.steps.map((s) => s.type)).toEqual(["FROM"]);

    // The shipment seized in SA1 was recorded by another agency under the same tracking number.
    const twin = result.links.find((l) => l.via === "TRACKING_NUMBER")!;
    expect(twin).toMatchObject({ identifier: null, to: { record: { id: fx.twinShipment, kind: "SHIPMENT" } } });
    expect(twin.from.steps).toMatchObject([{ type: "SEIZED_IN", source: fx.ringA.shipment, target: sa1 }]);

    const reached = new Set(result.links.map((l) => l.to.record.id));
    for (const id of [...fx.ringB.persons, ...fx.ringB.seizures, ...fx.noise.persons, ...fx.noise.seizures]) expect(reached).not.toContain(id);
    expect(result.links.every((l) => !l.to.record.pseudonymous)).toBe(true);
  });

  it("sharedIdentifiers links cases through a company: parcels consigned to it, cases naming it, people working for it", async () => {
    const company = ok(
      await stack.query<{ upsertCompany: { id: string } }>(
        "mutation($i: CompanyInput!) { upsertCompany(input: $i) { id } }",
        { i: { name: "Consignee Test BV", registrationNumber: unique("KVK"), registrationCountry: "NL" } },
        investigator,
      ),
    ).upsertCompany.id;
    const employee = ok(
      await stack.query<{ upsertPerson: { id: string } }>(
        "mutation($i: PersonInput!) { upsertPerson(input: $i) { id } }",
        { i: { fullName: "Consignee Test Clerk", reference: unique("REF") } },
        investigator,
      ),
    ).upsertPerson.id;
    ok(
      await stack.query(
        "mutation($i: CompanyRoleInput!) { linkCompanyRole(input: $i) { id } }",
        { i: { personId: employee, companyId: company, role: "EMPLOYEE" } },
        investigator,
      ),
    );
    const seizure = async (offenderIds: string[]) =>
      ok(await upsertSeizure(stack, { caseNumber: unique("LC"), seizedAt: "2024-05-01T10:00:00Z", commodity: "WEAPONS_AMMUNITION", placeLocode: "NLRTM", offenderIds }, investigator))
        .upsertSeizure.id;
    const [parcelCase, otherParcelCase, clerkCase, companyCase] = await Promise.all([seizure([]), seizure([]), seizure([employee]), seizure([company])]);
    const parcel = async (seizureId: string) =>
      ok(
        await upsertShipment(
          stack,
          { trackingNumber: unique("TRK").replace(/-/g, ""), carrier: "ExpressTest", deliveryMode: "EXPRESS", shippedAt: "2024-04-28T08:00:00Z", consigneePartyId: company, seizureId },
          investigator,
          "id",
        ),
      ).upsertShipment.id;
    await Promise.all([parcel(parcelCase), parcel(otherParcelCase)]);

    const links = ok(await stack.query<{ sharedIdentifiers: { links: LinkOut[] } }>(SHARED, { ids: [parcelCase] }, investigator)).sharedIdentifiers.links;
    const byCompany = links.filter((l) => l.via === "COMPANY" && l.identifier?.id === company);
    const reached = new Set(byCompany.map((l) => l.to.record.id));
    for (const id of [otherParcelCase, clerkCase, companyCase, employee]) expect(reached).toContain(id);
    const toOther = byCompany.find((l) => l.to.record.id === otherParcelCase)!;
    expect(toOther.from.steps.map((s) => s.type)).toEqual(["SEIZED_IN", "CONSIGNEE"]);
    expect(toOther.to.steps.map((s) => s.type)).toEqual(["SEIZED_IN", "CONSIGNEE"]);
    expect(byCompany.find((l) => l.to.record.id === clerkCase)!.to.steps.map((s) => s.type)).toEqual(["OFFENDER", "EMPLOYED_BY"]);

    // From the case that names the company as offender, the parcels' cases are reached the same way.
    const fromCompanyCase = ok(await stack.query<{ sharedIdentifiers: { links: LinkOut[] } }>(SHARED, { ids: [companyCase] }, investigator)).sharedIdentifiers.links;
    expect(fromCompanyCase.filter((l) => l.via === "COMPANY").map((l) => l.to.record.id)).toEqual(expect.arrayContaining([parcelCase, otherParcelCase, clerkCase]));
  });

  it("network from one seizure reaches the other members of its ring, with typed, dated edges and provenance", async () => {
    const [sa1] = fx.ringA.seizures;
    const result = await network({ from: [sa1], hops: 3 });
    const ids = new Set(result.nodes.map((n) => n.id));
    for (const id of [...fx.ringA.persons, fx.ringA.phone, fx.ringA.order, fx.ringA.shipment, fx.ringA.payment]) expect(ids).toContain(id);
    for (const id of [...fx.ringB.persons, ...fx.ringB.seizures, ...fx.noise.persons]) expect(ids).not.toContain(id);
    expect(result.nodes[0]).toMatchObject({ id: sa1, kind: "SEIZURE", hop: 0, pseudonymous: false, record: { __typename: "Seizure" } });
    const a2 = result.nodes.find((n) => n.id === fx.ringA.persons[1])!;
    expect(a2).toMatchObject({ kind: "PERSON", hop: 3, pseudonymous: false, record: { __typename: "Person", fullName: "Ringa Alpha Two" } });
    const offender = result.edges.find((e) => e.type === "OFFENDER" && e.source === sa1)!;
    expect(offender).toMatchObject({ target: fx.ringA.persons[0], at: "2024-01-10T10:00:00.000Z", provenance: { ownerAgency: agency } });
    const declared = result.edges.find((e) => e.type === "DECLARED")!;
    expect(declared).toMatchObject({ source: fx.ringA.order, target: fx.ringA.phone, at: "2024-01-05T08:00:00.000Z" });
    // Every edge joins two returned nodes.
    expect(result.edges.every((e) => ids.has(e.source) && ids.has(e.target))).toBe(true);
    expect(result.truncated).toBe(false);

    // Relationship types and a time window narrow the walk.
    const offendersOnly = await network({ from: [sa1], hops: 3, types: ["OFFENDER", "USES"] });
    expect(offendersOnly.nodes.map((n) => n.id)).not.toContain(fx.ringA.shipment);
    expect(offendersOnly.nodes.map((n) => n.id)).toContain(fx.ringA.persons[1]);
    const before = await network({ from: [fx.ringA.persons[2]], hops: 1, types: ["OFFENDER"], until: "2024-02-28T00:00:00Z" });
    expect(before.nodes.map((n) => n.id).sort()).toEqual([fx.ringA.persons[2], fx.ringA.seizures[1]].sort());
  });

  it("cuts a super-node: it is returned with its degree and kind, but its 600 users are not", async () => {
    const a3 = fx.ringA.persons[2]!;
    const result = await network({ from: [a3], hops: 2 });
    expect(result.cut).toEqual([expect.objectContaining({ id: fx.superPhone, kind: "PHONE" })]);
    expect(result.cut[0]!.degree).toBeGreaterThan(600);
    expect(result.cut[0]!.reason).toMatch(/super-node.*CIX_SUPERNODE_DEGREE/i);
    expect(result.nodes.map((n) => n.id)).toContain(fx.superPhone);
    expect(result.nodes.length).toBeLessThan(40);
    expect(result.nodes.map((n) => n.id)).not.toContain(fx.noise.persons[0]);
    expect(result.truncated).toBe(false);
  });

  it("paths: shortest and all shortest between two seizures of a ring; time-ordered only in the order things happened", async () => {
    const [sa1, sa2] = fx.ringA.seizures;
    const shortest = ok(await stack.query<{ paths: { paths: PathOut[]; truncated: boolean } }>(PATHS, { from: sa1, to: sa2 }, investigator)).paths;
    expect(shortest.paths).toHaveLength(1);
    expect(shortest.paths[0]!.length).toBe(4);
    expect(shortest.paths[0]!.nodes[0]!.id).toBe(sa1);
    expect(shortest.paths[0]!.nodes.at(-1)!.id).toBe(sa2);
    expect(shortest.paths[0]!.edges.map((e) => e.type)).toEqual(["OFFENDER", expect.stringMatching(/USES|HOLDS_ACCOUNT/), expect.stringMatching(/USES|HOLDS_ACCOUNT/), "OFFENDER"]);

    const all = ok(await stack.query<{ paths: { paths: PathOut[] } }>(PATHS, { from: sa1, to: sa2, mode: "ALL_SHORTEST" }, investigator)).paths;
    // A1 reaches A2 and A3 (both offenders in SA2) through the phone and through the account: 4 shortest paths.
    expect(all.paths).toHaveLength(4);
    expect(new Set(all.paths.map((p) => p.nodes[3]!.id))).toEqual(new Set([fx.ringA.persons[1], fx.ringA.persons[2]]));

    const forward = ok(await stack.query<{ paths: { paths: PathOut[] } }>(PATHS, { from: fx.ringA.order, to: sa1, mode: "TIME_ORDERED" }, investigator)).paths;
    expect(forward.paths[0]).toMatchObject({ length: 2, startsAt: "2024-01-07T08:00:00.000Z", endsAt: "2024-01-10T10:00:00.000Z" });
    expect(forward.paths[0]!.edges.map((e) => e.type)).toEqual(["FULFILLED_BY", "SEIZED_IN"]);
    const backward = ok(await stack.query<{ paths: { paths: PathOut[] } }>(PATHS, { from: sa1, to: fx.ringA.order, mode: "TIME_ORDERED" }, investigator)).paths;
    for (const path of backward.paths) {
      const dates = path.edges.flatMap((e) => (e.at ? [e.at] : []));
      expect(dates).toEqual([...dates].sort());
    }
    expect(backward.paths.some((p) => p.length === 2)).toBe(false);

    // Different rings are not linked; a path through the super-node does not count.
    const apart = ok(await stack.query<{ paths: { paths: PathOut[]; cut: Cut[] } }>(PATHS, { from: sa2, to: fx.ringB.seizures[0], maxHops: 4 }, investigator)).paths;
    expect(apart.paths).toEqual([]);
    const viaSuper = ok(await stack.query<{ paths: { paths: PathOut[]; cut: Cut[] } }>(PATHS, { from: fx.ringA.persons[2], to: fx.noise.persons[0], maxHops: 2 }, investigator))
      .paths;
    expect(viaSuper.paths).toEqual([]);
    expect(viaSuper.cut.map((c) => c.id)).toContain(fx.superPhone);
  });

  it("connectingNetwork ties seizures of one ring together and names the one that is not connected", async () => {
    const [sa1, , sa3] = fx.ringA.seizures;
    const sb1 = fx.ringB.seizures[0]!;
    const result = ok(
      await stack.query<{ connectingNetwork: { nodes: Node[]; edges: Edge[]; unconnected: Node[] } }>(CONNECTING, { ids: [sa1, sa3, sb1], maxHops: 4 }, investigator),
    ).connectingNetwork;
    expect(result.unconnected.map((n) => n.id)).toEqual([sb1]);
    const ids = result.nodes.map((n) => n.id);
    expect(ids).toEqual(expect.arrayContaining([sa1, sa3, fx.ringA.persons[0]]));
    expect(result.edges).toHaveLength(4);
    expect(ids).not.toContain(fx.ringB.persons[0]);
  });

  it("communities put each ring in one cluster, characterised by its commodities and places", async () => {
    const scope = { from: [fx.ringA.seizures[0], fx.ringB.seizures[0], ...fx.noise.seizures], hops: 4, limit: 500 };
    const louvain = ok(await stack.query<{ communities: CommunitiesOut }>(COMMUNITIES, { scope, algorithm: "LOUVAIN" }, investigator)).communities;
    const clusterOf = (communities: CommunityOut[], id: string) => communities.find((c) => c.members.some((m) => m.id === id))?.id;
    const ringA = [...fx.ringA.persons, ...fx.ringA.seizures];
    const ringB = [...fx.ringB.persons, ...fx.ringB.seizures];
    expect(new Set(ringA.map((id) => clusterOf(louvain.communities, id))).size).toBe(1);
    expect(new Set(ringB.map((id) => clusterOf(louvain.communities, id))).size).toBe(1);
    expect(clusterOf(louvain.communities, ringA[0]!)).not.toBe(clusterOf(louvain.communities, ringB[0]!));
    expect(louvain.modularity).toBeGreaterThan(0.5);
    const a = louvain.communities.find((c) => c.id === clusterOf(louvain.communities, ringA[0]!))!;
    expect(a.seizureCount).toBe(3);
    expect(a.commodities).toEqual([{ value: "DRUGS", count: 3 }]);
    expect(a.locodes).toEqual([{ value: "NLRTM", count: 2 }, { value: "NLAMS", count: 1 }]);
    const b = louvain.communities.find((c) => c.id === clusterOf(louvain.communities, ringB[0]!))!;
    expect(b).toMatchObject({ seizureCount: 2, commodities: [{ value: "TOBACCO", count: 2 }], locodes: [{ value: "BEANR", count: 2 }] });
    // The super-node is left out of the clustering, so it does not tie ring A to the noise.
    expect(louvain.cut.map((c) => c.id)).toContain(fx.superPhone);
    expect(clusterOf(louvain.communities, fx.noise.persons[0]!)).not.toBe(a.id);

    const components = ok(await stack.query<{ communities: CommunitiesOut }>(COMMUNITIES, { scope, algorithm: "CONNECTED_COMPONENTS" }, investigator)).communities;
    expect(new Set(ringA.map((id) => clusterOf(components.communities, id))).size).toBe(1);
    const lpa = ok(await stack.query<{ communities: CommunitiesOut }>(COMMUNITIES, { scope, algorithm: "LABEL_PROPAGATION" }, investigator)).communities;
    for (const cluster of lpa.communities) {
      const ids = cluster.members.map((m) => m.id);
      expect(ids.some((id) => ringA.includes(id)) && ids.some((id) => ringB.includes(id))).toBe(false);
    }
  });

  it("centrality ranks the ring phone and account as the brokers of ring A", async () => {
    const scope = { from: [fx.ringA.seizures[0]], hops: 4 };
    const result = ok(await stack.query<{ centrality: { scores: Array<{ rank: number; score: number; node: Node }>; nodeCount: number } }>(CENTRALITY, { scope, measure: "BETWEENNESS", top: 3 }, investigator)).centrality;
    expect(result.scores).toHaveLength(3);
    expect(result.scores.map((s) => s.node.id)).toContain(fx.ringA.phone);
    const degree = ok(await stack.query<{ centrality: { scores: Array<{ node: Node }> } }>(CENTRALITY, { scope, measure: "DEGREE", top: 1 }, investigator)).centrality;
    expect([fx.ringA.phone, fx.ringA.account]).toContain(degree.scores[0]!.node.id);
    const pagerank = ok(await stack.query<{ centrality: { scores: Array<{ score: number }> } }>(CENTRALITY, { scope, measure: "PAGERANK", top: 5 }, investigator)).centrality;
    expect(pagerank.scores[0]!.score).toBeGreaterThan(pagerank.scores[4]!.score);
  });

  it("an analyst sees the same structure with pseudonyms only: no person or identifier id, no name", async () => {
    const [sa1] = fx.ringA.seizures;
    const asInvestigator = await network({ from: [sa1], hops: 3 });
    const res = await stack.query<{ network: NetworkOut }>(NETWORK, { from: [sa1], hops: 3 }, analyst);
    const asAnalyst = ok(res).network;
    expect(asAnalyst.nodes).toHaveLength(asInvestigator.nodes.length);
    expect(asAnalyst.edges).toHaveLength(asInvestigator.edges.length);
    const kinds = (n: NetworkOut) => n.nodes.map((x) => `${x.kind}:${x.hop}:${x.degree}`).sort();
    expect(kinds(asAnalyst)).toEqual(kinds(asInvestigator));
    for (const node of asAnalyst.nodes) {
      if (["SEIZURE", "ORDER", "PAYMENT", "SHIPMENT"].includes(node.kind)) expect(node.pseudonymous).toBe(false);
      else expect(node).toMatchObject({ pseudonymous: true, id: expect.stringMatching(/^P-[0-9a-f]{32}$/), record: null });
    }
    expect(asAnalyst.nodes.map((n) => n.id)).toContain(sa1);

    const shared = await stack.query(SHARED, { ids: [sa1] }, analyst);
    const paths = await stack.query(PATHS, { from: sa1, to: fx.ringA.seizures[1], mode: "ALL_SHORTEST" }, analyst);
    const cut = await stack.query(NETWORK, { from: [fx.ringA.persons[2]], hops: 1 }, analyst);
    const communities = await stack.query(COMMUNITIES, { scope: { from: [sa1], hops: 4 } }, analyst);
    for (const response of [res, shared, paths, cut, communities]) {
      const json = JSON.stringify(response);
      for (const id of fx.nominalIds) expect(json).not.toContain(id);
      for (const name of [...fx.names, "Ringa", "Bulk Caller"]) expect(json).not.toContain(name);
      expect(json).not.toMatch(/\+31\d{9}/);
    }
    // Analysts starting from a person they know the id of still get a pseudonym for it.
    expect(ok(cut as GraphQLResponse<{ network: NetworkOut }>).network.cut[0]!.id).toMatch(/^P-/);

    // Pseudonyms are stable for an agency and differ between agencies.
    const again = ok(await stack.query<{ network: NetworkOut }>(NETWORK, { from: [sa1], hops: 3 }, analyst)).network;
    expect(again.nodes.map((n) => n.id).sort()).toEqual(asAnalyst.nodes.map((n) => n.id).sort());
    const elsewhere = ok(await stack.query<{ network: NetworkOut }>(NETWORK, { from: [sa1], hops: 3 }, await authHeaders({ role: "analyst", agency: "TEST-ELSEWHERE" }))).network;
    const mine = new Set(asAnalyst.nodes.filter((n) => n.pseudonymous).map((n) => n.id));
    expect(elsewhere.nodes.filter((n) => n.pseudonymous).some((n) => mine.has(n.id))).toBe(false);
  });

  it("an investigator sees real ids for the records it may read, pseudonyms for the others, and its reads are audited", async () => {
    const other = await authHeaders({ role: "investigator", agency: otherAgency, purpose: "CASE-2024-link-analysis" });
    const result = await network({ from: [fx.ringA.seizures[0]], hops: 3 }, other);
    const persons = result.nodes.filter((n) => n.kind === "PERSON");
    expect(persons.length).toBe(4);
    expect(persons.every((n) => n.pseudonymous && n.record === null)).toBe(true);
    // Its own shipment record (same tracking number) is not in this network, but the ring's seizures and orders are.
    expect(result.nodes.map((n) => n.id)).toContain(fx.ringA.order);

    // Without a purpose, the owner's own investigator sees pseudonyms too.
    const noPurpose = await network({ from: [fx.ringA.seizures[0]], hops: 3 }, await authHeaders({ role: "investigator", agency }));
    expect(noPurpose.nodes.filter((n) => n.kind === "PERSON").every((n) => n.pseudonymous)).toBe(true);

    await network({ from: [fx.ringA.seizures[2]], hops: 1 });
    const [audit] = await stack.db.read<{ n: number }>(
      "MATCH (e:AuditEntry { agency: $agency, kind: 'READ' }) WHERE $id IN e.recordIds AND e.payload CONTAINS 'NetworkNode.id' RETURN count(e) AS n",
      { agency, id: fx.ringA.persons[3] },
    );
    expect(audit!.n).toBeGreaterThan(0);
  });

  it("partners and administrators get no network (FORBIDDEN)", async () => {
    for (const role of ["partner", "admin"] as const) {
      const headers = await authHeaders({ role, agency, purpose: "CASE-2024-link-analysis" });
      const calls = [
        stack.query(NETWORK, { from: [fx.ringA.seizures[0]] }, headers),
        stack.query(SHARED, { ids: [fx.ringA.seizures[0]] }, headers),
        stack.query(PATHS, { from: fx.ringA.seizures[0], to: fx.ringA.seizures[1] }, headers),
        stack.query(CONNECTING, { ids: fx.ringA.seizures }, headers),
        stack.query(CENTRALITY, { scope: { from: [fx.ringA.seizures[0]] }, measure: "DEGREE" }, headers),
        stack.query(COMMUNITIES, { scope: { from: [fx.ringA.seizures[0]] } }, headers),
      ];
      for (const res of await Promise.all(calls)) {
        expect(code(res)).toBe("FORBIDDEN");
        expect(res.data ?? null).toBeNull();
      }
    }
  });

  it("refuses hops beyond the cap and other out-of-bounds arguments with BAD_USER_INPUT", async () => {
    // The gateway's cost estimate (10^hops) refuses deep traversals before they reach a subgraph, whether the hops
    // are a top-level argument or inside a scope.
    const nested = await stack.query(CENTRALITY, { scope: { from: [fx.ringA.seizures[0]], hops: 6 }, measure: "DEGREE" }, investigator);
    const costly = await stack.query(NETWORK, { from: [fx.ringA.seizures[0]], hops: 6 }, investigator);
    for (const refused of [nested, costly]) {
      expect(refused.status).toBe(400);
      expect(code(refused)).toBe("GRAPHQL_VALIDATION_FAILED");
      expect(refused.errors![0]!.message).toMatch(/cost limit/);
    }

    for (const [variables, field] of [
      [{ from: [fx.ringA.seizures[0]], hops: 0 }, "hops"],
      [{ from: [fx.ringA.seizures[0]], limit: 100_000 }, "limit"],
      [{ from: [] }, "from"],
      [{ from: ["no-such-record"] }, "from[0]"],
      [{ from: [fx.ringA.seizures[0]], types: [] }, "relationshipTypes"],
      [{ from: [fx.ringA.seizures[0]], since: "2024-05-01T00:00:00Z", until: "2024-01-01T00:00:00Z" }, "until"],
    ] as const) {
      const res = await stack.query(NETWORK, variables, investigator);
      expect(code(res)).toBe("BAD_USER_INPUT");
      expect(res.errors![0]!.extensions!.field).toBe(field);
    }
    const types = await stack.query(NETWORK, { from: [fx.ringA.seizures[0]], types: ["GOODS"] }, investigator);
    expect(types.status).toBe(400);
    const resolution = await stack.query(
      "query($scope: NetworkScopeInput!) { communities(scope: $scope, resolution: 0) { modularity } }",
      { scope: { from: [fx.ringA.seizures[0]] } },
      investigator,
    );
    expect(code(resolution)).toBe("BAD_USER_INPUT");
    expect(resolution.errors![0]!.extensions!.field).toBe("resolution");
  });

  it("answers a 2-hop network and a paths query quickly on this fixture", async () => {
    const time = async (run: () => Promise<unknown>) => {
      const samples: number[] = [];
      for (let i = 0; i < 7; i++) {
        const started = performance.now();
        await run();
        samples.push(performance.now() - started);
      }
      return median(samples.slice(2));
    };
    const networkMs = await time(() => network({ from: [fx.ringA.seizures[0]], hops: 2 }));
    const pathsMs = await time(async () => ok(await stack.query(PATHS, { from: fx.ringA.seizures[0], to: fx.ringA.seizures[1], mode: "ALL_SHORTEST" }, investigator)));
    process.stdout.write(`link analysis latency (median, through the gateway): network 2 hops ${networkMs.toFixed(1)} ms, paths ${pathsMs.toFixed(1)} ms\n`);
    expect(networkMs).toBeLessThan(1000);
    expect(pathsMs).toBeLessThan(1000);
  });
});

describe("link analysis: the hop cap when the gateway's cost limit allows more", () => {
  let stack: TestStack;

  beforeAll(async () => {
    stack = await startTestStack({ CIX_MAX_COST: "100000000" });
  });

  afterAll(async () => {
    await stack?.stop();
  });

  it("refuses hops beyond CIX_MAX_HOPS (default 5) with BAD_USER_INPUT", async () => {
    const headers = await authHeaders({ role: "analyst", agency: "TEST-LA-CAP" });
    const network = await stack.query(NETWORK, { from: ["any"], hops: 6 }, headers);
    expect(code(network)).toBe("BAD_USER_INPUT");
    expect(network.errors![0]).toMatchObject({ extensions: { field: "hops", expected: expect.stringContaining("1 to 5") } });
    const paths = await stack.query(PATHS, { from: "a", to: "b", maxHops: 6 }, headers);
    expect(code(paths)).toBe("BAD_USER_INPUT");
    expect(paths.errors![0]!.extensions!.field).toBe("maxHops");
  });
});
