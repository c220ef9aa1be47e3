import { isValidBIC } from "ibantools";
import { parsePhoneNumberFromString } from "libphonenumber-js/max";
import { badUserInput } from "../errors.js";
import { countryCodeSpec } from "../scalars/codes.js";
import { checkDate, dateSpec } from "../scalars/datetime.js";
import { checkEmailAddress, emailAddressSpec } from "../scalars/email.js";
import { checkIban, ibanSpec } from "../scalars/iban.js";
import { checkPhoneNumber, phoneNumberSpec } from "../scalars/phone.js";
import { foldText } from "./fold.js";

/**
 * Normalisation of identifiers: one normal form per real-world identifier, so that two records that use the
 * same phone, e-mail, address, account or document meet at ONE node whatever the spelling. The scalars'
 * checks are reused, so GraphQL input and imports agree on what is valid and how it is written.
 */

export const IDENTIFIER_KINDS = ["Phone", "Email", "Address", "BankAccount", "IdentityDocument"] as const;
export type IdentifierKind = (typeof IDENTIFIER_KINDS)[number];

export const DOCUMENT_TYPES = ["PASSPORT", "ID_CARD", "DRIVING_LICENCE", "RESIDENCE_PERMIT", "OTHER"] as const;
export type DocumentType = (typeof DOCUMENT_TYPES)[number];

/** A normalised identifier: its node label, its unique key and the properties its node carries. */
export interface Identifier {
  kind: IdentifierKind;
  key: string;
  props: Record<string, unknown>;
}

export interface AddressParts {
  street: string;
  postcode?: string | null;
  city: string;
  /** ISO 3166-1 alpha-2. */
  country: string;
}

export interface BankAccountParts {
  iban: string;
  bic?: string | null;
}

export interface IdentityDocumentParts {
  type: DocumentType;
  number: string;
  /** ISO 3166-1 alpha-2 code of the issuing country. */
  issuingCountry: string;
  /** YYYY-MM-DD. */
  expiry?: string | null;
}

/** E.164 form of an international phone number ("+31 6 1234 5678", "0031612345678" → "+31612345678"), or null. */
export function phoneKey(raw: string): string | null {
  const r = checkPhoneNumber(raw);
  return r.ok ? r.value : null;
}

/** Trimmed, lower-cased e-mail address, or null when it is not one. */
export function emailKey(raw: string): string | null {
  const r = checkEmailAddress(raw);
  return r.ok ? r.value : null;
}

/** Electronic-format IBAN (no spaces, upper case) with valid check digits, or null. */
export function ibanKey(raw: string): string | null {
  const r = checkIban(raw);
  return r.ok ? r.value : null;
}

/** Document number as printed, without spaces or punctuation, upper case ("ab 12-34" → "AB1234"). */
export function documentNumber(raw: string): string {
  return foldText(raw).replace(/[^a-z0-9]/g, "").toUpperCase();
}

/** `TYPE|COUNTRY|NUMBER`, e.g. `PASSPORT|NL|NW1234567`. */
export function documentKey(type: DocumentType, issuingCountry: string, number: string): string {
  return `${type}|${issuingCountry.trim().toUpperCase()}|${documentNumber(number)}`;
}

/** Folded words: accents stripped, lower case, punctuation as spaces, whitespace collapsed. */
function words(text: string | null | undefined): string {
  return foldText((text ?? "").replace(/[^\p{L}\p{N}]+/gu, " "));
}

/**
 * `street|postcode|city|country`, each part lower-case, accent-stripped and whitespace-collapsed; the postcode
 * also loses its spaces ("1234 AB" = "1234ab"). E.g. "Hauptstraße 1", "10115", "Berlin", "DE" →
 * `hauptstrasse 1|10115|berlin|de`.
 */
export function addressKey(parts: AddressParts): string {
  const postcode = words(parts.postcode).replace(/ /g, "");
  return [words(parts.street), postcode, words(parts.city), parts.country.trim().toLowerCase()].join("|");
}

function country(raw: string, path: string): string {
  const r = countryCodeSpec.check(raw);
  if (!r.ok) throw badUserInput(path, countryCodeSpec.expected);
  return r.value;
}

function text(raw: string | null | undefined, path: string, expected: string): string {
  const value = (raw ?? "").replace(/\s+/g, " ").trim();
  if (!value) throw badUserInput(path, expected);
  return value;
}

/** A phone identifier; throws BAD_USER_INPUT naming `path` when the number is not a valid international one. */
export function phoneIdentifier(raw: string, path: string): Identifier {
  const key = phoneKey(raw);
  if (!key) throw badUserInput(path, phoneNumberSpec.expected);
  return { kind: "Phone", key, props: { number: key, country: parsePhoneNumberFromString(key)?.country ?? null } };
}

export function emailIdentifier(raw: string, path: string): Identifier {
  const key = emailKey(raw);
  if (!key) throw badUserInput(path, emailAddressSpec.expected);
  return { kind: "Email", key, props: { address: key } };
}

/** An address identifier; street, city and country are required (a city alone would link a whole town). */
export function addressIdentifier(parts: AddressParts, path: string): Identifier {
  const street = text(parts.street, `${path}.street`, "a street and house number");
  const city = text(parts.city, `${path}.city`, "a city or town name");
  const postcode = parts.postcode?.replace(/\s+/g, " ").trim().toUpperCase() || null;
  const code = country(parts.country, `${path}.country`);
  return {
    kind: "Address",
    key: addressKey({ street, postcode, city, country: code }),
    props: { street, postcode, city, country: code },
  };
}

export function bankAccountIdentifier(parts: BankAccountParts, path: string): Identifier {
  const iban = ibanKey(parts.iban);
  if (!iban) throw badUserInput(`${path}.iban`, ibanSpec.expected);
  const bic = parts.bic ? parts.bic.replace(/\s+/g, "").toUpperCase() : null;
  if (bic !== null && !isValidBIC(bic)) throw badUserInput(`${path}.bic`, 'a BIC (ISO 9362) of 8 or 11 characters, e.g. "ABNANL2A"');
  return { kind: "BankAccount", key: iban, props: { iban, bic, country: iban.slice(0, 2) } };
}

export function identityDocumentIdentifier(parts: IdentityDocumentParts, path: string): Identifier {
  if (!DOCUMENT_TYPES.includes(parts.type)) throw badUserInput(`${path}.type`, `one of ${DOCUMENT_TYPES.join(", ")}`);
  const number = documentNumber(parts.number);
  if (number.length < 3) throw badUserInput(`${path}.number`, "a document number of at least 3 letters or digits");
  const issuingCountry = country(parts.issuingCountry, `${path}.issuingCountry`);
  if (parts.expiry && !checkDate(parts.expiry).ok) throw badUserInput(`${path}.expiry`, dateSpec.expected);
  return {
    kind: "IdentityDocument",
    key: documentKey(parts.type, issuingCountry, number),
    props: { type: parts.type, number, issuingCountry, expiry: parts.expiry ?? null },
  };
}

/** How a free-text identifier may be found: exact keys per kind, and a document number (any type/country). */
export interface IdentifierLookup {
  keys: Array<{ kind: IdentifierKind; key: string }>;
  documentNumber: string | null;
}

/** Every reading of a searched identifier: a phone, an e-mail, an IBAN and/or a document number. */
export function identifierLookup(raw: string): IdentifierLookup {
  const keys: IdentifierLookup["keys"] = [];
  const phone = phoneKey(raw);
  if (phone) keys.push({ kind: "Phone", key: phone });
  const email = emailKey(raw);
  if (email) keys.push({ kind: "Email", key: email });
  const iban = ibanKey(raw);
  if (iban) keys.push({ kind: "BankAccount", key: iban });
  const number = raw.includes("@") ? "" : documentNumber(raw);
  return { keys, documentNumber: number.length >= 3 ? number : null };
}
