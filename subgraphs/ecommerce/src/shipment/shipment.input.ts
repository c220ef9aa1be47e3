import { badUserInput, isValidS10, normalizeS10 } from "@cix/core";
import { currencyFor, dateRange, nonNegative, optionalText, place, positive, requiredText } from "../common/validate.js";
import { declaredIdentifiers, type DeclaredIdentifiers } from "../declared/declared-identifiers.js";
import { declaredProperties } from "../declared/declared-party.js";
import { DeliveryMode, type ShipmentFilter, type ShipmentInput } from "./shipment.types.js";

const S10_EXPECTED =
  'a UPU S10 identifier for a POSTAL item: 2 letters, 8 digits, the check digit and the ISO country of the issuing operator, e.g. "RR473124829GB"';
const TRACKING_FORMAT = /^[A-Z0-9][A-Z0-9./-]{3,39}$/;
const TRACKING_EXPECTED = "4 to 40 letters, digits, '.', '/' or '-'";

/** A shipment as it will be written: natural key, node properties, events and links. */
export interface ShipmentWrite {
  carrier: string;
  trackingNumber: string;
  /** Dispatch time as given (ISO), or null. */
  shippedAt: string | null;
  props: Record<string, unknown>;
  /** Oldest first. */
  events: Array<{ time: string; type: string; place: string | null; note: string | null }>;
  consignorPartyId: string | null;
  consigneePartyId: string | null;
  orderId: string | null;
  seizureId: string | null;
  /** The declared parties' phones, e-mails and addresses to link to the shared identifier nodes. */
  declared: DeclaredIdentifiers[];
}

/**
 * Tracking numbers are compared without spaces and in upper case, so the same item sent twice with different
 * spacing is one shipment. Postal items must carry a valid S10 identifier (check digit and country included).
 */
export function trackingNumber(input: ShipmentInput): string {
  const value = normalizeS10(requiredText("input.trackingNumber", input.trackingNumber));
  if (input.deliveryMode === DeliveryMode.POSTAL) {
    if (!isValidS10(value)) throw badUserInput("input.trackingNumber", S10_EXPECTED);
  } else if (!TRACKING_FORMAT.test(value)) {
    throw badUserInput("input.trackingNumber", TRACKING_EXPECTED);
  }
  return value;
}

/** Validates a shipment input (throwing BAD_USER_INPUT with the field path) and turns it into what is stored. */
export function shipmentWrite(input: ShipmentInput): ShipmentWrite {
  const origin = place("input.origin", input.originLocode, input.originCountry);
  const destination = place("input.destination", input.destinationLocode, input.destinationCountry);
  const declaredValue =
    input.declaredValue === null || input.declaredValue === undefined ? null : nonNegative("input.declaredValue", input.declaredValue);
  if (input.pieces !== null && input.pieces !== undefined && input.pieces < 1) throw badUserInput("input.pieces", "an integer of 1 or more");
  const events = (input.events ?? [])
    .map((e) => ({ time: e.time.toISOString(), type: e.type, place: e.place ?? null, note: optionalText(e.note) }))
    .sort((a, b) => a.time.localeCompare(b.time));
  return {
    carrier: requiredText("input.carrier", input.carrier),
    trackingNumber: trackingNumber(input),
    shippedAt: input.shippedAt?.toISOString() ?? null,
    props: {
      deliveryMode: input.deliveryMode,
      ...declaredProperties("consignor", "input.consignor", input.consignor),
      ...declaredProperties("consignee", "input.consignee", input.consignee),
      originLocode: origin.locode,
      originCountry: origin.country,
      destinationLocode: destination.locode,
      destinationCountry: destination.country,
      grossWeightKg:
        input.grossWeightKg === null || input.grossWeightKg === undefined ? null : positive("input.grossWeightKg", input.grossWeightKg),
      pieces: input.pieces ?? null,
      declaredValue,
      currency: currencyFor("input.currency", declaredValue, input.currency),
      goodsDescription: optionalText(input.goodsDescription),
      hsCodes: [...new Set(input.hsCodes ?? [])],
    },
    events,
    consignorPartyId: input.consignorPartyId ?? null,
    consigneePartyId: input.consigneePartyId ?? null,
    orderId: input.orderId ?? null,
    seizureId: input.seizureId ?? null,
    declared: [
      declaredIdentifiers("consignor", "input.consignor", input.consignor),
      declaredIdentifiers("consignee", "input.consignee", input.consignee),
    ],
  };
}

/** Query parameters of a shipment filter. */
export function shipmentFilterParams(filter: ShipmentFilter | null | undefined) {
  const f = filter ?? {};
  return {
    carrier: optionalText(f.carrier),
    mode: f.mode ?? null,
    ...dateRange("filter", f.from, f.to),
    originCountry: f.originCountry ?? null,
    destinationCountry: f.destinationCountry ?? null,
    seized: f.seized ?? null,
  };
}

export type ShipmentFilterParams = ReturnType<typeof shipmentFilterParams>;
