import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { repoRoot } from "@cix/core";
import type { LoadResult } from "./load-graphql.js";
import type { DatasetPlan, SharedIdentifier } from "./plan.js";

/**
 * The manifest of what was planted: per ring the hub ids of its persons, companies, cases, orders, payments and
 * parcels, and the identifiers its members share, so tests and benchmarks can check the rings are found.
 */

export const MANIFEST_PATH = path.join(repoRoot, "var", "seed-manifest.json");

export interface RingManifest {
  index: number;
  name: string;
  agencies: string[];
  /** Shared identifiers in normalised form; a shared consignee company also gets its hub id. */
  shared: Array<SharedIdentifier & { id?: string }>;
  persons: string[];
  companies: string[];
  seizures: string[];
  orders: string[];
  payments: string[];
  shipments: string[];
}

export interface SeedManifest {
  seed: number;
  scale: string;
  loadedAt: string;
  loadMs: number;
  counts: Record<string, number>;
  operation: { id: string; name: string; leadAgency: string; memberAgencies: string[]; records: string[] } | null;
  rings: RingManifest[];
}

export function buildManifest(plan: DatasetPlan, loaded: LoadResult): SeedManifest {
  const ids = (keys: readonly string[]) => keys.map((k) => loaded.ids.get(k)).filter((id): id is string => id !== undefined);
  const agency = (code: string) => loaded.agencies.get(code) ?? code;
  const op = plan.operations.find((o) => o.stage === "joint");
  const opId = op ? loaded.ids.get(op.key) : undefined;
  return {
    seed: plan.seed,
    scale: plan.scale,
    loadedAt: new Date().toISOString(),
    loadMs: loaded.ms,
    counts: loaded.counts,
    operation:
      op && opId
        ? { id: opId, name: op.name, leadAgency: agency(op.agency), memberAgencies: op.memberAgencies.map(agency), records: ids(op.records) }
        : null,
    rings: plan.rings.map((r) => ({
      index: r.index,
      name: r.name,
      agencies: r.agencies.map(agency),
      shared: r.shared.map((s) => (s.kind === "ConsigneeCompany" ? { ...s, id: loaded.ids.get(s.value) } : s)),
      persons: ids(r.persons),
      companies: ids(r.companies),
      seizures: ids(r.seizures),
      orders: ids(r.orders),
      payments: ids(r.payments),
      shipments: ids(r.shipments),
    })),
  };
}

export async function writeManifest(manifest: SeedManifest, file = MANIFEST_PATH): Promise<string> {
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, `${JSON.stringify(manifest, null, 2)}\n`);
  return file;
}
