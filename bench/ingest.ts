// Scenario 6, ingest rate per record kind: GraphQL upserts through the gateway (the path every client and the
// seed loader use today), the bulk import (when it exists), and a plain `UNWIND … CREATE` baseline.
import { spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { deleteAgencyRecords } from "../test/support/cleanup.js";
import { DEMO_SEED, generateDataset } from "@cix/seed";
import { repoRoot, type Database, type TokenService } from "@cix/core";
import type { Unavailable } from "./scenarios.js";
import type { CypherFloor } from "./targets.js";
import { goodAnswer, userHeaders } from "./targets.js";

export type RecordKind = "persons" | "seizures";

export interface IngestRate {
  records: number;
  ms: number;
  recordsPerSecond: number;
  errors: number;
}

export interface IngestResult {
  kind: RecordKind;
  /** Agencies the records were written under (removed after): GraphQL path, bulk import. */
  agencies: string[];
  graphql: IngestRate & { concurrency: number };
  bulkImport: IngestRate | Unavailable;
  baseline: IngestRate & { batchSize: number };
}

interface IngestOptions {
  gatewayUrl: string;
  tokens: TokenService;
  db: Database;
  floor: CypherFloor;
  /** Records sent as GraphQL mutations, records in the bulk import's file, and rows created by the baseline. */
  graphqlRecords: number;
  bulkRecords: number;
  baselineRecords: number;
  concurrency: number;
}

const MUTATION: Record<RecordKind, string> = {
  persons: "mutation BenchIngest($input: PersonInput!) { upsertPerson(input: $input) { id } }",
  seizures: "mutation BenchIngest($input: SeizureInput!) { upsertSeizure(input: $input) { id } }",
};

/**
 * The baseline writes the same records as plain nodes (scalar properties on the record node, one child node
 * per nested item: identifiers of a person, goods lines of a case) with no validation, no MERGE, no audit.
 */
const BASELINE: Record<RecordKind, string> = {
  persons: `UNWIND $rows AS r
    CREATE (p:BenchIngest:BenchPerson) SET p = r.props, p.id = randomUUID(), p.createdAt = datetime()
    FOREACH (value IN r.children | CREATE (p)-[:USES]->(:BenchIngest:BenchIdentifier { value: value }))`,
  seizures: `UNWIND $rows AS r
    CREATE (s:BenchIngest:BenchSeizure) SET s = r.props, s.id = randomUUID(), s.createdAt = datetime()
    FOREACH (item IN r.children | CREATE (s)-[:GOODS]->(:BenchIngest:BenchGoods { description: item }))`,
};
const BATCH = 1000;

/** Writes `records` of `kind` as `agency` by the bulk import; or why it cannot. */
export type BulkImport = (kind: RecordKind, records: Array<Record<string, unknown>>, agency: string) => Promise<IngestRate | Unavailable>;

/** Ingest rates of persons and seizures, each path writing under an agency of this run, removed after. */
export async function measureIngest(options: IngestOptions, bulkImport: BulkImport): Promise<IngestResult[]> {
  const plan = generateDataset({ scale: "demo", seed: DEMO_SEED });
  const inputs: Record<RecordKind, Array<Record<string, unknown>>> = {
    persons: plan.persons.map((p) => ({ ...p.input })),
    seizures: plan.seizures.map((s) => ({ ...s.input })),
  };
  const results: IngestResult[] = [];
  for (const kind of ["persons", "seizures"] as const) {
    const agency = `BENCH-INGEST-${randomUUID().slice(0, 8).toUpperCase()}`;
    const bulkAgency = `${agency}-BULK`;
    try {
      const graphql = await viaGraphQL(options, kind, agency, inputs[kind]);
      const bulk = await bulkImport(kind, recordsOf(kind, inputs[kind], options.bulkRecords), bulkAgency);
      const baseline = await viaUnwindCreate(options, kind, inputs[kind]);
      results.push({ kind, agencies: [agency, bulkAgency], graphql, bulkImport: bulk, baseline });
    } finally {
      await deleteAgencyRecords(options.db, agency);
      await deleteAgencyRecords(options.db, bulkAgency);
      await options.floor.driver.executeQuery("MATCH (n:BenchIngest) DETACH DELETE n");
    }
  }
  return results;
}

/**
 * Scenario 6's bulk-import column: `npm run import -- <kind> <file.ndjson> --agency …` on a file of the records,
 * straight into the bench's Neo4j. The rate is the import job's own (its summary line), without process start-up.
 */
export function bulkImportIngest(neo4jUri: string, env: Record<string, string>): BulkImport {
  return async (kind, rows, agency) => {
    const dir = await mkdtemp(path.join(os.tmpdir(), "cix-bench-import-"));
    try {
      const file = path.join(dir, `${kind}.ndjson`);
      await writeFile(file, rows.map((r) => JSON.stringify(r)).join("\n") + "\n");
      const args = ["--import", "tsx", path.join(repoRoot, "scripts", "import.ts"), kind, file, "--format", "ndjson", "--agency", agency, "--country", "NL"];
      const child = spawn(process.execPath, args, { cwd: repoRoot, env: { ...process.env, ...env, NEO4J_URI: neo4jUri }, stdio: ["ignore", "pipe", "pipe"] });
      let stdout = "";
      let stderr = "";
      child.stdout.on("data", (c: Buffer) => (stdout += c.toString()));
      child.stderr.on("data", (c: Buffer) => (stderr += c.toString()));
      const code = await new Promise<number | null>((resolve) => child.on("exit", resolve));
      const line = stdout.split("\n").reverse().find((l) => l.startsWith("{") && l.includes('"rowsPerSecond"'));
      if (!line) return { id: `6-${kind}`, title: `bulk import of ${kind}`, unavailable: `npm run import failed (exit ${code}): ${stderr.trim().split("\n").slice(-3).join(" ")}` };
      const summary = JSON.parse(line) as { accepted: number; rejected: number; errors: number; seconds: number };
      return { ...rate(summary.accepted, summary.seconds * 1000, summary.rejected), errors: summary.rejected };
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  };
}

async function viaGraphQL(o: IngestOptions, kind: RecordKind, agency: string, inputs: Array<Record<string, unknown>>): Promise<IngestResult["graphql"]> {
  const headers = { "content-type": "application/json", ...(await userHeaders(o.tokens, agency)) };
  const records = recordsOf(kind, inputs, o.graphqlRecords);
  let next = 0;
  let errors = 0;
  const started = Date.now();
  const worker = async () => {
    while (next < records.length) {
      const input = records[next++]!;
      const res = await fetch(o.gatewayUrl, { method: "POST", headers, body: JSON.stringify({ query: MUTATION[kind], variables: { input } }) }).catch(() => null);
      if (!res?.ok || !goodAnswer(await res.text())) errors++;
    }
  };
  await Promise.all(Array.from({ length: o.concurrency }, worker));
  return { ...rate(records.length, Date.now() - started, errors), concurrency: o.concurrency };
}

async function viaUnwindCreate(o: IngestOptions, kind: RecordKind, inputs: Array<Record<string, unknown>>): Promise<IngestResult["baseline"]> {
  const rows = recordsOf(kind, inputs, o.baselineRecords).map((r) => flatten(kind, r));
  const started = Date.now();
  for (let i = 0; i < rows.length; i += BATCH) {
    await o.floor.driver.executeQuery(BASELINE[kind], { rows: rows.slice(i, i + BATCH) });
  }
  return { ...rate(rows.length, Date.now() - started, 0), batchSize: BATCH };
}

/** `count` records cycling through the plan's, each with its natural key made unique (person reference, case number). */
function recordsOf(kind: RecordKind, inputs: Array<Record<string, unknown>>, count: number): Array<Record<string, unknown>> {
  return Array.from({ length: count }, (_, i) => {
    const input = inputs[i % inputs.length]!;
    return kind === "persons" ? { ...input, reference: `BENCH-${i}` } : { ...input, caseNumber: `BENCH-${i}` };
  });
}

const NESTED: Record<RecordKind, string[]> = { persons: ["phones", "emails", "addresses", "bankAccounts", "identityDocuments"], seizures: ["goods"] };

/** Nested lists become child nodes (one value each); other scalar and scalar-list fields become properties. */
function flatten(kind: RecordKind, input: Record<string, unknown>): { props: Record<string, unknown>; children: string[] } {
  const nested = NESTED[kind];
  const props: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(input)) {
    const scalarList = Array.isArray(value) && value.every((v) => typeof v !== "object");
    if (!nested.includes(key) && (typeof value !== "object" || value === null || scalarList)) props[key] = value;
  }
  const children = nested.flatMap((key) => ((input[key] as unknown[] | undefined) ?? []).map((v) => (typeof v === "string" ? v : JSON.stringify(v))));
  return { props, children };
}

function rate(records: number, ms: number, errors: number): IngestRate {
  return { records, ms, recordsPerSecond: Math.round((records / Math.max(1, ms)) * 1000 * 10) / 10, errors };
}
