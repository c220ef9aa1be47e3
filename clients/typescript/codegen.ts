// GraphQL Code Generator configuration of @cix/client: typed document nodes for the operations in
// src/operations/*.graphql, checked against schema/api.graphql, plus the persisted-documents map the
// trusted-document manifest is made from. `npm run clients` runs it (generate.ts, artefacts.ts).
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import type { CodegenConfig } from "@graphql-codegen/cli";
import { buildASTSchema, parse, print, visit, type GraphQLSchema } from "graphql";

/** The manifest's ids are the lowercase hex SHA-256 of each body (the gateway's format, without a `sha256:` prefix). */
export const sha256Hex = (text: string): string => createHash("sha256").update(text, "utf8").digest("hex");

/** Every custom scalar of the API travels as a string in JSON (dates, codes, identifiers). */
const STRING_SCALARS = ["DateTime", "Date", "CountryCode", "CurrencyCode", "HSCode", "UNLocode", "IBAN", "PhoneNumber", "EmailAddress", "AirlineCode"];

/** The published API schema (schema/api.graphql), which operations are checked against. */
export function apiSchema(): GraphQLSchema {
  return buildASTSchema(parse(readFileSync(new URL("../../schema/api.graphql", import.meta.url), "utf8")));
}

/**
 * The API schema without its descriptions: they would be copied into the generated types as comments, so every
 * edit of a description would change the generated client. Integrators read them in schema/api.graphql.
 */
function schemaWithoutDescriptions(): string {
  const api = parse(readFileSync(new URL("../../schema/api.graphql", import.meta.url), "utf8"));
  return print(visit(api, { enter: (node) => ("description" in node && node.description ? { ...node, description: undefined } : undefined) }));
}

/** Paths are relative to the repository root. */
export function codegenConfig(outputDir = "clients/typescript/src/generated/"): CodegenConfig {
  return {
    schema: schemaWithoutDescriptions(),
    documents: "clients/typescript/src/operations/*.graphql",
    silent: true,
    generates: {
      [outputDir]: {
        preset: "client",
        presetConfig: {
          // No fragment masking: results are plain objects a program reads directly.
          fragmentMasking: false,
          // The generated documents carry only their hash (the text is in persisted-documents.json): the output stays
          // small, and what the client sends as text is exactly what the manifest registers.
          persistedDocuments: { mode: "replaceDocumentWithHash", hashAlgorithm: sha256Hex },
        },
        config: {
          // Types only for what the operations use; enums as string unions (no runtime code).
          enumType: "string-literal",
          useTypeImports: true,
          strictScalars: true,
          scalars: Object.fromEntries(STRING_SCALARS.map((name) => [name, "string"])),
        },
      },
    },
  };
}

export default codegenConfig();
