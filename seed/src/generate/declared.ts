import { FOREIGN_NATIONALITIES, RESIDENCES, type MobileRange } from "../catalogue/countries.js";
import type { DeclaredPartyInput, PlanCompany, PlanPerson } from "../plan.js";
import type { Rng } from "../random.js";
import { reformatPhone } from "./identifiers.js";

/**
 * Parties as platforms and carriers declare them: the same person, written the way a web shop form or a
 * parcel label has it (initials, capitals, another phone notation), so that only normalised identifiers link.
 */

const RANGES: readonly MobileRange[] = [...Object.values(RESIDENCES), ...Object.values(FOREIGN_NATIONALITIES)].flatMap((n) => [n.mobile, n.ringMobile]);

/** The mobile range a generated E.164 number comes from. */
function rangeOf(e164: string): MobileRange {
  const range = RANGES.find((r) => e164.startsWith(`+${r.cc}${r.prefix}`) && e164.length === 1 + r.cc.length + r.prefix.length + r.digits);
  if (!range) throw new Error(`${e164} is not from a known mobile range`);
  return range;
}

/** A generated phone number written in notation `style` (never its E.164 form). */
export function phoneAsWritten(e164: string, style: number): string {
  return reformatPhone(e164, rangeOf(e164), style);
}

/** A known person as declared on an order or a parcel: the phone always in another notation than on file. */
export function declaredPerson(person: PlanPerson, rng: Rng, phone = person.input.phones[0]): DeclaredPartyInput {
  const p = person.input;
  const address = p.addresses[0];
  const name = rng.pick([`${p.givenNames} ${p.familyName}`, `${p.givenNames.slice(0, 1)}. ${p.familyName}`, `${p.familyName.toUpperCase()} ${p.givenNames}`]);
  return {
    name,
    ...(address
      ? { address: { street: rng.chance(0.3) ? address.street.toUpperCase() : address.street, city: address.city, postcode: address.postcode, country: address.country } }
      : {}),
    ...(phone ? { phone: phoneAsWritten(phone, rng.int(0, 4)) } : {}),
    ...(p.emails[0] ? { email: rng.chance(0.3) ? p.emails[0].toUpperCase() : p.emails[0] } : {}),
  };
}

/** A known company as declared (a shop as seller or consignor, a consignee firm). */
export function declaredCompany(company: PlanCompany, rng: Rng): DeclaredPartyInput {
  const c = company.input;
  const address = c.addresses[0];
  return {
    name: c.name,
    ...(address ? { address: { street: address.street, city: address.city, postcode: address.postcode, country: address.country } } : {}),
    ...(c.phones[0] ? { phone: phoneAsWritten(c.phones[0], rng.int(0, 4)) } : {}),
    ...(c.emails[0] ? { email: c.emails[0] } : {}),
  };
}
