import { s10CheckDigit } from "@cix/core";
import type { AgencyProfile } from "../catalogue/agencies.js";
import { EXPRESS_CARRIERS, EXPRESS_ORIGINS, ORIGIN_POSTS, S10_SERVICES } from "../catalogue/transport.js";
import { keys, type DeclaredPartyInput, type PlanOrder, type PlanShipment, type ShipmentEventInput } from "../plan.js";
import { rngFor, uniqueDigits, type Rng } from "../random.js";
import { addDays, markings } from "./common.js";
import { placeFor } from "./seizures.js";

/** Parcels: postal items with UPU S10 numbers, courier consignments; their journey as tracking events. */

export interface ParcelRoute {
  mode: "POSTAL" | "EXPRESS";
  carrier: string;
  /** Where the parcel was handed in (post office or express origin airport). */
  origin: string;
  /** Where it entered the agency's country: postal exchange or express hub (and where a seizure happens). */
  hub: string;
  /** Country code for the S10 number of a postal item. */
  postCountry: string;
}

/** How a parcel from a seller in `sellerCountry` reaches the agency: post 55 % (if the country has a postal exchange), courier 45 %. */
export function parcelRoute(agency: AgencyProfile, sellerCountry: string, rng: Rng): ParcelRoute {
  if (rng.chance(0.55) && agency.postalPlaces.length > 0) {
    const posts = ORIGIN_POSTS.filter((p) => p.country === sellerCountry);
    const post = rng.pick(posts.length > 0 ? posts : ORIGIN_POSTS.slice(0, 2));
    return { mode: "POSTAL", carrier: post.name, origin: post.office, hub: placeFor(agency, "POSTAL", rng), postCountry: post.country };
  }
  const origins = EXPRESS_ORIGINS.filter((o) => o.startsWith(sellerCountry));
  return {
    mode: "EXPRESS",
    carrier: rng.pick(EXPRESS_CARRIERS).name,
    origin: rng.pick(origins.length > 0 ? origins : EXPRESS_ORIGINS),
    hub: placeFor(agency, "EXPRESS", rng),
    postCountry: sellerCountry,
  };
}

export interface ShipmentSpec {
  seed: number;
  agency: AgencyProfile;
  serial: number;
  order: PlanOrder;
  route: ParcelRoute;
  shippedAt: Date;
  /** When it reached the hub; a seized parcel stops there. */
  arrivedAt: Date;
  consignor: DeclaredPartyInput;
  consignorKey?: string;
  consignee: DeclaredPartyInput;
  consigneeKey?: string;
  /** The case the parcel was seized in, if it was. */
  seizureKey?: string;
  /** What the sender wrote on the customs declaration. */
  goodsDescription: string;
}

function trackingNumber(route: ParcelRoute, serial: number, rng: Rng): string {
  if (route.mode === "POSTAL") {
    const digits = uniqueDigits(serial, 8, 43);
    return `${rng.pick(S10_SERVICES)}${digits}${s10CheckDigit(digits)}${route.postCountry}`;
  }
  return EXPRESS_CARRIERS.find((c) => c.name === route.carrier)!.tracking(rng, serial);
}

export function buildShipment(spec: ShipmentSpec): PlanShipment {
  const rng = rngFor(spec.seed, "shipment-detail", spec.serial);
  const { route, order } = spec;
  const tracking = trackingNumber(route, spec.serial, rng);
  const events: ShipmentEventInput[] = [
    { time: spec.shippedAt.toISOString(), type: "ACCEPTED", place: route.origin },
    { time: addDays(spec.shippedAt, 1).toISOString(), type: "DEPARTED", place: route.origin },
    { time: spec.arrivedAt.toISOString(), type: "ARRIVED", place: route.hub },
  ];
  if (spec.seizureKey) {
    events.push(
      { time: addDays(spec.arrivedAt, 0.2).toISOString(), type: "CUSTOMS_HOLD", place: route.hub, note: "Selected for inspection" },
      { time: addDays(spec.arrivedAt, 1).toISOString(), type: "SEIZED", place: route.hub, note: "Goods seized by customs" },
    );
  } else {
    events.push({ time: addDays(spec.arrivedAt, rng.int(1, 3)).toISOString(), type: "DELIVERED", place: order.input.deliveryLocode });
  }
  const value = order.input.totalValue;
  return {
    key: keys.shipment(spec.agency.code, route.carrier, tracking),
    agency: spec.agency.code,
    order: order.key,
    ...(spec.seizureKey ? { seizure: spec.seizureKey } : {}),
    ...(spec.consignorKey ? { consignor: spec.consignorKey } : {}),
    ...(spec.consigneeKey ? { consignee: spec.consigneeKey } : {}),
    input: {
      trackingNumber: tracking,
      carrier: route.carrier,
      deliveryMode: route.mode,
      consignor: spec.consignor,
      consignee: spec.consignee,
      originLocode: route.origin,
      destinationLocode: order.input.deliveryLocode,
      grossWeightKg: rng.float(0.2, 6, 2),
      pieces: 1,
      // Under-declaring the value is common; a gift is declared at a token value.
      declaredValue: Math.round(value * rng.float(0.2, 1) * 100) / 100,
      currency: order.input.currency,
      goodsDescription: spec.goodsDescription,
      hsCodes: [...new Set(order.input.items.flatMap((i) => (i.hsCode ? [i.hsCode] : [])))],
      shippedAt: spec.shippedAt.toISOString(),
      events,
      markings: markings(rng),
    },
  };
}
