import { Field, Float, Int, ObjectType } from "type-graphql";
import { CentralityMeasure, CommunityAlgorithm } from "./analysis.enums.js";
import { CutNode, NetworkNode } from "./network.types.js";

@ObjectType({ description: "A node and its centrality score." })
export class CentralityScore {
  @Field(() => Int, { description: "Rank, 1 for the most central." })
  rank: number;

  @Field(() => NetworkNode, { description: "The node." })
  node: NetworkNode;

  @Field(() => Float, { description: "The score (its scale depends on the measure)." })
  score: number;
}

@ObjectType({ description: "The most central nodes of a bounded network." })
export class Centrality {
  @Field(() => CentralityMeasure, { description: "The measure used." })
  measure: CentralityMeasure;

  @Field(() => [CentralityScore], { description: "The top nodes, most central first." })
  scores: CentralityScore[];

  @Field(() => Int, { description: "Nodes the measure ran on (super-nodes are left out)." })
  nodeCount: number;

  @Field(() => Boolean, { description: "True when the network was truncated by its limits." })
  truncated: boolean;

  @Field(() => [CutNode], { description: "Super-nodes left out of the measure." })
  cut: CutNode[];
}

@ObjectType({ description: "A value and how often it occurs." })
export class ValueCount {
  @Field(() => String, { description: "The value (a commodity category, a UN/LOCODE)." })
  value: string;

  @Field(() => Int, { description: "How many seizures have it." })
  count: number;
}

@ObjectType({ description: "A cluster of a network and what characterises it." })
export class Community {
  @Field(() => Int, { description: "Number of the cluster in this result (0 for the largest)." })
  id: number;

  @Field(() => Int, { description: "Number of members." })
  size: number;

  @Field(() => [NetworkNode], { description: "The members." })
  members: NetworkNode[];

  @Field(() => Int, { description: "Seizures among the members." })
  seizureCount: number;

  @Field(() => [ValueCount], { description: "Commodity categories of those seizures, most frequent first." })
  commodities: ValueCount[];

  @Field(() => [ValueCount], { description: "The five most frequent UN/LOCODEs of those seizures (place and route)." })
  locodes: ValueCount[];
}

@ObjectType({ description: "The clusters of a bounded network." })
export class Communities {
  @Field(() => CommunityAlgorithm, { description: "The algorithm used." })
  algorithm: CommunityAlgorithm;

  @Field(() => [Community], { description: "The clusters, largest first." })
  communities: Community[];

  @Field(() => Float, { nullable: true, description: "Modularity of the clustering (-0.5 to 1; higher is a clearer split); null without relationships." })
  modularity: number | null;

  @Field(() => Boolean, { description: "True when the network was truncated by its limits." })
  truncated: boolean;

  @Field(() => [CutNode], { description: "Super-nodes left out of the clustering." })
  cut: CutNode[];
}
