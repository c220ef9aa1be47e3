import { randomInt, randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { authHeaders } from "../support/auth.js";
import { startTestStack, unique, type GraphQLResponse, type TestStack } from "../support/stack.js";
import { postToSubgraph } from "../support/subgraph.js";
import { deleteAgencyParties, iban, mobile } from "./entities-fixtures.js";

const PERSON_FIELDS = `id reference fullName givenNames familyName aliases dateOfBirth gender nationalities ownerAgency source
  createdAt updatedAt markings { handling tlp }
  phones { id number country } emails { id address } addresses { id street postcode city country }
  bankAccounts { id iban bic country } identityDocuments { id type number issuingCountry expiry }`;

const UPSERT_PERSON = `mutation($input: PersonInput!) { upsertPerson(input: $input) { ${PERSON_FIELDS} } }`;
const UPSERT_COMPANY = `mutation($input: CompanyInput!) { upsertCompany(input: $input) {
  id name registrationNumber registrationCountry legalForm phones { id number } bankAccounts { id iban } } }`;

interface PersonOut {
  id: string;
  reference: string | null;
  fullName: string;
  aliases: string[];
  dateOfBirth: string | null;
  nationalities: string[];
  source: string;
  ownerAgency: string;
  phones: Array<{ id: string; number: string; country: string }>;
  emails: Array<{ id: string; address: string }>;
  addresses: Array<{ id: string; street: string; postcode: string; city: string; country: string }>;
  bankAccounts: Array<{ id: string; iban: string; bic: string | null }>;
  identityDocuments: Array<{ id: string; type: string; number: string; issuingCountry: string; expiry: string | null }>;
}

function ok<T>(res: GraphQLResponse<T>): T {
  expect(res.errors).toBeUndefined();
  return res.data!;
}

describe("entities: persons, companies and shared identifiers", () => {
  let stack: TestStack;
  let as: Record<string, string>;
  const agency = unique("TEST-ENT");

  beforeAll(async () => {
    stack = await startTestStack();
    as = await authHeaders({ role: "investigator", agency, purpose: "TEST-2024-entities" });
  });

  afterAll(async () => {
    if (!stack) return;
    await deleteAgencyParties(stack, agency);
    await stack.stop();
  });

  const upsertPerson = async (input: Record<string, unknown>) => ok(await stack.query<{ upsertPerson: PersonOut }>(UPSERT_PERSON, { input }, as)).upsertPerson;

  it("stores a person whole, with normalised identifiers and the caller's agency", async () => {
    const phone = mobile();
    const account = iban();
    const person = await upsertPerson({
      reference: unique("P"),
      givenNames: " Jan  Pieter ",
      familyName: "de Vries",
      aliases: ["JP", "JP"],
      dateOfBirth: "1980-02-29",
      gender: "MALE",
      nationalities: ["nl", "BE"],
      phones: [phone.spaced],
      emails: ["  Jan.de.Vries@Example.ORG"],
      addresses: [{ street: "Hauptstraße  12", postcode: "10115", city: "Berlin", country: "DE" }],
      bankAccounts: [{ iban: account.replace(/(.{4})/g, "$1 ").toLowerCase(), bic: "cobadeffxxx" }],
      identityDocuments: [{ type: "PASSPORT", number: "nw-12 34 567", issuingCountry: "NL", expiry: "2030-01-31" }],
      markings: { tlp: "RED" },
    });
    expect(person).toMatchObject({
      fullName: "Jan Pieter de Vries",
      givenNames: "Jan Pieter",
      aliases: ["JP"],
      dateOfBirth: "1980-02-29",
      nationalities: ["NL", "BE"],
      ownerAgency: agency,
      source: "graphql:upsertPerson",
      markings: { handling: "H0", tlp: "RED" },
    });
    expect(person.phones).toEqual([{ id: expect.any(String), number: phone.e164, country: "NL" }]);
    expect(person.emails.map((e) => e.address)).toEqual(["jan.de.vries@example.org"]);
    expect(person.addresses).toEqual([{ id: expect.any(String), street: "Hauptstraße 12", postcode: "10115", city: "Berlin", country: "DE" }]);
    expect(person.bankAccounts).toEqual([{ id: expect.any(String), iban: account, bic: "COBADEFFXXX", country: "DE" }]);
    expect(person.identityDocuments).toEqual([
      { id: expect.any(String), type: "PASSPORT", number: "NW1234567", issuingCountry: "NL", expiry: "2030-01-31" },
    ]);

    const [stored] = await stack.db.read<{ dob: string; keys: string[] }>(
      `MATCH (p:Person:Party { id: $id })
       RETURN p.dateOfBirth AS dob, [(p)-->(i) | i.key] AS keys`,
      { id: person.id },
    );
    expect(stored!.dob).toBe("1980-02-29");
    expect(stored!.keys.sort()).toEqual(
      [phone.e164, "jan.de.vries@example.org", "hauptstrasse 12|10115|berlin|de", account, "PASSPORT|NL|NW1234567"].sort(),
    );
  });

  it("makes identical identifiers ONE node shared by the persons who use them", async () => {
    const phone = mobile();
    const email = `${randomUUID()}@example.org`;
    const a = await upsertPerson({ fullName: "Anna Shared", phones: [phone.spaced], emails: [email.toUpperCase()] });
    const b = await upsertPerson({
      fullName: "Bert Shared",
      phones: [phone.zeros],
      emails: [` ${email} `],
      addresses: [{ street: "Hauptstrasse 12", postcode: "10 115", city: "BERLIN", country: "de" }],
    });
    expect(b.phones[0]!.id).toBe(a.phones[0]!.id);
    expect(b.emails[0]!.id).toBe(a.emails[0]!.id);

    const rows = await stack.db.read<{ phones: number; users: string[] }>(
      `MATCH (ph:Phone { key: $e164 })
       RETURN count(DISTINCT ph) AS phones, [(ph)<-[:USES]-(n:Party) | n.id] AS users`,
      { e164: phone.e164 },
    );
    expect(rows).toHaveLength(1);
    expect(rows[0]!.phones).toBe(1);
    expect(rows[0]!.users.sort()).toEqual([a.id, b.id].sort());

    const res = ok(
      await stack.query<{ person: { phones: Array<{ parties: Array<{ __typename: string; id: string; name: string }> }> } }>(
        `query($id: ID!) { person(id: $id) { phones { parties { __typename id name } } } }`,
        { id: a.id },
        as,
      ),
    );
    expect(res.person.phones[0]!.parties.map((p) => p.name).sort()).toEqual(["Anna Shared", "Bert Shared"]);
    expect(res.person.phones[0]!.parties.every((p) => p.__typename === "Person")).toBe(true);
  });

  it("upserts on the reference idempotently and replaces the identifier lists it is given", async () => {
    const reference = unique("REF");
    const first = mobile();
    const second = mobile();
    const input = { reference, fullName: "Idem Potent", phones: [first.spaced], emails: [`${randomUUID()}@example.org`] };
    const one = await upsertPerson(input);
    const two = await upsertPerson(input);
    expect(two.id).toBe(one.id);
    expect(two.phones).toEqual(one.phones);

    // A later version with another phone and no e-mail list: the phone list is replaced, the e-mails kept.
    const three = await upsertPerson({ reference, fullName: "Idem Potent-Updated", phones: [second.zeros] });
    expect(three.id).toBe(one.id);
    expect(three.fullName).toBe("Idem Potent-Updated");
    expect(three.phones.map((p) => p.number)).toEqual([second.e164]);
    expect(three.emails).toEqual(one.emails);

    const [counts] = await stack.db.read<{ persons: number; uses: number; oldPhone: number }>(
      `MATCH (p:Person { ownerAgency: $agency, reference: $reference })
       RETURN count(p) AS persons, COUNT { (p)-[:USES]->() } AS uses, COUNT { (:Phone { key: $old }) } AS oldPhone`,
      { agency, reference, old: first.e164 },
    );
    // The first phone, now linked to nobody, is gone: no orphaned personal data.
    expect(counts).toEqual({ persons: 1, uses: 2, oldPhone: 0 });
  });

  it("creates a new person each time when there is no reference", async () => {
    const a = await upsertPerson({ familyName: "Nameless" });
    const b = await upsertPerson({ familyName: "Nameless" });
    expect(a.id).not.toBe(b.id);
    expect(a.fullName).toBe("Nameless");
    expect(a.reference).toBeNull();
  });

  it("upserts companies on registration number and country, with directors, employees and associates", async () => {
    const number = `${randomInt(10_000_000, 99_999_999)}`;
    const input = { name: "Acme Trading B.V.", registrationNumber: `KvK ${number}`, registrationCountry: "NL", legalForm: "B.V." };
    const c1 = ok(await stack.query<{ upsertCompany: { id: string; registrationNumber: string } }>(UPSERT_COMPANY, { input }, as)).upsertCompany;
    const c2 = ok(await stack.query<{ upsertCompany: { id: string } }>(UPSERT_COMPANY, { input: { ...input, registrationNumber: `kvk-${number}` } }, as))
      .upsertCompany;
    expect(c2.id).toBe(c1.id);
    expect(c1.registrationNumber).toBe(`KVK${number}`);

    const boss = await upsertPerson({ fullName: "Boss Person" });
    const clerk = await upsertPerson({ fullName: "Clerk Person" });
    const link = `mutation($input: CompanyRoleInput!) { linkCompanyRole(input: $input) { id } }`;
    for (let i = 0; i < 2; i++) {
      ok(await stack.query(link, { input: { personId: boss.id, companyId: c1.id, role: "DIRECTOR", since: "2020-01-01" } }, as));
    }
    ok(await stack.query(link, { input: { personId: clerk.id, companyId: c1.id, role: "EMPLOYEE" } }, as));
    const associate = `mutation($input: AssociationInput!) { linkAssociates(input: $input) { id } }`;
    ok(await stack.query(associate, { input: { personId: boss.id, associateId: clerk.id, since: "2019-05-01", until: "2021-05-01" } }, as));
    ok(await stack.query(associate, { input: { personId: clerk.id, associateId: boss.id } }, as));

    const res = ok(
      await stack.query<{
        company: { directors: Array<{ person: { fullName: string }; since: string; provenance: { ownerAgency: string; source: string } }>; employees: Array<{ person: { fullName: string } }> };
        person: { companies: Array<{ role: string; company: { name: string } }>; associates: Array<{ person: { fullName: string }; since: string; until: string }> };
      }>(
        `query($company: ID!, $person: ID!) {
           company(id: $company) { directors { person { fullName } since provenance { ownerAgency source } } employees { person { fullName } } }
           person(id: $person) { companies { role company { name } } associates { person { fullName } since until } }
         }`,
        { company: c1.id, person: boss.id },
        as,
      ),
    );
    expect(res.company.directors).toEqual([
      { person: { fullName: "Boss Person" }, since: "2020-01-01", provenance: { ownerAgency: agency, source: "graphql:linkCompanyRole" } },
    ]);
    expect(res.company.employees).toEqual([{ person: { fullName: "Clerk Person" } }]);
    expect(res.person.companies).toEqual([{ role: "DIRECTOR", company: { name: "Acme Trading B.V." } }]);
    // Linked twice, in both directions: still one association, with the dates kept.
    expect(res.person.associates).toEqual([{ person: { fullName: "Clerk Person" }, since: "2019-05-01", until: "2021-05-01" }]);

    const unlink = await stack.query<{ unlinkAssociates: { id: string } }>(
      `mutation($p: ID!, $a: ID!) { unlinkAssociates(personId: $p, associateId: $a) { id } }`,
      { p: clerk.id, a: boss.id },
      as,
    );
    ok(unlink);
    const [left] = await stack.db.read<{ n: number }>("MATCH (:Person { id: $id })-[r:ASSOCIATE_OF]-() RETURN count(r) AS n", { id: boss.id });
    expect(left!.n).toBe(0);
  });

  it("links and unlinks single identifiers, idempotently", async () => {
    const company = ok(await stack.query<{ upsertCompany: { id: string } }>(UPSERT_COMPANY, { input: { name: "Linky Ltd" } }, as)).upsertCompany;
    const phone = mobile();
    const link = `mutation($input: LinkIdentifierInput!) { linkIdentifier(input: $input) { id ... on Company { phones { id number } } } }`;
    const first = ok(await stack.query<{ linkIdentifier: { phones: Array<{ id: string; number: string }> } }>(link, { input: { partyId: company.id, phone: phone.zeros, since: "2024-01-01" } }, as));
    const again = ok(await stack.query<{ linkIdentifier: { phones: Array<{ id: string; number: string }> } }>(link, { input: { partyId: company.id, phone: phone.spaced } }, as));
    expect(again.linkIdentifier.phones).toEqual(first.linkIdentifier.phones);
    expect(first.linkIdentifier.phones.map((p) => p.number)).toEqual([phone.e164]);
    const [edge] = await stack.db.read<{ since: string; source: string; n: number }>(
      "MATCH (:Company { id: $id })-[r:USES]->(:Phone { key: $key }) RETURN r.since AS since, r.source AS source, count(r) AS n",
      { id: company.id, key: phone.e164 },
    );
    expect(edge).toEqual({ since: "2024-01-01", source: "graphql:linkIdentifier", n: 1 });

    const doc = await stack.query(link, { input: { partyId: company.id, identityDocument: { type: "PASSPORT", number: "X1234567", issuingCountry: "NL" } } }, as);
    expect(doc.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "input.identityDocument" });
    const two = await stack.query(link, { input: { partyId: company.id, phone: phone.e164, email: "a@example.org" } }, as);
    expect(two.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "input" });

    const unlink = `mutation($p: ID!, $i: ID!) { unlinkIdentifier(partyId: $p, identifierId: $i) { id ... on Company { phones { id } } } }`;
    const phoneId = first.linkIdentifier.phones[0]!.id;
    for (let i = 0; i < 2; i++) {
      const res = ok(await stack.query<{ unlinkIdentifier: { phones: unknown[] } }>(unlink, { p: company.id, i: phoneId }, as));
      expect(res.unlinkIdentifier.phones).toEqual([]);
    }
    const [gone] = await stack.db.read<{ n: number }>("MATCH (p:Phone { key: $key }) RETURN count(p) AS n", { key: phone.e164 });
    expect(gone!.n).toBe(0);
  });

  it("refuses changes to another agency's party, answering as for a party that does not exist", async () => {
    const mine = await upsertPerson({ fullName: "Mine Only" });
    const other = await authHeaders({ role: "investigator", agency: unique("TEST-OTHER"), purpose: "TEST-2024-entities" });
    const link = (partyId: string) =>
      stack.query(`mutation($input: LinkIdentifierInput!) { linkIdentifier(input: $input) { id } }`, { input: { partyId, email: "intruder@example.org" } }, other);
    const hidden = await link(mine.id);
    const missing = await link(randomUUID());
    expect(hidden.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "input.partyId" });
    expect(hidden.errors?.[0]?.message).toBe(missing.errors?.[0]?.message);
    const [n] = await stack.db.read<{ n: number }>("MATCH (:Person { id: $id })-[:USES]->(e) RETURN count(e) AS n", { id: mine.id });
    expect(n!.n).toBe(0);
  });

  describe("invalid input is refused with its field path, and nothing is stored", () => {
    const storedWith = async (reference: string) =>
      (await stack.db.read<{ n: number }>("MATCH (p:Person { ownerAgency: $agency, reference: $reference }) RETURN count(p) AS n", { agency, reference }))[0]!.n;

    it.each([
      ["an invalid IBAN", { bankAccounts: [{ iban: "DE00 3704 0044 0532 0130 00" }] }, "input.bankAccounts[0].iban"],
      ["an invalid phone", { phones: ["+31 6 1234 5678", "12345"] }, "input.phones[1]"],
      ["an unknown country", { nationalities: ["NL", "QQ"] }, "input.nationalities[1]"],
    ])("%s (scalar)", async (_name, bad, path) => {
      const reference = unique("BAD");
      const res = await stack.query(UPSERT_PERSON, { input: { reference, fullName: "Never Stored", ...bad } }, as);
      expect(res.data ?? null).toBeNull();
      expect(res.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
      expect(res.errors?.[0]?.message).toContain(`"${path}"`);
      expect(await storedWith(reference)).toBe(0);
    });

    it.each([
      ["a BIC", { bankAccounts: [{ iban: iban(), bic: "NOT A BIC" }] }, "input.bankAccounts[0].bic"],
      ["an address without street", { addresses: [{ street: " ", city: "Utrecht", country: "NL" }] }, "input.addresses[0].street"],
      ["a future date of birth", { dateOfBirth: "2999-01-01" }, "input.dateOfBirth"],
      ["a person without a name", { fullName: " " }, "input.fullName"],
      ["an empty alias", { aliases: ["ok", ""] }, "input.aliases[1]"],
    ])("%s (validation)", async (_name, bad, path) => {
      const reference = unique("BAD");
      const phone = mobile();
      const res = await stack.query(UPSERT_PERSON, { input: { reference, fullName: "Never Stored", phones: [phone.spaced], ...bad } }, as);
      expect(res.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: path });
      expect(await storedWith(reference)).toBe(0);
      const [phones] = await stack.db.read<{ n: number }>("MATCH (p:Phone { key: $key }) RETURN count(p) AS n", { key: phone.e164 });
      expect(phones!.n).toBe(0);
    });
  });

  describe("federation references", () => {
    async function entities(representations: Array<Record<string, string>>, selection: string) {
      return postToSubgraph<{ _entities: Array<Record<string, unknown> | null> }>(
        "entities",
        stack.subgraphs.entities.url,
        `query($r: [_Any!]!) { _entities(representations: $r) { ${selection} } }`,
        { r: representations },
        as,
      );
    }

    it("resolves Party references to their concrete type, and Person, Company and identifier references", async () => {
      const phone = mobile();
      const person = await upsertPerson({ fullName: "Ref Person", phones: [phone.spaced] });
      const company = ok(await stack.query<{ upsertCompany: { id: string } }>(UPSERT_COMPANY, { input: { name: "Ref Company" } }, as)).upsertCompany;
      const res = await entities(
        [
          { __typename: "Party", id: person.id },
          { __typename: "Party", id: company.id },
          { __typename: "Party", id: "no-such-party" },
          { __typename: "Person", id: person.id },
          { __typename: "Company", id: company.id },
          { __typename: "Phone", id: person.phones[0]!.id },
        ],
        `__typename ... on Party { id name } ... on Phone { number parties { id } }`,
      );
      expect(res.errors).toBeUndefined();
      expect(res.data!._entities).toEqual([
        { __typename: "Person", id: person.id, name: "Ref Person" },
        { __typename: "Company", id: company.id, name: "Ref Company" },
        null,
        { __typename: "Person", id: person.id, name: "Ref Person" },
        { __typename: "Company", id: company.id, name: "Ref Company" },
        { __typename: "Phone", number: phone.e164, parties: [{ id: person.id }] },
      ]);
    });

    it("answers the Party interface through the gateway", async () => {
      const person = await upsertPerson({ fullName: "Gateway Person", gender: "FEMALE" });
      const res = ok(
        await stack.query<{ party: Record<string, unknown> }>(
          `query($id: ID!) { party(id: $id) { __typename id name ownerAgency ... on Person { gender } ... on Company { legalForm } } }`,
          { id: person.id },
          as,
        ),
      );
      expect(res.party).toEqual({ __typename: "Person", id: person.id, name: "Gateway Person", ownerAgency: agency, gender: "FEMALE" });
    });
  });
});
