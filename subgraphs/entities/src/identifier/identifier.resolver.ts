import { Nominal, type IdentifierKind, type RequestContext } from "@cix/core";
import { Ctx, FieldResolver, Resolver, Root, type ClassType } from "type-graphql";
import { Party } from "../party/party.types.js";
import { partiesOfIdentifier } from "./identifier.loaders.js";
import type { IdentifierRow } from "./identifier.repository.js";
import { Address, BankAccount, Email, IdentityDocument, Phone } from "./identifier.types.js";

/** `<Identifier>.parties`: who is linked to this identifier, the step by which hidden links appear. */
function partiesResolver(kind: IdentifierKind, type: ClassType, description: string) {
  @Resolver(() => type)
  class IdentifierPartiesResolver {
    @Nominal()
    @FieldResolver(() => [Party], { description })
    parties(@Root() identifier: IdentifierRow, @Ctx() ctx: RequestContext) {
      return partiesOfIdentifier(ctx, kind).load(identifier.id);
    }
  }
  return IdentifierPartiesResolver;
}

export const identifierResolvers = [
  partiesResolver("Phone", Phone, "The persons and companies that use this phone number."),
  partiesResolver("Email", Email, "The persons and companies that use this e-mail address."),
  partiesResolver("Address", Address, "The persons and companies located at this address."),
  partiesResolver("BankAccount", BankAccount, "The persons and companies that hold this account."),
  partiesResolver("IdentityDocument", IdentityDocument, "The persons who hold this document."),
] as const;
