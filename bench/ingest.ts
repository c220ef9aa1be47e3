// Scenario 6, ingest rate per record kind: GraphQL upserts through the gateway (the path every client and the
// seed loader use today), the bulk import (when it exists), and a plain `UNWIND … CREATE` baseline.
import { randomUUID } from "node:crypto";
import { deleteAgencyRecords } from "../test/support/cleanup.js";
import { DEMO_SEED, generateDataset } from "@cix/seed";
import type { Database, TokenService } from "@cix/core";
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
  graphql: IngestRate & { concurrency: number };
  bulkImport: IngestRate | Unavailable;
  baseline: IngestRate & { batchSize: number };
}

interface IngestOptions {
  gatewayUrl: string;
  tokens: TokenService;
  db: Database;
  floor: CypherFloor;
  /** Records sent as GraphQL mutations, and rows created by the baseline. */
  graphqlRecords: number;
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

/** Ingest rates of persons and seizures, each record kind written under an agency of this run and removed after. */
export async function measureIngest(options: IngestOptions, bulkImport: (kind: RecordKind) => Promise<IngestRate | Unavailable>): Promise<IngestResult[]> {
  const plan = generateDataset({ scale: "demo", seed: DEMO_SEED });
  const inputs: Record<RecordKind, Array<Record<string, unknown>>> = {
    persons: plan.persons.map((p) => ({ ...p.input })),
    seizures: plan.seizures.map((s) => ({ ...s.input })),
  };
  const results: IngestResult[] = [];
  for (const kind of ["persons", "seizures"] as const) {
    const agency = `BENCH-INGEST-${randomUUID().slice(0, 8).toUpperCase()}`;
    try {
      const graphql = await viaGraphQL(options, kind, agency, inputs[kind]);
      const baseline = await viaUnwindCreate(options, kind, inputs[kind]);
      results.push({ kind, graphql, bulkImport: await bulkImport(kind), baseline });
    } finally {
      await deleteAgencyRecords(options.db, agency);
      await options.floor.driver.executeQuery("MATCH (n:BenchIngest) DETACH DELETE n");
    }
  }
  return results;
}

/** Scenario 6's bulk-import column. The one function to change when `npm run import` lands. */
export async function bulkImportIngest(kind: RecordKind): Promise<IngestRate | Unavailable> {
  return { id: `6-${kind}`, title: `bulk import of ${kind}`, unavailable: "not yet available: no `npm run import` in this checkout" };
}

async function viaGraphQL(o: IngestOptions, kind: RecordKind, agency: string, inputs: Array<Record<string, unknown>>): Promise<IngestResult["graphql"]> {
  const headers = { "content-type": "application/json", ...(await userHeaders(o.tokens, agency)) };
  const records = Array.from({ length: o.graphqlRecords }, (_, i) => unique(kind, inputs[i % inputs.length]!, i));
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
  const rows = Array.from({ length: o.baselineRecords }, (_, i) => flatten(kind, unique(kind, inputs[i % inputs.length]!, i)));
  const started = Date.now();
  for (let i = 0; i < rows.length; i += BATCH) {
    await o.floor.driver.executeQuery(BASELINE[kind], { rows: rows.slice(i, i + BATCH) });
  }
  return { ...rate(rows.length, Date.now() - started, 0), batchSize: BATCH };
}

/** The i-th record with its natural key made unique (person reference, case number). */
function unique(kind: RecordKind, input: Record<string, unknown>, i: number): Record<string, unknown> {
  return kind === "persons" ? { ...input, reference: `BENCH-${i}` } : { ...input, caseNumber: `BENCH-${i}` };
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
