import { nominalReadableBy, type Database, type IdentifierLookup } from "@cix/core";
import type { SortedPartyRow } from "../common/party-page.js";
import { PARTY_NAMES_INDEX, partyFields } from "./party.projection.js";
import { PartyOrder, type PartyRow } from "./party.types.js";

export type PartyLabel = "Person" | "Company";

export interface PartyListFilter {
  /** Folded (lower-case, accent-free) text the folded name must contain. */
  name: string | null;
  /** Nationality of a person, or registration country of a company. */
  country: string | null;
  ownerAgency: string | null;
}

export type ScoredPartyRow = SortedPartyRow & { score: number };

/** A party search: what to match and who reads (only parties whose nominal data the reader's agency may read). */
export interface PartySearch {
  lookup: IdentifierLookup | null;
  ownerAgency: string | null;
  readerAgency: string;
}

/** Parties holding an identifier given as search input (each reading of it: phone, e-mail, IBAN, document number). */
const IDENTIFIED = `CALL {
    MATCH (:Phone { key: $phone })<-[:USES]-(n:Party) RETURN n
    UNION
    MATCH (:Email { key: $email })<-[:USES]-(n:Party) RETURN n
    UNION
    MATCH (:BankAccount { key: $iban })<-[:HOLDS_ACCOUNT]-(n:Party) RETURN n
    UNION
    MATCH (:IdentityDocument { number: $documentNumber })<-[:HOLDS]-(n:Party) RETURN n
  }`;

const SEARCH_BY_NAME = `${IDENTIFIED}
  WITH collect(n.id) AS identified
  CALL db.index.fulltext.queryNodes('${PARTY_NAMES_INDEX}', $lucene) YIELD node AS n, score
  WHERE (NOT $byIdentifier OR n.id IN identified)
    AND ($ownerAgency IS NULL OR n.ownerAgency = $ownerAgency)
    AND ${nominalReadableBy("n")}
    AND ($afterScore IS NULL OR score < $afterScore OR (score = $afterScore AND n.id > $afterId))
  RETURN ${partyFields("n")} AS party, score, [score, n.id] AS sort
  ORDER BY score DESC, n.id
  LIMIT toInteger($limit)`;

const SEARCH_BY_IDENTIFIER = `${IDENTIFIED}
  WITH n
  WHERE ($ownerAgency IS NULL OR n.ownerAgency = $ownerAgency) AND ($afterId IS NULL OR n.id > $afterId)
    AND ${nominalReadableBy("n")}
  RETURN ${partyFields("n")} AS party, 1.0 AS score, [1.0, n.id] AS sort
  ORDER BY n.id
  LIMIT toInteger($limit)`;

const COUNTRY_CONDITION: Record<PartyLabel, string> = {
  Person: "$country IN coalesce(n.nationalities, [])",
  Company: "n.registrationCountry = $country",
};

const ORDERINGS: Record<PartyOrder, { after: string; sort: string; orderBy: string }> = {
  [PartyOrder.NAME]: {
    after: "n.sortName > $afterKey OR (n.sortName = $afterKey AND n.id > $afterId)",
    sort: "[n.sortName, n.id]",
    orderBy: "n.sortName, n.id",
  },
  [PartyOrder.UPDATED_AT]: {
    // The cursor keeps the full-precision string of the datetime, so equal instants page correctly.
    after: "n.updatedAt < datetime($afterKey) OR (n.updatedAt = datetime($afterKey) AND n.id > $afterId)",
    sort: "[toString(n.updatedAt), n.id]",
    orderBy: "n.updatedAt DESC, n.id",
  },
};

function listStatement(label: PartyLabel, order: PartyOrder): string {
  const o = ORDERINGS[order];
  return `MATCH (n:${label})
    WHERE ($ownerAgency IS NULL OR n.ownerAgency = $ownerAgency)
      AND ($country IS NULL OR ${COUNTRY_CONDITION[label]})
      AND ($name IS NULL OR n.sortName CONTAINS $name)
      AND ($afterKey IS NULL OR ${o.after})
      AND ${nominalReadableBy("n")}
    RETURN ${partyFields("n")} AS party, ${o.sort} AS sort
    ORDER BY ${o.orderBy}
    LIMIT toInteger($limit)`;
}

/** Cypher reads of persons and companies together (by id, by search). */
export class PartyRepository {
  constructor(private readonly db: Database) {}

  async findByIds(ids: readonly string[]): Promise<PartyRow[]> {
    const rows = await this.db.read<{ party: PartyRow }>(`UNWIND $ids AS id MATCH (n:Party { id: id }) RETURN ${partyFields("n")} AS party`, {
      ids,
    });
    return rows.map((r) => r.party);
  }

  /**
   * The person `agency` recorded under `reference`, only if `readerAgency` may read its nominal data: one that
   * agency may not read is left out in the same statement, so it answers like a missing one (no oracle).
   */
  async findPersonByReference(agency: string, reference: string, readerAgency: string): Promise<PartyRow | null> {
    const rows = await this.db.read<{ party: PartyRow }>(
      `MATCH (n:Person { ownerAgency: $agency, reference: $reference }) WHERE ${nominalReadableBy("n")} RETURN ${partyFields("n")} AS party`,
      { agency, reference, readerAgency },
    );
    return rows[0]?.party ?? null;
  }

  /** The company `agency` recorded under a registration, only if `readerAgency` may read it (as `findPersonByReference`). */
  async findCompanyByRegistration(agency: string, country: string, number: string, readerAgency: string): Promise<PartyRow | null> {
    const rows = await this.db.read<{ party: PartyRow }>(
      `MATCH (n:Company { ownerAgency: $agency, registrationCountry: $country, registrationNumber: $number })
       WHERE ${nominalReadableBy("n")} RETURN ${partyFields("n")} AS party`,
      { agency, country, number, readerAgency },
    );
    return rows[0]?.party ?? null;
  }

  /** Name search through the full-text index, optionally only among the holders of an identifier. */
  searchByName(lucene: string, search: PartySearch, after: readonly unknown[] | null, limit: number): Promise<ScoredPartyRow[]> {
    return this.db.read<ScoredPartyRow>(SEARCH_BY_NAME, {
      ...identifierParams(search.lookup),
      byIdentifier: search.lookup !== null,
      lucene,
      ownerAgency: search.ownerAgency,
      readerAgency: search.readerAgency,
      afterScore: after?.[0] ?? null,
      afterId: after?.[1] ?? null,
      limit,
    });
  }

  /** Exact identifier search: the holders of the phone, e-mail, IBAN or document number, in id order. */
  searchByIdentifier(search: PartySearch, after: readonly unknown[] | null, limit: number): Promise<ScoredPartyRow[]> {
    return this.db.read<ScoredPartyRow>(SEARCH_BY_IDENTIFIER, {
      ...identifierParams(search.lookup),
      ownerAgency: search.ownerAgency,
      readerAgency: search.readerAgency,
      afterId: after?.[1] ?? null,
      limit,
    });
  }

  /** A keyset page of the persons or companies matching a filter whose nominal data `readerAgency` may read. */
  list(
    label: PartyLabel,
    filter: PartyListFilter,
    order: PartyOrder,
    readerAgency: string,
    after: readonly unknown[] | null,
    limit: number,
  ): Promise<SortedPartyRow[]> {
    return this.db.read<SortedPartyRow>(listStatement(label, order), {
      ...filter,
      readerAgency,
      afterKey: after?.[0] ?? null,
      afterId: after?.[1] ?? null,
      limit,
    });
  }
}

function identifierParams(lookup: IdentifierLookup | null) {
  const key = (kind: string) => lookup?.keys.find((k) => k.kind === kind)?.key ?? null;
  return { phone: key("Phone"), email: key("Email"), iban: key("BankAccount"), documentNumber: lookup?.documentNumber ?? null };
}
