import { randomInt, randomUUID } from "node:crypto";
import { GraphQLError } from "graphql";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDatabase } from "../../../test/support/stack.js";
import { applySchema } from "../neo4j/schema.js";
import type { Database } from "../neo4j/database.js";
import {
  addressIdentifier,
  addressKey,
  bankAccountIdentifier,
  documentKey,
  emailKey,
  foldText,
  ibanKey,
  identifierLookup,
  identifierSchema,
  identityDocumentIdentifier,
  linkIdentifiers,
  phoneIdentifier,
  phoneKey,
  retainIdentifiers,
  unlinkIdentifiers,
  type RecordLabel,
} from "./index.js";

function fieldOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(GraphQLError);
    expect((error as GraphQLError).extensions.code).toBe("BAD_USER_INPUT");
    return (error as GraphQLError).extensions.field as string;
  }
  return undefined;
}

describe("identifier normalisation", () => {
  it("folds text like the standard-folding analyzer", () => {
    expect(foldText("  Müller-Lüdenscheidt  Straße ")).toBe("muller-ludenscheidt strasse");
    expect(foldText("Łódź Ærø Øster")).toBe("lodz aero oster");
  });

  it("gives one key per real-world identifier", () => {
    expect(phoneKey("+31 6 1234 5678")).toBe("+31612345678");
    expect(phoneKey("0031612345678")).toBe("+31612345678");
    expect(phoneKey("06 1234 5678")).toBeNull();
    expect(emailKey("  Jan.Jansen@Example.ORG ")).toBe("jan.jansen@example.org");
    expect(ibanKey("gb82 west 1234 5698 7654 32")).toBe("GB82WEST12345698765432");
    expect(ibanKey("GB00WEST12345698765432")).toBeNull();
    expect(documentKey("PASSPORT", "nl", "nw-12 34.567")).toBe("PASSPORT|NL|NW1234567");
    expect(addressKey({ street: "Hauptstraße  12,", postcode: "10 115", city: "BERLIN", country: "DE" })).toBe(
      "hauptstrasse 12|10115|berlin|de",
    );
    expect(addressKey({ street: "Hauptstrasse 12", postcode: "10115", city: "Berlin", country: "de" })).toBe("hauptstrasse 12|10115|berlin|de");
  });

  it("refuses invalid identifiers naming the field path", () => {
    expect(fieldOf(() => phoneIdentifier("12345", "input.phones[1]"))).toBe("input.phones[1]");
    expect(fieldOf(() => bankAccountIdentifier({ iban: "NL00ABNA0123456789" }, "input.bankAccounts[0]"))).toBe("input.bankAccounts[0].iban");
    expect(fieldOf(() => bankAccountIdentifier({ iban: "GB82WEST12345698765432", bic: "nope" }, "b"))).toBe("b.bic");
    expect(fieldOf(() => addressIdentifier({ street: "", city: "Gouda", country: "NL" }, "a"))).toBe("a.street");
    expect(fieldOf(() => addressIdentifier({ street: "Markt 1", city: "Gouda", country: "QQ" }, "a"))).toBe("a.country");
    expect(fieldOf(() => identityDocumentIdentifier({ type: "PASSPORT", number: "-", issuingCountry: "NL" }, "d"))).toBe("d.number");
    expect(fieldOf(() => identityDocumentIdentifier({ type: "PASSPORT", number: "X123", issuingCountry: "NL", expiry: "2024-02-30" }, "d"))).toBe(
      "d.expiry",
    );
  });

  it("reads a searched identifier every way it can be meant", () => {
    expect(identifierLookup("0031 6 1234 5678")).toEqual({ keys: [{ kind: "Phone", key: "+31612345678" }], documentNumber: "0031612345678" });
    expect(identifierLookup("A@B.org").keys).toEqual([{ kind: "Email", key: "a@b.org" }]);
    expect(identifierLookup("A@B.org").documentNumber).toBeNull();
    expect(identifierLookup("GB82 WEST 1234 5698 7654 32").keys).toEqual([{ kind: "BankAccount", key: "GB82WEST12345698765432" }]);
  });
});

describe("linking identifiers in Neo4j", () => {
  let db: Database;
  const ids: string[] = [];
  const phone = () => phoneIdentifier(`+31 6 1${String(randomInt(0, 10_000_000)).padStart(7, "0")}`, "p");

  async function record(label: RecordLabel): Promise<{ label: RecordLabel; id: string }> {
    const id = randomUUID();
    ids.push(id);
    // Test fixtures only: the label comes from the test's own constant.
    await db.write(`CREATE (:${label} { id: $id, ownerAgency: 'TEST-IDENTIFIERS' })`, { id });
    return { label, id };
  }

  beforeAll(async () => {
    db = testDatabase("identifiers-test");
    await applySchema(db, identifierSchema);
  });

  afterAll(async () => {
    await db.write(
      `UNWIND $ids AS id MATCH (o { id: id }) OPTIONAL MATCH (o)-->(i)
       WITH collect(DISTINCT o) AS owners, collect(DISTINCT i) AS identifiers
       FOREACH (o IN owners | DETACH DELETE o)
       WITH identifiers UNWIND identifiers AS i WITH i WHERE NOT EXISTS { (i)--() } DELETE i`,
      { ids },
    );
    await db.close();
  });

  it("merges one node per key, fills missing properties, and keeps edge dates and provenance", async () => {
    const a = await record("Person");
    const b = await record("Company");
    const p = phone();
    const iban = `TEST-${randomUUID()}`; // only the key matters here: linkIdentifiers takes keys as the caller built them
    const account = { kind: "BankAccount" as const, key: iban, props: { iban, bic: null, country: "DE" } };
    const edgeProps = { source: "test", ownerAgency: "TEST-IDENTIFIERS", since: "2020-01-01" };
    const first = await db.transaction((tx) =>
      linkIdentifiers(tx, a, [
        { rel: "USES", identifier: p, edgeProps },
        { rel: "HOLDS_ACCOUNT", identifier: account, edgeProps },
      ]),
    );
    const second = await db.transaction((tx) =>
      linkIdentifiers(tx, b, [
        { rel: "USES", identifier: p },
        { rel: "HOLDS_ACCOUNT", identifier: { ...account, props: { ...account.props, bic: "COBADEFFXXX" } } },
      ]),
    );
    expect(second.map((l) => l.id).sort()).toEqual(first.map((l) => l.id).sort());
    await db.transaction((tx) => linkIdentifiers(tx, a, [{ rel: "USES", identifier: p, edgeProps: { source: "again" } }]));

    const rows = await db.read<{ nodes: number; bic: string; edges: number; since: string; source: string }>(
      `MATCH (ph:Phone { key: $phone }) MATCH (acc:BankAccount { key: $iban })
       MATCH (:Person { id: $a })-[r:USES]->(ph)
       RETURN COUNT { (:Phone { key: $phone }) } AS nodes, acc.bic AS bic, COUNT { (ph)<-[:USES]-() } AS edges, r.since AS since, r.source AS source`,
      { phone: p.key, iban, a: a.id },
    );
    expect(rows).toEqual([{ nodes: 1, bic: "COBADEFFXXX", edges: 2, since: "2020-01-01", source: "again" }]);
  });

  it("keeps DECLARED edges apart per role and requires a role", async () => {
    const order = await record("Order");
    const p = phone();
    await db.transaction((tx) =>
      linkIdentifiers(tx, order, [
        { rel: "DECLARED", identifier: p, edgeProps: { role: "buyer" } },
        { rel: "DECLARED", identifier: p, edgeProps: { role: "seller" } },
        { rel: "DECLARED", identifier: p, edgeProps: { role: "buyer" } },
      ]),
    );
    const [row] = await db.read<{ roles: string[] }>(
      "MATCH (:Order { id: $id })-[r:DECLARED]->(:Phone { key: $key }) RETURN collect(r.role) AS roles",
      { id: order.id, key: p.key },
    );
    expect(row!.roles.sort()).toEqual(["buyer", "seller"]);
    await expect(db.transaction((tx) => linkIdentifiers(tx, order, [{ rel: "DECLARED", identifier: phone() }]))).rejects.toThrow(/role/);

    await db.transaction((tx) => unlinkIdentifiers(tx, order, { rel: "DECLARED", kind: "Phone", role: "seller" }, [p.key]));
    const [after] = await db.read<{ roles: string[] }>(
      "MATCH (:Order { id: $id })-[r:DECLARED]->(:Phone { key: $key }) RETURN collect(r.role) AS roles",
      { id: order.id, key: p.key },
    );
    expect(after!.roles).toEqual(["buyer"]);
  });

  it("refuses links outside the graph model, and owners that do not exist, writing nothing", async () => {
    const order = await record("Order");
    const company = await record("Company");
    const p = phone();
    await expect(db.transaction((tx) => linkIdentifiers(tx, order, [{ rel: "USES", identifier: p }]))).rejects.toThrow(/cannot be linked/);
    const doc = identityDocumentIdentifier({ type: "PASSPORT", number: `X${randomInt(1e6, 1e7)}`, issuingCountry: "NL" }, "d");
    await expect(db.transaction((tx) => linkIdentifiers(tx, company, [{ rel: "HOLDS", identifier: doc }]))).rejects.toThrow(/cannot be linked/);
    const label = "Seizure" as RecordLabel;
    await expect(db.transaction((tx) => linkIdentifiers(tx, { label, id: order.id }, [{ rel: "DECLARED", identifier: p, edgeProps: { role: "buyer" } }]))).rejects.toThrow(
      /cannot be linked/,
    );
    await expect(db.transaction((tx) => linkIdentifiers(tx, { label: "Person", id: randomUUID() }, [{ rel: "USES", identifier: p }]))).rejects.toThrow(
      /does not exist/,
    );
    await expect(
      db.transaction((tx) => linkIdentifiers(tx, company, [{ rel: "USES", identifier: { ...p, props: { ...p.props, extra: 1 } } }])),
    ).rejects.toThrow(/no extra property/);
    const [row] = await db.read<{ n: number }>("MATCH (p:Phone { key: $key }) RETURN count(p) AS n", { key: p.key });
    expect(row!.n).toBe(0);
  });

  it("retains only the listed identifiers and deletes the ones nobody links to any more", async () => {
    const a = await record("Person");
    const b = await record("Person");
    const [kept, shared, dropped] = [phone(), phone(), phone()];
    await db.transaction((tx) => linkIdentifiers(tx, a, [kept, shared, dropped].map((identifier) => ({ rel: "USES" as const, identifier }))));
    await db.transaction((tx) => linkIdentifiers(tx, b, [{ rel: "USES", identifier: shared }]));
    const removed = await db.transaction((tx) => retainIdentifiers(tx, a, { rel: "USES", kind: "Phone" }, [kept.key]));
    expect(removed).toBe(2);
    const [row] = await db.read<{ mine: string[]; present: string[] }>(
      `MATCH (a:Person { id: $a })
       RETURN [(a)-[:USES]->(p) | p.key] AS mine, [k IN $keys WHERE EXISTS { (:Phone { key: k }) }] AS present`,
      { a: a.id, keys: [kept.key, shared.key, dropped.key] },
    );
    expect(row!.mine).toEqual([kept.key]);
    expect(row!.present.sort()).toEqual([kept.key, shared.key].sort());
  });
});
