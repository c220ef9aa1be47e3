import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { authHeaders } from "../support/auth.js";
import { startTestStack, unique, type GraphQLResponse, type TestStack } from "../support/stack.js";
import { deleteAgencyParties, iban, mobile } from "./entities-fixtures.js";

const SEARCH = `query($name: String, $identifier: String, $agency: String, $first: Int, $after: String) {
  searchParties(name: $name, identifier: $identifier, ownerAgency: $agency, first: $first, after: $after) {
    edges { cursor score node { __typename id name } }
    pageInfo { hasNextPage endCursor }
  }
}`;

interface SearchResult {
  searchParties: {
    edges: Array<{ cursor: string; score: number; node: { __typename: string; id: string; name: string } }>;
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
  };
}

describe("entities: finding parties by name and identifier", () => {
  let stack: TestStack;
  let as: Record<string, string>;
  const agency = unique("TEST-SEARCH");
  const phone = mobile();
  const account = iban();
  const ids: Record<string, string> = {};

  const search = async (variables: Record<string, unknown>, headers = as) =>
    stack.query<SearchResult>(SEARCH, { agency, ...variables }, headers);
  const names = (res: GraphQLResponse<SearchResult>) => {
    expect(res.errors).toBeUndefined();
    return res.data!.searchParties.edges.map((e) => e.node.name);
  };

  beforeAll(async () => {
    stack = await startTestStack();
    as = await authHeaders({ role: "investigator", agency, purpose: "TEST-2024-search" });
    const persons = [
      { key: "muller", input: { givenNames: "Hans", familyName: "Müller", aliases: ["Johannes Mueller"], nationalities: ["DE"], phones: [phone.spaced] } },
      {
        key: "devries",
        input: {
          fullName: "Jan de Vries",
          nationalities: ["NL"],
          bankAccounts: [{ iban: account }],
          emails: ["jan.devries@example.org"],
          identityDocuments: [{ type: "ID_CARD", number: "IX 98 76 54", issuingCountry: "NL" }],
        },
      },
      { key: "smith", input: { fullName: "John Smith", nationalities: ["GB", "IE"] } },
      { key: "vriesland", input: { fullName: "Janneke Vriesland", nationalities: ["NL"] } },
    ];
    for (const { key, input } of persons) {
      const res = await stack.query<{ upsertPerson: { id: string } }>(`mutation($i: PersonInput!) { upsertPerson(input: $i) { id } }`, { i: input }, as);
      expect(res.errors).toBeUndefined();
      ids[key] = res.data!.upsertPerson.id;
    }
    const company = await stack.query<{ upsertCompany: { id: string } }>(
      `mutation($i: CompanyInput!) { upsertCompany(input: $i) { id } }`,
      { i: { name: "Smith & Sons (Trading) Ltd", registrationNumber: "0123456", registrationCountry: "GB", phones: [phone.zeros] } },
      as,
    );
    expect(company.errors).toBeUndefined();
    ids.company = company.data!.upsertCompany.id;
  });

  afterAll(async () => {
    if (!stack) return;
    await deleteAgencyParties(stack, agency);
    await stack.stop();
  });

  it("ignores accents: Muller finds Müller, and Müller finds him too", async () => {
    expect(names(await search({ name: "Muller" }))[0]).toBe("Hans Müller");
    expect(names(await search({ name: "MÜLLER hans" }))[0]).toBe("Hans Müller");
  });

  it("ignores word order: de vries jan finds Jan de Vries first", async () => {
    const found = names(await search({ name: "de vries jan" }));
    expect(found[0]).toBe("Jan de Vries");
  });

  it("tolerates a typo per word: Smiht finds Smith, the person and the company", async () => {
    const res = await search({ name: "Smiht" });
    expect(names(res)).toEqual(expect.arrayContaining(["John Smith", "Smith & Sons (Trading) Ltd"]));
    expect(res.data!.searchParties.edges.every((e) => e.score > 0)).toBe(true);
  });

  it("searches aliases", async () => {
    expect(names(await search({ name: "johannes" }))).toEqual(["Hans Müller"]);
  });

  it("treats Lucene syntax in the input as text", async () => {
    expect(names(await search({ name: 'smith AND (sons) OR "x*" ~ ^2 \\ /' }))).toEqual(expect.arrayContaining(["John Smith"]));
    const onlySyntax = await search({ name: '+-&&||!(){}[]^"~*?:\\/' });
    expect(onlySyntax.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "name" });
  });

  it("finds holders of an identifier however it is written", async () => {
    const byPhone = await search({ identifier: phone.zeros });
    expect(names(byPhone).sort()).toEqual(["Hans Müller", "Smith & Sons (Trading) Ltd"]);
    expect(byPhone.data!.searchParties.edges.every((e) => e.score === 1)).toBe(true);
    expect(names(await search({ identifier: account.replace(/(.{4})/g, "$1 ").toLowerCase() }))).toEqual(["Jan de Vries"]);
    expect(names(await search({ identifier: "JAN.DEVRIES@EXAMPLE.ORG" }))).toEqual(["Jan de Vries"]);
    expect(names(await search({ identifier: "ix987654" }))).toEqual(["Jan de Vries"]);
    expect(names(await search({ identifier: "+31 6 1000 0000" }))).toEqual([]);
  });

  it("ranks only the holders of an identifier when both are given", async () => {
    expect(names(await search({ name: "smith", identifier: phone.e164 }))).toEqual(["Smith & Sons (Trading) Ltd"]);
  });

  it("pages through results with cursors", async () => {
    const seen: string[] = [];
    let after: string | null = null;
    for (let page = 0; page < 10; page++) {
      const res: GraphQLResponse<SearchResult> = await search({ name: "janneke jan vries smith muller", first: 2, after });
      expect(res.errors).toBeUndefined();
      const edges = res.data!.searchParties.edges;
      expect(edges.length).toBeLessThanOrEqual(2);
      seen.push(...edges.map((e) => e.node.id));
      const scores = edges.map((e) => e.score);
      expect([...scores].sort((a, b) => b - a)).toEqual(scores);
      if (!res.data!.searchParties.pageInfo.hasNextPage) break;
      after = res.data!.searchParties.pageInfo.endCursor;
    }
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen).toEqual(expect.arrayContaining([ids.muller, ids.devries, ids.smith, ids.vriesland, ids.company]));
  });

  it("is a nominal read: refused without a purpose or to roles that may not read names", async () => {
    const noPurpose = await authHeaders({ role: "investigator", agency });
    expect((await search({ name: "Muller" }, noPurpose)).errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    const analyst = await authHeaders({ role: "analyst", agency, purpose: "TEST-2024-search" });
    expect((await search({ identifier: phone.e164 }, analyst)).errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
  });

  it("does not show another agency the parties it may not read", async () => {
    const other = await authHeaders({ role: "investigator", agency: unique("TEST-OTHER"), purpose: "TEST-2024-search" });
    expect(names(await search({ name: "Muller" }, other))).toEqual([]);
    expect(names(await search({ identifier: phone.e164 }, other))).toEqual([]);
  });

  describe("lists", () => {
    const LIST = `query($filter: PersonFilter, $orderBy: PartyOrder, $first: Int, $after: String) {
      persons(filter: $filter, orderBy: $orderBy, first: $first, after: $after) {
        edges { cursor node { id fullName } } pageInfo { hasNextPage endCursor }
      }
    }`;
    type ListResult = { persons: { edges: Array<{ node: { id: string; fullName: string } }>; pageInfo: { hasNextPage: boolean; endCursor: string | null } } };

    async function all(filter: Record<string, unknown>, orderBy: string, headers = as): Promise<string[]> {
      const out: string[] = [];
      let after: string | null = null;
      for (let page = 0; page < 10; page++) {
        const res: GraphQLResponse<ListResult> = await stack.query<ListResult>(LIST, { filter: { ownerAgency: agency, ...filter }, orderBy, first: 3, after }, headers);
        expect(res.errors).toBeUndefined();
        out.push(...res.data!.persons.edges.map((e) => e.node.fullName));
        if (!res.data!.persons.pageInfo.hasNextPage) break;
        after = res.data!.persons.pageInfo.endCursor;
      }
      return out;
    }

    it("orders persons by name, accents ignored, across pages", async () => {
      expect(await all({}, "NAME")).toEqual(["Hans Müller", "Jan de Vries", "Janneke Vriesland", "John Smith"]);
    });

    it("orders persons by last update", async () => {
      expect(await all({}, "UPDATED_AT")).toEqual(["Janneke Vriesland", "John Smith", "Jan de Vries", "Hans Müller"]);
    });

    it("filters by name and nationality", async () => {
      expect(await all({ name: "MULLER" }, "NAME")).toEqual(["Hans Müller"]);
      expect(await all({ nationality: "nl" }, "NAME")).toEqual(["Jan de Vries", "Janneke Vriesland"]);
      const companies = await stack.query<{ companies: { nodes: Array<{ name: string }> } }>(
        `query($a: String) { companies(filter: { ownerAgency: $a, registrationCountry: "GB" }) { nodes { name registrationNumber } } }`,
        { a: agency },
        as,
      );
      expect(companies.data?.companies.nodes).toEqual([{ name: "Smith & Sons (Trading) Ltd", registrationNumber: "0123456" }]);
    });

    it("refuses a cursor of another order", async () => {
      const first = await stack.query<ListResult>(LIST, { filter: { ownerAgency: agency }, orderBy: "NAME", first: 1 }, as);
      const res = await stack.query(LIST, { filter: { ownerAgency: agency }, orderBy: "UPDATED_AT", first: 1, after: first.data!.persons.pageInfo.endCursor }, as);
      expect(res.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "after" });
    });
  });
});
