import { readFile } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import { produceSchemaArtefacts } from "@cix/schema";

describe("schema artefacts", () => {
  it("the committed SDL, supergraph and API schema match what the code produces (run `npm run schema` to update)", async () => {
    const { files } = await produceSchemaArtefacts();
    expect(Object.keys(files).sort()).toEqual(["api.graphql", "ecommerce.graphql", "entities.graphql", "seizures.graphql", "supergraph.graphql"]);
    for (const [name, content] of Object.entries(files)) {
      const committed = await readFile(new URL(`../../schema/${name}`, import.meta.url), "utf8");
      expect(committed, `schema/${name} is stale`).toBe(content);
    }
  });
});
