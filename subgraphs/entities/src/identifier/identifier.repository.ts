import { accessProjection, IDENTIFIER_KINDS, RECORD_LABELS, type Database, type IdentifierKind, type Tx } from "@cix/core";
import { partyFields } from "../party/party.projection.js";
import type { PartyRow } from "../party/party.types.js";
import { PARTY_REL } from "./identifier.kinds.js";

/** Stored fields per kind, for a node bound to `i`. */
const FIELDS: Record<IdentifierKind, string> = {
  Phone: ".id, .number, .country",
  Email: ".id, .address",
  Address: ".id, .street, .postcode, .city, .country",
  BankAccount: ".id, .iban, .bic, .country",
  IdentityDocument: ".id, .type, .number, .issuingCountry, expiry: i.expiry",
};

/** An identifier is shared: it carries the access envelope of every record linked to it (readable if any one is). */
const ACCESS = `__access: [(i)<--(rec) WHERE ${RECORD_LABELS.map((l) => `rec:${l}`).join(" OR ")} | ${accessProjection("rec")}]`;

const identifierFields = (kind: IdentifierKind) => `i { ${FIELDS[kind]}, ${ACCESS} }`;

export type IdentifierRow = Record<string, unknown> & { id: string };

/** Cypher reads of identifier nodes and of the parties linked to them. */
export class IdentifierRepository {
  constructor(private readonly db: Database) {}

  async findByIds(kind: IdentifierKind, ids: readonly string[]): Promise<IdentifierRow[]> {
    const rows = await this.db.read<{ identifier: IdentifierRow }>(
      `UNWIND $ids AS id MATCH (i:${kind} { id: id }) RETURN ${identifierFields(kind)} AS identifier`,
      { ids },
    );
    return rows.map((r) => r.identifier);
  }

  /** The identifiers of one kind that each party holds, in key order. */
  ofParties(kind: IdentifierKind, partyIds: readonly string[]): Promise<Array<{ partyId: string; identifier: IdentifierRow }>> {
    return this.db.read(
      `UNWIND $ids AS partyId
       MATCH (:Party { id: partyId })-[:${PARTY_REL[kind]}]->(i:${kind})
       RETURN partyId, ${identifierFields(kind)} AS identifier
       ORDER BY i.key`,
      { ids: partyIds },
    );
  }

  /** The parties linked to each identifier, by name. */
  partiesOf(kind: IdentifierKind, identifierIds: readonly string[]): Promise<Array<{ identifierId: string; party: PartyRow }>> {
    return this.db.read(
      `UNWIND $ids AS identifierId
       MATCH (:${kind} { id: identifierId })<-[:${PARTY_REL[kind]}]-(n:Party)
       RETURN identifierId, ${partyFields("n")} AS party
       ORDER BY n.sortName, n.id`,
      { ids: identifierIds },
    );
  }
}

/** Kind and key of an identifier linked to a party, read inside a write transaction; null when there is no such link. */
export async function identifierLinkedToParty(tx: Tx, partyId: string, identifierId: string): Promise<{ kind: IdentifierKind; key: string } | null> {
  const rows = await tx.run<{ kind: IdentifierKind | null; key: string }>(
    `MATCH (:Party { id: $partyId })-->(i { id: $identifierId })
     RETURN [l IN labels(i) WHERE l IN $kinds][0] AS kind, i.key AS key`,
    { partyId, identifierId, kinds: [...IDENTIFIER_KINDS] },
  );
  const row = rows.find((r) => r.kind !== null);
  return row ? { kind: row.kind!, key: row.key } : null;
}
