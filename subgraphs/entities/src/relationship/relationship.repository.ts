import type { Database, Tx } from "@cix/core";
import { EDGE_FIELDS, type EdgeRow } from "../common/provenance.types.js";
import { partyFields } from "../party/party.projection.js";
import type { PartyRow } from "../party/party.types.js";
import { CompanyRoleType, ROLE_REL } from "./relationship.types.js";

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
  edge: EdgeWrite;
}

export interface CompanyRoleWrite {
  personId: string;
  companyId: string;
  role: CompanyRoleType;
  edge: EdgeWrite;
}

const ROLE_OF_REL = `CASE type(r) WHEN 'DIRECTOR_OF' THEN '${CompanyRoleType.DIRECTOR}' ELSE '${CompanyRoleType.EMPLOYEE}' END`;

export type RelatedRow = {
  ownerId: string;
  party: PartyRow;
  edge: EdgeRow;
  role: CompanyRoleType | null;
};

/** ASSOCIATE_OF is symmetric: stored in one direction, matched in both; MERGE never doubles it. One statement per batch. */
export async function linkAssociatesMany(tx: Tx, rows: readonly AssociationWrite[]): Promise<void> {
  if (rows.length === 0) return;
  await tx.run(
    `UNWIND $rows AS row
     MATCH (a:Person { id: row.personId }), (b:Person { id: row.associateId })
     MERGE (a)-[r:ASSOCIATE_OF { ownerAgency: row.edge.ownerAgency }]-(b)
     ${SET_EDGE}`,
    { rows },
  );
}

export async function unlinkAssociates(tx: Tx, personId: string, associateId: string, ownerAgency: string): Promise<void> {
  await tx.run(
    "MATCH (:Person { id: $personId })-[r:ASSOCIATE_OF { ownerAgency: $ownerAgency }]-(:Person { id: $associateId }) DELETE r",
    { personId, associateId, ownerAgency },
  );
}

/** One statement per role present in the batch (the relationship type is the role's constant, never client text). */
export async function linkCompanyRolesMany(tx: Tx, rows: readonly CompanyRoleWrite[]): Promise<void> {
  for (const role of Object.values(CompanyRoleType)) {
    const ofRole = rows.filter((row) => row.role === role);
    if (ofRole.length === 0) continue;
    await tx.run(
      `UNWIND $rows AS row
       MATCH (p:Person { id: row.personId }), (c:Company { id: row.companyId })
       MERGE (p)-[r:${ROLE_REL[role]} { ownerAgency: row.edge.ownerAgency }]->(c)
       ${SET_EDGE}`,
      { rows: ofRole },
    );
  }
}

export async function unlinkCompanyRole(tx: Tx, personId: string, companyId: string, role: CompanyRoleType, ownerAgency: string): Promise<void> {
  await tx.run(
    `MATCH (:Person { id: $personId })-[r:${ROLE_REL[role]} { ownerAgency: $ownerAgency }]->(:Company { id: $companyId }) DELETE r`,
    { personId, companyId, ownerAgency },
  );
}

/** Cypher reads of the relationships between parties: associates, directors and employees. */
export class RelationshipRepository {
  constructor(private readonly db: Database) {}

  associatesOf(personIds: readonly string[]): Promise<RelatedRow[]> {
    return this.db.read(
      `UNWIND $ids AS ownerId
       MATCH (:Person { id: ownerId })-[r:ASSOCIATE_OF]-(a:Person)
       RETURN ownerId, ${partyFields("a")} AS party, ${EDGE_FIELDS} AS edge, null AS role
       ORDER BY a.sortName, a.id`,
      { ids: personIds },
    );
  }

  companiesOf(personIds: readonly string[]): Promise<RelatedRow[]> {
    return this.db.read(
      `UNWIND $ids AS ownerId
       MATCH (:Person { id: ownerId })-[r:DIRECTOR_OF|EMPLOYED_BY]->(c:Company)
       RETURN ownerId, ${partyFields("c")} AS party, ${EDGE_FIELDS} AS edge, ${ROLE_OF_REL} AS role
       ORDER BY c.sortName, c.id`,
      { ids: personIds },
    );
  }

  membersOf(companyIds: readonly string[]): Promise<RelatedRow[]> {
    return this.db.read(
      `UNWIND $ids AS ownerId
       MATCH (:Company { id: ownerId })<-[r:DIRECTOR_OF|EMPLOYED_BY]-(p:Person)
       RETURN ownerId, ${partyFields("p")} AS party, ${EDGE_FIELDS} AS edge, ${ROLE_OF_REL} AS role
       ORDER BY p.sortName, p.id`,
      { ids: companyIds },
    );
  }
}
