import type { DatasetPlan } from "./plan.js";

/**
 * A smaller plan cut out of a full one, closed over its references: the chosen rings, the first background
 * cases and orders, and everything those refer to (offenders, buyers, sellers, consignees, orders of payments
 * and parcels, the case a parcel was seized in). Payments and parcels of chosen orders come along.
 */

export interface SubsetOptions {
  /** Indexes of the rings to keep. */
  rings: readonly number[];
  /** How many background (non-ring) cases and orders to keep, from the start of the plan. */
  seizures?: number;
  orders?: number;
  /** Keep the joint operations, with the kept records that were shared into them (exchanges are always kept). */
  operations?: boolean;
}

export function subsetPlan(plan: DatasetPlan, options: SubsetOptions): DatasetPlan {
  const rings = plan.rings.filter((r) => options.rings.includes(r.index));
  const inRings = new Set(plan.rings.flatMap((r) => [...r.seizures, ...r.orders]));
  const keep = new Set<string>(rings.flatMap((r) => [...r.persons, ...r.companies, ...r.seizures, ...r.orders, ...r.payments, ...r.shipments, ...r.links]));
  plan.seizures.filter((s) => !inRings.has(s.key)).slice(0, options.seizures ?? 0).forEach((s) => keep.add(s.key));
  plan.orders.filter((o) => !inRings.has(o.key)).slice(0, options.orders ?? 0).forEach((o) => keep.add(o.key));

  // References of each record; a kept record keeps what it refers to, until nothing new is added.
  const refs = new Map<string, string[]>();
  const refer = (key: string, ...to: Array<string | undefined>) => refs.set(key, to.filter((k): k is string => k !== undefined));
  plan.links.forEach((l) => refer(l.key, l.person, l.other));
  plan.seizures.forEach((s) => refer(s.key, ...s.offenders));
  plan.orders.forEach((o) => refer(o.key, o.buyer, o.seller, ...plan.payments.filter((p) => p.order === o.key).map((p) => p.key), ...plan.shipments.filter((s) => s.order === o.key).map((s) => s.key)));
  plan.payments.forEach((p) => refer(p.key, p.order));
  plan.shipments.forEach((s) => refer(s.key, s.order, s.seizure, s.consignor, s.consignee));
  const pending = [...keep];
  while (pending.length > 0) {
    for (const to of refs.get(pending.pop()!) ?? []) {
      if (!keep.has(to)) {
        keep.add(to);
        pending.push(to);
      }
    }
  }

  const kept = <T extends { key: string }>(records: readonly T[]) => records.filter((r) => keep.has(r.key));
  return {
    ...plan,
    persons: kept(plan.persons),
    companies: kept(plan.companies),
    links: kept(plan.links),
    seizures: kept(plan.seizures),
    orders: kept(plan.orders),
    payments: kept(plan.payments),
    shipments: kept(plan.shipments),
    operations: plan.operations
      .filter((op) => op.stage === "exchange" || options.operations)
      .map((op) => ({ ...op, records: op.records.filter((k) => keep.has(k)) }))
      .filter((op) => op.records.length > 0),
    rings,
  };
}
