import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import type { Config } from "@cix/core";
import { parse } from "graphql";
import { z } from "zod";

/** The operations one registered client may run, by the sha256 of their text. */
export interface TrustedClient {
  client: string;
  /** Refuse every operation not in `operations`. */
  trustedOnly: boolean;
  operations: ReadonlyMap<string, string>;
}

/**
 * One manifest per client: Apollo's persisted-query manifest format (what `generate-persisted-query-manifest`
 * writes) plus the client it belongs to and whether it is held to it. See README, "Trusted documents".
 */
const Manifest = z.object({
  format: z.literal("apollo-persisted-query-manifest").optional(),
  version: z.literal(1).optional(),
  client: z.string().min(1).max(200),
  trustedOnly: z.boolean().optional(),
  operations: z.array(
    z.object({
      id: z.string().regex(/^[0-9a-f]{64}$/, "the lowercase hex sha256 of body").optional(),
      name: z.string().optional(),
      type: z.enum(["query", "mutation", "subscription"]).optional(),
      body: z.string().min(1),
    }),
  ),
});

export function sha256Hex(text: string): string {
  return createHash("sha256").update(text, "utf8").digest("hex");
}

/**
 * Reads every `*.json` manifest in CIX_TRUSTED_DOCUMENTS_DIR at start-up, keyed by client id. A broken manifest
 * (bad JSON, an id that is not the hash of its body, a body that does not parse, a client registered twice)
 * stops the gateway with a message naming the file: a client silently losing its operations is worse.
 */
export function loadTrustedClients(config: Config): Map<string, TrustedClient> {
  const clients = new Map<string, TrustedClient>();
  const dir = config.CIX_TRUSTED_DOCUMENTS_DIR;
  if (!dir) return clients;
  for (const file of readdirSync(dir).filter((f) => f.endsWith(".json")).sort()) {
    const where = path.join(dir, file);
    const fail = (problem: string) => new Error(`Trusted-documents manifest ${where}: ${problem}`);
    let manifest: z.infer<typeof Manifest>;
    try {
      const parsed = Manifest.safeParse(JSON.parse(readFileSync(where, "utf8")));
      if (!parsed.success) throw fail(parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; "));
      manifest = parsed.data;
    } catch (error) {
      throw error instanceof SyntaxError ? fail(`not valid JSON (${error.message})`) : error;
    }
    if (clients.has(manifest.client)) throw fail(`client ${manifest.client} is already registered by another manifest`);
    const operations = new Map<string, string>();
    manifest.operations.forEach((op, i) => {
      const id = sha256Hex(op.body);
      if (op.id && op.id !== id) throw fail(`operations[${i}].id is not the sha256 of its body (expected ${id})`);
      try {
        parse(op.body);
      } catch (error) {
        throw fail(`operations[${i}].body is not a GraphQL document: ${(error as Error).message}`);
      }
      operations.set(id, op.body);
    });
    clients.set(manifest.client, { client: manifest.client, trustedOnly: manifest.trustedOnly ?? config.CIX_TRUSTED_ONLY, operations });
  }
  return clients;
}
