import { Field, ObjectType } from "type-graphql";
import { accessProjection } from "../permissions/envelope.js";
import { DateTimeScalar } from "../scalars/index.js";
import { DEFAULT_MARKINGS, Markings, markingProperties, type MarkingsInput } from "./markings.js";

/**
 * Provenance and handling fields every record (Seizure, Person, Company, Order, Payment, Shipment) carries.
 * Extend it; it is not a schema type of its own.
 */
@ObjectType({ description: "Provenance and handling markings of a record." })
export abstract class OwnedRecord {
  @Field(() => String, { description: "Code of the agency that owns the record, e.g. NL-CUSTOMS; set from the caller's token." })
  ownerAgency: string;

  @Field(() => String, { description: 'Where the record came from: the mutation (e.g. "graphql:upsertOrder") or an import job id.' })
  source: string;

  @Field(() => DateTimeScalar, { description: "When the record was first stored in the hub." })
  createdAt: string;

  @Field(() => DateTimeScalar, { description: "When the record was last written." })
  updatedAt: string;

  @Field(() => Markings, { description: "Handling markings set by the owner." })
  markings: Markings;
}

/**
 * Cypher map-projection entries for a record node bound to `variable`: provenance, markings and the hidden
 * access envelope the permission layer decides on. Use inside a projection: `s { .id, ${ownedRecordFields("s")} }`.
 */
export function ownedRecordFields(variable: string): string {
  const v = variable;
  return `.ownerAgency, .source, createdAt: ${v}.createdAt, updatedAt: ${v}.updatedAt,
    markings: { handling: coalesce(${v}.handling, '${DEFAULT_MARKINGS.handling}'), tlp: coalesce(${v}.tlp, '${DEFAULT_MARKINGS.tlp}'),
      sourceReliability: coalesce(${v}.sourceReliability, '${DEFAULT_MARKINGS.sourceReliability}'),
      informationAccuracy: coalesce(${v}.informationAccuracy, '${DEFAULT_MARKINGS.informationAccuracy}') },
    __access: ${accessProjection(v)}`;
}

/** Node properties for the owner, source and markings of a write (timestamps are set in Cypher). */
export function ownedRecordProperties(ownerAgency: string, source: string, markings: MarkingsInput | null | undefined) {
  return { ownerAgency, source, ...markingProperties(markings) };
}

/**
 * An agency code as records store it (the owner of a natural key: `NL-CUSTOMS`): lookups by natural key compare
 * the agency a caller names in this form, so ` nl-customs ` finds what `NL-CUSTOMS` wrote.
 */
export function agencyCode(raw: string): string {
  return raw.trim().toUpperCase();
}

/**
 * A person's reference (its natural key with the owner agency) as the person upsert stores it: spaces at the ends
 * dropped and repeated spaces as one, so an import row naming `P 2024  01` finds `P 2024 01`.
 */
export function personReferenceKey(raw: string): string {
  return raw.replace(/\s+/g, " ").trim();
}

/**
 * A company's registration number as the company upsert stores it (its natural key with the registration country
 * and the owner agency): letters and digits only, upper case, so `12.345.678` and `12345678` are one company.
 */
export function registrationNumberKey(raw: string): string {
  return raw.replace(/[^\p{L}\p{N}]/gu, "").toUpperCase();
}
