import type { AgencyProfile } from "../catalogue/agencies.js";
import { FOREIGN_NATIONALITIES, RESIDENCES, type Nationality } from "../catalogue/countries.js";
import { nationality, residence } from "../catalogue/world.js";
import type { Background } from "../generate.js";
import { keys, type IdentityDocumentInput, type PlanPerson } from "../plan.js";
import { rngFor, uniqueDigits, type Rng } from "../random.js";
import { SERIAL } from "../serials.js";
import { isoDate, markings } from "./common.js";
import { fakerFor } from "./fakers.js";
import { address, bankAccount, hasIban, mailPart, mobileNumber } from "./identifiers.js";

/**
 * Persons: multi-locale names, dates of birth, nationalities, documents, phones, e-mails, addresses and
 * accounts. Person `i` of a data set is a pure function of the seed and `i`, so persons can be streamed.
 */

const NICKNAMES = ["Rocky", "El Flaco", "Tony", "Mo", "Prof", "Chino", "Kiko", "Toto", "Sasha", "Il Biondo", "Dede", "Big Ben"];

export interface PersonSpec {
  seed: number;
  agency: AgencyProfile;
  /** Unique number of the person within its identifier range (see SERIAL). */
  serial: number;
  reference: string;
  nationality: string;
  residence: string;
  /** Ring members get their mobiles from the ring range. */
  ring?: boolean;
}

export function personReference(agency: AgencyProfile, serial: number): string {
  return `${agency.casePrefix}-P-${String(serial + 1).padStart(6, "0")}`;
}

/** The key of a background person of `agency`, chosen by `rng`; undefined when the agency has none. */
export function pickPersonOf(bg: Background, rng: Rng, agency: AgencyProfile): string | undefined {
  const i = bg.agencies.pickIndexOf(rng, agency, bg.counts.persons);
  return i === undefined ? undefined : keys.person(agency.code, personReference(agency, i));
}

function names(nat: Nationality, gender: "MALE" | "FEMALE", rng: Rng, seed: number): { given: string; family: string } {
  if (nat.names) {
    return { given: rng.pick(gender === "MALE" ? nat.names.male : nat.names.female), family: rng.pick(nat.names.family) };
  }
  const f = fakerFor(nat.locale, seed);
  const sex = gender === "MALE" ? "male" : "female";
  return { given: f.person.firstName(sex), family: f.person.lastName(sex) };
}

function documents(nat: Nationality, serial: number, rng: Rng): IdentityDocumentInput[] {
  const expiry = (from: number, to: number) => isoDate(rng.instant(Date.UTC(from, 0, 1), Date.UTC(to, 11, 31)));
  const docs: IdentityDocumentInput[] = [
    { type: "PASSPORT", number: nat.passport(rng, uniqueDigits(serial, 9, 11)), issuingCountry: nat.code, expiry: expiry(2024, 2034) },
  ];
  if (nat.code in RESIDENCES && rng.chance(0.4)) {
    docs.push({ type: "ID_CARD", number: `${rng.letters(2)}${uniqueDigits(serial, 7, 13)}`, issuingCountry: nat.code, expiry: expiry(2025, 2034) });
  }
  return docs;
}

/** The person's mobile in a country: from the rings' range for ring members; none where the country has no range. */
function phoneIn(country: Nationality, spec: PersonSpec): string[] {
  const range = spec.ring ? country.ringMobile : country.mobile;
  if (spec.ring && !range) throw new Error(`${country.code} has no mobile range for ring members`);
  return range ? [mobileNumber(range, spec.serial)] : [];
}

/** A person with a full set of own identifiers; callers may add shared ones. */
export function buildPerson(spec: PersonSpec): PlanPerson {
  const rng = rngFor(spec.seed, "person-detail", spec.reference);
  const nat = nationality(spec.nationality);
  const home = residence(spec.residence);
  const gender = rng.chance(0.78) ? "MALE" : "FEMALE";
  const { given, family } = names(nat, gender, rng, rng.int(0, 2 ** 31));
  const street = fakerFor(home.locale, rng.int(0, 2 ** 31)).location.streetAddress();
  const phones = phoneIn(home, spec);
  if (nat.code !== home.code && rng.chance(0.5)) phones.push(...phoneIn(nat, spec));
  const domain = rng.pick(home.emailDomains);
  const mailbox = `${mailPart(given) || "contact"}.${mailPart(family) || "mail"}${uniqueDigits(spec.serial, home.mailboxDigits ?? 3, 5)}`;
  return {
    key: keys.person(spec.agency.code, spec.reference),
    agency: spec.agency.code,
    input: {
      reference: spec.reference,
      givenNames: given,
      familyName: family,
      ...(rng.chance(0.12) ? { aliases: [rng.pick(NICKNAMES)] } : {}),
      dateOfBirth: isoDate(rng.instant(Date.UTC(1958, 0, 1), Date.UTC(2004, 11, 31))),
      gender,
      nationalities: [nat.code],
      phones,
      emails: rng.chance(0.8) ? [`${mailbox}@${domain}`] : [],
      addresses: [address(home, street, rng)],
      bankAccounts: rng.chance(0.6) && hasIban(home) ? [bankAccount(home, spec.serial, rng)] : [],
      identityDocuments: documents(nat, spec.serial, rng),
      markings: markings(rng),
    },
  };
}

/** Background person `i`: recorded by its agency, living in that country, a third of them foreign nationals. */
export function personAt(bg: Background, i: number): PlanPerson {
  const { seed } = bg;
  const agency = bg.agencies.agencyAt(i);
  const rng = rngFor(seed, "person", i);
  const foreign = rng.chance(0.33) ? rng.pick(Object.keys(FOREIGN_NATIONALITIES)) : null;
  return buildPerson({
    seed,
    agency,
    serial: SERIAL.person + i,
    reference: personReference(agency, i),
    nationality: foreign ?? agency.country,
    residence: agency.country,
  });
}

/** Background persons `from` … `from + count - 1`, one at a time. */
export function* persons(bg: Background, from: number, count: number): Generator<PlanPerson> {
  for (let i = from; i < from + count; i++) yield personAt(bg, i);
}
