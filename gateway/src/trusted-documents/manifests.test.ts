import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { loadConfig } from "@cix/core";
import { describe, expect, it } from "vitest";
import { loadTrustedClients, sha256Hex } from "./manifests.js";

const QUERY = "query Q { seizures(first: 1) { nodes { id } } }";

function dirWith(files: Record<string, unknown>): string {
  const dir = mkdtempSync(path.join(tmpdir(), "cix-manifests-"));
  for (const [name, content] of Object.entries(files)) {
    writeFileSync(path.join(dir, name), typeof content === "string" ? content : JSON.stringify(content));
  }
  return dir;
}

const load = (files: Record<string, unknown>, env: Record<string, string> = {}) =>
  loadTrustedClients(loadConfig({ CIX_TRUSTED_DOCUMENTS_DIR: dirWith(files), ...env }));

describe("trusted-document manifests", () => {
  it("loads each client's operations by hash, held to them per manifest or by CIX_TRUSTED_ONLY", () => {
    const files = {
      "a.json": { format: "apollo-persisted-query-manifest", version: 1, client: "a", trustedOnly: false, operations: [{ id: sha256Hex(QUERY), body: QUERY }] },
      "b.json": { client: "b", operations: [{ body: QUERY }] },
      "README.md": "not a manifest",
    };
    const clients = load(files, { CIX_TRUSTED_ONLY: "true" });
    expect([...clients.keys()].sort()).toEqual(["a", "b"]);
    expect(clients.get("a")).toMatchObject({ trustedOnly: false });
    expect(clients.get("b")).toMatchObject({ trustedOnly: true });
    expect(clients.get("b")!.operations.get(sha256Hex(QUERY))).toBe(QUERY);
    expect(load(files).get("b")!.trustedOnly).toBe(false);
  });

  it.each<[string, Record<string, unknown>, RegExp]>([
    ["bad JSON", { "x.json": "{" }, /x\.json: not valid JSON/],
    ["no client", { "x.json": { operations: [] } }, /x\.json: client/],
    ["an id that is not the body's hash", { "x.json": { client: "x", operations: [{ id: "0".repeat(64), body: QUERY }] } }, /operations\[0\]\.id is not the sha256 of its body/],
    ["a body that is not GraphQL", { "x.json": { client: "x", operations: [{ body: "query {" }] } }, /operations\[0\]\.body is not a GraphQL document/],
    ["a client registered twice", { "x.json": { client: "x", operations: [] }, "y.json": { client: "x", operations: [] } }, /y\.json: client x is already registered/],
  ])("refuses to start on %s, naming the file", (_what, files, message) => {
    expect(() => load(files)).toThrow(message);
  });
});
