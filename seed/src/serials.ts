/**
 * Serial numbers: every record that carries identifiers (a person, a company, a shopper behind an order, a ring's
 * record) gets a number of its own, from which its phone numbers, accounts and documents are derived. Ranges never
 * overlap up to the CEN scale, so two records never share an identifier by chance.
 *
 * Background persons 0 … 599,999, companies 600,000 … 699,999, shoppers 700,000 … 899,999 and then from 1,000,000 on,
 * the planted rings 900,000 … 999,999. Shoppers skip the rings' block (rather than the rings moving above them) so
 * that the demo data set keeps the numbers it has always had.
 */

/** 600,000 cases over ten years, 300,000 persons, 100,000 companies, 1,000,000 orders (with payments and parcels). */
export const CEN_COUNTS = { persons: 300_000, companies: 100_000, seizures: 600_000, orders: 1_000_000, seizedOrders: 30_000 } as const;

export const SERIAL = { person: 0, company: 600_000, consumer: 700_000, ring: 900_000 } as const;
const RING_BLOCK = 100_000;

/** Serials above the rings' block move past it. */
function skipRings(n: number): number {
  return n < SERIAL.ring ? n : n + RING_BLOCK;
}

/** The shopper of background order `o`. */
export function consumerSerial(o: number): number {
  return skipRings(SERIAL.consumer + o);
}

/** Background order `o`'s number in order, payment and parcel numbers: the rings' orders use their own block. */
export function orderSerial(o: number): number {
  return skipRings(o);
}

/** Whether a serial is a planted ring's (their identifiers must meet only what the ring plants). */
export function isRingSerial(serial: number): boolean {
  return serial >= SERIAL.ring && serial < SERIAL.ring + RING_BLOCK;
}

export type SerialKind = "person" | "company" | "consumer";

/** The kind of background record a serial belongs to, and the record's index among its kind. */
export function decodeSerial(serial: number): { kind: SerialKind; index: number } {
  if (isRingSerial(serial)) throw new Error(`serial ${serial} belongs to a planted ring`);
  if (serial >= SERIAL.consumer) return { kind: "consumer", index: (serial < SERIAL.ring ? serial : serial - RING_BLOCK) - SERIAL.consumer };
  if (serial >= SERIAL.company) return { kind: "company", index: serial - SERIAL.company };
  return { kind: "person", index: serial - SERIAL.person };
}
