import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { produceSchemaArtefacts } from "@cix/schema";
import { clientPackageDir, produceClientArtefacts } from "../../clients/typescript/artefacts.js";

describe("schema artefacts", () => {
  it("the committed SDL, supergraph and API schema match what the code produces (run `npm run schema` to update)", async () => {
    const { files } = await produceSchemaArtefacts();
    expect(Object.keys(files).sort()).toEqual(["api.graphql", "ecommerce.graphql", "entities.graphql", "seizures.graphql", "supergraph.graphql"]);
    for (const [name, content] of Object.entries(files)) {
      const committed = await readFile(new URL(`../../schema/${name}`, import.meta.url), "utf8");
      expect(committed, `schema/${name} is stale`).toBe(content);
    }
  });

  it("the committed typed client and trusted-document manifest match what the codegen produces (run `npm run clients` to update)", async () => {
    const { files } = await produceClientArtefacts();
    expect(Object.keys(files).sort()).toEqual(["src/generated/graphql.ts", "src/generated/persisted-documents.json", "trusted-documents.json"]);
    // Nothing else in the generated folder: a file left from an earlier codegen run would still be imported.
    expect((await readdir(path.join(clientPackageDir, "src/generated"))).sort()).toEqual(["graphql.ts", "persisted-documents.json"]);
    for (const [name, content] of Object.entries(files)) {
      const committed = await readFile(path.join(clientPackageDir, name), "utf8");
      expect(committed, `clients/typescript/${name} is stale`).toBe(content);
    }
  }, 60_000);
});
