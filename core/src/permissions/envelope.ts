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
  const refused = callerRefusal(viewer);
  if (refused || !viewer) return { allowed: false, reason: refused ?? "role" };
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

/**
 * The caller's half of `decideNominal`, which needs no record: why this caller may read no nominal data at all
 * ("role", then "purpose"), or null when the record decides.
 */
export function callerRefusal(viewer: Viewer | null): "role" | "purpose" | null {
  if (!viewer || !hasRole(viewer, ...NOMINAL_READER_ROLES)) return "role";
  if (!viewer.purpose) return "purpose";
  return null;
}

export function envelopesOf(carrier: unknown): AccessEnvelope[] {
  const access = (carrier as AccessCarrier | null | undefined)?.__access;
  if (!access) return [];
  return Array.isArray(access) ? access : [access];
}

/** Cypher map projection of a record's access envelope, for a node bound to `variable`. */
export function accessProjection(variable: string): string {
  const v = cypherVariable(variable);
  return `{ recordId: ${v}.id, ownerAgency: ${v}.ownerAgency, tlp: coalesce(${v}.tlp, 'AMBER'),
    handling: coalesce(${v}.handling, 'H0'),
    sharedIn: [(${v})-[${v}Share:SHARED_IN]->(${v}Op:Operation) | { id: ${v}Op.id,
      status: ${v}Op.status, endsAt: ${v}Op.endsAt, members: ${sharedWith(`${v}Share`, `${v}Op`)},
      released: coalesce(${v}Share.released, false) }] }`;
}

/**
 * The agencies a share reaches: the members of the operation when the owner shared the record (recorded on the
 * SHARED_IN relationship) who are still members. An agency added to an operation later does not read what was
 * shared before it joined unless the owner shares it again: a lead cannot widen an owner's sharing.
 */
function sharedWith(share: string, operation: string): string {
  return `[m IN coalesce(${operation}.memberAgencies, []) WHERE m IN coalesce(${share}.members, [])]`;
}

/**
 * Cypher condition "the reader's agency may read the nominal data of the record bound to `variable`": the record
 * half of `decideNominal` (the caller's role and purpose are checked before the query runs). Lists that are
 * selected or ordered by nominal values use it, so they hold only records the caller may read and their order,
 * length and `hasNextPage` say nothing about the others; writes that link to a party use it, so an agency names
 * only parties it may read. `agency` is the Cypher expression of the reader's agency: `$readerAgency` by default.
 */
export function nominalReadableBy(variable: string, agency = "$readerAgency"): string {
  const v = cypherVariable(variable);
  if (!/^(\$[a-zA-Z]+|[a-z][A-Za-z0-9]*\.[a-zA-Z]+)$/.test(agency)) throw new Error(`Not a parameter or property: ${agency}`);
  return `(${v}.ownerAgency = ${agency} OR (NOT coalesce(${v}.tlp, 'AMBER') IN ['RED', 'AMBER_STRICT'] AND EXISTS {
    MATCH (${v})-[${v}Share:SHARED_IN]->(${v}Op:Operation)
    WHERE ${v}Op.status = 'OPEN' AND (${v}Op.endsAt IS NULL OR ${v}Op.endsAt > datetime())
      AND ${agency} IN ${sharedWith(`${v}Share`, `${v}Op`)}
      AND (coalesce(${v}.handling, 'H0') <> 'H2' OR coalesce(${v}Share.released, false)) }))`;
}

/** The variable name comes from repository code, never from input; the patterns' own variables derive from it. */
function cypherVariable(variable: string): string {
  if (!/^[a-z][A-Za-z0-9]*$/.test(variable)) throw new Error(`Not a Cypher variable: ${variable}`);
  return variable;
}
