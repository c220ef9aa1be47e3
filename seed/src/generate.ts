import { AGENCIES, DEMO_AGENCIES, type AgencyCatalogue } from "./catalogue/agencies.js";
import { RINGS } from "./catalogue/rings.js";
import { companies } from "./generate/companies.js";
import { parcelAt, type Parcel } from "./generate/parcels.js";
import { persons } from "./generate/persons.js";
import { buildRing, type RingRecords } from "./generate/rings.js";
import { backgroundSeizureAt } from "./generate/seizures.js";
import { keys, type DatasetPlan, type PlanOperation, type PlanSeizure } from "./plan.js";

/**
 * The data set generator: a deterministic plan (same seed, same data) of agencies, persons, companies,
 * seizures, orders, payments, shipments, the planted rings and the joint operation. Background records are
 * produced by generators in which record n depends only on the seed and n, so a larger scale can stream them
 * (`backgroundStreams`) instead of holding arrays; the demo collects them.
 */

export interface ScaleCounts {
  /** Background persons and companies (the rings add their own). */
  persons: number;
  companies: number;
  /** Background cases; the first `seizedOrders` of them are parcels of the background orders. */
  seizures: number;
  orders: number;
  seizedOrders: number;
}

/** Only the demo scale exists so far; the bulk import path for CEN scale is still being built. */
export const SCALES = {
  demo: { persons: 130, companies: 34, seizures: 280, orders: 150, seizedOrders: 25 },
} as const satisfies Record<string, ScaleCounts>;

/** What background record n depends on besides n: the seed, how many records of each kind, which agencies. */
export interface Background {
  seed: number;
  counts: ScaleCounts;
  agencies: AgencyCatalogue;
}

export interface DatasetOptions {
  scale: keyof typeof SCALES;
  seed: number;
}

/** Background case `s`: a seized parcel of order `s` for the first `seizedOrders`, otherwise a case of its own. */
export function seizureAt(bg: Background, s: number): PlanSeizure {
  return s < bg.counts.seizedOrders ? parcelAt(bg, s).seizure! : backgroundSeizureAt(bg, s);
}

function* seizures(bg: Background): Generator<PlanSeizure> {
  for (let s = 0; s < bg.counts.seizures; s++) yield seizureAt(bg, s);
}

function* parcels(bg: Background): Generator<Parcel> {
  for (let o = 0; o < bg.counts.orders; o++) yield parcelAt(bg, o);
}

/** The background records, kind by kind, in load order, one record at a time. */
export function backgroundStreams(bg: Background) {
  return {
    persons: () => persons(bg, 0, bg.counts.persons),
    companies: () => companies(bg, 0, bg.counts.companies),
    seizures: () => seizures(bg),
    parcels: () => parcels(bg),
  };
}

/** The joint operation: NL-CUSTOMS leads, BE-CUSTOMS and DE-ZOLL take part, and NL shares ring 1's records it owns. */
function operation(ring: RingRecords): PlanOperation {
  const lead = "NL-CUSTOMS";
  const name = "Operation Harbour Light";
  const owned = [ring.persons, ring.companies, ring.seizures, ring.orders, ring.payments, ring.shipments].flatMap((records) =>
    records.filter((r) => r.agency === lead).map((r) => r.key),
  );
  return {
    key: keys.operation(lead, name),
    agency: lead,
    name,
    memberAgencies: ["BE-CUSTOMS", "DE-ZOLL"],
    endsInDays: 180,
    retentionDays: 30,
    records: owned,
    stage: "joint",
  };
}

export function generateDataset(options: DatasetOptions): DatasetPlan {
  const seed = options.seed;
  const streams = backgroundStreams({ seed, counts: SCALES[options.scale], agencies: DEMO_AGENCIES });
  const background = [...streams.parcels()];
  const rings = RINGS.map((def, r) => buildRing(seed, r, def));
  return {
    scale: options.scale,
    seed,
    agencies: AGENCIES.map((a) => ({ code: a.code, country: a.country, name: a.name })),
    persons: [...streams.persons(), ...rings.flatMap((r) => r.persons)],
    companies: [...streams.companies(), ...rings.flatMap((r) => r.companies)],
    links: rings.flatMap((r) => r.links),
    seizures: [...streams.seizures(), ...rings.flatMap((r) => r.seizures)],
    orders: [...background.map((p) => p.order), ...rings.flatMap((r) => r.orders)],
    payments: [...background.flatMap((p) => (p.payment ? [p.payment] : [])), ...rings.flatMap((r) => r.payments)],
    shipments: [...background.flatMap((p) => (p.shipment ? [p.shipment] : [])), ...rings.flatMap((r) => r.shipments)],
    operations: [...rings.flatMap((r) => (r.exchange ? [r.exchange] : [])), operation(rings[0]!)],
    rings: rings.map((r) => r.ring),
  };
}
