import { AGENCIES, type AgencyProfile } from "../catalogue/agencies.js";
import { FOREIGN_NATIONALITIES, nationality, residence, RESIDENCES, type Nationality } from "../catalogue/countries.js";
import { keys, type IdentityDocumentInput, type PlanPerson } from "../plan.js";
import { rngFor, uniqueDigits, type Rng } from "../random.js";
import { isoDate, markings } from "./common.js";
import { fakerFor } from "./fakers.js";
import { address, bankAccount, mailPart, mobileNumber } from "./identifiers.js";

/**
 * Persons: multi-locale names, dates of birth, nationalities, documents, phones, e-mails, addresses and
 * accounts. Person `i` of a data set is a pure function of the seed and `i`, so persons can be streamed.
 */

/** Serial numbers of identifiers: background persons use 0…, companies and rings their own ranges. */
export const SERIAL = { person: 0, company: 600_000, consumer: 700_000, ring: 900_000 } as const;

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

/** The agency that records background person `i`: round robin, so its persons are i ≡ agency (mod 8). */
function personAgency(i: number): AgencyProfile {
  return AGENCIES[i % AGENCIES.length]!;
}

export function personReference(agency: AgencyProfile, serial: number): string {
  return `${agency.casePrefix}-P-${String(serial + 1).padStart(6, "0")}`;
}

/** The key of background person `i`, without generating it. */
function personKeyAt(i: number): string {
  const agency = personAgency(i);
  return keys.person(agency.code, personReference(agency, i));
}

/** The index of a background person of `agency`, chosen by `rng` among the first `count` persons. */
export function pickPersonIndexOf(rng: Rng, agency: AgencyProfile, count: number): number {
  const a = AGENCIES.indexOf(agency);
  const slots = Math.floor((count - 1 - a) / AGENCIES.length) + 1;
  return a + AGENCIES.length * rng.int(0, slots - 1);
}

/** The key of a background person of `agency`, chosen by `rng` among the first `count` persons. */
export function pickPersonOf(rng: Rng, agency: AgencyProfile, count: number): string {
  return personKeyAt(pickPersonIndexOf(rng, agency, count));
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

/** A person with a full set of own identifiers; callers may add shared ones. */
export function buildPerson(spec: PersonSpec): PlanPerson {
  const rng = rngFor(spec.seed, "person-detail", spec.reference);
  const nat = nationality(spec.nationality);
  const home = residence(spec.residence);
  const gender = rng.chance(0.78) ? "MALE" : "FEMALE";
  const { given, family } = names(nat, gender, rng, rng.int(0, 2 ** 31));
  const street = fakerFor(home.locale, rng.int(0, 2 ** 31)).location.streetAddress();
  const phones = [mobileNumber(spec.ring ? home.ringMobile : home.mobile, spec.serial)];
  if (nat !== home && rng.chance(0.5)) phones.push(mobileNumber(spec.ring ? nat.ringMobile : nat.mobile, spec.serial));
  const domain = rng.pick(home.emailDomains);
  const mailbox = `${mailPart(given) || "contact"}.${mailPart(family) || "mail"}${uniqueDigits(spec.serial, 3, 5)}`;
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
      bankAccounts: rng.chance(0.6) ? [bankAccount(home, spec.serial, rng)] : [],
      identityDocuments: documents(nat, spec.serial, rng),
      markings: markings(rng),
    },
  };
}

/** Background person `i`: recorded by its agency, living in that country, a third of them foreign nationals. */
export function personAt(seed: number, i: number): PlanPerson {
  const agency = personAgency(i);
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
export function* persons(seed: number, from: number, count: number): Generator<PlanPerson> {
  for (let i = from; i < from + count; i++) yield personAt(seed, i);
}
