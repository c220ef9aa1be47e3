import type { Database, Tx } from "@cix/core";
import { EDGE_FIELDS, type EdgeRow } from "../common/provenance.types.js";
import { partyFields } from "../party/party.projection.js";
import type { PartyRow } from "../party/party.types.js";
import { AssociationKind, CompanyRoleType, ROLE_REL } from "./relationship.types.js";

/** Dates and provenance of a party-to-party edge; each agency records its own edge between the same two parties. */
export interface EdgeWrite {
  ownerAgency: string;
  source: string;
  since: string | null;
  until: string | null;
}

/** Sets the edge `r` created or matched by a MERGE keyed on ownerAgency; dates left out keep their stored value. */
const SET_EDGE = `ON CREATE SET r.createdAt = datetime()
  SET r.source = row.edge.source, r.updatedAt = datetime()
  FOREACH (d IN CASE WHEN row.edge.since IS NULL THEN [] ELSE [row.edge.since] END | SET r.since = date(d))
  FOREACH (d IN CASE WHEN row.edge.until IS NULL THEN [] ELSE [row.edge.until] END | SET r.until = date(d))`;

export interface AssociationWrite {
  personId: string;
  associateId: string;
  kind: AssociationKind;
  edge: EdgeWrite;
}

/** A role of a person or company (`holderId`) in a company, with the stake where the role has one. */
export interface CompanyRoleWrite {
  holderId: string;
  companyId: string;
  role: CompanyRoleType;
  sharePercentage: number | null;
  shares: number | null;
  note: string | null;
  edge: EdgeWrite;
}

/** Associations recorded before kinds existed have none: they are of the kind ASSOCIATE. */
const KIND_OF = `coalesce(r.kind, '${AssociationKind.ASSOCIATE}')`;

/** The role each relationship type stands for, built from ROLE_REL (constants only). */
const ROLE_OF_REL = `CASE type(r) ${Object.entries(ROLE_REL)
  .map(([role, rel]) => `WHEN '${rel}' THEN '${role}'`)
  .join(" ")} END`;

const ALL_ROLE_RELS = Object.values(ROLE_REL).join("|");
const MEMBER_RELS = [ROLE_REL[CompanyRoleType.DIRECTOR], ROLE_REL[CompanyRoleType.EMPLOYEE]].join("|");

export type RelatedRow = {
  ownerId: string;
  party: PartyRow;
  edge: EdgeRow;
  role: CompanyRoleType | null;
  kind: AssociationKind | null;
};

/** A role link read from either end: `party` is the other end (the holder, or the company held). */
export type RoleLinkRow = {
  ownerId: string;
  party: PartyRow;
  edge: EdgeRow;
  role: CompanyRoleType;
  sharePercentage: number | null;
  shares: number | null;
  note: string | null;
};

/**
 * ASSOCIATE_OF is symmetric: stored in one direction, matched in both; MERGE never doubles it. Each agency keeps one
 * edge per kind between two persons (a relative may also be a business associate, each with its own period); a
 * kind-less edge from before kinds is taken as the ASSOCIATE one. One statement per batch.
 */
export async function linkAssociatesMany(tx: Tx, rows: readonly AssociationWrite[]): Promise<void> {
  if (rows.length === 0) return;
  await tx.run(
    `UNWIND $rows AS row
     MATCH (a:Person { id: row.personId }), (b:Person { id: row.associateId })
     CALL (a, b, row) {
       MATCH (a)-[old:ASSOCIATE_OF { ownerAgency: row.edge.ownerAgency }]-(b) WHERE old.kind IS NULL AND row.kind = '${AssociationKind.ASSOCIATE}'
       SET old.kind = row.kind
     }
     MERGE (a)-[r:ASSOCIATE_OF { ownerAgency: row.edge.ownerAgency, kind: row.kind }]-(b)
     ${SET_EDGE}`,
    { rows },
  );
}

/** Removes the agency's association of the given kind between two persons, or of every kind when `kind` is null. */
export async function unlinkAssociates(tx: Tx, personId: string, associateId: string, ownerAgency: string, kind: AssociationKind | null): Promise<void> {
  await tx.run(
    `MATCH (:Person { id: $personId })-[r:ASSOCIATE_OF { ownerAgency: $ownerAgency }]-(:Person { id: $associateId })
     WHERE $kind IS NULL OR ${KIND_OF} = $kind
     DELETE r`,
    { personId, associateId, ownerAgency, kind },
  );
}

/**
 * One statement per role present in the batch (the relationship type is the role's constant, never client text).
 * The holder is a person or a company. A stake or note left out keeps its stored value, like the dates.
 */
export async function linkCompanyRolesMany(tx: Tx, rows: readonly CompanyRoleWrite[]): Promise<void> {
  for (const role of Object.values(CompanyRoleType)) {
    const ofRole = rows.filter((row) => row.role === role);
    if (ofRole.length === 0) continue;
    await tx.run(
      `UNWIND $rows AS row
       MATCH (h:Party { id: row.holderId }), (c:Company { id: row.companyId })
       MERGE (h)-[r:${ROLE_REL[role]} { ownerAgency: row.edge.ownerAgency }]->(c)
       ${SET_EDGE}
       FOREACH (v IN CASE WHEN row.sharePercentage IS NULL THEN [] ELSE [row.sharePercentage] END | SET r.sharePercentage = toFloat(v))
       FOREACH (v IN CASE WHEN row.shares IS NULL THEN [] ELSE [row.shares] END | SET r.shares = toFloat(v))
       FOREACH (v IN CASE WHEN row.note IS NULL THEN [] ELSE [row.note] END | SET r.note = v)`,
      { rows: ofRole },
    );
  }
}

/** Removes the agency's record of a holder's (person or company) role in a company. */
export async function unlinkCompanyRole(tx: Tx, holderId: string, companyId: string, role: CompanyRoleType, ownerAgency: string): Promise<void> {
  await tx.run(
    `MATCH (:Party { id: $holderId })-[r:${ROLE_REL[role]} { ownerAgency: $ownerAgency }]->(:Company { id: $companyId }) DELETE r`,
    { holderId, companyId, ownerAgency },
  );
}

const ROLE_LINK_FIELDS = `${EDGE_FIELDS} AS edge, ${ROLE_OF_REL} AS role, r.sharePercentage AS sharePercentage, r.shares AS shares, r.note AS note`;

/** Cypher reads of the relationships between parties: associates, company roles (officers, owners, agents). */
export class RelationshipRepository {
  constructor(private readonly db: Database) {}

  associatesOf(personIds: readonly string[]): Promise<RelatedRow[]> {
    return this.db.read(
      `UNWIND $ids AS ownerId
       MATCH (:Person { id: ownerId })-[r:ASSOCIATE_OF]-(a:Person)
       RETURN ownerId, ${partyFields("a")} AS party, ${EDGE_FIELDS} AS edge, null AS role, ${KIND_OF} AS kind
       ORDER BY a.sortName, a.id, kind`,
      { ids: personIds },
    );
  }

  /** A person's directorships and employments (`Person.companies`, the fields of API 1.0). */
  companiesOf(personIds: readonly string[]): Promise<RelatedRow[]> {
    return this.db.read(
      `UNWIND $ids AS ownerId
       MATCH (:Person { id: ownerId })-[r:${MEMBER_RELS}]->(c:Company)
       RETURN ownerId, ${partyFields("c")} AS party, ${EDGE_FIELDS} AS edge, ${ROLE_OF_REL} AS role, null AS kind
       ORDER BY c.sortName, c.id`,
      { ids: personIds },
    );
  }

  /** A company's directors and employees that are persons (`Company.directors`/`employees`). */
  membersOf(companyIds: readonly string[]): Promise<RelatedRow[]> {
    return this.db.read(
      `UNWIND $ids AS ownerId
       MATCH (:Company { id: ownerId })<-[r:${MEMBER_RELS}]-(p:Person)
       RETURN ownerId, ${partyFields("p")} AS party, ${EDGE_FIELDS} AS edge, ${ROLE_OF_REL} AS role, null AS kind
       ORDER BY p.sortName, p.id`,
      { ids: companyIds },
    );
  }

  /** Every role held in each company, by persons and companies: `party` is the holder. */
  roleHoldersOf(companyIds: readonly string[]): Promise<RoleLinkRow[]> {
    return this.db.read(
      `UNWIND $ids AS ownerId
       MATCH (:Company { id: ownerId })<-[r:${ALL_ROLE_RELS}]-(h:Party)
       RETURN ownerId, ${partyFields("h")} AS party, ${ROLE_LINK_FIELDS}
       ORDER BY role, h.sortName, h.id, r.ownerAgency`,
      { ids: companyIds },
    );
  }

  /** Every role each person or company holds in companies: `party` is the company. */
  roleHoldingsOf(partyIds: readonly string[]): Promise<RoleLinkRow[]> {
    return this.db.read(
      `UNWIND $ids AS ownerId
       MATCH (:Party { id: ownerId })-[r:${ALL_ROLE_RELS}]->(c:Company)
       RETURN ownerId, ${partyFields("c")} AS party, ${ROLE_LINK_FIELDS}
       ORDER BY c.sortName, c.id, role, r.ownerAgency`,
      { ids: partyIds },
    );
  }
}
