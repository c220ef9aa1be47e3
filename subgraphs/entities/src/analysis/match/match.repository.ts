import { accessProjection, IDENTIFIER_KINDS, type AccessEnvelope, type Database } from "@cix/core";
import { PARTY_NAMES_INDEX } from "../../party/party.projection.js";

/** What entity resolution compares of a person. */
export interface PersonProfile {
  id: string;
  fullName: string;
  aliases: string[];
  dateOfBirth: string | null;
  access: AccessEnvelope;
}

export type CandidateProfile = {
  candidate: PersonProfile;
  /** Kinds of identifier (Phone, Email, Address, BankAccount) both persons are linked to. */
  sharedKinds: string[];
  /** Types of the candidate's documents whose number one of the person's documents has too. */
  sameDocuments: string[];
};

export type MatchRelationship = "SAME_AS" | "NOT_SAME_AS";

/** Candidates read from each source (names, shared identifiers, documents) before scoring. */
const PER_SOURCE = 50;

const profile = (v: string) =>
  `{ id: ${v}.id, fullName: ${v}.fullName, aliases: coalesce(${v}.aliases, []), dateOfBirth: ${v}.dateOfBirth, access: ${accessProjection(v)} }`;

const HELD = "USES|LOCATED_AT|HOLDS_ACCOUNT";

/**
 * Persons that may be the same as `$id`: found by name (the name index, with the person's name words in Latin
 * letters), by an identifier both hold (not through super-nodes), or by a document with the same number
 * whatever type or country it was recorded with; minus those the caller's agency already confirmed or rejected.
 */
const CANDIDATES = `MATCH (p:Person { id: $id })
  CALL (p) {
    WITH p WHERE $lucene IS NOT NULL
    CALL db.index.fulltext.queryNodes('${PARTY_NAMES_INDEX}', $lucene) YIELD node AS c
    WITH p, c WHERE c:Person AND c <> p
    RETURN c LIMIT ${PER_SOURCE}
    UNION
    MATCH (p)-[:${HELD}|HOLDS]->(i)<-[:${HELD}|HOLDS]-(c:Person)
    WHERE c <> p AND COUNT { (i)--() } <= $superDegree
    RETURN c LIMIT ${PER_SOURCE}
    UNION
    MATCH (p)-[:HOLDS]->(d:IdentityDocument)
    MATCH (c:Person)-[:HOLDS]->(:IdentityDocument { number: d.number })
    WHERE c <> p
    RETURN c LIMIT ${PER_SOURCE}
  }
  WITH p, c
  WHERE NOT EXISTS { (p)-[r:SAME_AS|NOT_SAME_AS]-(c) WHERE r.agency = $agency }
  RETURN ${profile("c")} AS candidate,
    [(c)-[:${HELD}]->(i)<-[:${HELD}]-(p) | [l IN labels(i) WHERE l IN $kinds][0]] AS sharedKinds,
    [(c)-[:HOLDS]->(d:IdentityDocument) WHERE EXISTS { (p)-[:HOLDS]->(:IdentityDocument { number: d.number }) } | d.type] AS sameDocuments`;

/** Records the caller's agency's decision; the opposite decision of the same agency goes. */
const DECIDE = (rel: MatchRelationship, opposite: MatchRelationship) => `MATCH (a:Person { id: $partyId }), (b:Person { id: $candidateId })
  CALL (a, b) { MATCH (a)-[old:${opposite} { agency: $agency }]-(b) DELETE old }
  MERGE (a)-[r:${rel} { agency: $agency }]-(b)
    ON CREATE SET r.createdAt = datetime()
  SET r.by = $by, r.at = datetime(), r.note = $note, r.source = $source
  RETURN r.at AS at`;

const UNDO = `MATCH (a:Person { id: $partyId }), (b:Person { id: $candidateId })
  OPTIONAL MATCH (a)-[r:SAME_AS|NOT_SAME_AS { agency: $agency }]-(b)
  DELETE r
  RETURN datetime() AS at`;

/** Cypher of entity resolution: candidates, and the SAME_AS / NOT_SAME_AS decisions between persons. */
export class MatchRepository {
  constructor(private readonly db: Database) {}

  async person(id: string): Promise<PersonProfile | null> {
    const rows = await this.db.read<{ person: PersonProfile }>(`MATCH (p:Person { id: $id }) RETURN ${profile("p")} AS person`, { id });
    return rows[0]?.person ?? null;
  }

  candidates(id: string, lucene: string | null, agency: string, superDegree: number): Promise<CandidateProfile[]> {
    return this.db.read(CANDIDATES, { id, lucene, agency, superDegree, kinds: [...IDENTIFIER_KINDS] });
  }

  /**
   * Links two persons by the caller's agency's decision (SAME_AS: confirmed; NOT_SAME_AS: rejected, so never
   * proposed again), with who, when and why. Neither record changes. Null when either person is gone.
   */
  async decide(rel: MatchRelationship, args: DecisionArgs): Promise<string | null> {
    const opposite: MatchRelationship = rel === "SAME_AS" ? "NOT_SAME_AS" : "SAME_AS";
    const rows = await this.db.write<{ at: string }>(DECIDE(rel, opposite), { ...args });
    return rows[0]?.at ?? null;
  }

  /** Removes the caller's agency's decision between the two persons (idempotent); null when either is gone. */
  async undo(args: Omit<DecisionArgs, "by" | "note" | "source">): Promise<string | null> {
    const rows = await this.db.write<{ at: string }>(UNDO, { ...args });
    return rows[0]?.at ?? null;
  }
}

export interface DecisionArgs {
  partyId: string;
  candidateId: string;
  agency: string;
  by: string;
  note: string | null;
  source: string;
}
