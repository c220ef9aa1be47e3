// `npm run clients`: regenerates @cix/client's typed documents (src/generated/) and its trusted-document manifest
// (trusted-documents.json) from schema/api.graphql and src/operations/*.graphql. With --from, turns an integrator's
// own persisted-documents.json (from the same codegen client preset) into a manifest for their client id instead.
import { mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { parseCommandLine } from "@cix/core";
import { clientPackageDir, produceClientArtefacts, trustedDocumentManifest } from "./artefacts.js";
import { apiSchema } from "./codegen.js";

const USAGE = `usage: npm run clients [-- --from <persisted-documents.json> --client <azp> [--not-trusted-only]]
  Without options: writes clients/typescript/src/generated/ and clients/typescript/trusted-documents.json.
  --from, --client: prints to stdout the trusted-document manifest of your own operations for the client id
  (your token's azp), each operation checked against schema/api.graphql; the operators put it in
  CIX_TRUSTED_DOCUMENTS_DIR. --not-trusted-only registers the
  operations for hash-only calls without holding the client to them.`;

const { values } = parseCommandLine(
  { options: { from: { type: "string" }, client: { type: "string" }, "not-trusted-only": { type: "boolean", default: false } } },
  USAGE,
);

if (values.from || values.client) {
  if (!values.from || !values.client) {
    console.error(`--from and --client go together\n${USAGE}`);
    process.exit(2);
  }
  const persisted = JSON.parse(await readFile(values.from, "utf8")) as Record<string, string>;
  const manifest = trustedDocumentManifest(persisted, { client: values.client, schema: apiSchema(), trustedOnly: !values["not-trusted-only"] });
  process.stdout.write(`${JSON.stringify(manifest, null, 2)}\n`);
} else {
  const { files } = await produceClientArtefacts();
  for (const [name, content] of Object.entries(files)) {
    const file = path.join(clientPackageDir, name);
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, content);
    console.log(path.relative(process.cwd(), file));
  }
}
