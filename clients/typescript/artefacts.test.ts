import { describe, expect, it } from "vitest";
import { trustedDocumentManifest } from "./artefacts.js";
import { apiSchema, sha256Hex } from "./codegen.js";

/** An integrator's persisted-documents map (hash → body) of these operation texts. */
const persisted = (...bodies: string[]) => Object.fromEntries(bodies.map((body) => [sha256Hex(body), body]));

describe("an integrator's manifest (npm run clients -- --from … --client …)", () => {
  const schema = apiSchema();

  it("registers each operation under its hash for the client, sorted by name", () => {
    const manifest = trustedDocumentManifest(persisted("query Second { __typename }", "query First($id: ID!) { seizure(id: $id) { id caseNumber } }"), {
      client: "sw-nl",
      schema,
    });
    expect(manifest).toMatchObject({ format: "apollo-persisted-query-manifest", version: 1, client: "sw-nl", trustedOnly: true });
    expect(manifest.operations.map((o) => [o.name, o.type, o.id === sha256Hex(o.body)])).toEqual([
      ["First", "query", true],
      ["Second", "query", true],
    ]);
  });

  it("refuses an operation the API cannot run, naming it and why", () => {
    expect(() => trustedDocumentManifest(persisted("query Stale { seizure(id: \"x\") { id removedField } }"), { client: "sw-nl", schema })).toThrow(
      /\(Stale\) does not run against schema\/api\.graphql: Cannot query field "removedField" on type "Seizure"/,
    );
  });

  it("refuses a hash that is not its body's, and a document without exactly one named operation", () => {
    expect(() => trustedDocumentManifest({ ["0".repeat(64)]: "query A { __typename }" }, { client: "sw-nl", schema })).toThrow(/is not the SHA-256 of its body/);
    expect(() => trustedDocumentManifest(persisted("{ __typename }"), { client: "sw-nl", schema })).toThrow(/exactly one named operation/);
  });
});
