import { readFile } from "node:fs/promises";
import type { Database } from "@cix/core";
import type { RingManifest, SeedManifest } from "./manifest.js";
import type { PlanRing } from "./plan.js";

/**
 * The CEN load's manifest names the planted rings' records by natural key (`Person|AGENCY|REF`, …: the same in
 * every database the set is loaded into); tests and benchmarks need their hub ids in THE database they read.
 */

/** The properties of each label's natural key, in the order of the plan key's parts after the label. */
const NATURAL_KEYS = {
  Person: ["ownerAgency", "reference"],
  Company: ["ownerAgency", "registrationCountry", "registrationNumber"],
  Seizure: ["reportingAgency", "caseNumber"],
  Order: ["ownerAgency", "platform", "orderNumber"],
  Payment: ["ownerAgency", "provider", "transactionId"],
  Shipment: ["ownerAgency", "carrier", "trackingNumber"],
} as const;
type KeyedLabel = keyof typeof NATURAL_KEYS;

/** The manifest `npm run seed -- --scale cen` writes (var/seed-manifest-cen.json). */
export interface CenManifestFile {
  scale: "cen";
  fraction: number;
  seed: number;
  counts: Record<string, number>;
  loadedAt: string;
  loadMs: number;
  rings: PlanRing[];
}

export async function readCenManifest(file: string): Promise<CenManifestFile> {
  return JSON.parse(await readFile(file, "utf8")) as CenManifestFile;
}

/** Hub ids of plan keys, looked up by natural key (one query per label); keys not stored are left out. */
export async function idsOfKeys(db: Database, planKeys: readonly string[]): Promise<Map<string, string>> {
  const byLabel = new Map<KeyedLabel, Array<{ key: string; parts: string[] }>>();
  for (const key of planKeys) {
    const [label, ...parts] = key.split("|");
    if (!(label! in NATURAL_KEYS)) continue;
    const keys = byLabel.get(label as KeyedLabel) ?? [];
    keys.push({ key, parts });
    byLabel.set(label as KeyedLabel, keys);
  }
  const ids = new Map<string, string>();
  for (const [label, keys] of byLabel) {
    // Label and property names come from NATURAL_KEYS only; the values are parameters.
    const match = NATURAL_KEYS[label].map((property, i) => `${property}: k.parts[${i}]`).join(", ");
    const rows = await db.read<{ key: string; id: string }>(`UNWIND $keys AS k MATCH (n:${label} { ${match} }) RETURN k.key AS key, n.id AS id`, { keys });
    for (const row of rows) ids.set(row.key, row.id);
  }
  return ids;
}

/** The CEN manifest as a SeedManifest (hub ids of this database), the form tests and the bench read. */
export async function resolveCenManifest(db: Database, cen: CenManifestFile): Promise<SeedManifest> {
  const allKeys = cen.rings.flatMap((r) => [
    ...r.persons,
    ...r.companies,
    ...r.seizures,
    ...r.orders,
    ...r.payments,
    ...r.shipments,
    ...r.shared.flatMap((s) => (s.kind === "ConsigneeCompany" ? [s.value] : [])),
  ]);
  const ids = await idsOfKeys(db, allKeys);
  const idsOf = (keys: readonly string[]) => keys.flatMap((k) => (ids.has(k) ? [ids.get(k)!] : []));
  const rings: RingManifest[] = cen.rings.map((r) => ({
    index: r.index,
    name: r.name,
    agencies: r.agencies,
    shared: r.shared.map((s) => (s.kind === "ConsigneeCompany" ? { ...s, id: ids.get(s.value) } : s)),
    persons: idsOf(r.persons),
    companies: idsOf(r.companies),
    seizures: idsOf(r.seizures),
    orders: idsOf(r.orders),
    payments: idsOf(r.payments),
    shipments: idsOf(r.shipments),
  }));
  return { seed: cen.seed, scale: "cen", loadedAt: cen.loadedAt, loadMs: cen.loadMs, counts: cen.counts, operation: null, rings };
}
