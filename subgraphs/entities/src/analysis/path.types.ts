import { DateTimeScalar } from "@cix/core";
import { Field, Int, ObjectType } from "type-graphql";
import { CutNode, NetworkEdge, NetworkNode } from "./network.types.js";

@ObjectType({ description: "A path between two records: its nodes in order and one relationship per step." })
export class Path {
  @Field(() => Int, { description: "Number of relationships (steps)." })
  length: number;

  @Field(() => [NetworkNode], { description: "The nodes from the first record to the last." })
  nodes: NetworkNode[];

  @Field(() => [NetworkEdge], { description: "The relationship of each step, in order (each as stored, so it may point backwards)." })
  edges: NetworkEdge[];

  @Field(() => DateTimeScalar, { nullable: true, description: "Date of the first dated relationship on the path." })
  startsAt: string | null;

  @Field(() => DateTimeScalar, { nullable: true, description: "Date of the last dated relationship on the path." })
  endsAt: string | null;
}

@ObjectType({ description: "Paths between two records, and what the search left out." })
export class PathResult {
  @Field(() => [Path], { description: "The paths found, shortest first (none when the records are not linked within maxHops)." })
  paths: Path[];

  @Field(() => Boolean, { description: "True when more paths exist than were returned, or a limit cut the search short." })
  truncated: boolean;

  @Field(() => [CutNode], { description: "Super-nodes met on the way: paths never run through them." })
  cut: CutNode[];
}

@ObjectType({ description: "The smallest network found that connects a set of records." })
export class ConnectingNetwork {
  @Field(() => [NetworkNode], { description: "The records asked for and the nodes on the paths between them." })
  nodes: NetworkNode[];

  @Field(() => [NetworkEdge], { description: "The relationships of those paths." })
  edges: NetworkEdge[];

  @Field(() => [NetworkNode], { description: "Records asked for that no path of at most maxHops links to any other." })
  unconnected: NetworkNode[];

  @Field(() => Boolean, { description: "True when a limit cut the search short (a longer or missing connection may exist)." })
  truncated: boolean;

  @Field(() => [CutNode], { description: "Super-nodes met on the way: paths never run through them." })
  cut: CutNode[];
}
