import type { IdentifierKind, IdentifierRel } from "@cix/core";

/** The relationship by which a party holds each kind of identifier (the graph model). */
export const PARTY_REL: Record<IdentifierKind, IdentifierRel> = {
  Phone: "USES",
  Email: "USES",
  Address: "LOCATED_AT",
  BankAccount: "HOLDS_ACCOUNT",
  IdentityDocument: "HOLDS",
};
