import {
  addressIdentifier,
  emailIdentifier,
  emailKey,
  linkIdentifiersMany,
  phoneIdentifier,
  phoneKey,
  retainIdentifiersMany,
  type Identifier,
  type RecordLabel,
  type Tx,
} from "@cix/core";
import type { PartyRole } from "./declared-party.js";
import type { DeclaredPartyInput } from "./declared-party.types.js";

/** The identifier kinds a declared party can link to. */
const DECLARED_KINDS = ["Phone", "Email", "Address"] as const;

/** The shared identifiers a record declares for one party role. */
export interface DeclaredIdentifiers {
  role: PartyRole;
  identifiers: Identifier[];
}

/**
 * The identifiers of a declared party that can be linked: a phone readable as an international number, a
 * well-formed e-mail, an address with street, city and country. Declared data is messy, so the rest is kept on
 * the record as submitted but not linked (it would not meet anything reliably), rather than rejected.
 */
export function declaredIdentifiers(role: PartyRole, path: string, input: DeclaredPartyInput | null | undefined): DeclaredIdentifiers {
  const identifiers: Identifier[] = [];
  if (input?.phone && phoneKey(input.phone)) identifiers.push(phoneIdentifier(input.phone, `${path}.phone`));
  if (input?.email && emailKey(input.email)) identifiers.push(emailIdentifier(input.email, `${path}.email`));
  const address = input?.address;
  if (address?.street?.trim() && address.city?.trim() && address.country) {
    identifiers.push(
      addressIdentifier({ street: address.street, postcode: address.postcode, city: address.city, country: address.country }, `${path}.address`),
    );
  }
  return { role, identifiers };
}

/** One record's declared identifiers, with the provenance its DECLARED edges carry. */
export interface DeclaredOwner {
  ownerId: string;
  declared: readonly DeclaredIdentifiers[];
  provenance: { ownerAgency: string; source: string };
}

/**
 * Makes each record's DECLARED edges (with `role`) exactly the given identifiers, in the caller's transaction:
 * edges to identifiers no longer declared go, new ones are merged onto the shared nodes. One statement per
 * (role, kind) for the whole batch, plus one per kind linked.
 */
export async function replaceDeclaredIdentifiers(tx: Tx, label: RecordLabel, owners: readonly DeclaredOwner[]): Promise<void> {
  const roles = [...new Set(owners.flatMap(({ declared }) => declared.map((d) => d.role)))];
  for (const role of roles) {
    for (const kind of DECLARED_KINDS) {
      const keep = owners.flatMap(({ ownerId, declared }) =>
        declared.filter((d) => d.role === role).map((d) => ({ ownerId, keys: d.identifiers.filter((i) => i.kind === kind).map((i) => i.key) })),
      );
      await retainIdentifiersMany(tx, label, { rel: "DECLARED", kind, role }, keep);
    }
  }
  await linkIdentifiersMany(
    tx,
    label,
    owners.map(({ ownerId, declared, provenance }) => ({
      ownerId,
      links: declared.flatMap(({ role, identifiers }) => identifiers.map((identifier) => ({ rel: "DECLARED" as const, identifier, edgeProps: { role, ...provenance } }))),
    })),
  );
}
