// `npm run schema`: writes each subgraph's SDL, the composed supergraph and the client-facing API schema into schema/.
import { writeFile } from "node:fs/promises";
import { parseCommandLine } from "@cix/core";
import { produceSchemaArtefacts } from "./index.js";

parseCommandLine({ options: {} }, "usage: npm run schema\n  Writes each subgraph's SDL, the composed supergraph and the client-facing API schema (schema/*.graphql), built in-process.");

const { files } = await produceSchemaArtefacts();
for (const [name, content] of Object.entries(files)) {
  await writeFile(new URL(name, import.meta.url), content);
  console.log(`schema/${name}`);
}
