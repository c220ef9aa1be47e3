import type { DeclaredPartyInput, PlanCompany, PlanPerson } from "../plan.js";
import type { Rng } from "../random.js";
import { reformatPhone } from "./identifiers.js";

/**
 * Parties as platforms and carriers declare them: the same person, written the way a web shop form or a
 * parcel label has it (initials, capitals, another phone notation), so that only normalised identifiers link.
 */

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
    ...(phone ? { phone: reformatPhone(phone, rng.int(0, 4)) } : {}),
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
    ...(c.phones[0] ? { phone: reformatPhone(c.phones[0], rng.int(0, 4)) } : {}),
    ...(c.emails[0] ? { email: c.emails[0] } : {}),
  };
}
