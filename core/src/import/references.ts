import { GraphQLID, GraphQLInputObjectType, GraphQLString } from "graphql";
import { agencyCode, personReferenceKey, registrationNumberKey } from "../domain/record.js";
import type { Database } from "../neo4j/database.js";
import { nominalReadableBy } from "../permissions/envelope.js";
import { CountryCodeScalar } from "../scalars/index.js";
import { IMPORT_REFERENCE, type RowError } from "./types.js";

/**
 * Natural-key references of import rows. A file cannot know hub ids, so a row names the records it links to by
 * the keys their owners use (a person's reference, a company's registration, an order's platform and number, a
 * case number); the import resolves them to ids in one query per batch and rejects rows whose reference names
 * nothing (REFERENCE_NOT_FOUND). The agency defaults to the importing agency.
 */

/** Marks a reference input type: a lenient import never leaves a reference out (see `isImportReference`). */
const REFERENCE = { [IMPORT_REFERENCE]: true };

export const PartyReferenceImport = new GraphQLInputObjectType({
  name: "PartyReferenceImport",
  extensions: REFERENCE,
  description: "A person (by reference) or a company (by registration), or a hub id: exactly one of the three.",
  fields: {
    agency: { type: GraphQLString, description: "Agency that recorded the person or company; the importing agency when left out." },
    personReference: { type: GraphQLString, description: "The person's reference (its natural key with the agency)." },
    companyRegistrationCountry: { type: CountryCodeScalar, description: "Country of the company's register (with companyRegistrationNumber)." },
    companyRegistrationNumber: { type: GraphQLString, description: "The company's registration number (with companyRegistrationCountry)." },
    id: { type: GraphQLID, description: "The hub id of the person or company, when known." },
  },
});

export const OrderReferenceImport = new GraphQLInputObjectType({
  name: "OrderReferenceImport",
  extensions: REFERENCE,
  description: "An order by its natural key: platform and order number.",
  fields: {
    agency: { type: GraphQLString, description: "Agency that recorded the order; the importing agency when left out." },
    platform: { type: GraphQLString, description: "The e-commerce platform." },
    orderNumber: { type: GraphQLString, description: "The platform's order number." },
  },
});

export const SeizureReferenceImport = new GraphQLInputObjectType({
  name: "SeizureReferenceImport",
  extensions: REFERENCE,
  description: "A seizure case by its natural key: reporting agency and case number.",
  fields: {
    reportingAgency: { type: GraphQLString, description: "The agency that reported the case; the importing agency when left out." },
    caseNumber: { type: GraphQLString, description: "The agency's case number." },
  },
});

export interface PartyReference {
  agency?: string | null;
  personReference?: string | null;
  companyRegistrationCountry?: string | null;
  companyRegistrationNumber?: string | null;
  id?: string | null;
}

export interface OrderReference {
  agency?: string | null;
  platform?: string | null;
  orderNumber?: string | null;
}

export interface SeizureReference {
  reportingAgency?: string | null;
  caseNumber?: string | null;
}

/** One reference of one row, with the field path to blame. */
export interface ReferenceUse<R> {
  row: number;
  path: string;
  ref: R;
}

/** Resolved ids by reference use (same order as asked), or the row errors of those that failed. */
export interface Resolved {
  ids: Array<string | null>;
  errors: Array<Omit<RowError, "row"> & { row: number }>;
}

const text = (v: string | null | undefined) => (v ?? "").trim();
const agencyOf = (v: string | null | undefined, fallback: string) => agencyCode(v ?? "") || fallback;
/** References and registration numbers are compared as the person and company upserts store them. */
const reference = (v: string | null | undefined) => personReferenceKey(v ?? "");
const registration = (v: string | null | undefined) => registrationNumberKey(v ?? "");

/** Looks up keys → ids with one UNWIND query, and turns each use into its id or a REFERENCE_NOT_FOUND error. */
type Keyed = { key: string; params: Record<string, string> } | { invalid: string };

async function lookUp<R>(
  uses: readonly ReferenceUse<R>[],
  key: (ref: R) => Keyed,
  query: (db: Database, keys: Array<{ key: string } & Record<string, string>>) => Promise<Array<{ key: string; id: string }>>,
  db: Database,
  notFound: (ref: R) => string,
): Promise<Resolved> {
  // A missing reference names nothing (when it is mandatory, the row's coercion already said REQUIRED).
  const keyed = uses.map((u): Keyed | null => (u.ref && typeof u.ref === "object" ? key(u.ref) : null));
  const wanted = new Map<string, { key: string } & Record<string, string>>();
  for (const k of keyed) if (k && "key" in k) wanted.set(k.key, { key: k.key, ...k.params });
  const found = new Map((wanted.size > 0 ? await query(db, [...wanted.values()]) : []).map((r) => [r.key, r.id]));
  const resolved: Resolved = { ids: [], errors: [] };
  uses.forEach((use, i) => {
    const k = keyed[i];
    if (!k) {
      resolved.ids.push(null);
      return;
    }
    if ("invalid" in k) {
      resolved.ids.push(null);
      resolved.errors.push({ row: use.row, field: use.path, code: "INVALID_VALUE", message: k.invalid });
      return;
    }
    const id = found.get(k.key) ?? null;
    resolved.ids.push(id);
    if (!id) resolved.errors.push({ row: use.row, field: use.path, code: "REFERENCE_NOT_FOUND", message: notFound(use.ref) });
  });
  return resolved;
}

/**
 * Persons (by agency and reference), companies (by agency and registration) and ids, to Person/Company ids: only
 * parties the importing agency may read (its own, or shared with it in an open operation), since an agency names
 * only those; a hidden party is reported like a missing one, so an import cannot probe another agency's references.
 */
export function resolvePartyReferences(db: Database, agency: string, uses: readonly ReferenceUse<PartyReference>[]): Promise<Resolved> {
  return lookUp(
    uses,
    (ref): Keyed => {
      const given = [text(ref.personReference) !== "", text(ref.companyRegistrationNumber) !== "" || text(ref.companyRegistrationCountry) !== "", text(ref.id) !== ""];
      if (given.filter(Boolean).length !== 1) return { invalid: "Give exactly one of personReference, companyRegistrationCountry + companyRegistrationNumber, or id." };
      if (given[2]) return { key: `id|${text(ref.id)}`, params: { kind: "id", id: text(ref.id) } };
      const owner = agencyOf(ref.agency, agency);
      if (given[0]) return { key: `p|${owner}|${reference(ref.personReference)}`, params: { kind: "person", agency: owner, reference: reference(ref.personReference) } };
      if (!text(ref.companyRegistrationCountry) || !registration(ref.companyRegistrationNumber)) {
        return { invalid: "A company is named by companyRegistrationCountry and companyRegistrationNumber together." };
      }
      return {
        key: `c|${owner}|${ref.companyRegistrationCountry}|${registration(ref.companyRegistrationNumber)}`,
        params: { kind: "company", agency: owner, country: text(ref.companyRegistrationCountry), number: registration(ref.companyRegistrationNumber) },
      };
    },
    (database, keys) =>
      database.read(
        `UNWIND $keys AS k
         CALL (k) {
           MATCH (p:Person { ownerAgency: k.agency, reference: k.reference }) WHERE k.kind = 'person' AND ${nominalReadableBy("p")} RETURN p.id AS id
           UNION
           MATCH (c:Company { ownerAgency: k.agency, registrationCountry: k.country, registrationNumber: k.number })
           WHERE k.kind = 'company' AND ${nominalReadableBy("c")} RETURN c.id AS id
           UNION
           MATCH (n:Person|Company { id: k.id }) WHERE k.kind = 'id' AND ${nominalReadableBy("n")} RETURN n.id AS id
         }
         RETURN k.key AS key, id`,
        { keys, readerAgency: agency },
      ),
    db,
    (ref) =>
      ref.id
        ? `No person or company has the id ${ref.id}.`
        : ref.personReference
          ? `No person of ${agencyOf(ref.agency, agency)} has the reference "${reference(ref.personReference)}" (import the persons first).`
          : `No company of ${agencyOf(ref.agency, agency)} is registered as ${text(ref.companyRegistrationCountry)} ${registration(ref.companyRegistrationNumber)} (import the companies first).`,
  );
}

/** Orders by agency, platform and order number, to Order ids. */
export function resolveOrderReferences(db: Database, agency: string, uses: readonly ReferenceUse<OrderReference>[]): Promise<Resolved> {
  return lookUp(
    uses,
    (ref): Keyed => {
      if (!text(ref.platform) || !text(ref.orderNumber)) return { invalid: "An order is named by platform and orderNumber together." };
      const owner = agencyOf(ref.agency, agency);
      return { key: `${owner}|${text(ref.platform)}|${text(ref.orderNumber)}`, params: { agency: owner, platform: text(ref.platform), orderNumber: text(ref.orderNumber) } };
    },
    (database, keys) =>
      database.read(
        `UNWIND $keys AS k MATCH (o:Order { ownerAgency: k.agency, platform: k.platform, orderNumber: k.orderNumber }) RETURN k.key AS key, o.id AS id`,
        { keys },
      ),
    db,
    (ref) => `No order of ${agencyOf(ref.agency, agency)} is ${text(ref.platform)} ${text(ref.orderNumber)} (import the orders first).`,
  );
}

/** Seizure cases by reporting agency and case number, to Seizure ids. */
export function resolveSeizureReferences(db: Database, agency: string, uses: readonly ReferenceUse<SeizureReference>[]): Promise<Resolved> {
  return lookUp(
    uses,
    (ref): Keyed => {
      if (!text(ref.caseNumber)) return { invalid: "A seizure is named by its caseNumber (and reportingAgency when it is not yours)." };
      const owner = agencyOf(ref.reportingAgency, agency);
      return { key: `${owner}|${text(ref.caseNumber)}`, params: { agency: owner, caseNumber: text(ref.caseNumber) } };
    },
    (database, keys) =>
      database.read(
        `UNWIND $keys AS k MATCH (s:Seizure { reportingAgency: k.agency, caseNumber: k.caseNumber }) RETURN k.key AS key, s.id AS id`,
        { keys },
      ),
    db,
    (ref) => `No seizure case ${text(ref.caseNumber)} of ${agencyOf(ref.reportingAgency, agency)} is stored (import the seizures first).`,
  );
}
