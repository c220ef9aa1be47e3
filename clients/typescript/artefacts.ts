// What `npm run clients` writes, produced in memory so that test/e2e/schema-artefacts.test.ts can compare it with
// the committed files.
import path from "node:path";
import { fileURLToPath } from "node:url";
import { generate } from "@graphql-codegen/cli";
import { parse, validate, type GraphQLSchema, type OperationDefinitionNode } from "graphql";
import { apiSchema, codegenConfig, sha256Hex } from "./codegen.js";

const packageDir = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(packageDir, "../..");
const GENERATED = "src/generated/";

/**
 * The client id the committed manifest is registered for: an example single-window system. A real integrator's
 * manifest carries their own token's `azp` (see README "Trusted documents" and docs/integrators.md).
 */
export const EXAMPLE_CLIENT = "cix-example-single-window";
export const MANIFEST_FILE = "trusted-documents.json";

/**
 * Of the client preset's output, the typed documents and the persisted-documents map. Its gql.ts (a `graphql()`
 * function for documents written inline in TypeScript) and the index.ts re-exporting it are left out: our
 * operations live in .graphql files, and gql.ts would repeat each file's whole text.
 */
const KEPT = [`${GENERATED}graphql.ts`, `${GENERATED}persisted-documents.json`];

/** The gateway's trusted-document manifest: Apollo's persisted-query manifest plus `client` and `trustedOnly`. */
export interface TrustedDocumentManifest {
  format: "apollo-persisted-query-manifest";
  version: 1;
  client: string;
  trustedOnly: boolean;
  operations: Array<{ id: string; name: string; type: "query" | "mutation" | "subscription"; body: string }>;
}

/**
 * Turns a persisted-documents map (hash → body, what the codegen client preset writes) into the gateway's manifest
 * for one client. Each id is recomputed from its body (the gateway checks that too), and each operation must be
 * valid against `schema` (the API it will run on): a registered operation the hub cannot run would only fail in
 * production. Operations are sorted by name so the file is stable.
 */
export function trustedDocumentManifest(
  persisted: Record<string, string>,
  options: { client: string; schema: GraphQLSchema; trustedOnly?: boolean },
): TrustedDocumentManifest {
  const operations = Object.entries(persisted).map(([hash, body]) => {
    const id = sha256Hex(body);
    if (hash.replace(/^sha256:/, "") !== id) throw new Error(`persisted document ${hash} is not the SHA-256 of its body (expected ${id})`);
    const document = parse(body);
    const definitions = document.definitions.filter((d): d is OperationDefinitionNode => d.kind === "OperationDefinition");
    const [operation] = definitions;
    if (definitions.length !== 1 || !operation?.name) throw new Error(`persisted document ${id} must hold exactly one named operation`);
    const invalid = validate(options.schema, document);
    if (invalid.length > 0) {
      throw new Error(`persisted document ${id} (${operation.name.value}) does not run against schema/api.graphql: ${invalid.map((e) => e.message).join("; ")}`);
    }
    return { id, name: operation.name.value, type: operation.operation, body };
  });
  operations.sort((a, b) => a.name.localeCompare(b.name));
  return { format: "apollo-persisted-query-manifest", version: 1, client: options.client, trustedOnly: options.trustedOnly ?? true, operations };
}

/** Files of clients/typescript (by path relative to it) as `npm run clients` writes them. */
export async function produceClientArtefacts(): Promise<{ files: Record<string, string> }> {
  const outputs: Array<{ filename: string; content: string }> = await generate({ ...codegenConfig(`clients/typescript/${GENERATED}`), cwd: repoRoot }, false);
  const files: Record<string, string> = {};
  for (const output of outputs) {
    const name = path.relative(packageDir, path.resolve(repoRoot, output.filename));
    if (KEPT.includes(name)) files[name] = `${output.content.trimEnd()}\n`;
  }
  const persisted = files[`${GENERATED}persisted-documents.json`];
  if (!persisted) throw new Error("the codegen wrote no persisted-documents.json (is persistedDocuments on in codegen.ts?)");
  const manifest = trustedDocumentManifest(JSON.parse(persisted) as Record<string, string>, { client: EXAMPLE_CLIENT, schema: apiSchema() });
  files[MANIFEST_FILE] = `${JSON.stringify(manifest, null, 2)}\n`;
  return { files };
}

export const clientPackageDir = packageDir;
