import { DateTimeScalar, Markings, Nominal, PageInfo, type AccessEnvelope } from "@cix/core";
import { Directive, Field, Float, ID, InterfaceType, ObjectType, registerEnumType } from "type-graphql";

/** What every party row read from Neo4j carries (see `partyFields`); type-specific fields are absent on the other type. */
export interface PartyRow {
  __typename: "Person" | "Company";
  __access: AccessEnvelope;
  id: string;
  name: string;
  ownerAgency: string;
  source: string;
  createdAt: string;
  updatedAt: string;
  markings: Markings;
  reference?: string | null;
  givenNames?: string | null;
  familyName?: string | null;
  fullName?: string | null;
  aliases?: string[];
  dateOfBirth?: string | null;
  gender?: string | null;
  nationalities?: string[];
  registrationNumber?: string | null;
  registrationCountry?: string | null;
  legalForm?: string | null;
}

/**
 * A party: a person or a company. Owned by this subgraph as an entity interface, so other subgraphs can refer
 * to `Party` by id (with `@interfaceObject`) without knowing which kind it is.
 */
@Directive('@key(fields: "id")')
@Nominal()
@InterfaceType({
  description: "A party known to customs: a natural person or a company (nominal data).",
  resolveType: (value: { __typename?: string }) => value.__typename,
})
export abstract class Party {
  @Field(() => ID, { description: "Stable identifier of the party in the hub." })
  id: string;

  @Nominal()
  @Field(() => String, { description: "The person's full name or the company's name." })
  name: string;

  // The record fields of core's OwnedRecord, declared again: type-graphql does not carry an object type's
  // fields into an interface that extends it.
  @Field(() => String, { description: "Code of the agency that owns the record, e.g. NL-CUSTOMS; set from the caller's token." })
  ownerAgency: string;

  @Field(() => String, { description: 'Where the record came from: the mutation (e.g. "graphql:upsertPerson") or an import job id.' })
  source: string;

  @Field(() => DateTimeScalar, { description: "When the record was first stored in the hub." })
  createdAt: string;

  @Field(() => DateTimeScalar, { description: "When the record was last written." })
  updatedAt: string;

  @Field(() => Markings, { description: "Handling markings set by the owner." })
  markings: Markings;
}

export enum PartyOrder {
  NAME = "NAME",
  UPDATED_AT = "UPDATED_AT",
}
registerEnumType(PartyOrder, {
  name: "PartyOrder",
  description: "Order of a list of persons or companies.",
  valuesConfig: {
    NAME: { description: "By name, A to Z (accents ignored)." },
    UPDATED_AT: { description: "Most recently written first." },
  },
});

@ObjectType({ description: "One party found by a search, with its relevance." })
export class PartySearchEdge {
  @Field(() => String, { description: "Opaque cursor of this result." })
  cursor: string;

  @Field(() => Party, { description: "The party found." })
  node: PartyRow;

  @Field(() => Float, {
    description: "Relevance: the full-text score for a name search (higher is closer); 1 for an exact identifier match.",
  })
  score: number;
}

@ObjectType({ description: "A page of party search results, best first." })
export class PartySearchConnection {
  @Field(() => [PartySearchEdge], { description: "The results of this page with cursors and scores." })
  edges: PartySearchEdge[];

  @Field(() => [Party], { description: "The parties of this page (shortcut for edges.node)." })
  nodes: PartyRow[];

  @Field(() => PageInfo, { description: "Paging information." })
  pageInfo: PageInfo;
}
