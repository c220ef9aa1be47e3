import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ImportJobRecord } from "@cix/core";
import { authHeaders } from "../support/auth.js";
import { deleteAgencyRecords } from "../support/cleanup.js";
import { ok } from "../support/ecommerce.js";
import { startTestStack, unique, type TestStack } from "../support/stack.js";
import { deleteImportData, fileFolder, localImporter, type LocalImporter, type Rec } from "./import-fixtures.js";

/**
 * Ownership as in real company data (issue 19, item 8, and the association kinds of item 7): company roles of
 * persons and companies with shares, dates and notes, imported and linked through the gateway, naming another
 * agency's parties only where that agency shared them; association kinds kept; ownership chains found by link
 * analysis; the new fields under the nominal rules.
 */

const code = (prefix: string) => unique(prefix).replace(/[^A-Z0-9-]/g, "");
const A = code("OWN-A");
const B = code("OWN-B");
const C = code("OWN-C");
const PURPOSE = "CASE-2024-ownership";

let stack: TestStack;
let importer: LocalImporter;
let files: Awaited<ReturnType<typeof fileFolder>>;
let asA: Record<string, string>;
let asB: Record<string, string>;
let asC: Record<string, string>;
let analystA: Record<string, string>;
let operationId: string;

/** Parties by name: id and natural key. */
const ids: Record<string, string> = {};
const keys: Record<string, Rec> = {};

const errorsOf = (job: ImportJobRecord) => importer.services.get(job.kind)!.store.errors(job.id, 1000);
const run = async (kind: string, rows: Rec[]) => importer.run(kind, await files.write(kind, "csv", rows), { agency: A });

async function person(headers: Record<string, string>, name: string, agency: string) {
  const reference = unique(`R-${name}`);
  const { upsertPerson } = ok(await stack.query<{ upsertPerson: { id: string } }>(`mutation($i: PersonInput!) { upsertPerson(input: $i) { id } }`, { i: { reference, fullName: `${name} ${reference}` } }, headers));
  ids[name] = upsertPerson.id;
  keys[name] = { agency, personReference: reference };
}

async function company(headers: Record<string, string>, name: string, agency: string) {
  const registrationNumber = unique("KVK").replace(/-/g, "");
  const { upsertCompany } = ok(
    await stack.query<{ upsertCompany: { id: string } }>(`mutation($i: CompanyInput!) { upsertCompany(input: $i) { id } }`, { i: { name: `${name} Holding`, registrationNumber, registrationCountry: "NL" } }, headers),
  );
  ids[name] = upsertCompany.id;
  keys[name] = { agency, companyRegistrationCountry: "NL", companyRegistrationNumber: registrationNumber };
}

const ROLE_LINK = "role sharePercentage shares since until note provenance { ownerAgency source } holder { id } company { id }";

beforeAll(async () => {
  stack = await startTestStack();
  importer = await localImporter();
  files = await fileFolder();
  asA = await authHeaders({ role: "investigator", agency: A, purpose: PURPOSE });
  asB = await authHeaders({ role: "investigator", agency: B, purpose: PURPOSE });
  asC = await authHeaders({ role: "investigator", agency: C, purpose: PURPOSE });
  analystA = await authHeaders({ role: "analyst", agency: A, purpose: PURPOSE });
  // A's target company C1 is owned by C2, owned by C3, owned by the person P1; P2 directs C1.
  for (const name of ["C1", "C2", "C3"]) await company(asA, name, A);
  for (const name of ["P1", "P2"]) await person(asA, name, A);
  // B shares a person and a company with A in an operation, and keeps another of each to itself.
  await person(asB, "PB-shared", B);
  await person(asB, "PB-hidden", B);
  await company(asB, "CB-shared", B);
  await company(asB, "CB-hidden", B);
  operationId = ok(
    await stack.query<{ openOperation: { id: string } }>(
      `mutation($i: OpenOperationInput!) { openOperation(input: $i) { id } }`,
      { i: { name: unique("OP-OWN"), memberAgencies: [A], endsAt: "2099-01-01T00:00:00Z" } },
      asB,
    ),
  ).openOperation.id;
  ok(await stack.query(`mutation($id: ID!, $ids: [ID!]!) { shareIntoOperation(id: $id, recordIds: $ids) }`, { id: operationId, ids: [ids["PB-shared"], ids["CB-shared"]] }, asB));
}, 180_000);

afterAll(async () => {
  for (const agency of [A, B, C]) {
    await deleteImportData(importer.db, agency);
    await deleteAgencyRecords(importer.db, agency);
  }
  await importer?.close();
  await files?.remove();
  await stack?.stop();
});

describe("company roles: officers and owners, persons and companies, shares and dates", () => {
  const rolesOf = async (company: string, headers = asA) =>
    (await stack.query<{ company: { roleHolders: Array<Record<string, unknown> & { holder: { id: string } | null }> } | null }>(`query($id: ID!) { company(id: $id) { roleHolders { ${ROLE_LINK} } } }`, { id: company }, headers));

  it("imports the new roles with share, shares, dates and note, companies as holders, and the 1.x `person` column", async () => {
    const job = await run("company-roles", [
      { holder: keys.C2, company: keys.C1, role: "SHAREHOLDER", sharePercentage: 60, shares: 6_000_000_000, since: "2015-01-01", note: "Register extract 2024-01-02" },
      { holder: keys.C3, company: keys.C2, role: "SHAREHOLDER", sharePercentage: 50 },
      { holder: keys.P1, company: keys.C3, role: "SHAREHOLDER", sharePercentage: 100, since: "2019-01-01" },
      { person: keys.P2, company: keys.C1, role: "DIRECTOR", since: "2020-05-01", until: "2023-12-31" },
      { holder: keys.P2, company: keys.C1, role: "REGISTERED_AGENT" },
    ]);
    expect(await errorsOf(job)).toEqual([]);
    expect(job).toMatchObject({ status: "COMPLETED", accepted: 5, rejected: 0 });

    const holders = ok(await rolesOf(ids.C1!)).company!.roleHolders;
    expect(holders).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ holder: { id: ids.C2 }, company: { id: ids.C1 }, role: "SHAREHOLDER", sharePercentage: 60, shares: 6_000_000_000, since: "2015-01-01", until: null, note: "Register extract 2024-01-02", provenance: { ownerAgency: A, source: `import:${job.id}` } }),
        expect.objectContaining({ holder: { id: ids.P2 }, role: "DIRECTOR", since: "2020-05-01", until: "2023-12-31", sharePercentage: null }),
        expect.objectContaining({ holder: { id: ids.P2 }, role: "REGISTERED_AGENT" }),
      ]),
    );
    expect(holders).toHaveLength(3);
    // The API 1.x fields keep their meaning: a person's directorships, a company's directors.
    const { person } = ok(await stack.query<{ person: { companies: Array<{ role: string; company: { id: string } }>; companyRoles: Array<{ role: string }> } }>(
      `query($id: ID!) { person(id: $id) { companies { role company { id } } companyRoles { role } } }`, { id: ids.P2 }, asA));
    expect(person.companies).toEqual([{ role: "DIRECTOR", company: { id: ids.C1 } }]);
    expect(person.companyRoles.map((r) => r.role).sort()).toEqual(["DIRECTOR", "REGISTERED_AGENT"]);
    const { company } = ok(await stack.query<{ company: { companyRoles: Array<{ role: string; sharePercentage: number; company: { id: string } }> } }>(
      `query($id: ID!) { company(id: $id) { companyRoles(roles: [SHAREHOLDER]) { role sharePercentage company { id } } } }`, { id: ids.C2 }, asA));
    expect(company.companyRoles).toEqual([{ role: "SHAREHOLDER", sharePercentage: 60, company: { id: ids.C1 } }]);

    // Re-importing the same rows changes nothing: one edge per holder, company, role and agency.
    expect(await run("company-roles", [{ holder: keys.C2, company: keys.C1, role: "SHAREHOLDER", sharePercentage: 60 }])).toMatchObject({ accepted: 1 });
    expect(ok(await rolesOf(ids.C1!)).company!.roleHolders).toHaveLength(3);
  });

  it("rejects a bad share, a share on a role without one, and a period that ends before it starts, row by row", async () => {
    const job = await run("company-roles", [
      { holder: keys.P1, company: keys.C1, role: "SHAREHOLDER", sharePercentage: 120 },
      { holder: keys.P1, company: keys.C1, role: "DIRECTOR", sharePercentage: 10 },
      { holder: keys.P1, company: keys.C1, role: "SHAREHOLDER", shares: 2.5 },
      { holder: keys.P1, company: keys.C1, role: "OFFICER", since: "2020-01-01", until: "2019-01-01" },
      { holder: keys.C1, company: keys.C1, role: "SHAREHOLDER" },
      { holder: keys.P1, person: keys.P2, company: keys.C1, role: "OFFICER" },
      { company: keys.C1, role: "OFFICER" },
      { holder: keys.C1, company: keys.P1, role: "OFFICER" },
    ]);
    expect((await errorsOf(job)).map((e) => [e.row, e.field, e.code])).toEqual([
      [2, "sharePercentage", "INVALID_VALUE"],
      [3, "sharePercentage", "INVALID_VALUE"],
      [4, "shares", "INVALID_VALUE"],
      [5, "until", "INVALID_VALUE"],
      [6, "company", "INVALID_VALUE"],
      [7, "person", "INVALID_VALUE"],
      [8, "holder", "REQUIRED"],
      [9, "company", "INVALID_VALUE"],
    ]);
    expect(job).toMatchObject({ accepted: 0, rejected: 8 });
  });

  it("names another agency's holder or company only where that agency shared it; an unshared one is not found, like a missing one", async () => {
    const missingPerson = { agency: B, personReference: unique("R-NOBODY") };
    const missingCompany = { agency: B, companyRegistrationCountry: "NL", companyRegistrationNumber: unique("KVK").replace(/-/g, "") };
    const job = await run("company-roles", [
      { holder: keys["PB-shared"], company: keys.C1, role: "NOMINEE_SHAREHOLDER", sharePercentage: 40 },
      { holder: keys.P1, company: keys["CB-shared"], role: "SHAREHOLDER", sharePercentage: 25 },
      { holder: keys["PB-hidden"], company: keys.C1, role: "BENEFICIAL_OWNER" },
      { holder: missingPerson, company: keys.C1, role: "BENEFICIAL_OWNER" },
      { holder: keys.P1, company: keys["CB-hidden"], role: "SHAREHOLDER" },
      { holder: keys.P1, company: missingCompany, role: "SHAREHOLDER" },
    ]);
    const errors = await errorsOf(job);
    expect(errors.map((e) => [e.row, e.field, e.code])).toEqual([
      [4, "holder", "REFERENCE_NOT_FOUND"],
      [5, "holder", "REFERENCE_NOT_FOUND"],
      [6, "company", "REFERENCE_NOT_FOUND"],
      [7, "company", "REFERENCE_NOT_FOUND"],
    ]);
    // No oracle: the message of a hidden party is the message of a missing one, but for the key it repeats.
    const same = (i: number, key: string) => errors[i]!.message.replace(key, "<key>");
    expect(same(0, keys["PB-hidden"]!.personReference as string)).toBe(same(1, missingPerson.personReference));
    expect(same(2, keys["CB-hidden"]!.companyRegistrationNumber as string)).toBe(same(3, missingCompany.companyRegistrationNumber));

    // The accepted edges are A's own records, between B's shared parties and A's.
    const edges = await importer.db.read<{ type: string; owner: string; share: number }>(
      `MATCH (h:Party)-[r:NOMINEE_SHAREHOLDER_OF|SHAREHOLDER_OF]->(c:Company) WHERE (h.id = $pb AND c.id = $c1) OR (h.id = $p1 AND c.id = $cb)
       RETURN type(r) AS type, r.ownerAgency AS owner, r.sharePercentage AS share ORDER BY type`,
      { pb: ids["PB-shared"], c1: ids.C1, p1: ids.P1, cb: ids["CB-shared"] },
    );
    expect(edges).toEqual([
      { type: "NOMINEE_SHAREHOLDER_OF", owner: A, share: 40 },
      { type: "SHAREHOLDER_OF", owner: A, share: 25 },
    ]);
  });

  it("linkCompanyRoleHolder applies the same rules: a shared company as holder, an unshared party refused like an unknown id", async () => {
    const link = `mutation($i: CompanyRoleHolderInput!) { linkCompanyRoleHolder(input: $i) { id } }`;
    const linked = ok(await stack.query<{ linkCompanyRoleHolder: { id: string } }>(link, { i: { holderId: ids["CB-shared"], companyId: ids.C3, role: "OFFICER", note: "Leak record 1234" } }, asA));
    expect(linked.linkCompanyRoleHolder.id).toBe(ids.C3);
    const hidden = await stack.query(link, { i: { holderId: ids["PB-hidden"], companyId: ids.C3, role: "OFFICER" } }, asA);
    const unknown = await stack.query(link, { i: { holderId: "00000000-0000-4000-8000-000000000000", companyId: ids.C3, role: "OFFICER" } }, asA);
    expect(hidden.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "input.holderId" });
    const answer = (res: typeof hidden) => res.errors?.map((e) => ({ message: e.message, code: e.extensions?.code, field: e.extensions?.field }));
    expect(answer(hidden)).toEqual(answer(unknown));
    for (const [input, field] of [
      [{ sharePercentage: -1, role: "SHAREHOLDER" }, "input.sharePercentage"],
      [{ since: "2021-01-01", until: "2020-12-31", role: "SECRETARY" }, "input.until"],
      [{ shares: 10, role: "INTERMEDIARY" }, "input.shares"],
    ] as const) {
      const refused = await stack.query(link, { i: { holderId: ids.P1, companyId: ids.C3, ...input } }, asA);
      expect(refused.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field });
    }
    const analyst = await stack.query(link, { i: { holderId: ids.P1, companyId: ids.C3, role: "OFFICER" } }, analystA);
    expect(analyst.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");

    const holders = ok(await rolesOf(ids.C3!)).company!.roleHolders;
    expect(holders.map((h) => [h.holder?.id, h.role, h.note, (h.provenance as { source: string }).source])).toEqual(
      expect.arrayContaining([[ids["CB-shared"], "OFFICER", "Leak record 1234", "graphql:linkCompanyRoleHolder"]]),
    );
    const unlinked = await stack.query(`mutation($h: ID!, $c: ID!) { unlinkCompanyRoleHolder(holderId: $h, companyId: $c, role: OFFICER) { id } }`, { h: ids["CB-shared"], c: ids.C3 }, asA);
    expect(unlinked.errors).toBeUndefined();
    expect(ok(await rolesOf(ids.C3!)).company!.roleHolders.map((h) => h.role)).toEqual(["SHAREHOLDER"]);
  });
});

describe("association kinds", () => {
  const associations = async () =>
    ok(await stack.query<{ person: { associates: Array<{ kind: string; since: string | null; person: { id: string } }> } }>(
      `query($id: ID!) { person(id: $id) { associates { kind since person { id } } } }`, { id: ids.P1 }, asA)).person.associates;

  it("keeps each row's kind; the same two persons with another kind keep both, the same kind again stays one", async () => {
    const job = await run("associations", [
      { person: keys.P1, associate: keys.P2, kind: "FAMILY", since: "1990-01-01" },
      { person: keys.P2, associate: keys.P1, kind: "BUSINESS_ASSOCIATE", since: "2018-01-01" },
      { person: keys.P1, associate: keys.P2, kind: "FAMILY" },
    ]);
    expect(await errorsOf(job)).toEqual([]);
    expect((await associations()).map((a) => [a.kind, a.since, a.person.id]).sort()).toEqual([
      ["BUSINESS_ASSOCIATE", "2018-01-01", ids.P2],
      ["FAMILY", "1990-01-01", ids.P2],
    ]);
    const kinds = await stack.query<{ network: { edges: Array<{ type: string; role: string }> } }>(
      `query($id: ID!) { network(from: [$id], hops: 1, relationshipTypes: [ASSOCIATE_OF]) { edges { type role } } }`, { id: ids.P1 }, asA);
    expect(ok(kinds).network.edges.map((e) => e.role).sort()).toEqual(["BUSINESS_ASSOCIATE", "FAMILY"]);
  });

  it("the mutation records a kind (default ASSOCIATE, which an association recorded before kinds already is) and unlinks one kind", async () => {
    // An association stored before kinds existed has no kind: it reads as ASSOCIATE and is the ASSOCIATE edge.
    await importer.db.write(
      "MATCH (a:Person { id: $a }), (b:Person { id: $b }) CREATE (a)-[:ASSOCIATE_OF { ownerAgency: $agency, source: 'legacy', createdAt: datetime() }]->(b)",
      { a: ids.P1, b: ids.P2, agency: A },
    );
    const link = `mutation($i: AssociationInput!) { linkAssociates(input: $i) { id } }`;
    ok(await stack.query(link, { i: { personId: ids.P1, associateId: ids.P2 } }, asA));
    ok(await stack.query(link, { i: { personId: ids.P1, associateId: ids.P2, kind: "COMMUNICATES_WITH" } }, asA));
    expect((await associations()).map((a) => a.kind).sort()).toEqual(["ASSOCIATE", "BUSINESS_ASSOCIATE", "COMMUNICATES_WITH", "FAMILY"]);
    ok(await stack.query(`mutation($p: ID!, $a: ID!) { unlinkAssociates(personId: $p, associateId: $a, kind: COMMUNICATES_WITH) { id } }`, { p: ids.P1, a: ids.P2 }, asA));
    expect((await associations()).map((a) => a.kind).sort()).toEqual(["ASSOCIATE", "BUSINESS_ASSOCIATE", "FAMILY"]);
  });
});

interface ChainNode {
  id: string;
  kind: string;
  pseudonymous: boolean;
}
interface OwnershipOut {
  company: ChainNode;
  owners: Array<{
    owner: ChainNode;
    effectiveShare: number | null;
    depth: number;
    ownersNotSearched: boolean;
    chains: Array<{ share: number | null; path: { nodes: ChainNode[]; edges: Array<{ type: string; sharePercentage: number | null }> } }>;
  }>;
  truncated: boolean;
}

describe("link analysis follows ownership", () => {
  const OWNERSHIP = `query($id: ID!, $maxHops: Int!, $at: DateTime) {
    ownershipChain(companyId: $id, maxHops: $maxHops, at: $at) {
      company { id kind pseudonymous }
      owners { owner { id kind pseudonymous } effectiveShare depth ownersNotSearched
        chains { share path { nodes { id kind pseudonymous } edges { type sharePercentage } } } }
      truncated
    }
  }`;
  const chain = async (headers: Record<string, string>, maxHops = 4, at: string | null = null) =>
    ok(await stack.query<{ ownershipChain: OwnershipOut }>(OWNERSHIP, { id: ids.C1, maxHops, at }, headers)).ownershipChain;

  it("finds the ultimate owner of a three-level chain with the effective share, and the shared nominee", async () => {
    const found = await chain(asA);
    expect(found.truncated).toBe(false);
    expect(found.owners.map((o) => [o.owner.id, o.effectiveShare, o.depth, o.ownersNotSearched])).toEqual([
      [ids["PB-shared"], 40, 1, false],
      [ids.P1, 30, 3, false],
    ]);
    const p1 = found.owners[1]!.chains;
    expect(p1).toHaveLength(1);
    expect(p1[0]!.path.nodes.map((n) => n.id)).toEqual([ids.P1, ids.C3, ids.C2, ids.C1]);
    expect(p1[0]!.path.edges).toEqual([
      { type: "SHAREHOLDER_OF", sharePercentage: 100 },
      { type: "SHAREHOLDER_OF", sharePercentage: 50 },
      { type: "SHAREHOLDER_OF", sharePercentage: 60 },
    ]);
  });

  it("stops at maxHops (the owner there is marked), and reads ownership at a date", async () => {
    const short = await chain(asA, 2);
    expect(short.owners.map((o) => [o.owner.id, o.effectiveShare, o.ownersNotSearched])).toEqual([
      [ids["PB-shared"], 40, false],
      [ids.C3, 30, true],
    ]);
    // In 2017 P1 did not yet own C3 (since 2019): C3 was the top of the chain.
    const then = await chain(asA, 4, "2017-06-01T00:00:00Z");
    expect(then.owners.map((o) => [o.owner.id, o.effectiveShare, o.ownersNotSearched])).toEqual([
      [ids["PB-shared"], 40, false],
      [ids.C3, 30, false],
    ]);
    // Bounded like the other traversals: the gateway's cost rule prices maxHops, the subgraph checks its range.
    const tooDeep = await stack.query(OWNERSHIP, { id: ids.C1, maxHops: 9, at: null }, asA);
    expect(tooDeep.errors?.[0]?.extensions).toMatchObject({ code: "GRAPHQL_VALIDATION_FAILED" });
    expect(tooDeep.errors?.[0]?.message).toMatch(/cost limit/);
    const none = await stack.query(OWNERSHIP, { id: ids.C1, maxHops: 0, at: null }, asA);
    expect(none.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "maxHops" });
    const notCompany = await stack.query(OWNERSHIP, { id: ids.P1, maxHops: 2, at: null }, asA);
    expect(notCompany.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "companyId" });
  });

  it("network and paths traverse ownership links, company to company", async () => {
    const { network } = ok(await stack.query<{ network: { nodes: ChainNode[]; edges: Array<{ type: string; sharePercentage: number | null }> } }>(
      `query($id: ID!) { network(from: [$id], hops: 3, relationshipTypes: [SHAREHOLDER_OF]) { nodes { id kind pseudonymous } edges { type sharePercentage } } }`, { id: ids.C1 }, asA));
    expect(network.nodes.map((n) => n.id)).toEqual(expect.arrayContaining([ids.C1, ids.C2, ids.C3, ids.P1]));
    const { paths } = ok(await stack.query<{ paths: { paths: Array<{ length: number; nodes: ChainNode[] }> } }>(
      `query($from: ID!, $to: ID!) { paths(from: $from, to: $to, maxHops: 4, relationshipTypes: [SHAREHOLDER_OF]) { paths { length nodes { id } } } }`, { from: ids.P1, to: ids.C1 }, asA));
    expect(paths.paths[0]!.nodes.map((n) => n.id)).toEqual([ids.P1, ids.C3, ids.C2, ids.C1]);
  });

  it("shows analysts and other agencies the structure with pseudonyms only", async () => {
    for (const headers of [analystA, asC]) {
      const found = await chain(headers);
      expect(found.owners.map((o) => [o.effectiveShare, o.depth])).toEqual([[40, 1], [30, 3]]);
      for (const node of [found.company, ...found.owners.flatMap((o) => o.chains.flatMap((c) => c.path.nodes))]) {
        expect(node).toMatchObject({ pseudonymous: true });
        expect(node.id).toMatch(/^P-/);
      }
    }
  });
});

describe("who may read the new fields", () => {
  it("roles and holdings are nominal: other agencies and analysts get FORBIDDEN, the owner reads them", async () => {
    const query = `query($id: ID!) { company(id: $id) { id roleHolders { role } companyRoles { role } } }`;
    for (const headers of [asC, asB, analystA]) {
      const res = await stack.query<{ company: unknown }>(query, { id: ids.C1 }, headers);
      expect(res.errors?.map((e) => e.extensions?.code)).toContain("FORBIDDEN");
      expect(JSON.stringify(res.data ?? {})).not.toContain("SHAREHOLDER");
    }
    const noPurpose = await stack.query(query, { id: ids.C1 }, await authHeaders({ role: "investigator", agency: A }));
    expect(noPurpose.errors?.map((e) => e.extensions?.code)).toContain("FORBIDDEN");
  });

  it("a link to a party the reader may no longer read is left out whole, and analysis shows that party as a pseudonym", async () => {
    const holdersOfC1 = async () =>
      ok(await stack.query<{ company: { roleHolders: Array<{ role: string; holder: { id: string } | null }> } }>(`query($id: ID!) { company(id: $id) { roleHolders { role holder { id } } } }`, { id: ids.C1 }, asA))
        .company.roleHolders;
    expect((await holdersOfC1()).map((h) => h.holder?.id)).toContain(ids["PB-shared"]);
    ok(await stack.query(`mutation($id: ID!, $ids: [ID!]!) { unshareFromOperation(id: $id, recordIds: $ids) }`, { id: operationId, ids: [ids["PB-shared"]] }, asB));
    const after = await holdersOfC1();
    expect(after.map((h) => h.role).sort()).toEqual(["DIRECTOR", "REGISTERED_AGENT", "SHAREHOLDER"]);
    expect(after.every((h) => h.holder !== null)).toBe(true);
    const found = ok(await stack.query<{ ownershipChain: OwnershipOut }>(`query($id: ID!) { ownershipChain(companyId: $id) { owners { owner { id pseudonymous } effectiveShare } } }`, { id: ids.C1 }, asA)).ownershipChain;
    expect(found.owners[0]).toMatchObject({ effectiveShare: 40, owner: { pseudonymous: true } });
    expect(found.owners[0]!.owner.id).not.toBe(ids["PB-shared"]);
  });
});
