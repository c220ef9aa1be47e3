import { Field, ObjectType } from "type-graphql";
import { LinkKind } from "./analysis.enums.js";
import { CutNode, NetworkEdge, NetworkNode } from "./network.types.js";

@ObjectType({ description: "A record and how it reaches a shared identifier." })
export class RecordRoute {
  @Field(() => NetworkNode, { description: "The record." })
  record: NetworkNode;

  @Field(() => [NetworkEdge], {
    description:
      "The relationships from the record to the shared identifier, in order (e.g. seizure OFFENDER person, person USES phone); " +
      "empty for shipments that share a tracking number.",
  })
  steps: NetworkEdge[];
}

@ObjectType({ description: "Two records tied by something they share: a hidden relationship." })
export class SharedLink {
  @Field(() => LinkKind, { description: "What they share." })
  via: LinkKind;

  @Field(() => NetworkNode, { nullable: true, description: "The shared phone, e-mail, address, account, document or company (null for a tracking number)." })
  identifier: NetworkNode | null;

  @Field(() => String, { nullable: true, description: "The shared tracking number, for TRACKING_NUMBER." })
  trackingNumber: string | null;

  @Field(() => RecordRoute, { description: "One of the records asked about, and its way to the shared identifier." })
  from: RecordRoute;

  @Field(() => RecordRoute, { description: "The other record, and its way to the shared identifier." })
  to: RecordRoute;
}

@ObjectType({ description: "The records tied to the given ones through shared identifiers." })
export class SharedIdentifiers {
  @Field(() => [SharedLink], { description: "One entry per pair of records and what ties them, shortest routes first." })
  links: SharedLink[];

  @Field(() => Boolean, { description: "True when a limit left links out." })
  truncated: boolean;

  @Field(() => [CutNode], { description: "Super-nodes (e.g. a call-centre number) that were not followed: they tie everybody to everybody." })
  cut: CutNode[];
}
