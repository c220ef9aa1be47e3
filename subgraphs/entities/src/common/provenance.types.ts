import { DateTimeScalar } from "@cix/core";
import { Field, ObjectType } from "type-graphql";

/** Provenance of a relationship, as stored on its edge. */
@ObjectType({ description: "Who recorded a relationship, from where and when." })
export class LinkProvenance {
  @Field(() => String, { description: "Code of the agency that recorded the relationship." })
  ownerAgency: string;

  @Field(() => String, { description: 'Where the relationship came from: the mutation (e.g. "graphql:linkAssociates") or an import id.' })
  source: string;

  @Field(() => DateTimeScalar, { description: "When the relationship was first recorded." })
  createdAt: string;

  @Field(() => DateTimeScalar, { description: "When the relationship was last written." })
  updatedAt: string;
}

/** Cypher map projection of an edge's dates and provenance, for an edge bound to `r`. */
export const EDGE_FIELDS =
  "{ since: r.since, until: r.until, provenance: { ownerAgency: r.ownerAgency, source: r.source, createdAt: r.createdAt, updatedAt: r.updatedAt } }";

export interface EdgeRow {
  since: string | null;
  until: string | null;
  provenance: LinkProvenance;
}
