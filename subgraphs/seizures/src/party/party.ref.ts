import { Nominal, type AccessEnvelope } from "@cix/core";
import { Directive, Field, ID, ObjectType } from "type-graphql";

/**
 * A party (Person or Company), owned by the entities subgraph as `interface Party`. This subgraph knows only
 * its id (`@interfaceObject`) and adds `Party.seizures`; the gateway resolves the concrete type.
 */
@Directive('@key(fields: "id")')
@Directive("@interfaceObject")
@Nominal()
@ObjectType("Party", { description: "A person or company (owned by the entities subgraph)." })
export class PartyRef {
  @Field(() => ID, { description: "The party's hub id." })
  id: string;

  /** The party record's access envelope: `Party.seizures` is nominal and decided on the party's own markings. */
  __access?: AccessEnvelope;
}
