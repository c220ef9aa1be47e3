import { Nominal, type AccessEnvelope } from "@cix/core";
import { Directive, Field, ID, ObjectType } from "type-graphql";

/**
 * A party (Person or Company), owned by the entities subgraph as `interface Party`. This subgraph knows only
 * its id (`@interfaceObject`) and adds `orders`, `payments` and `shipments`; the gateway resolves the concrete type.
 */
@Directive('@key(fields: "id")')
@Directive("@interfaceObject")
@Nominal()
@ObjectType("Party", { description: "A person or company (owned by the entities subgraph)." })
export class PartyRef {
  @Field(() => ID, { description: "The party's hub id." })
  id: string;

  /** The party's access envelope (`partyReferences`): every field this subgraph adds to a party is a link to it. */
  __access?: AccessEnvelope;
}
