import { Field, Float, Int, ObjectType } from "type-graphql";
import { CutNode, NetworkNode } from "./network.types.js";
import { Path } from "./path.types.js";

@ObjectType({ description: "One chain of ownership from an owner down to the company, and the share held through it." })
export class OwnershipChainPath {
  @Field(() => Float, {
    nullable: true,
    description: "Percentage of the company held through this chain: the product of the percentages along it; null when a link has none.",
  })
  share: number | null;

  @Field(() => Path, { description: "The chain, from the owner (first node) to the company (last node)." })
  path: Path;
}

@ObjectType({ description: "An owner at the top of one or more ownership chains of a company: nobody is recorded to own it." })
export class UltimateOwner {
  @Field(() => NetworkNode, { description: "The owner: a person or company (a pseudonym unless you may read the record)." })
  owner: NetworkNode;

  @Field(() => Float, {
    nullable: true,
    description:
      "Percentage of the company it holds through all its chains (summed); a lower bound when some chain has no percentage, null when none has.",
  })
  effectiveShare: number | null;

  @Field(() => Int, { description: "Length of its shortest chain, in links." })
  depth: number;

  @Field(() => Boolean, { description: "True when it was reached at maxHops or is a super-node: its own owners were not searched." })
  ownersNotSearched: boolean;

  @Field(() => [OwnershipChainPath], { description: "Its chains down to the company, shortest first." })
  chains: OwnershipChainPath[];
}

@ObjectType({ description: "Who owns a company, through chains of shareholders, beneficial owners and nominee shareholders." })
export class OwnershipChains {
  @Field(() => NetworkNode, { description: "The company asked for." })
  company: NetworkNode;

  @Field(() => [UltimateOwner], { description: "The ultimate owners found, largest known share first." })
  owners: UltimateOwner[];

  @Field(() => Boolean, { description: "True when a limit (nodes, relationships, chains) cut the search short: more owners or chains may exist." })
  truncated: boolean;

  @Field(() => [CutNode], { description: "Super-nodes met on the way: returned, their owners not searched." })
  cut: CutNode[];
}
