import { hasRole, type Viewer } from "../auth/viewer.js";

/** An operation a record was shared into, as seen from the record. */
export interface SharedInOperation {
  id: string;
  status: "OPEN" | "CLOSED";
  endsAt: string | null;
  members: string[];
  /** The owner released H2 data for dissemination to the operation's members. */
  released: boolean;
}

/**
 * What the permission layer needs to know about a record to decide on its nominal fields. Repositories attach
 * it as `__access` (see accessProjection); value objects inherit their record's envelope.
 */
export interface AccessEnvelope {
  recordId: string;
  ownerAgency: string;
  tlp: string;
  handling: string;
  sharedIn: SharedInOperation[];
}

/** Holds one envelope, or several for a shared identifier (readable if any linked record is). */
export type AccessCarrier = { __access?: AccessEnvelope | AccessEnvelope[] };

export const NOMINAL_READER_ROLES = ["investigator", "supervisor"] as const;

export type NominalDecision = { allowed: true; operationId?: string } | { allowed: false; reason: string };

/**
 * The rule for one record's nominal data (MODEL.md "Who may see what"): investigators and supervisors, with a
 * stated purpose, on records of their own agency, or shared into an open operation their agency is a member
 * of. RED and AMBER_STRICT never leave the owner agency; H2 needs the owner's release to reach members.
 */
export function decideNominal(viewer: Viewer | null, envelope: AccessEnvelope, now = new Date()): NominalDecision {
  if (!viewer || !hasRole(viewer, ...NOMINAL_READER_ROLES)) return { allowed: false, reason: "role" };
  if (!viewer.purpose) return { allowed: false, reason: "purpose" };
  if (envelope.ownerAgency === viewer.agency) return { allowed: true };
  if (envelope.tlp === "RED" || envelope.tlp === "AMBER_STRICT") return { allowed: false, reason: "tlp" };
  const operation = envelope.sharedIn.find(
    (op) =>
      op.status === "OPEN" &&
      (op.endsAt === null || new Date(op.endsAt) > now) &&
      op.members.includes(viewer.agency) &&
      (envelope.handling !== "H2" || op.released),
  );
  return operation ? { allowed: true, operationId: operation.id } : { allowed: false, reason: "not-shared" };
}

export function envelopesOf(carrier: unknown): AccessEnvelope[] {
  const access = (carrier as AccessCarrier | null | undefined)?.__access;
  if (!access) return [];
  return Array.isArray(access) ? access : [access];
}

/**
 * Cypher map projection of a record's access envelope, for a node bound to `variable`. The variable name
 * comes from repository code, never from input; the pattern's own variables are derived from it so they
 * cannot clash with the caller's.
 */
export function accessProjection(variable: string): string {
  if (!/^[a-z][A-Za-z0-9]*$/.test(variable)) throw new Error(`Not a Cypher variable: ${variable}`);
  return `{ recordId: ${variable}.id, ownerAgency: ${variable}.ownerAgency, tlp: coalesce(${variable}.tlp, 'AMBER'),
    handling: coalesce(${variable}.handling, 'H0'),
    sharedIn: [(${variable})-[${variable}Share:SHARED_IN]->(${variable}Op:Operation) | { id: ${variable}Op.id,
      status: ${variable}Op.status, endsAt: ${variable}Op.endsAt, members: ${variable}Op.memberAgencies,
      released: coalesce(${variable}Share.released, false) }] }`;
}
