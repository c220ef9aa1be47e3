import { createHash } from "node:crypto";
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectNoInternals, post, send } from "../support/edge.js";
import { startProductionStack, type ProductionStack } from "../support/production.js";
import { unique } from "../support/stack.js";

const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");

/**
 * Trusted documents: a registered machine client (a single-window system, identified by its token's `azp`) runs
 * operations from its manifest, by text or by hash only, and is refused anything else.
 */
describe("trusted documents for registered machine clients", () => {
  let stack: ProductionStack;
  const agency = unique("EDGE-TD");
  const caseNumber = unique("EDGE-TD-CASE");
  const LIST = "query RecentSeizures($first: Int!) { seizures(first: $first) { nodes { id caseNumber } } }";
  const UPSERT = "mutation Report($input: SeizureInput!) { upsertSeizure(input: $input) { id caseNumber } }";
  const NOT_LISTED = "query Other { seizures(first: 1) { nodes { id reviewStatus } } }";
  const input = { caseNumber, seizedAt: "2024-03-01T10:00:00Z", commodity: "TOBACCO" };

  const held = (extra: { azp?: string; sub?: string } = { azp: "nl-single-window" }) =>
    stack.headers({ role: "investigator", agency, country: "NL", ...extra });
  const seizuresOfAgency = async () =>
    (await stack.db.read<{ n: number }>("MATCH (s:Seizure { reportingAgency: $agency }) RETURN count(s) AS n", { agency }))[0]!.n;

  beforeAll(async () => {
    stack = await startProductionStack({}, (dir) => {
      const manifests = path.join(dir, "trusted");
      mkdirSync(manifests);
      writeManifest(manifests, "nl-single-window.json", {
        format: "apollo-persisted-query-manifest",
        version: 1,
        client: "nl-single-window",
        trustedOnly: true,
        operations: [
          { id: sha256(LIST), name: "RecentSeizures", type: "query", body: LIST },
          { id: sha256(UPSERT), name: "Report", type: "mutation", body: UPSERT },
        ],
      });
      // Registered for hash-only calls but not held to its list.
      writeManifest(manifests, "be-portal.json", { client: "be-portal", operations: [{ body: LIST }] });
      return { CIX_TRUSTED_DOCUMENTS_DIR: manifests };
    });
  });
  afterAll(async () => {
    await stack.db.write("MATCH (s:Seizure { reportingAgency: $agency }) DETACH DELETE s", { agency });
    await stack.stop();
  });

  it("runs the client's registered operations sent in full", async () => {
    const listed = await post(stack.gatewayUrl, { query: LIST, variables: { first: 2 } }, await held());
    expect(listed.status).toBe(200);
    expect(listed.body.errors).toBeUndefined();
    const written = await post(stack.gatewayUrl, { query: UPSERT, variables: { input } }, await held());
    expect(written.body.errors).toBeUndefined();
    expect(await seizuresOfAgency()).toBe(1);
  });

  it("runs a registered operation sent by its sha256 hash alone (POST and GET)", async () => {
    const extensions = { persistedQuery: { version: 1, sha256Hash: sha256(LIST) } };
    const byPost = await post(stack.gatewayUrl, { variables: { first: 1 }, extensions }, await held());
    expect(byPost.status).toBe(200);
    expect(byPost.body.errors).toBeUndefined();
    expect(byPost.body.data).toHaveProperty("seizures.nodes");

    const params = new URLSearchParams({ variables: JSON.stringify({ first: 1 }), extensions: JSON.stringify(extensions) });
    const byGet = await send(`${stack.gatewayUrl}?${params}`, { headers: { ...(await held()), "apollo-require-preflight": "true" } });
    expect(byGet.status).toBe(200);
    expect(byGet.body.errors).toBeUndefined();
  });

  it("refuses a client held to its manifest any other operation, before it runs", async () => {
    const before = await seizuresOfAgency();
    for (const body of [
      { query: NOT_LISTED },
      { query: UPSERT.replace("id caseNumber", "id"), variables: { input: { ...input, caseNumber: unique("EDGE-TD-X") } } },
    ]) {
      const reply = await post(stack.gatewayUrl, body, await held());
      expect(reply.status).toBe(403);
      expect(reply.body.data ?? null).toBeNull();
      expect(reply.body.errors?.[0]?.extensions?.code).toBe("PERSISTED_QUERY_NOT_IN_LIST");
      expect(reply.body.errors?.[0]?.message).toMatch(/nl-single-window may run only the operations registered/);
      expectNoInternals(reply.text);
    }
    expect(await seizuresOfAgency()).toBe(before);
  });

  it("answers PERSISTED_QUERY_NOT_FOUND for an unknown hash, for registered and unregistered callers alike", async () => {
    const extensions = { persistedQuery: { version: 1, sha256Hash: sha256("{ __typename }") } };
    for (const headers of [await held(), await held({ sub: "someone" })]) {
      const reply = await post(stack.gatewayUrl, { extensions }, headers);
      // 200 by the persisted-query protocol (clients then resend the text), with no data.
      expect(reply.status).toBe(200);
      expect(reply.body.data ?? null).toBeNull();
      expect(reply.body.errors?.[0]?.extensions?.code).toBe("PERSISTED_QUERY_NOT_FOUND");
    }
  });

  it("knows the client from its verified token, not from a header anyone can set", async () => {
    // A token of another application cannot borrow a manifest by naming it in a header…
    const other = { ...(await held({ sub: "someone" })), "apollographql-client-name": "nl-single-window" };
    const hashOnly = { extensions: { persistedQuery: { version: 1, sha256Hash: sha256(LIST) } }, variables: { first: 1 } };
    expect((await post(stack.gatewayUrl, hashOnly, other)).body.errors?.[0]?.extensions?.code).toBe("PERSISTED_QUERY_NOT_FOUND");
    // …and the held client cannot escape its list by claiming to be someone else.
    const escape = { ...(await held()), "apollographql-client-name": "be-portal" };
    expect((await post(stack.gatewayUrl, { query: NOT_LISTED }, escape)).status).toBe(403);
  });

  it("lets callers without a manifest, and registered clients not held to theirs, run any operation", async () => {
    for (const headers of [await held({ sub: "analyst-in-a-browser" }), await held({ azp: "be-portal" })]) {
      const reply = await post(stack.gatewayUrl, { query: NOT_LISTED }, headers);
      expect(reply.status).toBe(200);
      expect(reply.body.errors).toBeUndefined();
    }
    const byHash = await post(
      stack.gatewayUrl,
      { extensions: { persistedQuery: { version: 1, sha256Hash: sha256(LIST) } }, variables: { first: 1 } },
      await held({ azp: "be-portal" }),
    );
    expect(byHash.body.errors).toBeUndefined();
  });
});

function writeManifest(dir: string, file: string, manifest: unknown): void {
  writeFileSync(path.join(dir, file), JSON.stringify(manifest, null, 2));
}
