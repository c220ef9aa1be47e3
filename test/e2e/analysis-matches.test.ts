import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { authHeaders } from "../support/auth.js";
import { deleteAgencyRecords } from "../support/cleanup.js";
import { ok } from "../support/ecommerce.js";
import { startTestStack, unique, type GraphQLResponse, type TestStack } from "../support/stack.js";

const MATCHES = `query($id: ID!, $limit: Int) {
  possibleMatches(partyId: $id, limit: $limit) { score candidate { id fullName ownerAgency } reasons { kind weight detail } }
}`;
const DECISION = "id status agency decidedBy at note party { id fullName } candidate { id fullName }";
const CONFIRM = `mutation($p: ID!, $c: ID!, $note: String) { confirmMatch(partyId: $p, candidateId: $c, note: $note) { ${DECISION} } }`;
const REJECT = `mutation($p: ID!, $c: ID!, $note: String) { rejectMatch(partyId: $p, candidateId: $c, note: $note) { ${DECISION} } }`;
const UNDO = `mutation($p: ID!, $c: ID!) { undoMatch(partyId: $p, candidateId: $c) { ${DECISION} } }`;

interface Candidate {
  score: number;
  candidate: { id: string; fullName: string; ownerAgency: string };
  reasons: Array<{ kind: string; weight: number; detail: string }>;
}

function code(res: GraphQLResponse<unknown>): unknown {
  return res.errors?.[0]?.extensions?.code;
}

describe("link analysis: entity resolution across agencies (possible matches, confirm, reject, undo)", () => {
  let stack: TestStack;
  const agencyA = unique("TEST-MA");
  const agencyB = unique("TEST-MB");
  const agencyC = unique("TEST-MC");
  let asA: Record<string, string>;
  let asB: Record<string, string>;
  let asC: Record<string, string>;
  const ids: Record<string, string> = {};

  const person = async (headers: Record<string, string>, input: Record<string, unknown>) =>
    ok(await stack.query<{ upsertPerson: { id: string } }>(`mutation($input: PersonInput!) { upsertPerson(input: $input) { id } }`, { input }, headers)).upsertPerson.id;
  const matches = async (id: string, headers = asA) => ok(await stack.query<{ possibleMatches: Candidate[] }>(MATCHES, { id }, headers)).possibleMatches;

  beforeAll(async () => {
    stack = await startTestStack();
    asA = await authHeaders({ role: "investigator", agency: agencyA, purpose: "CASE-2024-entity-resolution" });
    asB = await authHeaders({ role: "investigator", agency: agencyB, purpose: "CASE-2024-entity-resolution" });
    asC = await authHeaders({ role: "investigator", agency: agencyC, purpose: "CASE-2024-entity-resolution" });
    ids.mohammed = await person(asA, { fullName: "Mohammed Al-Rashid", dateOfBirth: "1980-05-01", nationalities: ["JO"] });
    ids.decoy = await person(asA, { fullName: "Mohamed Rashidi", dateOfBirth: "1975-01-01" });
    ids.sameBirthday = await person(asA, { fullName: "Jan de Vries", dateOfBirth: "1980-05-01" });
    ids.muhammad = await person(asB, { fullName: "AL RASHID, Muhammad", dateOfBirth: "1980-05-01" });
    ids.hidden = await person(asC, { fullName: "Muhammad Al Rashid", dateOfBirth: "1980-05-01" });
    // Agency B shares its record with agency A in a joint operation; agency C shares nothing.
    const operation = ok(
      await stack.query<{ openOperation: { id: string } }>(
        `mutation($input: OpenOperationInput!) { openOperation(input: $input) { id } }`,
        { input: { name: unique("OP-MATCH"), memberAgencies: [agencyA], endsAt: "2099-01-01T00:00:00Z" } },
        asB,
      ),
    ).openOperation.id;
    ok(await stack.query(`mutation($id: ID!, $ids: [ID!]!) { shareIntoOperation(id: $id, recordIds: $ids) }`, { id: operation, ids: [ids.muhammad] }, asB));
  }, 120_000);

  afterAll(async () => {
    if (!stack) return;
    for (const agency of [agencyA, agencyB, agencyC]) await deleteAgencyRecords(stack.db, agency);
    await stack.stop();
  });

  it("finds a transliterated, reordered name of another agency's shared record, with its reasons, and nothing hidden", async () => {
    const found = await matches(ids.mohammed!);
    expect(found[0]).toMatchObject({ candidate: { id: ids.muhammad, fullName: "AL RASHID, Muhammad", ownerAgency: agencyB } });
    expect(found[0]!.score).toBeGreaterThan(0.75);
    expect(found[0]!.reasons.map((r) => r.kind).sort()).toEqual(["BIRTH_DATE", "NAME"]);
    expect(found[0]!.reasons.find((r) => r.kind === "NAME")!.detail).toMatch(/9\d% alike/);
    const candidates = found.map((c) => c.candidate.id);
    expect(candidates).not.toContain(ids.hidden);
    expect(candidates).not.toContain(ids.sameBirthday);
    expect(candidates).not.toContain(ids.decoy);
    expect(JSON.stringify(found)).not.toContain("Muhammad Al Rashid");
  });

  it("is only for investigators and supervisors with a purpose who may read the person", async () => {
    for (const headers of [
      await authHeaders({ role: "analyst", agency: agencyA }),
      await authHeaders({ role: "partner", agency: agencyA, purpose: "CASE-2024-X" }),
      await authHeaders({ role: "investigator", agency: agencyA }),
      asC,
    ]) {
      const res = await stack.query(MATCHES, { id: ids.mohammed }, headers);
      expect(code(res)).toBe("FORBIDDEN");
      const confirm = await stack.query(CONFIRM, { p: ids.mohammed, c: ids.muhammad }, headers);
      expect(code(confirm)).toBe("FORBIDDEN");
    }
    expect(code(await stack.query(CONFIRM, { p: ids.mohammed, c: ids.mohammed }, asA))).toBe("BAD_USER_INPUT");
    expect(code(await stack.query(CONFIRM, { p: ids.mohammed, c: "no-such-person" }, asA))).toBe("BAD_USER_INPUT");
    expect(code(await stack.query(MATCHES, { id: ids.mohammed, limit: 0 }, asA))).toBe("BAD_USER_INPUT");
  });

  it("confirms a match as a SAME_AS link with provenance, keeps both records, and undoes it", async () => {
    const confirmed = ok(await stack.query<{ confirmMatch: Record<string, unknown> }>(CONFIRM, { p: ids.mohammed, c: ids.muhammad, note: "Same passport photo" }, asA)).confirmMatch;
    expect(confirmed).toMatchObject({
      id: ids.mohammed,
      status: "CONFIRMED",
      agency: agencyA,
      decidedBy: `investigator@${agencyA}`,
      note: "Same passport photo",
      party: { fullName: "Mohammed Al-Rashid" },
      candidate: { fullName: "AL RASHID, Muhammad" },
    });
    const edges = () =>
      stack.db.read<{ type: string; agency: string; by: string; note: string; at: string; persons: number }>(
        `MATCH (a:Person { id: $a })-[r:SAME_AS|NOT_SAME_AS]-(b:Person { id: $b })
         RETURN type(r) AS type, r.agency AS agency, r.by AS by, r.note AS note, r.at AS at,
           COUNT { (p:Person) WHERE p.id IN [$a, $b] } AS persons`,
        { a: ids.mohammed, b: ids.muhammad },
      );
    expect(await edges()).toEqual([
      { type: "SAME_AS", agency: agencyA, by: `investigator@${agencyA}`, note: "Same passport photo", at: expect.any(String), persons: 2 },
    ]);
    // A confirmed candidate is not proposed again; the link is part of the network, with the agency as provenance.
    expect((await matches(ids.mohammed!)).map((c) => c.candidate.id)).not.toContain(ids.muhammad);
    const network = ok(
      await stack.query<{ network: { nodes: Array<{ id: string; pseudonymous: boolean }>; edges: Array<{ type: string; source: string; target: string; at: string; provenance: { ownerAgency: string } }> } }>(
        `query($from: [ID!]!) { network(from: $from, hops: 1) { nodes { id pseudonymous } edges { type source target at provenance { ownerAgency } } } }`,
        { from: [ids.mohammed] },
        asA,
      ),
    ).network;
    expect(network.edges).toContainEqual({ type: "SAME_AS", source: ids.mohammed, target: ids.muhammad, at: expect.any(String), provenance: { ownerAgency: agencyA } });
    expect(network.nodes.find((n) => n.id === ids.muhammad)!.pseudonymous).toBe(false);

    const undone = ok(await stack.query<{ undoMatch: Record<string, unknown> }>(UNDO, { p: ids.mohammed, c: ids.muhammad }, asA)).undoMatch;
    expect(undone).toMatchObject({ status: "UNDONE", note: null, party: { id: ids.mohammed }, candidate: { id: ids.muhammad } });
    expect(await edges()).toEqual([]);
    const [both] = await stack.db.read<{ n: number }>("MATCH (p:Person) WHERE p.id IN $ids RETURN count(p) AS n", { ids: [ids.mohammed, ids.muhammad] });
    expect(both!.n).toBe(2);
    expect((await matches(ids.mohammed!)).map((c) => c.candidate.id)).toContain(ids.muhammad);
  });

  it("remembers a rejected candidate and does not propose it again until the rejection is undone", async () => {
    const rejected = ok(await stack.query<{ rejectMatch: { status: string } }>(REJECT, { p: ids.mohammed, c: ids.muhammad, note: "Different father's name" }, asA)).rejectMatch;
    expect(rejected.status).toBe("REJECTED");
    expect((await matches(ids.mohammed!)).map((c) => c.candidate.id)).not.toContain(ids.muhammad);
    // The rejection is agency A's: agency B still gets its own proposals (here none: A's record is not shared with B).
    expect((await matches(ids.muhammad!, asB)).map((c) => c.candidate.id)).not.toContain(ids.mohammed);
    const network = ok(
      await stack.query<{ network: { edges: Array<{ type: string }> } }>(`query($from: [ID!]!) { network(from: $from, hops: 1) { edges { type } } }`, { from: [ids.mohammed] }, asA),
    ).network;
    expect(network.edges.map((e) => e.type)).not.toContain("SAME_AS");
    ok(await stack.query(UNDO, { p: ids.muhammad, c: ids.mohammed }, asA));
    expect((await matches(ids.mohammed!)).map((c) => c.candidate.id)).toContain(ids.muhammad);
  });
});
