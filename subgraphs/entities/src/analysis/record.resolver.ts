import type { RequestContext } from "@cix/core";
import { Ctx, FieldResolver, Resolver, Root } from "type-graphql";
import { identifierById } from "../identifier/identifier.loaders.js";
import { partyById } from "../party/party.loaders.js";
import { NetworkNode } from "./network.types.js";
import { NetworkRecord } from "./record.types.js";

@Resolver(() => NetworkNode)
export class NetworkNodeResolver {
  /**
   * Persons, companies and identifiers load here (one batched query per kind) with their access envelopes, so
   * their nominal fields pass the same rules as anywhere else; other records are references the gateway
   * resolves in the subgraph that owns them.
   */
  @FieldResolver(() => NetworkRecord, {
    nullable: true,
    description: "The record itself, with the fields of its type (null for a pseudonym). Its nominal fields follow the usual rules.",
  })
  async record(@Root() node: NetworkNode, @Ctx() ctx: RequestContext) {
    const ref = node.recordRef;
    if (!ref) return null;
    switch (ref.label) {
      case "Person":
      case "Company":
        return partyById(ctx).load(ref.id);
      case "Phone":
      case "Email":
      case "Address":
      case "BankAccount":
      case "IdentityDocument": {
        const row = await identifierById(ctx, ref.label).load(ref.id);
        return row && { ...row, __typename: ref.label };
      }
      default:
        return { __typename: ref.label, id: ref.id };
    }
  }
}
