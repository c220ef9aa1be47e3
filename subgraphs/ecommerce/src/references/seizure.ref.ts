import { Directive, Field, ID, ObjectType } from "type-graphql";

/** A seizure owned by the seizures subgraph; this subgraph only knows its id and adds `shipments`. */
@Directive('@key(fields: "id")')
@ObjectType("Seizure", { description: "A CEN seizure case (owned by the seizures subgraph)." })
export class SeizureRef {
  @Field(() => ID, { description: "The case's hub id." })
  id: string;
}
